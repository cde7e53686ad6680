// GET /dashboard, refetched every minute. The previous answer stays on screen while the next one
// (or another warehouse's) loads, so a refresh never blanks the page.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TDashboard } from "@bod/contracts/dashboard";
import { api } from "../../../lib/api.ts";

export const DASHBOARD_REFRESH_MS = 60_000;
export const dashboardKeys = { all: ["dashboard"] as const, one: (warehouseId: string) => ["dashboard", warehouseId] as const };

export function useDashboard(warehouseId: string) {
  return useQuery({
    queryKey: dashboardKeys.one(warehouseId),
    queryFn: ({ signal }) => api.get<TDashboard>("/dashboard", { warehouseId: warehouseId || undefined }, signal),
    refetchInterval: DASHBOARD_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}
