// What a user may do on a row now: role × state, written once. The API's guards call the
// `…Refusal` functions (a reason to refuse, or undefined) and its responses carry
// `allowedActions` computed from the same functions, so the SPA shows exactly what the API accepts.
import { z } from "zod";
import type { TRole } from "./common.ts";
import { ROLE_GROUPS } from "./roles.ts";

// ---- Sales orders -------------------------------------------------------------------------

export const ORDER_ACTIONS = [
  /** POST /orders/:id/shipments with no lines: ship every line's allocation (ship-complete orders only in full) */
  "ship",
  /** POST /orders/:id/staging: pick units into a container */
  "pick",
  "hold",
  "release",
  "reprioritise",
  "edit",
  "cancel",
  "exchange",
  "change_fulfillment_mode",
  /** The oversold choices (cancel & refund, refund the unavailable part, exchange): lines short with nothing incoming */
  "resolve_oversell",
] as const;
export const ZOrderAction = z.enum(ORDER_ACTIONS);
export type TOrderAction = z.infer<typeof ZOrderAction>;

export const ORDER_ACTION_ROLES: Record<TOrderAction, readonly TRole[]> = {
  ship: ROLE_GROUPS.stock,
  pick: ROLE_GROUPS.stock,
  hold: ROLE_GROUPS.managers,
  release: ROLE_GROUPS.managers,
  reprioritise: ROLE_GROUPS.managers,
  edit: ROLE_GROUPS.managers,
  cancel: ROLE_GROUPS.managers,
  exchange: ROLE_GROUPS.managers,
  change_fulfillment_mode: ROLE_GROUPS.managers,
  resolve_oversell: ROLE_GROUPS.managers,
};

type OrderStatus = "open" | "on_hold" | "partially_shipped" | "shipped" | "cancelled";
export interface OrderState {
  status: OrderStatus;
  fulfillmentMode: "ship_partial" | "ship_complete";
  lines: { remaining: number; allocated: number; projectedDate?: string | null }[];
}

const done = (s: OrderStatus) => s === "shipped" || s === "cancelled";

/**
 * Why a shipment of `ship[i]` units of line i (default: each line's allocation) is refused
 * by the order's state, or undefined. Quantity checks against allocation stay in the service.
 */
export function shipmentRefusal(order: OrderState, ship?: number[]): string | undefined {
  if (order.status === "on_hold") return "The order is on hold: release it before shipping";
  if (order.status !== "open" && order.status !== "partially_shipped") return `Cannot ship an order that is ${order.status}`;
  const qty = ship ?? order.lines.map((l) => Math.min(l.allocated, l.remaining));
  if (!qty.some((q) => q > 0)) return "Nothing to ship: no line has stock allocated";
  if (order.fulfillmentMode === "ship_complete" && order.lines.some((l, i) => l.remaining - (qty[i] ?? 0) > 0)) return "ships complete";
  return undefined;
}

/** Why `action` is refused by the order's state (not the role), or undefined when the state allows it. */
export function orderActionRefusal(action: TOrderAction, order: OrderState): string | undefined {
  switch (action) {
    case "ship":
      return shipmentRefusal(order);
    case "pick":
      if (order.status === "on_hold") return "The order is on hold: release it before picking";
      return done(order.status) ? `Cannot pick an order that is ${order.status}` : undefined;
    case "hold":
      if (order.status === "on_hold") return "The order is already on hold";
      return done(order.status) ? `Cannot hold an order that is ${order.status}` : undefined;
    case "release":
      return order.status === "on_hold" ? undefined : "Only an order on hold can be released";
    case "resolve_oversell":
      if (done(order.status)) return `The order is ${order.status}`;
      return order.lines.some((l) => l.remaining > l.allocated && !l.projectedDate) ? undefined : "No line is short without incoming stock";
    default:
      return done(order.status) ? `Cannot ${action.replaceAll("_", " ")} an order that is ${order.status}` : undefined;
  }
}

export function allowedOrderActions(role: TRole, order: OrderState): TOrderAction[] {
  return ORDER_ACTIONS.filter((a) => ORDER_ACTION_ROLES[a].includes(role) && orderActionRefusal(a, order) === undefined);
}

// ---- Purchase orders ----------------------------------------------------------------------

export const PURCHASE_ORDER_ACTIONS = ["edit", "submit", "cancel", "close", "receive"] as const;
export const ZPurchaseOrderAction = z.enum(PURCHASE_ORDER_ACTIONS);
export type TPurchaseOrderAction = z.infer<typeof ZPurchaseOrderAction>;

export const PURCHASE_ORDER_ACTION_ROLES: Record<TPurchaseOrderAction, readonly TRole[]> = {
  edit: ROLE_GROUPS.purchasing,
  submit: ROLE_GROUPS.purchasing,
  cancel: ROLE_GROUPS.purchasing,
  close: ROLE_GROUPS.purchasing,
  receive: ROLE_GROUPS.everyone,
};

type PoStatus = "draft" | "ordered" | "partially_received" | "received" | "closed" | "cancelled";
export interface PurchaseOrderState {
  status: PoStatus;
  /** units received so far, over all lines */
  received: number;
}

/** Why `action` is refused by the purchase order's state, or undefined when the state allows it. */
export function purchaseOrderActionRefusal(action: TPurchaseOrderAction, po: PurchaseOrderState): string | undefined {
  switch (action) {
    case "edit":
      return ["draft", "ordered", "partially_received"].includes(po.status) ? undefined : `Cannot edit a purchase order that is ${po.status}`;
    case "submit":
      return po.status === "draft" ? undefined : `Only a draft can be submitted; this purchase order is ${po.status}`;
    case "cancel":
      if (po.received > 0) return "Units were already received on this purchase order: close it instead of cancelling";
      return po.status === "draft" || po.status === "ordered" ? undefined : `Cannot cancel a purchase order that is ${po.status}`;
    case "close":
      return po.status === "received" || po.status === "partially_received" ? undefined : `Only a received or partially received purchase order can be closed; this one is ${po.status}`;
    case "receive":
      return po.status === "ordered" || po.status === "partially_received" ? undefined : `Cannot receive on a purchase order that is ${po.status}`;
  }
}

export function allowedPurchaseOrderActions(role: TRole, po: PurchaseOrderState): TPurchaseOrderAction[] {
  return PURCHASE_ORDER_ACTIONS.filter((a) => PURCHASE_ORDER_ACTION_ROLES[a].includes(role) && purchaseOrderActionRefusal(a, po) === undefined);
}
