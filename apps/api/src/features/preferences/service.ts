// A user's preferences: one JSON value per (company, user, key), read and replaced whole. Only
// the signed-in user's own rows are ever read or written; another user's never show.
import { PREFERENCE_SCHEMAS, type TPreference, type TPreferenceKey } from "@bod/contracts/preferences";
import { inTenant } from "../../db/client.ts";
import { AppError, zodDetails } from "../../http/errors.ts";
import { userIdOf, type RequestContext } from "../../http/types.ts";

/** The stored value, or null when none was saved (or a stored one no longer fits its schema). */
export async function readPreference(ctx: RequestContext, key: TPreferenceKey): Promise<TPreference> {
  const row = await inTenant(ctx, (tx) => tx.userPreference.findUnique({ where: { tenantId_userId_key: { tenantId: ctx.tenantId, userId: userIdOf(ctx), key } } }));
  const parsed = row ? PREFERENCE_SCHEMAS[key].safeParse(row.value) : undefined;
  return { key, value: parsed?.success ? parsed.data : null, updatedAt: parsed?.success ? row!.updatedAt.toISOString() : null };
}

export async function writePreference(ctx: RequestContext, key: TPreferenceKey, value: unknown): Promise<TPreference> {
  const parsed = PREFERENCE_SCHEMAS[key].safeParse(value);
  if (!parsed.success) throw new AppError("invalid_input", "Invalid input", zodDetails(parsed.error).map((d) => ({ ...d, path: d.path ? `value.${d.path}` : "value" })));
  const id = { tenantId: ctx.tenantId, userId: userIdOf(ctx), key };
  const row = await inTenant(ctx, (tx) =>
    tx.userPreference.upsert({ where: { tenantId_userId_key: id }, create: { ...id, value: parsed.data }, update: { value: parsed.data, updatedAt: new Date() } }),
  );
  return { key, value: parsed.data, updatedAt: row.updatedAt.toISOString() };
}
