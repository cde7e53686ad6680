// Oversold by accident: the guided choices (cancel and refund in full, refund the unavailable
// part and ship the rest, exchange), exchange suggestions, store updates of an order by its
// external id, and resolving the conflicts those updates leave on an order.
import { z } from "zod";
import { ORDER_TOTAL_TOO_LARGE, orderTotalFits, ZId, ZQuantity, ZInt } from "./common.ts";
import { ZCents, ZInstant, ZOrderDetail } from "./orders.ts";

/** The order's `version` as last read: every choice names it, and a stale one is 409 with nothing changed. */
const ZVersion = ZInt.positive();
const ZReason = z.string().trim().min(1).max(500);

/** Choice 1: cancel what remains, refund everything still refundable (lines, shipping, tax). */
export const ZCancelRefundRequest = z.object({ version: ZVersion, reason: ZReason }).strict();
export type TCancelRefundRequest = z.infer<typeof ZCancelRefundRequest>;

/** Choice 2: cancel these quantities (line by line), refund their amount; what is allocated ships next. */
export const ZRefundPartialRequest = z
  .object({
    version: ZVersion,
    reason: ZReason,
    lines: z
      .array(z.object({ lineId: ZId, quantity: ZQuantity }).strict())
      .min(1)
      .max(200)
      .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, "A line may appear once"),
  })
  .strict();
export type TRefundPartialRequest = z.infer<typeof ZRefundPartialRequest>;

/** Choice 3: replace `quantity` units of a line with another product; the price difference becomes a refund or an amount due. */
export const ZOversellExchangeRequest = z
  .object({
    version: ZVersion,
    reason: ZReason,
    lineId: ZId,
    quantity: ZQuantity,
    newProductId: ZId,
    /** The replacement's unit price; the line's own price when omitted. */
    unitPriceCents: ZCents.optional(),
  })
  .strict();
export type TOversellExchangeRequest = z.infer<typeof ZOversellExchangeRequest>;

export const ZExchangeSuggestionsQuery = z
  .object({
    lineId: ZId,
    /** Manual pick: search SKU, name or barcode among products available now. */
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const ZExchangeSuggestion = z.object({
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  /** Free now in the order's warehouse: on hand − allocated. */
  available: z.number(),
  /** A starting price: the product's latest price on this company's orders, else the line's price. */
  unitPriceCents: z.number(),
  /** (replacement − original) per unit: negative means money back to the customer. */
  priceDifferenceCents: z.number(),
  why: z.enum(["same_supplier", "search"]),
  supplierName: z.string().nullable(),
});
export const ZExchangeSuggestions = z.object({
  line: z.object({ id: ZId, sku: z.string(), name: z.string(), unitPriceCents: z.number(), unavailable: z.number() }),
  items: z.array(ZExchangeSuggestion),
});
export type TExchangeSuggestions = z.infer<typeof ZExchangeSuggestions>;
export type TExchangeSuggestion = z.infer<typeof ZExchangeSuggestion>;

/**
 * An order as the store holds it now, after an edit made in the store (channels that support
 * edits). Lines are the full set: a line left out is removed. `quantity` is what the customer
 * is to receive (our ordered − cancelled); prices apply to new lines. Money moved by the store's
 * own edit is the store's business: `paid` here stays what was paid at import. Replaying the
 * same update changes nothing.
 */
export const ZStoreOrderUpdateRequest = z
  .object({
    customerName: z.string().trim().min(1).max(200).optional(),
    customerEmail: z.email().max(320).nullable().optional(),
    shippingAddress: z.string().trim().max(1000).nullable().optional(),
    shipBy: ZInstant.nullable().optional(),
    lines: z
      .array(
        z
          .object({ sku: z.string().trim().min(1).max(100), quantity: ZInt.min(0), unitPriceCents: ZCents })
          .strict(),
      )
      .max(200)
      .refine((ls) => new Set(ls.map((l) => l.sku)).size === ls.length, "A SKU may appear on at most one line")
      .refine((lines) => orderTotalFits({ lines }), { message: ORDER_TOTAL_TOO_LARGE.message }),
  })
  .strict();
export type TStoreOrderUpdateRequest = z.input<typeof ZStoreOrderUpdateRequest>;
export const ZStoreOrderParams = z.object({ channelId: ZId, externalId: z.string().trim().min(1).max(100) });
export const ZStoreOrderUpdateResponse = z.object({
  /** false when this exact update was already applied (a replay). */
  changed: z.boolean(),
  /** Conflicts this update recorded on the order. */
  conflicts: z.number(),
  order: ZOrderDetail,
});
export type TStoreOrderUpdateResponse = z.infer<typeof ZStoreOrderUpdateResponse>;

export const ZOrderConflictParams = z.object({ orderId: ZId, conflictId: ZId });
export const ZResolveConflictRequest = z.object({ note: z.string().trim().min(1).max(500).optional() }).strict();
