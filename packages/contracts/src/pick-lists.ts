// Pick lists and batch picking: one list of fulfillable orders of one warehouse, grouped by
// bin (location) and SKU, picked by scan and shipped order by order through the shipment
// service; and a product's pick location (bin) per warehouse. See docs/decisions/015-pick-lists.md.
import { z } from "zod";
import { ZId, ZInt, ZPage, ZPageQuery } from "./common.ts";
import { ZWarehouseAddress } from "./warehouses.ts";

export const ZPickListStatus = z.enum(["open", "completed", "cancelled"]);
export type TPickListStatus = z.infer<typeof ZPickListStatus>;

/** An order's place on a list: still to pick (open), shipped from it, or released from it. */
export const ZPickListOrderState = z.enum(["open", "shipped", "released"]);
export type TPickListOrderState = z.infer<typeof ZPickListOrderState>;

export const ZPickListParams = z.object({ pickListId: ZId }).strict();
export const ZPickListOrderParams = z.object({ pickListId: ZId, orderId: ZId }).strict();

export const ZCreatePickListRequest = z
  .object({
    orderIds: z
      .array(ZId)
      .min(1)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, "An order may appear once"),
  })
  .strict();
export type TCreatePickListRequest = z.infer<typeof ZCreatePickListRequest>;

/** Why an asked-for order is not on the new list. `not_found` also for another company's ids. */
export const ZLeftOutReason = z.enum(["not_found", "not_fulfillable", "other_warehouse", "on_open_pick_list"]);
export type TLeftOutReason = z.infer<typeof ZLeftOutReason>;
export const ZLeftOutOrder = z.object({ orderId: z.string(), number: z.string().nullable(), reason: ZLeftOutReason, message: z.string() });
export type TLeftOutOrder = z.infer<typeof ZLeftOutOrder>;

export const ZPickListSummary = z.object({
  id: ZId,
  number: z.string(),
  status: ZPickListStatus,
  warehouse: z.object({ id: ZId, code: z.string(), name: z.string() }),
  /** Orders on the list in any state; `openOrders` still to ship from it. */
  orderCount: ZInt,
  openOrders: ZInt,
  units: ZInt,
  picked: ZInt,
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type TPickListSummary = z.infer<typeof ZPickListSummary>;

export const ZPickListOrder = z.object({
  orderId: ZId,
  number: z.string(),
  externalId: z.string().nullable(),
  customerName: z.string(),
  priority: ZInt,
  shipBy: z.string().nullable(),
  state: ZPickListOrderState,
  shipmentId: ZId.nullable(),
  shipmentNumber: z.string().nullable(),
  units: ZInt,
  picked: ZInt,
  /** Every unit of the order on the list is picked. */
  complete: z.boolean(),
  /** Why it was released, or the last reason it could not ship. */
  note: z.string().nullable(),
});
export type TPickListOrder = z.infer<typeof ZPickListOrder>;

/** Where the units of one group go: one order line, in the order the units are dealt (priority, ship-by). */
export const ZPickListDrop = z.object({ lineId: ZId, orderId: ZId, orderNumber: z.string(), quantity: ZInt, picked: ZInt });
export type TPickListDrop = z.infer<typeof ZPickListDrop>;

/** One SKU at one location (null: the product has no bin in this warehouse). */
export const ZPickListGroup = z.object({
  location: z.object({ id: ZId, code: z.string() }).nullable(),
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  quantity: ZInt,
  picked: ZInt,
  drops: z.array(ZPickListDrop),
});
export type TPickListGroup = z.infer<typeof ZPickListGroup>;

export const ZPickList = ZPickListSummary.extend({
  warehouse: ZWarehouseAddress,
  /** Orders in the order their units are dealt: priority (higher first), ship-by (earliest first). */
  orders: z.array(ZPickListOrder),
  /** By location code (no bin last), then SKU; only lines of orders still open on the list. */
  groups: z.array(ZPickListGroup),
});
export type TPickList = z.infer<typeof ZPickList>;

export const ZCreatePickListResponse = z.object({ pickList: ZPickList, leftOut: z.array(ZLeftOutOrder) });
export type TCreatePickListResponse = z.infer<typeof ZCreatePickListResponse>;

export const ZPickListsQuery = ZPageQuery.extend({ status: ZPickListStatus.optional(), warehouseId: ZId.optional() }).strict();
export type TPickListsQuery = z.infer<typeof ZPickListsQuery>;
export const ZPickListPage = ZPage(ZPickListSummary);

/**
 * One scan: a product's barcode or SKU (optionally the location code scanned before it). `scanId`
 * is chosen by the client per scan: sending it again records nothing more.
 */
export const ZPickScanRequest = z
  .object({
    scanId: z.string().trim().min(1).max(100),
    code: z.string().trim().min(1).max(100),
    locationCode: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type TPickScanRequest = z.infer<typeof ZPickScanRequest>;

export const ZPickScanResponse = z.object({
  pickList: ZPickList,
  /** The unit recorded: which SKU, from where, for which order. */
  scan: z.object({ sku: z.string(), locationCode: z.string().nullable(), orderNumber: z.string(), lineId: ZId, repeated: z.boolean() }),
});
export type TPickScanResponse = z.infer<typeof ZPickScanResponse>;

export const ZReleasePickListOrderRequest = z.object({ reason: z.string().trim().min(1).max(500).optional() }).strict();
export type TReleasePickListOrderRequest = z.infer<typeof ZReleasePickListOrderRequest>;

export const ZShipPickListResponse = z.object({
  pickList: ZPickList,
  shipped: z.array(z.object({ orderId: ZId, number: z.string(), shipmentId: ZId, shipmentNumber: z.string() })),
  notShipped: z.array(z.object({ orderId: ZId, number: z.string(), message: z.string() })),
  /** Open orders not fully picked: left on the list. */
  notPicked: ZInt,
});
export type TShipPickListResponse = z.infer<typeof ZShipPickListResponse>;

// ---- A product's pick location (bin) per warehouse -----------------------------------------

export const ZProductLocation = z.object({
  warehouse: z.object({ id: ZId, code: z.string(), name: z.string() }),
  location: z.object({ id: ZId, code: z.string(), kind: z.enum(["pick", "bulk"]) }).nullable(),
});
export type TProductLocation = z.infer<typeof ZProductLocation>;
export const ZProductLocations = z.object({ items: z.array(ZProductLocation) });
export type TProductLocations = z.infer<typeof ZProductLocations>;

export const ZProductLocationParams = z.object({ productId: ZId, warehouseId: ZId }).strict();
/** `locationId` null removes the bin. */
export const ZSetProductLocationRequest = z.object({ locationId: ZId.nullable() }).strict();
export type TSetProductLocationRequest = z.infer<typeof ZSetProductLocationRequest>;

/** The bin of each line of one order (the single-order pick screen). */
export const ZOrderPickLocations = z.object({
  items: z.array(z.object({ lineId: ZId, productId: ZId, location: z.object({ id: ZId, code: z.string() }).nullable() })),
});
export type TOrderPickLocations = z.infer<typeof ZOrderPickLocations>;
