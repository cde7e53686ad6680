// Sales orders: create/import, detail, edits, hold/release/priority, cancel/refund/exchange,
// tags and notes, hard allocations and shipments (an order's outbox: integrations.ts).
import { z } from "zod";
import { ZOrderAction } from "./actions.ts";
import { ORDER_TOTAL_TOO_LARGE, orderTotalFits, ZDateOnly, ZDateTime, ZId, ZQuantity, ZInt } from "./common.ts";
import { ZChannelKind, ZFulfillmentMode } from "./channels.ts";
import { ZOutboxStatus } from "./integrations.ts";
import { ZOrderReturns } from "./returns.ts";
import { ZWarehouseAddress } from "./warehouses.ts";

export const ZOrderStatus = z.enum(["open", "on_hold", "partially_shipped", "shipped", "cancelled"]);
export type TOrderStatus = z.infer<typeof ZOrderStatus>;
export const ZFulfillability = z.enum(["fulfillable", "partially_fulfillable", "backordered"]);
export type TFulfillability = z.infer<typeof ZFulfillability>;

/** An instant (ISO date-time with offset) or a calendar date (midnight UTC). */
export const ZInstant = z.union([ZDateTime, ZDateOnly]);
export const ZCents = ZInt.min(0);
export const ZPriority = ZInt.min(-100).max(100);
export const ZTag = z.string().trim().min(1).max(40);
/** The order's `version` as last read; a write with an older one is refused (409 stale_version). */
const ZVersion = ZInt.positive();

export const ZOrderLineInput = z
  .object({
    productId: ZId.optional(),
    sku: z.string().trim().min(1).max(100).optional(),
    quantity: ZQuantity,
    unitPriceCents: ZCents,
  })
  .strict()
  .refine((l) => (l.productId === undefined) !== (l.sku === undefined), { message: "Give either productId or sku", path: ["productId"] });
export type TOrderLineInput = z.infer<typeof ZOrderLineInput>;

const distinctProducts = (lines: { productId?: string; sku?: string }[]) => new Set(lines.map((l) => l.productId ?? `sku:${l.sku}`)).size === lines.length;

export const ZCreateOrderRequest = z
  .object({
    channelId: ZId,
    externalId: z.string().trim().min(1).max(100).optional(),
    warehouseId: ZId.optional(),
    customerName: z.string().trim().min(1).max(200),
    customerEmail: z.email().max(320).optional(),
    shippingAddress: z.string().trim().max(1000).optional(),
    orderDate: ZInstant.optional(),
    shipBy: ZInstant.optional(),
    priority: ZPriority.default(0),
    fulfillmentMode: ZFulfillmentMode.optional(),
    tags: z.array(ZTag).max(50).optional(),
    lines: z.array(ZOrderLineInput).min(1).max(200).refine(distinctProducts, "A product may appear on at most one line"),
    /** What the customer paid for shipping and tax; paid = lines + shipping + tax. */
    shippingCents: ZCents.optional(),
    taxCents: ZCents.optional(),
  })
  .strict()
  .refine(orderTotalFits, ORDER_TOTAL_TOO_LARGE);
export type TCreateOrderRequest = z.input<typeof ZCreateOrderRequest>;

export const ZUpdateOrderRequest = z
  .object({
    version: ZVersion,
    customerName: z.string().trim().min(1).max(200).optional(),
    customerEmail: z.email().max(320).nullable().optional(),
    shippingAddress: z.string().trim().max(1000).nullable().optional(),
    shipBy: ZInstant.nullable().optional(),
    lines: z
      .array(z.object({ lineId: ZId, quantity: ZQuantity }).strict())
      .max(200)
      .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, "A line may appear once")
      .optional(),
    addLines: z.array(ZOrderLineInput).min(1).max(200).refine(distinctProducts, "A product may appear on at most one line").optional(),
    /** Lines to remove: what remains of them is cancelled (a line that shipped keeps its shipped units). */
    removeLines: z
      .array(ZId)
      .min(1)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, "A line may appear once")
      .optional(),
  })
  .strict();
export type TUpdateOrderRequest = z.input<typeof ZUpdateOrderRequest>;

