// Purchasing: the backorder report, purchase orders (from the report or by hand) and receipts.
// Literal paths (preview, from-report, export.csv) come before /:poId so they are not read as ids.
import {
  ZBackorderCsvQuery,
  ZBackorderReportPage,
  ZBackorderReportQuery,
  ZBackorderSummary,
  ZBackorderSummaryQuery,
  ZCreatePurchaseOrderRequest,
  ZCreatePurchaseOrdersFromReportRequest,
  ZPostReceiptRequest,
  ZPostReceiptResponse,
  ZPreviewPurchaseOrdersRequest,
  ZPreviewPurchaseOrdersResponse,
  ZPurchaseOrder,
  ZPurchaseOrderActionRequest,
  ZPurchaseOrderList,
  ZPurchaseOrderListQuery,
  ZPurchaseOrderPage,
  ZPurchaseOrderParams,
  ZUpdatePurchaseOrderRequest,
  ZWaitingOrderList,
  ZWaitingOrdersParams,
  ZWaitingOrdersQuery,
} from "@bod/contracts/purchasing";
import { inTenant } from "../../db/client.ts";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { exportBackorderReport, getBackorderReport, getBackorderSummary, getWaitingOrders } from "./report.ts";
import { previewPurchaseOrders } from "./preview.ts";
import { cancelPurchaseOrder, closePurchaseOrder, createPurchaseOrder, createPurchaseOrders, submitPurchaseOrder, updatePurchaseOrder } from "./po-write.ts";
import { listPurchaseOrders, readPurchaseOrder } from "./po-read.ts";
import { exportPurchaseOrder, exportPurchaseOrderList } from "./po-export.ts";
import { receivePurchaseOrder } from "./receipts.ts";
import { ZReorderPoint, ZReorderPointParams, ZReorderPoints, ZReorderSuggestion, ZReorderSuggestionQuery, ZSetReorderPointRequest } from "@bod/contracts/reorder-points";
import { ZId } from "@bod/contracts/common";
import { z } from "zod";
import { clearReorderPoint, getReorderPoints, setReorderPoint, suggestReorder } from "./reorder-points.ts";

export const backorderReportRoutes = new ApiRouter("/api/v1/reports");
const report = backorderReportRoutes;
report.get("/backorders", { summary: "Backorder report: per SKU and warehouse, shortfall net of stock and open purchase orders", roles: ROLES.purchasing, query: ZBackorderReportQuery, response: ZBackorderReportPage }, ({ ctx, query }) =>
  getBackorderReport(ctx, query),
);
report.get("/backorders.csv", { summary: "The backorder report as CSV (same filters)", roles: ROLES.purchasing, query: ZBackorderCsvQuery }, ({ ctx, query }, _req, res) => exportBackorderReport(ctx, query, res));
report.get("/backorders/summary", { summary: "Short units by age bucket and the top 10 SKUs short", roles: ROLES.purchasing, query: ZBackorderSummaryQuery, response: ZBackorderSummary }, ({ ctx, query }) =>
  getBackorderSummary(ctx, query),
);
report.get(
  "/backorders/:productId/waiting-orders",
  { summary: "The orders waiting for a SKU at a warehouse, in rank order", roles: ROLES.purchasing, params: ZWaitingOrdersParams, query: ZWaitingOrdersQuery, response: ZWaitingOrderList },
  ({ ctx, params, query }) => getWaitingOrders(ctx, params.productId, query.warehouseId, query.limit),
);

