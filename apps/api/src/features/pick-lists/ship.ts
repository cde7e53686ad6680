// "Ship completed orders": every order of the list whose units are all picked ships through
// the shipment service (the one write path: ledger, allocations, timeline, outbox), each in
// its own transaction under an idempotency key derived from the list and the order, so a
// repeated request ships nothing twice and one order's refusal does not undo another's.
import type { TShipPickListResponse } from "@bod/contracts/pick-lists";
import type { TShipmentResponse } from "@bod/contracts/orders";
import { inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { withDerivedIdempotencyKey } from "../../http/idempotency.ts";
import type { RequestContext } from "../../http/types.ts";
import { createShipment } from "../shipments/service.ts";
import { readPickList } from "./read.ts";
import { completeIfDone, lockPickList, requireOpen } from "./service.ts";

interface ReadyOrder {
  order_id: string;
  number: string;
  lines: { lineId: string; quantity: number }[];
}

type Step = { shipped: { shipmentId: string; shipmentNumber: string } } | { skipped: string };

export async function shipCompletedOrders(ctx: RequestContext, pickListId: string): Promise<TShipPickListResponse> {
  const { tenantId } = ctx;
  const { ready, notPicked } = await inTenant(ctx, async (tx) => {
    const list = await lockPickList(tx, tenantId, pickListId);
    requireOpen(list);
    const rows = await tx.$queryRaw<(ReadyOrder & { complete: boolean })[]>`
      SELECT o.order_id::text, so.number, bool_and(l.picked = l.quantity) AS complete,
        json_agg(json_build_object('lineId', l.line_id, 'quantity', l.quantity) ORDER BY l.line_id) AS lines
      FROM pick_list_orders o
      JOIN sales_orders so ON so.tenant_id = o.tenant_id AND so.id = o.order_id
      JOIN pick_list_lines l ON l.tenant_id = o.tenant_id AND l.pick_list_id = o.pick_list_id AND l.order_id = o.order_id
      WHERE o.tenant_id = ${tenantId}::uuid AND o.pick_list_id = ${pickListId}::uuid AND o.state = 'open'
      GROUP BY o.order_id, so.number, o.position ORDER BY o.position`;
    return { ready: rows.filter((r) => r.complete), notPicked: rows.filter((r) => !r.complete).length };
  });
  if (ready.length === 0) throw new AppError("rule_violation", "No order on the list is fully picked yet");

  const shipped: TShipPickListResponse["shipped"] = [];
  const notShipped: TShipPickListResponse["notShipped"] = [];
  for (const order of ready) {
    try {
      const { result } = await withDerivedIdempotencyKey<Step>(ctx, `pick-list:${pickListId}:ship:${order.order_id}`, `ship pick list ${pickListId} order ${order.order_id}`, () =>
        shipOne(ctx, pickListId, order),
      );
      if ("shipped" in result) shipped.push({ orderId: order.order_id, number: order.number, ...result.shipped });
      else notShipped.push({ orderId: order.order_id, number: order.number, message: result.skipped });
    } catch (error) {
      // A refusal of the shipment service (stock taken meanwhile, the order held or changed): reported and noted, nothing shipped for it.
      if (!(error instanceof AppError)) throw error;
      notShipped.push({ orderId: order.order_id, number: order.number, message: error.message });
      await inTenant(ctx, (tx) => tx.$executeRaw`UPDATE pick_list_orders SET note = ${error.message}
        WHERE tenant_id = ${tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND order_id = ${order.order_id}::uuid AND state = 'open'`);
    }
  }
  const pickList = await inTenant(ctx, async (tx) => {
    await lockPickList(tx, tenantId, pickListId);
    await completeIfDone(tx, ctx, pickListId);
    return readPickList(tx, tenantId, pickListId);
  });
  return { pickList, shipped, notShipped, notPicked };
}

/** One order, in the transaction of its idempotency key: still open on the list, then shipped exactly as picked. */
async function shipOne(ctx: RequestContext, pickListId: string, order: ReadyOrder): Promise<Step> {
  return inTenant(ctx, async (tx) => {
    const list = await lockPickList(tx, ctx.tenantId, pickListId);
    requireOpen(list);
    const [on] = await tx.$queryRaw<{ state: string }[]>`SELECT state::text FROM pick_list_orders
      WHERE tenant_id = ${ctx.tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND order_id = ${order.order_id}::uuid FOR UPDATE`;
    if (on?.state !== "open") return { skipped: `${order.number} is ${on?.state ?? "no longer"} on the list` };
    const result: TShipmentResponse = await createShipment(ctx, order.order_id, { lines: order.lines });
    await tx.$executeRaw`UPDATE pick_list_orders SET state = 'shipped', shipment_id = ${result.shipment.id}::uuid, note = NULL
      WHERE tenant_id = ${ctx.tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND order_id = ${order.order_id}::uuid`;
    return { shipped: { shipmentId: result.shipment.id, shipmentNumber: result.shipment.number } };
  });
}
