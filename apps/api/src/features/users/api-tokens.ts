// API tokens for integrations: `bod_<tenant id without dashes>_<secret>`, shown once; only
// the SHA-256 of the whole token is stored. Revoking keeps the row for the record. A token works
// only while its creator is a member, with the lesser of its role and the creator's current role
// (http/auth.ts authenticate); it cannot be created with a role its creator's does not cover.
import type { TApiToken, TCreateApiTokenRequest, TCreatedApiToken } from "@bod/contracts/users";
import type { TPage, TPageQuery } from "@bod/contracts/common";
import { grantableRoles, roleCovers } from "@bod/contracts/roles";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { randomToken, sha256 } from "../../http/auth.ts";
import { decodeTextCursor, iso, isoOrNull, toPage } from "../../http/pagination.ts";
import { userIdOf, type RequestContext } from "../../http/types.ts";

type TokenRow = { id: string; name: string; role: TApiToken["role"]; createdBy: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };
const toApiToken = (t: TokenRow): TApiToken => ({
  id: t.id,
  name: t.name,
  role: t.role,
  createdBy: t.createdBy,
  createdAt: iso(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
});

export async function listApiTokens(ctx: RequestContext, query: TPageQuery): Promise<TPage<TApiToken>> {
  const cursor = decodeTextCursor(query.cursor, "instant");
  return inTenant(ctx, async (tx) => {
    const at = cursor ? new Date(cursor.key) : undefined;
    const rows = await tx.apiToken.findMany({
      where: { tenantId: ctx.tenantId, ...(at ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor!.id } }] } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (t) => [iso(t.createdAt), t.id], toApiToken);
  });
}

export async function createApiToken(ctx: RequestContext, input: TCreateApiTokenRequest): Promise<TCreatedApiToken> {
  if (!roleCovers(ctx.role, input.role)) {
    throw new AppError("forbidden", `A token cannot have more access than you: with your role (${ctx.role}) you may create tokens for ${grantableRoles(ctx.role).join(", ")}`, [{ path: "role", message: "Above your own role" }]);
  }
  const secret = `bod_${ctx.tenantId.replaceAll("-", "")}_${randomToken(32)}`;
  return inTenant(ctx, async (tx) => {
    const row = await tx.apiToken.create({ data: { tenantId: ctx.tenantId, name: input.name, role: input.role, tokenHash: sha256(secret), createdBy: userIdOf(ctx) } });
    return { ...toApiToken(row), secret };
  });
}

export async function revokeApiToken(ctx: RequestContext, id: string) {
  await inTenant(ctx, async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
    if (!row) throw notFound("API token");
    if (!row.revokedAt) await tx.apiToken.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { revokedAt: new Date() } });
  });
}
