// Saved views: a user's named order-list queries. Only the owner sees or deletes them.
import type { TCreateSavedViewRequest, TSavedView } from "@bod/contracts/order-list";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { userIdOf, type RequestContext } from "../../http/types.ts";

const MAX_VIEWS_PER_USER = 100;

const toView = (v: { id: string; name: string; query: string; createdAt: Date }): TSavedView => ({ id: v.id, name: v.name, query: v.query, createdAt: v.createdAt.toISOString() });

export async function listSavedViews(ctx: RequestContext) {
  return inTenant(ctx, async (tx) => {
    const rows = await tx.savedView.findMany({ where: { tenantId: ctx.tenantId, userId: userIdOf(ctx) }, orderBy: [{ name: "asc" }, { id: "asc" }], take: MAX_VIEWS_PER_USER });
    return { items: rows.map(toView) };
  });
}

export async function createSavedView(ctx: RequestContext, input: TCreateSavedViewRequest) {
  return inTenant(ctx, async (tx) => {
    const existing = await tx.savedView.count({ where: { tenantId: ctx.tenantId, userId: userIdOf(ctx) } });
    if (existing >= MAX_VIEWS_PER_USER) throw new AppError("rule_violation", `At most ${MAX_VIEWS_PER_USER} saved views per user`);
    return toView(await tx.savedView.create({ data: { tenantId: ctx.tenantId, userId: userIdOf(ctx), name: input.name, query: input.query } }));
  });
}

export async function deleteSavedView(ctx: RequestContext, viewId: string) {
  await inTenant(ctx, async (tx) => {
    const { count } = await tx.savedView.deleteMany({ where: { tenantId: ctx.tenantId, userId: userIdOf(ctx), id: viewId } });
    if (count === 0) throw notFound("Saved view");
  });
}
