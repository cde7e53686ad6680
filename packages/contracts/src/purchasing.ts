// Purchasing: the backorder report (what is short, what is on the way, what to buy), purchase
// orders raised from it and linked to the waiting orders, and receipts against them.
import { z } from "zod";
import { ZPurchaseOrderAction } from "./actions.ts";
import { ZDateOnly, ZId, ZPage, ZPageQuery, ZQuantity, ZInt, ZQueryInt } from "./common.ts";
import { ZWarehouseAddress } from "./warehouses.ts";

export const ZPurchaseOrderStatus = z.enum(["draft", "ordered", "partially_received", "received", "closed", "cancelled"]);
export type TPurchaseOrderStatus = z.infer<typeof ZPurchaseOrderStatus>;

const ZCents = ZInt.min(0);
const ZVersion = ZInt.positive();
/** Query booleans arrive as text: "true" / "false" (also 1/0). */
const ZQueryBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

// ---------------------------------------------------------------- backorder report

export const ZBackorderSort = z.enum(["net_need", "oldest_waiting", "value"]);
export type TBackorderSort = z.infer<typeof ZBackorderSort>;

/** Filters shared by the report, its CSV and its summary. */
const reportFilters = {
  warehouseId: ZId.optional(),
  /** rows whose preferred supplier is this one */
  supplierId: ZId.optional(),
  /** rows with waiting demand from this channel's orders (figures stay per SKU and warehouse) */
  channelId: ZId.optional(),
  /** true: only rows with something left to buy (netToBuy > 0); default: every row with a shortfall */
  onlyNetNeed: ZQueryBool.optional(),
  preorderOnly: ZQueryBool.optional(),
  /**
   * Keys that are not short today but whose projected position is below their reorder point:
   * listed beside today's backorders (include, the default), left out (exclude), or alone (only).
   */
  reorder: z.enum(["include", "exclude", "only"]).optional(),
};

export const ZBackorderReportQuery = ZPageQuery.extend({ ...reportFilters, sort: ZBackorderSort.default("net_need") }).strict();
export type TBackorderReportQuery = z.output<typeof ZBackorderReportQuery>;
export const ZBackorderCsvQuery = z.object({ ...reportFilters, sort: ZBackorderSort.default("net_need") }).strict();
export type TBackorderCsvQuery = z.output<typeof ZBackorderCsvQuery>;
export const ZBackorderSummaryQuery = z.object(reportFilters).strict();
export type TBackorderSummaryQuery = z.output<typeof ZBackorderSummaryQuery>;

export const ZPreferredSupplier = z.object({
  id: ZId,
  name: z.string(),
  unitCostCents: z.number(),
  leadTimeDays: z.number(),
  minOrderQty: z.number(),
  casePack: z.number(),
});
export type TPreferredSupplier = z.infer<typeof ZPreferredSupplier>;

export const ZBackorderReportRow = z.object({
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  isPreorder: z.boolean(),
  warehouseId: ZId,
  warehouseCode: z.string(),
  /** remaining units of lines of open / partially shipped orders */
  demand: z.number(),
  onHand: z.number(),
  hardAllocated: z.number(),
  /** onHand − hardAllocated, at least 0 */
  available: z.number(),
  allocated: z.number(),
  /** demand − allocated */
  shortfall: z.number(),
  /** still to arrive on ordered / partially received purchase orders */
  incoming: z.number(),
  /** "YYYY-MM-DD" */
  nearestExpectedDate: z.string().nullable(),
  /** max(0, shortfall − incoming); with a reorder point, at least the (s, nQ) need of the projected position */
  netToBuy: z.number(),
  /** backorder: something is short today; reorder: nothing is short yet, but the projected position is below the reorder point */
  kind: z.enum(["backorder", "reorder"]),
  /** the key's reorder point and quantity (null: none set) */
  reorderPoint: z.number().nullable(),
  reorderQuantity: z.number().nullable(),
  /** onHand + incoming − demand */
  projectedPosition: z.number(),
  waitingOrders: z.number(),
  oldestWaitingOrderDate: z.string().nullable(),
  /** the preferred supplier, or the cheapest when none is marked preferred */
  preferredSupplier: ZPreferredSupplier.nullable(),
  /** netToBuy × the supplier's unit cost (0 without a supplier) */
  valueCents: z.number(),
});
export type TBackorderReportRow = z.infer<typeof ZBackorderReportRow>;
export const ZBackorderReportPage = ZPage(ZBackorderReportRow);