export const purchaseOrderRoutes = new ApiRouter("/api/v1/purchase-orders");
const r = purchaseOrderRoutes;
r.post("/preview", { summary: "Proposed purchase orders for report rows (writes nothing)", roles: ROLES.purchasing, body: ZPreviewPurchaseOrdersRequest, response: ZPreviewPurchaseOrdersResponse }, ({ ctx, body }) =>
  previewPurchaseOrders(ctx, body),
);
r.post(
  "/from-report",
  { summary: "Create several purchase orders (ordered, linked to the waiting orders) in one transaction", roles: ROLES.purchasing, body: ZCreatePurchaseOrdersFromReportRequest, response: ZPurchaseOrderList, status: 201, idempotent: true },
  async ({ ctx, body }) => ({
    purchaseOrders: await createPurchaseOrders(
      ctx,
      body.pos.map((p) => ({ ...p, status: "ordered" as const, linkWaitingOrders: true })),
      (i) => `pos.${i}.`,
    ),
  }),
);
r.get("/", { summary: "List purchase orders, newest first", roles: ROLES.everyone, query: ZPurchaseOrderListQuery, response: ZPurchaseOrderPage }, ({ ctx, query }) =>
  inTenant(ctx, (tx) => listPurchaseOrders(tx, ctx.tenantId, query)),
);
r.get("/export.csv", { summary: "The filtered purchase-order list as CSV", roles: ROLES.everyone, query: ZPurchaseOrderListQuery.omit({ cursor: true, limit: true }) }, ({ ctx, query }, _req, res) =>
  exportPurchaseOrderList(ctx, query, res),
);
r.post("/", { summary: "Create a purchase order, by default linked to the waiting orders of its SKUs", roles: ROLES.purchasing, body: ZCreatePurchaseOrderRequest, response: ZPurchaseOrder, status: 201, idempotent: true }, ({ ctx, body }) =>
  createPurchaseOrder(ctx, body),
);
r.get("/:poId.csv", { summary: "A purchase order as CSV", roles: ROLES.everyone, params: ZPurchaseOrderParams }, ({ ctx, params }, _req, res) => exportPurchaseOrder(ctx, params.poId, res));
r.get("/:poId/export.csv", { summary: "A purchase order as CSV", roles: ROLES.everyone, params: ZPurchaseOrderParams }, ({ ctx, params }, _req, res) => exportPurchaseOrder(ctx, params.poId, res));
r.get("/:poId", { summary: "A purchase order with lines, linked orders and receipts", roles: ROLES.everyone, params: ZPurchaseOrderParams, response: ZPurchaseOrder }, ({ ctx, params }) =>
  inTenant(ctx, (tx) => readPurchaseOrder(tx, ctx, params.poId)),
);
r.patch("/:poId", { summary: "Edit quantities (not below received), expected date or notes", roles: ROLES.purchasing, params: ZPurchaseOrderParams, body: ZUpdatePurchaseOrderRequest, response: ZPurchaseOrder }, ({ ctx, params, body }) =>
  updatePurchaseOrder(ctx, params.poId, body),
);
const actionSpec = (summary: string) => ({ summary, roles: ROLES.purchasing, params: ZPurchaseOrderParams, body: ZPurchaseOrderActionRequest, response: ZPurchaseOrder });
r.post("/:poId/submit", actionSpec("Submit a draft (draft → ordered)"), ({ ctx, params, body }) => submitPurchaseOrder(ctx, params.poId, body.version));
r.post("/:poId/cancel", actionSpec("Cancel a purchase order nothing was received on; its links and PO# tags go"), ({ ctx, params, body }) =>
  cancelPurchaseOrder(ctx, params.poId, body.version),
);
r.post("/:poId/close", actionSpec("Close a (partially) received purchase order; what remains is no longer incoming"), ({ ctx, params, body }) =>
  closePurchaseOrder(ctx, params.poId, body.version),
);
r.post(
  "/:poId/receipts",
  { summary: "Receive units against a purchase order; waiting orders take them by rank", roles: ROLES.everyone, params: ZPurchaseOrderParams, body: ZPostReceiptRequest, response: ZPostReceiptResponse, status: 201, idempotent: true },
  ({ ctx, params, body }) => receivePurchaseOrder(ctx, params.poId, body),
);

export const reorderPointRoutes = new ApiRouter("/api/v1/products");
const rp = reorderPointRoutes;
rp.get("/:productId/reorder-points", { summary: "A product's reorder point in every warehouse (setting null: none) with the position it is compared with", params: z.object({ productId: ZId }).strict(), response: ZReorderPoints }, ({ ctx, params }) =>
  getReorderPoints(ctx, params.productId),
);
rp.get(
  "/:productId/reorder-points/:warehouseId/suggestion",
  { summary: "Suggest a reorder point (velocity over the window × preferred supplier's lead time + safety stock) and quantity (velocity × cover days); writes nothing", roles: ROLES.purchasing, params: ZReorderPointParams, query: ZReorderSuggestionQuery, response: ZReorderSuggestion },
  ({ ctx, params, query }) => suggestReorder(ctx, params.productId, params.warehouseId, query),
);
rp.put(
  "/:productId/reorder-points/:warehouseId",
  { summary: "Set a product's reorder point and quantity in a warehouse", roles: ROLES.purchasing, params: ZReorderPointParams, body: ZSetReorderPointRequest, response: ZReorderPoint },
  ({ ctx, params, body }) => setReorderPoint(ctx, params.productId, params.warehouseId, body),
);
rp.delete("/:productId/reorder-points/:warehouseId", { summary: "Remove a product's reorder point in a warehouse", roles: ROLES.purchasing, params: ZReorderPointParams, response: ZReorderPoint }, ({ ctx, params }) =>
  clearReorderPoint(ctx, params.productId, params.warehouseId),
);
