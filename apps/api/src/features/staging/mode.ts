// An order's fulfillment mode (ship_partial / ship_complete), changed by a manager with a
// reason in the timeline. The engine does not read the mode, so nothing is recomputed; staged
// units stay where they are (unstage them if the order should ship in parts from the shelf).
import type { TChangeFulfillmentModeRequest } from "@bod/contracts/staging";
import type { TOrderDetail } from "@bod/contracts/orders";
import { inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { readOrderDetail } from "../orders/detail.ts";
import { addOrderEvent, bumpVersion, lockOrder, requireOpen } from "../orders/write.ts";

const LABEL = { ship_partial: "ship in parts", ship_complete: "ship complete" } as const;

export function changeFulfillmentMode(ctx: RequestContext, orderId: string, input: TChangeFulfillmentModeRequest): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireOpen(order, "change the fulfillment mode of");
    if (order.fulfillmentMode === input.mode) throw new AppError("rule_violation", `Order ${order.number} is already set to ${LABEL[input.mode]}`);
    await bumpVersion(tx, ctx.tenantId, orderId, { fulfillmentMode: input.mode });
    await addOrderEvent(tx, ctx, orderId, "mode_changed", `Fulfillment mode: ${LABEL[order.fulfillmentMode]} → ${LABEL[input.mode]}. Reason: ${input.reason}`, {
      from: order.fulfillmentMode,
      to: input.mode,
      reason: input.reason,
    });
    return readOrderDetail(tx, ctx, orderId);
  });
}