export const ZWaitingOrdersParams = z.object({ productId: ZId });
export const ZWaitingOrdersQuery = z.object({ warehouseId: ZId, limit: ZQueryInt.min(1).max(5000).default(500) }).strict();
export const ZWaitingOrder = z.object({
  orderId: ZId,
  number: z.string(),
  customerName: z.string(),
  orderDate: z.string(),
  shipBy: z.string().nullable(),
  priority: z.number(),
  remaining: z.number(),
  allocated: z.number(),
  short: z.number(),
  projectedDate: z.string().nullable(),
  tags: z.array(z.string()),
});
export type TWaitingOrder = z.infer<typeof ZWaitingOrder>;
/** In rank order; `truncated` when more orders wait than `limit`. */
export const ZWaitingOrderList = z.object({ items: z.array(ZWaitingOrder), truncated: z.boolean() });

export const ZAgeBucket = z.enum(["0-2", "3-7", "8-14", "15+"]);
export const ZBackorderSummary = z.object({
  /** short units by how long their order has waited (whole days since the order date) */
  byAge: z.array(z.object({ bucket: ZAgeBucket, units: z.number() })),
  /** the 10 SKUs with the most units short */
  topSkus: z.array(z.object({ productId: ZId, sku: z.string(), name: z.string(), unitsShort: z.number() })),
});
export type TBackorderSummary = z.infer<typeof ZBackorderSummary>;

// ---------------------------------------------------------------- purchase orders from the report

const ZReportKey = z.object({ productId: ZId, warehouseId: ZId }).strict();
export const ZPreviewPurchaseOrdersRequest = z.object({ rows: z.array(ZReportKey).min(1).max(1000) }).strict();
export type TPreviewPurchaseOrdersRequest = z.infer<typeof ZPreviewPurchaseOrdersRequest>;

export const ZPreviewLine = z.object({
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  quantity: z.number(),
  unitCostCents: z.number(),
  netToBuy: z.number(),
  /** why netToBuy is what it is when a reorder point set it (null otherwise) */
  reorderNote: z.string().nullable(),
  /** why quantity is more than netToBuy: the supplier's minimum order and case pack (null when it is not) */
  roundedUp: z.string().nullable(),
});
export const ZPreviewPurchaseOrder = z.object({ supplierId: ZId, supplierName: z.string(), warehouseId: ZId, expectedDate: z.string().nullable(), lines: z.array(ZPreviewLine) });
export const ZPreviewPurchaseOrdersResponse = z.object({
  purchaseOrders: z.array(ZPreviewPurchaseOrder),
  skipped: z.array(z.object({ productId: ZId, warehouseId: ZId, sku: z.string(), reason: z.string() })),
});
export type TPreviewPurchaseOrdersResponse = z.infer<typeof ZPreviewPurchaseOrdersResponse>;

const distinctProducts = (lines: { productId: string }[]) => new Set(lines.map((l) => l.productId)).size === lines.length;

export const ZPurchaseOrderLineInput = z.object({ productId: ZId, quantity: ZQuantity, unitCostCents: ZCents.optional() }).strict();

export const ZCreatePurchaseOrderRequest = z
  .object({
    supplierId: ZId,
    warehouseId: ZId,
    expectedDate: ZDateOnly.optional(),
    notes: z.string().trim().max(2000).optional(),
    status: z.enum(["draft", "ordered"]).default("ordered"),
    lines: z.array(ZPurchaseOrderLineInput).min(1).max(500).refine(distinctProducts, "A product may appear on at most one line"),
    /** Link each line to the waiting order lines of its SKU in rank order, and tag those orders PO#<number>. */
    linkWaitingOrders: z.boolean().default(true),
  })
  .strict();
export type TCreatePurchaseOrderRequest = z.input<typeof ZCreatePurchaseOrderRequest>;

