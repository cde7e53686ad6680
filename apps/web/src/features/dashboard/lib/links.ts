// Where each figure on the dashboard leads: the orders desk, purchasing, the backorder report and
// Integrations, filtered through their own URL parameters (orders/lib/order-filters.ts FILTER_KEYS).
import type { TFulfillability } from "@bod/contracts/order-list";

function withQuery(path: string, params: Record<string, string | undefined>) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

export const ordersHref = (fulfillability: TFulfillability, warehouseId?: string) => withQuery("/orders", { fulfillability, warehouseId });

/** Overdue orders, oldest ship-by first; a fulfillability tab, held orders, or all (the desk's "All open"). */
export const overdueHref = (which: TFulfillability | "on_hold" | "all", warehouseId?: string) =>
  withQuery("/orders", {
    fulfillability: which === "on_hold" || which === "all" ? undefined : which,
    status: which === "on_hold" ? "on_hold" : undefined,
    warehouseId,
    shipBy: "overdue",
    sort: "ship_by",
  });

export const backorderReportHref = (warehouseId?: string) => withQuery("/reports/backorders", { warehouseId });
export const failedDeliveriesHref = (channelId?: string | null) => withQuery("/integrations", { channelId: channelId ?? undefined, status: "failed" });

/** "1 unit", "3 units" */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
