// Returns (RMA): authorised on an order, listed, received (restocked units feed waiting orders),
// cancelled, closed, refunded or linked to an exchange order. Parse → call → respond.
import {
  RETURN_ACTION_ROLES,
  RETURN_CREATE_ROLES,
  RETURN_READ_ROLES,
  ZCreateReturnRequest,
  ZOrderReturnsParams,
  ZReceiveReturnRequest,
  ZReceiveReturnResponse,
  ZReturn,
  ZReturnActionRequest,
  ZReturnExchangeRequest,
  ZReturnListQuery,
  ZReturnPage,
  ZReturnParams,
  ZReturnRefundRequest,
} from "@bod/contracts/returns";
import { inTenant } from "../../db/client.ts";
import { ApiRouter } from "../../http/endpoint.ts";
import { readReturn, listReturns } from "./queries.ts";
import { receiveReturn } from "./receive.ts";
import { cancelReturn, closeReturn, createReturn, linkExchange, refundReturn } from "./service.ts";

export const orderReturnRoutes = new ApiRouter("/api/v1/orders");
orderReturnRoutes.post(
  "/:orderId/returns",
  { summary: "Authorise a return of shipped units (per line: quantity and condition); never more than shipped minus what other returns took", roles: RETURN_CREATE_ROLES, params: ZOrderReturnsParams, body: ZCreateReturnRequest, response: ZReturn, status: 201, idempotent: true },
  ({ ctx, params, body }) => createReturn(ctx, params.orderId, body),
);

export const returnRoutes = new ApiRouter("/api/v1/returns");
const r = returnRoutes;
r.get("/", { summary: "List returns, newest first", roles: RETURN_READ_ROLES, query: ZReturnListQuery, response: ZReturnPage }, ({ ctx, query }) => inTenant(ctx, (tx) => listReturns(tx, ctx.tenantId, query)));
r.get("/:returnId", { summary: "A return with its lines, receipts, refund and exchange", roles: RETURN_READ_ROLES, params: ZReturnParams, response: ZReturn }, ({ ctx, params }) =>
  inTenant(ctx, (tx) => readReturn(tx, ctx, params.returnId)),
);
r.post(
  "/:returnId/receipts",
  { summary: "Receive a return: restocked units go back to stock and waiting orders take them by rank; damaged and quarantined units are kept apart", roles: RETURN_ACTION_ROLES.receive, params: ZReturnParams, body: ZReceiveReturnRequest, response: ZReceiveReturnResponse, status: 201, idempotent: true },
  ({ ctx, params, body }) => receiveReturn(ctx, params.returnId, body),
);
r.post("/:returnId/cancel", { summary: "Cancel a return nothing was received on", roles: RETURN_ACTION_ROLES.cancel, params: ZReturnParams, body: ZReturnActionRequest, response: ZReturn }, ({ ctx, params, body }) =>
  cancelReturn(ctx, params.returnId, body.version),
);
r.post("/:returnId/close", { summary: "Close a (partially) received return: nothing more is expected", roles: RETURN_ACTION_ROLES.close, params: ZReturnParams, body: ZReturnActionRequest, response: ZReturn }, ({ ctx, params, body }) =>
  closeReturn(ctx, params.returnId, body.version),
);
r.post(
  "/:returnId/refund",
  { summary: "Refund the received units at their price and link the refund (the channel is asked to pay it back)", roles: RETURN_ACTION_ROLES.refund, params: ZReturnParams, body: ZReturnRefundRequest, response: ZReturn, idempotent: true },
  ({ ctx, params, body }) => refundReturn(ctx, params.returnId, body),
);
r.post("/:returnId/exchange", { summary: "Link the order that sends the customer a replacement", roles: RETURN_ACTION_ROLES.link_exchange, params: ZReturnParams, body: ZReturnExchangeRequest, response: ZReturn }, ({ ctx, params, body }) =>
  linkExchange(ctx, params.returnId, body),
);
