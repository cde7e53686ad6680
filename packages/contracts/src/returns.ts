// Returns (RMA): shipped units of an order coming back, each with a condition. The request and
// response schemas, and the rules of what a user may do on a return now (role × state), used by
// the API's guards and shown by the SPA (docs/decisions/014 and 018).
import { z } from "zod";
import type { TRole } from "./common.ts";
import { ZId, ZInt, ZPage, ZPageQuery, ZQuantity } from "./common.ts";
import { ZOrderRef } from "./purchasing.ts";
import { ROLE_GROUPS } from "./roles.ts";

export const RETURN_REASONS = ["damaged_in_transit", "defective", "wrong_item", "not_as_described", "no_longer_needed", "other"] as const;
export const ZReturnReason = z.enum(RETURN_REASONS);
export type TReturnReason = z.infer<typeof ZReturnReason>;
export const RETURN_REASON_LABELS: Record<TReturnReason, string> = {
  damaged_in_transit: "Damaged in transit",
  defective: "Defective",
  wrong_item: "Wrong item sent",
  not_as_described: "Not as described",
  no_longer_needed: "No longer needed",
  other: "Other",
};

/** restock: back to sellable stock; damaged and quarantine: kept apart, never available to orders. */
export const RETURN_CONDITIONS = ["restock", "damaged", "quarantine"] as const;
export const ZReturnCondition = z.enum(RETURN_CONDITIONS);
export type TReturnCondition = z.infer<typeof ZReturnCondition>;

export const RETURN_STATUSES = ["open", "partially_received", "received", "closed", "cancelled"] as const;
export const ZReturnStatus = z.enum(RETURN_STATUSES);
export type TReturnStatus = z.infer<typeof ZReturnStatus>;

const ZVersion = ZInt.min(0);
const ZNote = z.string().trim().min(1).max(1000);

// ---- Requests -----------------------------------------------------------------------------

export const ZOrderReturnsParams = z.object({ orderId: ZId }).strict();
export const ZReturnParams = z.object({ returnId: ZId }).strict();

export const ZCreateReturnRequest = z
  .object({
    reason: ZReturnReason,
    note: ZNote.optional(),
    lines: z
      .array(z.object({ lineId: ZId, quantity: ZQuantity, condition: ZReturnCondition }).strict())
      .min(1)
      .max(200)
      .refine((ls) => new Set(ls.map((l) => `${l.lineId}|${l.condition}`)).size === ls.length, "A line may appear once per condition"),
  })
  .strict();
export type TCreateReturnRequest = z.infer<typeof ZCreateReturnRequest>;

