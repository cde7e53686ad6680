// Tagging an order (used by bulk actions until features/orders offers it). Tags do not
// change stock or rank, so no recompute; the change is on the order's timeline.
import { inTenant } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";

async function changeTags(ctx: RequestContext, orderId: string, tag: string, add: boolean) {
  return inTenant(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ tags: string[] }[]>`
      SELECT tags FROM sales_orders WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid FOR UPDATE`;
    if (!rows[0]) throw notFound("Order");
    const has = rows[0].tags.includes(tag);
    if (has === add) return;
    const tags = add ? [...rows[0].tags, tag] : rows[0].tags.filter((t) => t !== tag);
    await tx.salesOrder.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: orderId } }, data: { tags, version: { increment: 1 } } });
    await tx.orderEvent.create({
      data: { tenantId: ctx.tenantId, orderId, type: add ? "tagged" : "untagged", message: `${add ? "Tagged" : "Untagged"} "${tag}"`, data: { tag }, actorId: ctx.userId },
    });
  });
}

export const addOrderTag = (ctx: RequestContext, orderId: string, tag: string) => changeTags(ctx, orderId, tag, true);
export const removeOrderTag = (ctx: RequestContext, orderId: string, tag: string) => changeTags(ctx, orderId, tag, false);
