// The orders list: filters, sorts, keyset pages, tab counts, CSV export, bulk actions and
// saved views. Query strings are parsed here, so the SPA and the API agree on every field.
import { z } from "zod";
import { ZDateOnly, ZDateTime, ZId, ZPage, ZPageQuery, ZInt } from "./common.ts";
import { ZChannelKind, ZFulfillmentMode } from "./channels.ts";
import { ZPriority } from "./orders.ts";

export const ZOrderStatus = z.enum(["open", "on_hold", "partially_shipped", "shipped", "cancelled"]);
export type TOrderStatus = z.infer<typeof ZOrderStatus>;
export const ZFulfillability = z.enum(["fulfillable", "partially_fulfillable", "backordered"]);
export type TFulfillability = z.infer<typeof ZFulfillability>;
/** Statuses whose orders take stock and so have a fulfillability. */
export const OPEN_STATUSES = ["open", "partially_shipped"] as const satisfies readonly TOrderStatus[];

export const ZOrderSort = z.enum(["order_date", "ship_by", "priority"]);
export type TOrderSort = z.infer<typeof ZOrderSort>;
export const ZShipByFilter = z.enum(["overdue", "today", "this_week"]);

/** `a,b,c` (or the key repeated) as a list of enum values. */
const csvOf = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => {
    const parts = (Array.isArray(v) ? v : [v]).flatMap((s) => (typeof s === "string" ? s.split(",") : [s]));
    return parts.map((s) => (typeof s === "string" ? s.trim() : s)).filter((s) => s !== "");
  }, z.array(item).min(1));

/** A calendar date (`2026-03-01`, the whole day in UTC) or an instant with offset. */
const ZDateOrInstant = z.union([ZDateOnly, ZDateTime]);

/** Filters shared by the list, the counts and the export. */
export const orderFilterShape = {
  /** Applies to open orders (`open`, `partially_shipped`). */
  fulfillability: ZFulfillability.optional(),
  status: csvOf(ZOrderStatus).optional(),
  channelId: ZId.optional(),
  warehouseId: ZId.optional(),
  tag: z.string().trim().min(1).max(100).optional(),
  /** ship_partial or ship_complete. */
  mode: ZFulfillmentMode.optional(),
  /** Orders with a line of this SKU (exact). */
  sku: z.string().trim().min(1).max(100).optional(),
  /** overdue: ship-by passed and not shipped or cancelled; today / this_week: ship-by in today / the 7 days from today (UTC). */
  shipBy: ZShipByFilter.optional(),
  orderDateFrom: ZDateOrInstant.optional(),
  /** Inclusive: a calendar date includes that whole day. */
  orderDateTo: ZDateOrInstant.optional(),
  /** Prefix of the order number, the external id, or the customer name (or a word of it); case-insensitive. */
  q: z.string().trim().min(1).max(100).optional(),
};

const sortShape = {
  /** order_date (default, oldest first), ship_by (none last), priority (highest first by default, then oldest). */
  sort: ZOrderSort.default("order_date"),
  /** asc by default; for `priority`, desc (the reverse of `desc` is the whole list reversed). */
  dir: z.enum(["asc", "desc"]).optional(),
};

function checkDateRange(value: { orderDateFrom?: string; orderDateTo?: string }, ctx: z.RefinementCtx) {
  if (value.orderDateFrom && value.orderDateTo && dateBounds(value.orderDateFrom, "from") > dateBounds(value.orderDateTo, "to")) {
    ctx.addIssue({ code: "custom", path: ["orderDateTo"], message: "must not be before orderDateFrom" });
  }
}

/** A filter date as an instant: a calendar date starts its day (`from`) or ends it exclusive (`to`). */
export function dateBounds(value: string, side: "from" | "to"): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00.000Z`);
    return side === "to" ? new Date(d.getTime() + 86_400_000) : d;
  }
  return new Date(value);
}

export const ZOrderListQuery = ZPageQuery.extend({ ...orderFilterShape, ...sortShape }).strict().superRefine(checkDateRange);
export type TOrderListQuery = z.infer<typeof ZOrderListQuery>;

export const ZOrderExportQuery = z.object({ ...orderFilterShape, ...sortShape }).strict().superRefine(checkDateRange);
export type TOrderExportQuery = z.infer<typeof ZOrderExportQuery>;

const { fulfillability: _f, ...countFilterShape } = orderFilterShape;
export const ZOrderCountsQuery = z.object(countFilterShape).strict().superRefine(checkDateRange);
export type TOrderCountsQuery = z.infer<typeof ZOrderCountsQuery>;
export type TOrderFilters = z.infer<z.ZodObject<typeof orderFilterShape>>;

export const ZOrderListItem = z.object({
  id: ZId,
  number: z.string(),
  externalId: z.string().nullable(),
  channel: z.object({ id: ZId, name: z.string(), kind: ZChannelKind }),
  warehouseId: ZId,
  customerName: z.string(),
  orderDate: z.string(),
  shipBy: z.string().nullable(),
  /** Ship-by passed and the order is neither shipped nor cancelled. */
  isOverdue: z.boolean(),
  priority: ZInt,
  status: ZOrderStatus,
  fulfillability: ZFulfillability.nullable(),
  projectedDate: z.string().nullable(),
  tags: z.array(z.string()),
  fulfillmentMode: ZFulfillmentMode,
  linesSummary: z.object({ lineCount: ZInt, unitCount: ZInt, remainingUnits: ZInt }),
  version: ZInt,
});
export type TOrderListItem = z.infer<typeof ZOrderListItem>;
export const ZOrderListPage = ZPage(ZOrderListItem);

/**
 * What a scanner or a person may type to find one order: its number with or without the prefix
 * and leading zeros (`SO-001628`, `1628`, `001628`), the store's order id or name (`#1001`), or a
 * slip's barcode (the order number on the packing and staging slips, or a shipment number).
 */
