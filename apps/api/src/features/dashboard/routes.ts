// The dashboard at `/`: one read of every section a role may open (service.ts).
import { ZDashboard, ZDashboardQuery } from "@bod/contracts/dashboard";
import { ApiRouter } from "../../http/endpoint.ts";
import { getDashboard } from "./service.ts";

export const dashboardRoutes = new ApiRouter("/api/v1/dashboard");

dashboardRoutes.get(
  "/",
  { summary: "What can ship now, what is overdue, open purchase orders and their waiting orders, the shortfall trend, failed messages to stores", query: ZDashboardQuery, response: ZDashboard },
  ({ ctx, query }) => getDashboard(ctx, query),
);