export const ZHoldOrderRequest = z.object({ reason: z.string().trim().min(1).max(500), version: ZVersion.optional() }).strict();
export const ZReleaseOrderRequest = z.object({ reason: z.string().trim().min(1).max(500).optional(), version: ZVersion.optional() }).strict();
export const ZReprioritiseOrderRequest = z.object({ priority: ZPriority, reason: z.string().trim().min(1).max(500), version: ZVersion.optional() }).strict();

export const ZCancelOrderRequest = z
  .object({ reason: z.string().trim().min(1).max(500), refundCents: ZInt.positive().optional(), version: ZVersion.optional() })
  .strict();
export const ZCancelLineRequest = z
  .object({ quantity: ZQuantity, reason: z.string().trim().min(1).max(500), refundCents: ZInt.positive().optional(), version: ZVersion.optional() })
  .strict();
export const ZExchangeRequest = z
  .object({
    lineId: ZId,
    quantity: ZQuantity,
    newProductId: ZId,
    unitPriceCents: ZCents.optional(),
    reason: z.string().trim().min(1).max(500),
    version: ZVersion.optional(),
  })
  .strict();

export const ZOrderTagsRequest = z
  .object({ add: z.array(ZTag).max(50).optional(), remove: z.array(ZTag).max(50).optional(), version: ZVersion.optional() })
  .strict()
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, { message: "Add or remove at least one tag", path: ["add"] });
export const ZOrderNoteRequest = z.object({ body: z.string().trim().min(1).max(5000) }).strict();

export const ZCreateAllocationRequest = z
  .object({
    lines: z
      .array(z.object({ lineId: ZId, quantity: ZQuantity }).strict())
      .min(1)
      .max(200)
      .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, "A line may appear once"),
    locationId: ZId.optional(),
    containerId: ZId.optional(),
    version: ZVersion.optional(),
  })
  .strict();

export const ZCreateShipmentRequest = z
  .object({
    lines: z
      .array(z.object({ lineId: ZId, quantity: ZQuantity }).strict())
      .min(1)
      .max(200)
      .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, "A line may appear once")
      .optional(),
    carrier: z.string().trim().min(1).max(100).optional(),
    trackingNumber: z.string().trim().min(1).max(200).optional(),
    version: ZVersion.optional(),
  })
  .strict();
export type TCreateShipmentRequest = z.infer<typeof ZCreateShipmentRequest>;

export const ZOrderParams = z.object({ orderId: ZId });
export const ZOrderLineParams = z.object({ orderId: ZId, lineId: ZId });
export const ZOrderAllocationParams = z.object({ orderId: ZId, allocationId: ZId });
export const ZShipmentParams = z.object({ shipmentId: ZId });

// ---------------------------------------------------------------- responses

export const ZOrderLine = z.object({
  id: ZId,
  lineNo: z.number(),
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  warehouseId: ZId,
  ordered: z.number(),
  shipped: z.number(),
  cancelled: z.number(),
  remaining: z.number(),
  allocated: z.number(),
  hardAllocated: z.number(),
  softAllocated: z.number(),
  availableInWarehouse: z.number(),
  unitPriceCents: z.number(),
  projectedDate: z.string().nullable(),
  /** a kit's component line: its kit (ZOrderKit.id) and units of this product in one kit */
  kitId: ZId.nullable(),
  perKit: z.number().nullable(),
});

/** A kit ordered on the order; its components are ordinary lines carrying its id. */
export const ZOrderKit = z.object({
  id: ZId,
  /** its place among the lines as the customer ordered them */
  position: z.number(),
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  ordered: z.number(),
  shipped: z.number(),
  cancelled: z.number(),
  remaining: z.number(),
  /** whole kits every component holds now (what a shipment can take) */
  allocated: z.number(),
  unitPriceCents: z.number(),
});
export type TOrderKit = z.infer<typeof ZOrderKit>;

export const ZShipmentLine = z.object({ lineId: ZId, productId: ZId, sku: z.string(), name: z.string(), barcode: z.string().nullable(), quantity: z.number() });
export const ZShipment = z.object({
  id: ZId,
  number: z.string(),
  orderId: ZId,
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  createdAt: z.string(),
  lines: z.array(ZShipmentLine),
});
export type TShipment = z.infer<typeof ZShipment>;

export const ZHardAllocation = z.object({ id: ZId, lineId: ZId, quantity: z.number(), locationId: ZId.nullable(), containerId: ZId.nullable(), createdAt: z.string() });

