// Ship fulfillable orders in bulk: each order through the shipment service in its own
// transaction, shipped whole from its allocation or not at all (a partially fulfillable,
// backordered, held or shipped order is reported and left unchanged). With an Idempotency-Key,
// each order's part is keyed on its own (`<key>#<orderId>`): a retry replays what shipped and
// moves no stock again, and runs what failed afresh.
import type { TBulkShipRequest, TBulkShipResponse } from "@bod/contracts/order-list";
import { inRequestTransaction } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { withDerivedIdempotencyKey } from "../../http/idempotency.ts";
import type { RequestContext } from "../../http/types.ts";
import { createShipment } from "../shipments/service.ts";

/** Room in the key column for `#<uuid>` after the client's key. */
export const BULK_KEY_MAX = 160;

type Shipped = { shipmentId: string; shipmentNumber: string };

async function shipWhole(ctx: RequestContext, orderId: string): Promise<Shipped> {
  const res = await createShipment(ctx, orderId, {});
  // The shipment ran inside this transaction: an order left partly unshipped rolls it back.
  if (res.order.status !== "shipped") throw new AppError("rule_violation", `Order ${res.order.number} is not fulfillable in full: only part of it is in stock`);
  return { shipmentId: res.shipment.id, shipmentNumber: res.shipment.number };
}

export async function bulkShipOrders(ctx: RequestContext, req: TBulkShipRequest, idempotencyKey: string | undefined): Promise<TBulkShipResponse> {
  if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > BULK_KEY_MAX)) {
    throw new AppError("invalid_input", `Idempotency-Key must be 1 to ${BULK_KEY_MAX} characters`, [{ path: "Idempotency-Key", message: "length", code: "too_big" }]);
  }
  const result: TBulkShipResponse = { shipped: [], failed: [] };
  for (const orderId of [...new Set(req.orderIds)]) {
    try {
      const run = () => shipWhole(ctx, orderId);
      const shipped = idempotencyKey
        ? (await withDerivedIdempotencyKey(ctx, `${idempotencyKey}#${orderId}`, `${ctx.userId ?? ""} POST /orders/bulk-ship ${orderId}`, run)).result
        : await inRequestTransaction(ctx, run);
      result.shipped.push({ orderId, ...shipped });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ orderId, error: { code: error.code, message: error.message } });
    }
  }
  return result;
}