export const ZOrderLookupQuery = z.object({ code: z.string().trim().min(1).max(200) }).strict();
export type TOrderLookupQuery = z.infer<typeof ZOrderLookupQuery>;
export const ZOrderLookup = z.object({ id: ZId, number: z.string(), status: ZOrderStatus, matchedBy: z.enum(["number", "external_id", "store_order_name", "shipment"]) });
export type TOrderLookup = z.infer<typeof ZOrderLookup>;

export const COUNT_KEYS = ["fulfillable", "partially_fulfillable", "backordered", "open", "on_hold", "partially_shipped", "shipped", "cancelled"] as const;
export type TCountKey = (typeof COUNT_KEYS)[number];
export const COUNT_CAP = 10_000;
export const ZOrderCounts = z.object({
  fulfillable: ZInt,
  partially_fulfillable: ZInt,
  backordered: ZInt,
  open: ZInt,
  on_hold: ZInt,
  partially_shipped: ZInt,
  shipped: ZInt,
  cancelled: ZInt,
  /** false when a count stopped at the cap (filters other than status and warehouse are counted by a bounded query). */
  exact: z.boolean(),
  /** The counts that stopped at `cap` and read "10,000+". */
  capped: z.array(z.enum(COUNT_KEYS)),
  cap: ZInt,
});
export type TOrderCounts = z.infer<typeof ZOrderCounts>;

export const EXPORT_SELECTION_MAX = 5000;
export const ZOrderExportSelection = z.object({ orderIds: z.array(ZId).min(1).max(EXPORT_SELECTION_MAX) }).strict();

export const ZBulkAction = z.enum(["tag", "untag", "hold", "release", "set_priority"]);
export type TBulkAction = z.infer<typeof ZBulkAction>;
export const ZBulkOrderRequest = z
  .object({
    orderIds: z.array(ZId).min(1).max(500),
    action: ZBulkAction,
    tag: z.string().trim().min(1).max(50).optional(),
    priority: ZPriority.optional(),
    /** Why: required to hold or reprioritise (it goes on each order's timeline). */
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.action === "tag" || v.action === "untag") && !v.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: `required for ${v.action}` });
    if (v.action === "set_priority" && v.priority === undefined) ctx.addIssue({ code: "custom", path: ["priority"], message: "required for set_priority" });
    if ((v.action === "hold" || v.action === "set_priority") && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: `required for ${v.action}` });
  });
export type TBulkOrderRequest = z.infer<typeof ZBulkOrderRequest>;
export const ZBulkOrderResponse = z.object({
  succeeded: z.array(ZId),
  failed: z.array(z.object({ orderId: ZId, error: z.object({ code: z.string(), message: z.string() }) })),
});
export type TBulkOrderResponse = z.infer<typeof ZBulkOrderResponse>;

/** POST /orders/bulk-ship: ship each order whole from its allocation; an order that cannot ship whole now is left as it was. */
export const BULK_SHIP_MAX = 200;
export const ZBulkShipRequest = z.object({ orderIds: z.array(ZId).min(1).max(BULK_SHIP_MAX) }).strict();
export type TBulkShipRequest = z.infer<typeof ZBulkShipRequest>;
export const ZBulkShipResponse = z.object({
  shipped: z.array(z.object({ orderId: ZId, shipmentId: ZId, shipmentNumber: z.string() })),
  failed: z.array(z.object({ orderId: ZId, error: z.object({ code: z.string(), message: z.string() }) })),
});
export type TBulkShipResponse = z.infer<typeof ZBulkShipResponse>;

// ---------------------------------------------------------------- saved views

/** The list's URL query string (without cursor/limit): checked against the list's filters when saved. */
export const ZSavedViewQuery = z
  .string()
  .max(2000)
  .transform((s) => (s.startsWith("?") ? s.slice(1) : s))
  .superRefine((s, ctx) => {
    const params = new URLSearchParams(s);
    const obj: Record<string, string | string[]> = {};
    for (const [k, v] of params) obj[k] = k in obj ? ([] as string[]).concat(obj[k]!, v) : v;
    const parsed = ZOrderExportQuery.safeParse(obj);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: `${issue.path.join(".") || "query"}: ${issue.message}` });
  });
export const ZCreateSavedViewRequest = z.object({ name: z.string().trim().min(1).max(100), query: ZSavedViewQuery }).strict();
export type TCreateSavedViewRequest = z.infer<typeof ZCreateSavedViewRequest>;
export const ZSavedView = z.object({ id: ZId, name: z.string(), query: z.string(), createdAt: z.string() });
export type TSavedView = z.infer<typeof ZSavedView>;
export const ZSavedViewList = z.object({ items: z.array(ZSavedView) });
