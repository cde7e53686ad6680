import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import { ZChannel, ZChannelListQuery, ZChannelPage, ZCreateChannelRequest, ZRotateWebhookSecretRequest, ZUpdateChannelRequest } from "@bod/contracts/channels";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { createChannel, deleteChannel, getChannel, listChannels, revokeWebhookSecret, rotateWebhookSecret, updateChannel } from "./service.ts";

export const channelRoutes = new ApiRouter("/api/v1/channels");
const r = channelRoutes;
const ZParams = z.object({ id: ZId });

r.get("/", { summary: "List sales channels", query: ZChannelListQuery, response: ZChannelPage }, ({ ctx, query }) => listChannels(ctx, query));
r.post("/", { summary: "Create a sales channel", roles: ROLES.admin, body: ZCreateChannelRequest, response: ZChannel, status: 201 }, ({ ctx, body }) => createChannel(ctx, body));
r.get("/:id", { summary: "Get a sales channel", params: ZParams, response: ZChannel }, ({ ctx, params }) => getChannel(ctx, params.id));
r.patch("/:id", { summary: "Change a sales channel's settings", roles: ROLES.admin, params: ZParams, body: ZUpdateChannelRequest, response: ZChannel }, ({ ctx, params, body }) =>
  updateChannel(ctx, params.id, body),
);
r.delete("/:id", { summary: "Delete a channel no order came from", roles: ROLES.admin, params: ZParams }, ({ ctx, params }) => deleteChannel(ctx, params.id));

const ZSecretParams = z.object({ id: ZId, secretId: ZId });
r.post(
  "/:id/webhook-secrets",
  { summary: "Rotate the webhook secret: the new one is current, the previous one stays valid for overlapHours", roles: ROLES.admin, params: ZParams, body: ZRotateWebhookSecretRequest, response: ZChannel, status: 201 },
  ({ ctx, params, body }) => rotateWebhookSecret(ctx, params.id, body),
);
r.delete("/:id/webhook-secrets/:secretId", { summary: "Stop accepting a webhook secret now", roles: ROLES.admin, params: ZSecretParams, response: ZChannel }, ({ ctx, params }) =>
  revokeWebhookSecret(ctx, params.id, params.secretId),
);