/** Units counted in now, per return line; or everything still expected. */
export const ZReceiveReturnRequest = z
  .object({
    lines: z
      .array(z.object({ returnLineId: ZId, quantity: ZQuantity }).strict())
      .min(1)
      .max(200)
      .refine((ls) => new Set(ls.map((l) => l.returnLineId)).size === ls.length, "A return line may appear once")
      .optional(),
    receiveAllRemaining: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => (b.lines === undefined) !== (b.receiveAllRemaining === undefined), { message: "Send either lines or receiveAllRemaining", path: ["lines"] });
export type TReceiveReturnRequest = z.infer<typeof ZReceiveReturnRequest>;

export const ZReturnActionRequest = z.object({ version: ZVersion }).strict();
export type TReturnActionRequest = z.infer<typeof ZReturnActionRequest>;

/** Refund the units received on the return at the price they were sold at. */
export const ZReturnRefundRequest = z.object({ version: ZVersion, reason: ZNote.optional() }).strict();
export type TReturnRefundRequest = z.infer<typeof ZReturnRefundRequest>;

/** The order that sends the customer the replacement (made on the orders desk or by the store). */
export const ZReturnExchangeRequest = z.object({ version: ZVersion, orderId: ZId }).strict();
export type TReturnExchangeRequest = z.infer<typeof ZReturnExchangeRequest>;

export const ZReturnListQuery = ZPageQuery.extend({
  status: ZReturnStatus.optional(),
  /** matches the RMA number or the order number */
  q: z.string().trim().max(100).optional(),
}).strict();
export type TReturnListQuery = z.output<typeof ZReturnListQuery>;

// ---- Actions (role × state) ---------------------------------------------------------------

export const RETURN_ACTIONS = ["receive", "cancel", "close", "refund", "link_exchange"] as const;
export const ZReturnAction = z.enum(RETURN_ACTIONS);
export type TReturnAction = z.infer<typeof ZReturnAction>;

export const RETURN_ACTION_ROLES: Record<TReturnAction, readonly TRole[]> = {
  receive: ROLE_GROUPS.stock,
  cancel: ROLE_GROUPS.managers,
  close: ROLE_GROUPS.managers,
  refund: ROLE_GROUPS.managers,
  link_exchange: ROLE_GROUPS.managers,
};
/** Who may see returns (the returns list, a return) and who may authorise one on an order. */
export const RETURN_READ_ROLES: readonly TRole[] = ROLE_GROUPS.stock;
export const RETURN_CREATE_ROLES: readonly TRole[] = ROLE_GROUPS.managers;

export interface ReturnState {
  status: TReturnStatus;
  /** units received so far, over all lines */
  received: number;
  hasRefund: boolean;
  hasExchange: boolean;
}

/** Why `action` is refused by the return's state, or undefined when the state allows it. */
export function returnActionRefusal(action: TReturnAction, r: ReturnState): string | undefined {
  switch (action) {
    case "receive":
      return r.status === "open" || r.status === "partially_received" ? undefined : `Cannot receive on a return that is ${r.status}`;
    case "cancel":
      if (r.received > 0) return "Units were already received on this return: close it instead of cancelling";
      return r.status === "open" ? undefined : `Only an open return can be cancelled; this one is ${r.status}`;
    case "close":
      return r.status === "partially_received" || r.status === "received" ? undefined : `Only a received or partially received return can be closed; this one is ${r.status}`;
    case "refund":
      if (r.hasRefund) return "A refund is already linked to this return";
      if (r.status === "cancelled") return "The return is cancelled";
      return r.received > 0 ? undefined : "Nothing has been received on this return yet";
    case "link_exchange":
      if (r.hasExchange) return "An exchange order is already linked to this return";
      return r.status === "cancelled" ? "The return is cancelled" : undefined;
  }
}

export function allowedReturnActions(role: TRole, r: ReturnState): TReturnAction[] {
  return RETURN_ACTIONS.filter((a) => RETURN_ACTION_ROLES[a].includes(role) && returnActionRefusal(a, r) === undefined);
}

/** Why no return can be created on the order now, or undefined: some shipped unit is not returned yet. */
export function returnCreationRefusal(order: { status: string; returnable: { quantity: number }[] }): string | undefined {
  if (!order.returnable.some((l) => l.quantity > 0)) return "Nothing shipped on this order is left to return";
  return undefined;
}

// ---- Responses ----------------------------------------------------------------------------

export const ZReturnLine = z.object({
  id: ZId,
  orderLineId: ZId,
  lineNo: z.number(),
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  condition: ZReturnCondition,
  quantity: z.number(),
  quantityReceived: z.number(),
  remaining: z.number(),
  unitPriceCents: z.number(),
});
export type TReturnLine = z.infer<typeof ZReturnLine>;

export const ZReturnReceipt = z.object({
  id: ZId,
  createdAt: z.string(),
  lines: z.array(z.object({ returnLineId: ZId, sku: z.string(), condition: ZReturnCondition, quantity: z.number() })),
});

export const ZReturn = z.object({
  id: ZId,
  number: z.string(),
  status: ZReturnStatus,
  reason: ZReturnReason,
  note: z.string().nullable(),
  order: z.object({ id: ZId, number: z.string(), status: z.string(), warehouseId: ZId }),
  lines: z.array(ZReturnLine),
  receipts: z.array(ZReturnReceipt),
  refund: z.object({ id: ZId, amountCents: z.number() }).nullable(),
  exchangeOrder: ZOrderRef.nullable(),
  version: z.number(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  allowedActions: z.array(ZReturnAction),
});
export type TReturn = z.infer<typeof ZReturn>;

export const ZReturnSummary = z.object({
  id: ZId,
  number: z.string(),
  status: ZReturnStatus,
  reason: ZReturnReason,
  orderId: ZId,
  orderNumber: z.string(),
  units: z.number(),
  unitsReceived: z.number(),
  createdAt: z.string(),
});
export type TReturnSummary = z.infer<typeof ZReturnSummary>;
export const ZReturnPage = ZPage(ZReturnSummary);

/** On the order detail: its returns, what each line may still return, and whether the user may create one. */
export const ZOrderReturns = z.object({
  items: z.array(ZReturnSummary),
  returnable: z.array(z.object({ lineId: ZId, quantity: z.number() })),
  allowedActions: z.array(z.enum(["create_return"])),
});
export type TOrderReturns = z.infer<typeof ZOrderReturns>;

export const ZReceiveReturnResponse = z.object({
  return: ZReturn,
  /** orders this receipt turned fulfillable */
  ordersNowFulfillable: z.array(ZOrderRef),
  /** orders this receipt turned partially fulfillable */
  ordersNowPartiallyFulfillable: z.array(ZOrderRef),
});
export type TReceiveReturnResponse = z.infer<typeof ZReceiveReturnResponse>;
