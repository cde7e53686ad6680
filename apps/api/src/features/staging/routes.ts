// Ship-complete orders: picking into containers, unstaging, the staging board, a staged
// order's slip data, and the fulfillment mode. Parse → call → respond.
import { ZOrderDetail, ZOrderParams } from "@bod/contracts/orders";
import { ZChangeFulfillmentModeRequest, ZOrderStaging, ZStagedOrder, ZStageRequest, ZStagingBoard, ZStagingBoardQuery, ZUnstageRequest } from "@bod/contracts/staging";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { changeFulfillmentMode } from "./mode.ts";
import { getOrderStaging, getStagingBoard } from "./read.ts";
import { stageOrderLines, unstageOrder } from "./service.ts";

export const stagingRoutes = new ApiRouter("/api/v1");
const r = stagingRoutes;

r.get("/staging/board", { summary: "Every staged order with its container, what it holds and waits for; ready-to-complete first", query: ZStagingBoardQuery, response: ZStagingBoard }, ({ ctx, query }) =>
  getStagingBoard(ctx, query),
);
r.get("/orders/:orderId/staging", { summary: "An order's staged units, container and what it waits for (packing-slip data); staged: null when nothing is staged", params: ZOrderParams, response: ZOrderStaging }, ({ ctx, params }) =>
  getOrderStaging(ctx, params.orderId),
);
r.post(
  "/orders/:orderId/staging",
  { summary: "Pick units into the order's container: a hard allocation moved by a ledger transfer to the staging location", roles: ROLES.stock, params: ZOrderParams, body: ZStageRequest, response: ZStagedOrder, status: 201, idempotent: true },
  ({ ctx, params, body }) => stageOrderLines(ctx, params.orderId, body),
);
r.post(
  "/orders/:orderId/staging/unstage",
  { summary: "Return every staged unit of the order to a pick location, releasing its hard allocation", roles: ROLES.stock, params: ZOrderParams, body: ZUnstageRequest, response: ZOrderDetail, idempotent: true },
  ({ ctx, params, body }) => unstageOrder(ctx, params.orderId, body),
);
r.post(
  "/orders/:orderId/fulfillment-mode",
  { summary: "Change an order's fulfillment mode (ship_partial / ship_complete), with a reason", roles: ROLES.managers, params: ZOrderParams, body: ZChangeFulfillmentModeRequest, response: ZOrderDetail },
  ({ ctx, params, body }) => changeFulfillmentMode(ctx, params.orderId, body),
);