export const ZOrderEvent = z.object({
  id: ZId,
  type: z.string(),
  message: z.string(),
  data: z.unknown().nullable(),
  actor: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.string(),
});
export const ZOrderNote = z.object({ id: ZId, body: z.string(), author: z.object({ id: ZId, name: z.string() }).nullable(), createdAt: z.string() });
export const ZRefundKind = z.enum(["order_cancelled", "units_cancelled", "exchange", "manual"]);
/** A refund is a record of money owed back; the channel takes it back, asked through the outbox (`channelStatus`). */
export const ZRefund = z.object({
  id: ZId,
  kind: ZRefundKind,
  amountCents: z.number(),
  shippingCents: z.number(),
  taxCents: z.number(),
  reason: z.string().nullable(),
  lines: z.array(z.object({ lineId: ZId, sku: z.string(), quantity: z.number(), amountCents: z.number() })),
  /** The outbox message asking the channel to pay it back: pending, delivered or failed (null for refunds recorded before the outbox link). */
  channelStatus: ZOutboxStatus.nullable(),
  createdAt: z.string(),
});
export type TRefund = z.infer<typeof ZRefund>;

/** The order's money in cents: paid = lines + shipping + tax as the channel reported them. */
export const ZOrderMoney = z.object({
  shippingCents: z.number(),
  taxCents: z.number(),
  paidCents: z.number(),
  refundedCents: z.number(),
  /** paid − refunded: the most any further refund may be. */
  refundableCents: z.number(),
  /** Owed by the customer (an exchange to a dearer product); the channel collects it. */
  amountDueCents: z.number(),
});
export type TOrderMoney = z.infer<typeof ZOrderMoney>;

/** What a store update asked for and could not be applied (e.g. fewer units than already shipped). */
export const ZOrderConflict = z.object({
  id: ZId,
  source: z.string(),
  kind: z.string(),
  message: z.string(),
  data: z.unknown().nullable(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type TOrderConflict = z.infer<typeof ZOrderConflict>;

export const ZOrderDetail = z.object({
  id: ZId,
  number: z.string(),
  channel: z.object({ id: ZId, name: z.string(), kind: ZChannelKind, supportsOrderEdits: z.boolean() }),
  externalId: z.string().nullable(),
  /** The store's own name for the order (Shopify "#1001"), when it came from a store. */
  storeOrderName: z.string().nullable(),
  warehouseId: ZId,
  customer: z.object({ name: z.string(), email: z.string().nullable(), shippingAddress: z.string().nullable() }),
  orderDate: z.string(),
  shipBy: z.string().nullable(),
  /** ship-by has passed and the order has not shipped or been cancelled (the list's rule) */
  isOverdue: z.boolean(),
  priority: z.number(),
  status: ZOrderStatus,
  fulfillability: ZFulfillability.nullable(),
  projectedDate: z.string().nullable(),
  fulfillmentMode: ZFulfillmentMode,
  tags: z.array(z.string()),
  version: z.number(),
  createdAt: z.string(),
  lines: z.array(ZOrderLine),
  kits: z.array(ZOrderKit),
  allocations: z.array(ZHardAllocation),
  shipments: z.array(ZShipment),
  notes: z.array(ZOrderNote),
  events: z.array(ZOrderEvent),
  refunds: z.array(ZRefund),
  money: ZOrderMoney,
  conflicts: z.array(ZOrderConflict),
  /** Its returns, what each shipped line may still return, and whether this user may create one (returns.ts). */
  returns: ZOrderReturns,
  /** What the current user may do on this order now (role × state, packages/contracts/src/actions.ts). */
  allowedActions: z.array(ZOrderAction),
});
export type TOrderDetail = z.infer<typeof ZOrderDetail>;

export const ZShipmentResponse = z.object({ shipment: ZShipment, order: ZOrderDetail });
export type TShipmentResponse = z.infer<typeof ZShipmentResponse>;

/** GET /shipments/:id: what a packing slip prints (the SPA renders this type; keep them together). */
export const ZPackingSlip = z.object({
  shipment: ZShipment,
  order: z.object({ id: ZId, number: z.string(), externalId: z.string().nullable(), channelName: z.string() }),
  customer: z.object({ name: z.string(), email: z.string().nullable(), shippingAddress: z.string().nullable() }),
  /** The order's warehouse, the slip's ship-from. */
  warehouse: ZWarehouseAddress,
});
export type TPackingSlip = z.infer<typeof ZPackingSlip>;