export const ZCreatePurchaseOrdersFromReportRequest = z
  .object({
    pos: z
      .array(
        z
          .object({
            supplierId: ZId,
            warehouseId: ZId,
            expectedDate: ZDateOnly.optional(),
            lines: z.array(z.object({ productId: ZId, quantity: ZQuantity, unitCostCents: ZCents.optional() }).strict()).min(1).max(500).refine(distinctProducts, "A product may appear on at most one line"),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();
export type TCreatePurchaseOrdersFromReportRequest = z.input<typeof ZCreatePurchaseOrdersFromReportRequest>;

// ---------------------------------------------------------------- purchase orders

export const ZPurchaseOrderParams = z.object({ poId: ZId });

export const ZPurchaseOrderListQuery = ZPageQuery.extend({
  /** one status or several, comma separated */
  status: z
    .string()
    .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(ZPurchaseOrderStatus).min(1))
    .optional(),
  supplierId: ZId.optional(),
  /** matches the PO number or the supplier's name */
  q: z.string().trim().max(100).optional(),
}).strict();
export type TPurchaseOrderListQuery = z.output<typeof ZPurchaseOrderListQuery>;

const ZRef = z.object({ id: ZId, name: z.string() });

export const ZPurchaseOrderListItem = z.object({
  id: ZId,
  number: z.string(),
  supplier: ZRef,
  warehouse: ZRef.extend({ code: z.string() }),
  status: ZPurchaseOrderStatus,
  expectedDate: z.string().nullable(),
  lineCount: z.number(),
  totalCents: z.number(),
  createdAt: z.string(),
});
export type TPurchaseOrderListItem = z.infer<typeof ZPurchaseOrderListItem>;
export const ZPurchaseOrderPage = ZPage(ZPurchaseOrderListItem);

export const ZPurchaseOrderLine = z.object({
  id: ZId,
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  quantityOrdered: z.number(),
  quantityReceived: z.number(),
  remaining: z.number(),
  unitCostCents: z.number(),
  linkedOrders: z.array(z.object({ orderId: ZId, number: z.string(), quantity: z.number() })),
});
export const ZReceipt = z.object({
  id: ZId,
  createdAt: z.string(),
  createdBy: z.object({ id: ZId, name: z.string() }).nullable(),
  lines: z.array(z.object({ productId: ZId, sku: z.string(), quantity: z.number() })),
});
export type TReceipt = z.infer<typeof ZReceipt>;

export const ZPurchaseOrder = z.object({
  id: ZId,
  number: z.string(),
  supplier: ZRef.extend({ email: z.string().nullable() }),
  /** The ship-to of the printed PO. */
  warehouse: ZWarehouseAddress,
  status: ZPurchaseOrderStatus,
  expectedDate: z.string().nullable(),
  notes: z.string().nullable(),
  totalCents: z.number(),
  lines: z.array(ZPurchaseOrderLine),
  receipts: z.array(ZReceipt),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the current user may do on this purchase order now (role × state, packages/contracts/src/actions.ts). */
  allowedActions: z.array(ZPurchaseOrderAction),
});
export type TPurchaseOrder = z.infer<typeof ZPurchaseOrder>;
export const ZPurchaseOrderList = z.object({ purchaseOrders: z.array(ZPurchaseOrder) });

export const ZUpdatePurchaseOrderRequest = z
  .object({
    version: ZVersion,
    expectedDate: ZDateOnly.nullable().optional(),
    notes: z.string().trim().max(2000).nullable().optional(),
    /** New ordered quantities of existing lines (never below what was received). */
    lines: z.array(z.object({ id: ZId, quantityOrdered: ZQuantity }).strict()).min(1).max(500).optional(),
  })
  .strict();
export type TUpdatePurchaseOrderRequest = z.infer<typeof ZUpdatePurchaseOrderRequest>;

/** submit / cancel / close: the version as last read (optional). */
export const ZPurchaseOrderActionRequest = z.object({ version: ZVersion.optional() }).strict();

// ---------------------------------------------------------------- receipts

export const ZReceiptLineInput = z
  .object({
    productId: ZId.optional(),
    barcode: z.string().trim().min(1).max(64).optional(),
    sku: z.string().trim().min(1).max(64).optional(),
    quantity: ZQuantity,
  })
  .strict()
  .refine((l) => [l.productId, l.barcode, l.sku].filter((v) => v !== undefined).length === 1, { message: "Give exactly one of productId, barcode or sku", path: ["productId"] });

export const ZPostReceiptRequest = z
  .object({
    lines: z.array(ZReceiptLineInput).min(1).max(500).optional(),
    receiveAllRemaining: z.literal(true).optional(),
    /** allow receiving more than a line has remaining */
    allowOverReceipt: z.boolean().default(false),
  })
  .strict()
  .refine((r) => (r.lines === undefined) !== (r.receiveAllRemaining === undefined), { message: "Give either lines or receiveAllRemaining: true", path: ["lines"] });
export type TPostReceiptRequest = z.input<typeof ZPostReceiptRequest>;

export const ZOrderRef = z.object({ orderId: ZId, number: z.string() });
export const ZPostReceiptResponse = z.object({
  receipt: ZReceipt,
  purchaseOrder: ZPurchaseOrder,
  /** orders this receipt turned fulfillable */
  ordersNowFulfillable: z.array(ZOrderRef),
  /** orders this receipt turned partially fulfillable */
  ordersNowPartiallyFulfillable: z.array(ZOrderRef),
});
export type TPostReceiptResponse = z.infer<typeof ZPostReceiptResponse>;
