// Orders: create/import, detail, edits, hold/release/priority, cancel/refund/exchange,
// tags, notes and hard allocations. Parse → call → respond; services hold the transactions.
// Mounted after the order-list router, whose /counts, /export.csv and /bulk come first.
import {
  ZCancelLineRequest,
  ZCancelOrderRequest,
  ZCreateAllocationRequest,
  ZCreateOrderRequest,
  ZExchangeRequest,
  ZHoldOrderRequest,
  ZOrderAllocationParams,
  ZOrderDetail,
  ZOrderLineParams,
  ZOrderNoteRequest,
  ZOrderParams,
  ZOrderTagsRequest,
  ZReleaseOrderRequest,
  ZReprioritiseOrderRequest,
  ZUpdateOrderRequest,
} from "@bod/contracts/orders";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { allocateOrderLines, releaseAllocation } from "./allocations.ts";
import { cancelOrder, cancelOrderLine, exchangeLine } from "./cancel.ts";
import { addOrderNote, changeOrderTags, holdOrder, releaseOrder, reprioritiseOrder, updateOrder } from "./changes.ts";
import { createOrder } from "./create.ts";
import { getOrder } from "./detail.ts";

export const orderRoutes = new ApiRouter("/api/v1/orders");
const r = orderRoutes;
const detail = { response: ZOrderDetail };

// Orders are imported by managers, admins, and integrations through an API token (whatever its role).
r.post("/", { summary: "Create (import) an order", roles: ROLES.managers, anyToken: true, body: ZCreateOrderRequest, ...detail, status: 201, idempotent: true }, ({ ctx, body }) => createOrder(ctx, body));
r.get("/:orderId", { summary: "An order with its lines, allocations, shipments, notes, timeline and refunds", params: ZOrderParams, ...detail }, ({ ctx, params }) =>
  getOrder(ctx, params.orderId),
);
r.patch("/:orderId", { summary: "Edit customer fields, ship-by, line quantities, add lines (needs version)", roles: ROLES.managers, params: ZOrderParams, body: ZUpdateOrderRequest, ...detail }, ({ ctx, params, body }) =>
  updateOrder(ctx, params.orderId, body),
);
r.post("/:orderId/hold", { summary: "Hold an order: it keeps only its hard allocation", roles: ROLES.managers, params: ZOrderParams, body: ZHoldOrderRequest, ...detail }, ({ ctx, params, body }) =>
  holdOrder(ctx, params.orderId, body),
);
r.post("/:orderId/release", { summary: "Release a held order", roles: ROLES.managers, params: ZOrderParams, body: ZReleaseOrderRequest, ...detail }, ({ ctx, params, body }) =>
  releaseOrder(ctx, params.orderId, body),
);
r.post("/:orderId/priority", { summary: "Change an order's priority, with a reason", roles: ROLES.managers, params: ZOrderParams, body: ZReprioritiseOrderRequest, ...detail }, ({ ctx, params, body }) =>
  reprioritiseOrder(ctx, params.orderId, body),
);
r.post(
  "/:orderId/cancel",
  { summary: "Cancel what remains of an order (optionally refund)", roles: ROLES.managers, params: ZOrderParams, body: ZCancelOrderRequest, ...detail, idempotent: true },
  ({ ctx, params, body }) => cancelOrder(ctx, params.orderId, body),
);
r.post(
  "/:orderId/lines/:lineId/cancel",
  { summary: "Cancel units of one line (optionally refund)", roles: ROLES.managers, params: ZOrderLineParams, body: ZCancelLineRequest, ...detail, idempotent: true },
  ({ ctx, params, body }) => cancelOrderLine(ctx, params.orderId, params.lineId, body),
);
r.post(
  "/:orderId/exchange",
  { summary: "Exchange units of a line for another product", roles: ROLES.managers, params: ZOrderParams, body: ZExchangeRequest, ...detail, idempotent: true },
  ({ ctx, params, body }) => exchangeLine(ctx, params.orderId, body),
);
r.post("/:orderId/tags", { summary: "Add and remove tags", roles: ROLES.everyone, params: ZOrderParams, body: ZOrderTagsRequest, ...detail }, ({ ctx, params, body }) =>
  changeOrderTags(ctx, params.orderId, body),
);
r.post("/:orderId/notes", { summary: "Add a note to the order", params: ZOrderParams, body: ZOrderNoteRequest, ...detail, status: 201 }, ({ ctx, params, body }) =>
  addOrderNote(ctx, params.orderId, body),
);
r.post(
  "/:orderId/allocations",
  { summary: "Set stock aside for lines (hard allocation, staging)", roles: ROLES.stock, params: ZOrderParams, body: ZCreateAllocationRequest, ...detail, status: 201, idempotent: true },
  ({ ctx, params, body }) => allocateOrderLines(ctx, params.orderId, body),
);
r.delete("/:orderId/allocations/:allocationId", { summary: "Release a hard allocation", roles: ROLES.stock, params: ZOrderAllocationParams, ...detail }, ({ ctx, params }) =>
  releaseAllocation(ctx, params.orderId, params.allocationId),
);
