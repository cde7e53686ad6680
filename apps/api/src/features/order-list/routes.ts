// The orders list, its tab counts, the scan lookup, CSV export and bulk actions. Mounted before the orders
// router so /orders/counts, /orders/lookup and /orders/export.csv are not read as an order id.
import { ZBulkOrderRequest, ZBulkOrderResponse, ZBulkShipRequest, ZBulkShipResponse, ZOrderCounts, ZOrderCountsQuery, ZOrderExportQuery, ZOrderExportSelection, ZOrderListPage, ZOrderListQuery, ZOrderLookup, ZOrderLookupQuery } from "@bod/contracts/order-list";
import { ApiRouter } from "../../http/endpoint.ts";
import { AppError } from "../../http/errors.ts";
import { ROLES } from "../../http/auth.ts";
import { bulkOrderAction } from "./bulk.ts";
import { bulkShipOrders } from "./bulk-ship.ts";
import { exportOrders, exportSelectedOrders } from "./export.ts";
import { lookupOrder } from "./lookup.ts";
import { countOrders, listOrders } from "./service.ts";

export const orderListRoutes = new ApiRouter("/api/v1/orders");
const r = orderListRoutes;

r.get("/", { summary: "List orders (filters, sort, keyset pages)", query: ZOrderListQuery, response: ZOrderListPage, requestRead: true }, ({ ctx, query }) => listOrders(ctx, query));
r.get("/lookup", { summary: "One order by a scanned code: number (prefix optional), store order id or name, shipment number", query: ZOrderLookupQuery, response: ZOrderLookup }, ({ ctx, query }) =>
  lookupOrder(ctx, query.code),
);
r.get("/counts", { summary: "Tab counts for the orders list", query: ZOrderCountsQuery, response: ZOrderCounts, requestRead: true }, ({ ctx, query }) => countOrders(ctx, query));
r.get("/export.csv", { summary: "The filtered orders list as CSV (streamed)", query: ZOrderExportQuery }, ({ ctx, query }, _req, res) => exportOrders(ctx, query, res));
r.post("/export.csv", { summary: "Selected orders as CSV", body: ZOrderExportSelection }, ({ ctx, body }, _req, res) => exportSelectedOrders(ctx, body.orderIds, res));
r.post(
  "/bulk",
  {
    summary: "Tag, untag, hold, release or reprioritise many orders",
    roles: ROLES.stock,
    rolesByBodyField: { field: "action", roles: { hold: ROLES.managers, release: ROLES.managers, set_priority: ROLES.managers } },
    body: ZBulkOrderRequest,
    response: ZBulkOrderResponse,
  },
  ({ ctx, body }) => bulkOrderAction(ctx, body),
);
r.post(
  "/bulk-ship",
  {
    summary: "Ship fulfillable orders whole, each in its own transaction; Idempotency-Key applies per order (<key>#<orderId>)",
    roles: ROLES.stock,
    body: ZBulkShipRequest,
    response: ZBulkShipResponse,
  },
  ({ ctx, body }, req) => bulkShipOrders(ctx, body, req.get("idempotency-key")),
);
