import { ZSettings, ZUpdateSettingsRequest, ZUpdateSettingsResponse } from "@bod/contracts/settings";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { getSettings, updateSettings } from "./service.ts";

export const settingsRoutes = new ApiRouter("/api/v1/settings");

settingsRoutes.get("/", { summary: "The company's settings", roles: ROLES.admin, response: ZSettings }, ({ ctx }) => getSettings(ctx));
settingsRoutes.patch(
  "/",
  {
    summary: "Change the company name or allocation policy (a policy change queues a recompute of every open order: 202 with the job)",
    roles: ROLES.admin,
    body: ZUpdateSettingsRequest,
    response: ZUpdateSettingsResponse,
    status: (r) => (r.recomputeJob ? 202 : 200),
    documentedStatuses: [200, 202],
  },
  ({ ctx, body }) => updateSettings(ctx, body),
);
