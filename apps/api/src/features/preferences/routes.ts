// The signed-in user's own preferences (the orders grid's columns…), one value per key.
import { ZPreference, ZPreferenceParams, ZPutPreferenceRequest } from "@bod/contracts/preferences";
import { ApiRouter } from "../../http/endpoint.ts";
import { readPreference, writePreference } from "./service.ts";

export const preferenceRoutes = new ApiRouter("/api/v1/me/preferences");
const r = preferenceRoutes;

r.get("/:key", { summary: "One of your preferences (value null until saved)", sessionsOnly: true, params: ZPreferenceParams, response: ZPreference }, ({ ctx, params }) => readPreference(ctx, params.key));
r.put("/:key", { summary: "Replace one of your preferences; the value is checked against the key's schema", sessionsOnly: true, params: ZPreferenceParams, body: ZPutPreferenceRequest, response: ZPreference }, ({ ctx, params, body }) =>
  writePreference(ctx, params.key, body.value),
);
