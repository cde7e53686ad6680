// Bulk actions on selected orders: each order goes through the same per-order service a
// single-order request uses, in its own transaction, so one failure (a stale or missing
// order) does not undo the others. Another tenant's ids fail as not_found.
import type { TBulkOrderRequest, TBulkOrderResponse } from "@bod/contracts/order-list";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { holdOrder, releaseOrder, reprioritiseOrder } from "../orders/changes.ts";
import { addOrderTag, removeOrderTag } from "./tags.ts";

type PerOrder = (ctx: RequestContext, orderId: string) => Promise<unknown>;

function perOrderAction(req: TBulkOrderRequest): PerOrder {
  switch (req.action) {
    case "tag":
      return (ctx, id) => addOrderTag(ctx, id, req.tag!);
    case "untag":
      return (ctx, id) => removeOrderTag(ctx, id, req.tag!);
    case "hold":
      return (ctx, id) => holdOrder(ctx, id, { reason: req.reason! });
    case "release":
      return (ctx, id) => releaseOrder(ctx, id, { reason: req.reason });
    case "set_priority":
      return (ctx, id) => reprioritiseOrder(ctx, id, { priority: req.priority!, reason: req.reason! });
  }
}

export async function bulkOrderAction(ctx: RequestContext, req: TBulkOrderRequest): Promise<TBulkOrderResponse> {
  const run = perOrderAction(req);
  const result: TBulkOrderResponse = { succeeded: [], failed: [] };
  for (const orderId of [...new Set(req.orderIds)]) {
    try {
      await run(ctx, orderId);
      result.succeeded.push(orderId);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.failed.push({ orderId, error: { code: error.code, message: error.message } });
    }
  }
  return result;
}
