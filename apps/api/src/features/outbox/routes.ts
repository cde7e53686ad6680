// An order's outbox: the messages to its channel and whether they were delivered.
import { ZOrderParams, ZOutboxEventList } from "@bod/contracts/orders";
import { inTenant } from "../../db/client.ts";
import { ApiRouter } from "../../http/endpoint.ts";
import { notFound } from "../../http/errors.ts";

export const orderOutboxRoutes = new ApiRouter("/api/v1/orders");

orderOutboxRoutes.get("/:orderId/outbox", { summary: "Messages to the order's channel (outbox), oldest first", params: ZOrderParams, response: ZOutboxEventList }, ({ ctx, params }) =>
  inTenant(ctx, async (tx) => {
    const order = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: params.orderId } }, select: { id: true } });
    if (!order) throw notFound("Order");
    const rows = await tx.$queryRaw<any[]>`
      SELECT id::text, type, payload, status::text, attempts, available_at, last_error, created_at, delivered_at FROM outbox_events
      WHERE tenant_id = ${ctx.tenantId}::uuid AND payload->>'orderId' = ${params.orderId} ORDER BY created_at, id`;
    return {
      items: rows.map((r) => ({
        id: r.id,
        type: r.type,
        payload: r.payload,
        status: r.status,
        attempts: r.attempts,
        availableAt: r.available_at.toISOString(),
        lastError: r.last_error,
        createdAt: r.created_at.toISOString(),
        deliveredAt: r.delivered_at?.toISOString() ?? null,
      })),
    };
  }),
);
