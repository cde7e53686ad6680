// Oversold by accident: the guided choices, exchange suggestions, conflicts on an order, and
// store updates of an order by its external id. Parse → call → respond.
import { ZOrderDetail, ZOrderParams } from "@bod/contracts/orders";
import {
  ZCancelRefundRequest,
  ZExchangeSuggestions,
  ZExchangeSuggestionsQuery,
  ZOrderConflictParams,
  ZOversellExchangeRequest,
  ZRefundPartialRequest,
  ZResolveConflictRequest,
  ZStoreOrderParams,
  ZStoreOrderUpdateRequest,
  ZStoreOrderUpdateResponse,
} from "@bod/contracts/oversell";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { applyStoreUpdate, resolveConflict } from "./external-update.ts";
import { cancelAndRefund, exchangeSuggestions, exchangeUnavailable, refundUnavailable } from "./oversell.ts";

export const oversellRoutes = new ApiRouter("/api/v1/orders");
const r = oversellRoutes;
const detail = { response: ZOrderDetail };

r.post(
  "/:orderId/oversell/cancel-refund",
  { summary: "Oversold: cancel the order and refund everything still refundable (lines, shipping, tax)", roles: ROLES.managers, params: ZOrderParams, body: ZCancelRefundRequest, ...detail, idempotent: true },
  ({ ctx, params, body }) => cancelAndRefund(ctx, params.orderId, body),
);
r.post(
  "/:orderId/oversell/refund-partial",
  { summary: "Oversold: cancel the unavailable quantities and refund them; ship the rest next", roles: ROLES.managers, params: ZOrderParams, body: ZRefundPartialRequest, ...detail, idempotent: true },
  ({ ctx, params, body }) => refundUnavailable(ctx, params.orderId, body),
);
r.post(
  "/:orderId/oversell/exchange",
  { summary: "Oversold: replace units of a line with another product; the price difference is refunded or due", roles: ROLES.managers, params: ZOrderParams, body: ZOversellExchangeRequest, ...detail, idempotent: true },
  ({ ctx, params, body }) => exchangeUnavailable(ctx, params.orderId, body),
);
r.get(
  "/:orderId/exchange-suggestions",
  { summary: "Alternatives available now for a line: same supplier, or a manual search with q", roles: ROLES.managers, params: ZOrderParams, query: ZExchangeSuggestionsQuery, response: ZExchangeSuggestions },
  ({ ctx, params, query }) => exchangeSuggestions(ctx, params.orderId, query),
);
r.post(
  "/:orderId/conflicts/:conflictId/resolve",
  { summary: "Mark a conflict from a store update as dealt with", roles: ROLES.managers, params: ZOrderConflictParams, body: ZResolveConflictRequest, ...detail },
  ({ ctx, params, body }) => resolveConflict(ctx, params.orderId, params.conflictId, body),
);

export const storeOrderRoutes = new ApiRouter("/api/v1/channels");

// Store updates come from integrations (API token, whatever its role) or a manager replaying one by hand.
storeOrderRoutes.put(
  "/:channelId/orders/:externalId",
  {
    summary: "An order edited in the store (channels that support edits), by external id; the same update again changes nothing",
    roles: ROLES.managers,
    anyToken: true,
    params: ZStoreOrderParams,
    body: ZStoreOrderUpdateRequest,
    response: ZStoreOrderUpdateResponse,
    idempotent: true,
  },
  ({ ctx, params, body }) => {
    return applyStoreUpdate(ctx, params.channelId, params.externalId, body);
  },
);
