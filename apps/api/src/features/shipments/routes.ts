// Shipments: created on an order (idempotent: a retry returns the first shipment and moves
// no stock again), and read back as packing-slip data.
import { ZCreateShipmentRequest, ZOrderParams, ZPackingSlip, ZShipmentParams, ZShipmentResponse } from "@bod/contracts/orders";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { createShipment, getShipment } from "./service.ts";

export const orderShipmentRoutes = new ApiRouter("/api/v1/orders");
orderShipmentRoutes.post(
  "/:orderId/shipments",
  { summary: "Ship lines of an order (default: every line's current allocation)", roles: ROLES.stock, params: ZOrderParams, body: ZCreateShipmentRequest, response: ZShipmentResponse, status: 201, idempotent: true },
  ({ ctx, params, body }) => createShipment(ctx, params.orderId, body),
);

export const shipmentRoutes = new ApiRouter("/api/v1/shipments");
shipmentRoutes.get("/:shipmentId", { summary: "Packing-slip data for a shipment", params: ZShipmentParams, response: ZPackingSlip }, ({ ctx, params }) => getShipment(ctx, params.shipmentId));
