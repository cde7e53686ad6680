import { ZSettings, ZUpdateSettingsRequest } from "@bod/contracts/settings";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { getSettings, updateSettings } from "./service.ts";

export const settingsRoutes = new ApiRouter("/api/v1/settings");

settingsRoutes.get("/", { summary: "The company's settings", roles: ROLES.admin, response: ZSettings }, ({ ctx }) => getSettings(ctx));
settingsRoutes.patch(
  "/",
  { summary: "Change the company name or allocation policy (a policy change recomputes every open order)", roles: ROLES.admin, body: ZUpdateSettingsRequest, response: ZSettings },
  ({ ctx, body }) => updateSettings(ctx, body),
);
