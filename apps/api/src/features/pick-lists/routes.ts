// Pick lists and product bins. Parse → call → respond. Stock roles make, pick and ship lists;
// managers set a product's bin; everyone signed in reads.
import { ZOrderParams } from "@bod/contracts/orders";
import {
  ZCreatePickListRequest,
  ZCreatePickListResponse,
  ZOrderPickLocations,
  ZPickList,
  ZPickListOrderParams,
  ZPickListPage,
  ZPickListParams,
  ZPickListsQuery,
  ZPickScanRequest,
  ZPickScanResponse,
  ZProductLocation,
  ZProductLocationParams,
  ZProductLocations,
  ZReleasePickListOrderRequest,
  ZSetProductLocationRequest,
  ZShipPickListResponse,
} from "@bod/contracts/pick-lists";
import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { getOrderPickLocations, getProductLocations, setProductLocation } from "./bins.ts";
import { recordPickScan } from "./scan.ts";
import { cancelPickList, createPickList, getPickList, listPickLists, releasePickListOrder } from "./service.ts";
import { shipCompletedOrders } from "./ship.ts";

export const pickListRoutes = new ApiRouter("/api/v1");
const r = pickListRoutes;

r.post(
  "/pick-lists",
  { summary: "Make a pick list from fulfillable orders of one warehouse; answers which asked-for orders were left out and why", roles: ROLES.stock, body: ZCreatePickListRequest, response: ZCreatePickListResponse, status: 201, idempotent: true },
  ({ ctx, body }) => createPickList(ctx, body),
);
r.get("/pick-lists", { summary: "Pick lists, open first, then the newest", query: ZPickListsQuery, response: ZPickListPage }, ({ ctx, query }) => listPickLists(ctx, query));
r.get("/pick-lists/:pickListId", { summary: "A pick list grouped by bin and SKU, with the orders each unit goes to", params: ZPickListParams, response: ZPickList }, ({ ctx, params }) =>
  getPickList(ctx, params.pickListId),
);
r.post(
  "/pick-lists/:pickListId/scans",
  { summary: "Record one unit picked for a scanned barcode or SKU (scanId: a resent scan counts once)", roles: ROLES.stock, params: ZPickListParams, body: ZPickScanRequest, response: ZPickScanResponse },
  ({ ctx, params, body }) => recordPickScan(ctx, params.pickListId, body),
);
r.post(
  "/pick-lists/:pickListId/ship",
  { summary: "Ship every order of the list whose units are all picked, each through the shipment service with a key derived from the list", roles: ROLES.stock, params: ZPickListParams, body: z.object({}).strict(), response: ZShipPickListResponse },
  ({ ctx, params }) => shipCompletedOrders(ctx, params.pickListId),
);
r.post(
  "/pick-lists/:pickListId/orders/:orderId/release",
  { summary: "Take an order off the list (nothing shipped for it)", roles: ROLES.stock, params: ZPickListOrderParams, body: ZReleasePickListOrderRequest, response: ZPickList },
  ({ ctx, params, body }) => releasePickListOrder(ctx, params.pickListId, params.orderId, body),
);
r.post("/pick-lists/:pickListId/cancel", { summary: "Cancel an open list: its open orders leave it", roles: ROLES.stock, params: ZPickListParams, body: z.object({}).strict(), response: ZPickList }, ({ ctx, params }) =>
  cancelPickList(ctx, params.pickListId),
);

r.get("/products/:productId/locations", { summary: "A product's bin in every warehouse (null: none set)", params: z.object({ productId: ZId }).strict(), response: ZProductLocations }, ({ ctx, params }) =>
  getProductLocations(ctx, params.productId),
);
r.put(
  "/products/:productId/locations/:warehouseId",
  { summary: "Set (or clear, locationId null) a product's bin in a warehouse: a pick or bulk location there", roles: ROLES.managers, params: ZProductLocationParams, body: ZSetProductLocationRequest, response: ZProductLocation },
  ({ ctx, params, body }) => setProductLocation(ctx, params.productId, params.warehouseId, body),
);
r.get("/orders/:orderId/pick-locations", { summary: "The bin of each line of an order", params: ZOrderParams, response: ZOrderPickLocations }, ({ ctx, params }) =>
  getOrderPickLocations(ctx, params.orderId),
);
