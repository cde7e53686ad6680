// The Integrations API: messages to stores (outbox, with every delivery attempt) and from
// stores (inbox), per channel; retry and discard for admins; an order's own messages.
import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import { ZOrderParams } from "@bod/contracts/orders";
import { ZInboxEventDetail, ZInboxEventPage, ZInboxListQuery, ZIntegrationSummary, ZOutboxEventDetail, ZOutboxEventList, ZOutboxEventPage, ZOutboxListQuery } from "@bod/contracts/integrations";
import { inTenant } from "../../db/client.ts";
import { ROLES } from "../../http/auth.ts";
import { ApiRouter } from "../../http/endpoint.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { isStoreKind } from "@bod/contracts/channels";
import { pushAllStock } from "./stock-push.ts";
import { reviewProduct } from "./unknown-skus.ts";
import { ZReviewProductRequest, ZReviewProductResponse } from "@bod/contracts/products";
import { discardOutboxEvent, retryOutboxEvent } from "./delivery.ts";
import { retryInboxMessage } from "./inbox.ts";
import { integrationSummary, listInbox, listOutbox, readInboxEvent, readOrderOutbox, readOutboxEvent } from "./read.ts";

export const integrationRoutes = new ApiRouter("/api/v1/integrations");
const r = integrationRoutes;
const ZParams = z.object({ id: ZId });

r.get("/summary", { summary: "Per channel: messages waiting, failed and moved in the last day, both ways", roles: ROLES.managers, response: ZIntegrationSummary }, ({ ctx }) =>
  inTenant(ctx, (tx) => integrationSummary(tx, ctx.tenantId)),
);

r.get("/outbox", { summary: "Messages to stores, newest first", roles: ROLES.managers, query: ZOutboxListQuery, response: ZOutboxEventPage }, ({ ctx, query }) =>
  inTenant(ctx, (tx) => listOutbox(tx, ctx.tenantId, query)),
);
r.get("/outbox/:id", { summary: "A message to a store with every delivery attempt", roles: ROLES.managers, params: ZParams, response: ZOutboxEventDetail }, ({ ctx, params }) =>
  inTenant(ctx, (tx) => readOutboxEvent(tx, ctx.tenantId, params.id)),
);
r.post("/outbox/:id/retry", { summary: "Send a message that gave up (or a waiting one) again now", roles: ROLES.admin, params: ZParams, response: ZOutboxEventDetail }, ({ ctx, params }) =>
  inTenant(ctx, async (tx) => {
    await readOutboxEvent(tx, ctx.tenantId, params.id);
    if (!(await retryOutboxEvent(tx, ctx.tenantId, params.id))) throw new AppError("rule_violation", "Only a message that is waiting or gave up can be retried");
    return readOutboxEvent(tx, ctx.tenantId, params.id);
  }),
);
r.post("/outbox/:id/discard", { summary: "Give up on a message: it is never sent, and the order's later messages go on", roles: ROLES.admin, params: ZParams, response: ZOutboxEventDetail }, ({ ctx, params }) =>
  inTenant(ctx, async (tx) => {
    await readOutboxEvent(tx, ctx.tenantId, params.id);
    const user = ctx.userId ? await tx.user.findUnique({ where: { id: ctx.userId }, select: { name: true } }) : null;
    if (!(await discardOutboxEvent(tx, ctx.tenantId, params.id, user?.name ?? "an admin"))) throw new AppError("rule_violation", "Only a message that is waiting or gave up can be discarded");
    return readOutboxEvent(tx, ctx.tenantId, params.id);
  }),
);

r.get("/inbox", { summary: "Messages from stores (webhooks and polls), newest first", roles: ROLES.managers, query: ZInboxListQuery, response: ZInboxEventPage }, ({ ctx, query }) =>
  inTenant(ctx, (tx) => listInbox(tx, ctx.tenantId, query)),
);
r.get("/inbox/:id", { summary: "A message from a store, with what it carried", roles: ROLES.managers, params: ZParams, response: ZInboxEventDetail }, ({ ctx, params }) =>
  inTenant(ctx, (tx) => readInboxEvent(tx, ctx.tenantId, params.id)),
);
r.post("/inbox/:id/retry", { summary: "Apply a message that failed (or was ignored) again", roles: ROLES.admin, params: ZParams, response: ZInboxEventDetail }, ({ ctx, params }) =>
  inTenant(ctx, async (tx) => {
    await readInboxEvent(tx, ctx.tenantId, params.id);
    if (!(await retryInboxMessage(tx, ctx.tenantId, params.id))) throw new AppError("rule_violation", "Only a message that failed or was ignored can be applied again");
    return readInboxEvent(tx, ctx.tenantId, params.id);
  }),
);

export const orderOutboxRoutes = new ApiRouter("/api/v1/orders");
orderOutboxRoutes.get("/:orderId/outbox", { summary: "The order's messages to its store, oldest first, with delivery attempts", params: ZOrderParams, response: ZOutboxEventList }, ({ ctx, params }) =>
  inTenant(ctx, async (tx) => ({ items: await readOrderOutbox(tx, ctx.tenantId, params.orderId) })),
);

/** Actions on a channel's connection that run on the job queue. */
export const channelSyncRoutes = new ApiRouter("/api/v1/channels");
channelSyncRoutes.post(
  "/:id/stock-push",
  {
    summary: "Push every product's available stock to the store now (e.g. after connecting it); 422 when the channel does not push stock (no store, not connected, switched off, push off)",
    roles: ROLES.admin,
    params: ZParams,
    response: z.object({ products: z.number().int() }),
    status: 202,
  },
  async ({ ctx, params }) => ({ products: await pushAllStock(ctx, params.id) }),
);
channelSyncRoutes.post(
  "/:id/reconcile",
  { summary: "Ask the store now for its orders changed since the last poll", roles: ROLES.admin, params: ZParams, response: z.object({ queued: z.boolean() }), status: 202 },
  ({ ctx, params }) =>
    inTenant(ctx, async (tx) => {
      const channel = await tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: params.id } }, select: { id: true, kind: true, storeUrl: true, accessTokenCiphertext: true } });
      if (!channel) throw notFound("Channel");
      if (!isStoreKind(channel.kind) || !channel.storeUrl || !channel.accessTokenCiphertext) throw new AppError("rule_violation", "Connect the channel to its store first (store URL and access token)");
      await enqueueJob(tx, "channel_reconcile", { tenantId: ctx.tenantId, channelId: channel.id }, { key: `reconcile:${channel.id}` });
      return { queued: true };
    }),
);

export const productReviewRoutes = new ApiRouter("/api/v1/products");
productReviewRoutes.post(
  "/:id/review",
  { summary: "Resolve a product created from a store's unknown SKU: confirm it, or map the store's SKU to an existing product", roles: ROLES.managers, params: ZParams, body: ZReviewProductRequest, response: ZReviewProductResponse },
  ({ ctx, params, body }) => reviewProduct(ctx, params.id, body),
);
