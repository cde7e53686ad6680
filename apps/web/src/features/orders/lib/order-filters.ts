// Every filter and the sort of the order list live in the URL query, so a view is a link:
// bookmarkable, shareable, and storable as a saved view (its `query` is this search string).
import { useCallback } from "react";
import { useSearchParamFilters } from "../../../lib/use-search-params-state.ts";
import type { TCountKey } from "@bod/contracts/order-list";
import type { TFulfillability, TOrderCounts, TOrderStatus } from "../api/order-types.ts";

export const FILTER_KEYS = ["fulfillability", "status", "channelId", "warehouseId", "mode", "tag", "sku", "shipBy", "orderDateFrom", "orderDateTo", "q", "sort", "dir"] as const;
export type TFilterKey = (typeof FILTER_KEYS)[number];
export type TOrderFilters = Partial<Record<TFilterKey, string>>;

export const FULFILLABILITY_LABELS: Record<TFulfillability, string> = {
  fulfillable: "Fulfillable",
  partially_fulfillable: "Partially fulfillable",
  backordered: "Backordered",
};
export const STATUS_LABELS: Record<TOrderStatus, string> = {
  open: "Open",
  on_hold: "On hold",
  partially_shipped: "Partially shipped",
  shipped: "Shipped",
  cancelled: "Cancelled",
};
/** Orders still to ship, held ones included: the "All open" tab. */
export const ALL_OPEN_STATUSES = "open,on_hold,partially_shipped";

export type TOrderTab = { id: string; label: string; params: TOrderFilters; countKeys: TCountKey[] };
export const ORDER_TABS: TOrderTab[] = [
  { id: "fulfillable", label: "Fulfillable", params: { fulfillability: "fulfillable" }, countKeys: ["fulfillable"] },
  { id: "partially_fulfillable", label: "Partially fulfillable", params: { fulfillability: "partially_fulfillable" }, countKeys: ["partially_fulfillable"] },
  { id: "backordered", label: "Backordered", params: { fulfillability: "backordered" }, countKeys: ["backordered"] },
  { id: "all_open", label: "All open", params: {}, countKeys: ["open", "on_hold", "partially_shipped"] },
  { id: "on_hold", label: "On hold", params: { status: "on_hold" }, countKeys: ["on_hold"] },
  { id: "partially_shipped", label: "Partially shipped", params: { status: "partially_shipped" }, countKeys: ["partially_shipped"] },
  { id: "shipped", label: "Shipped", params: { status: "shipped" }, countKeys: ["shipped"] },
  { id: "cancelled", label: "Cancelled", params: { status: "cancelled" }, countKeys: ["cancelled"] },
];

/** A tab's count as shown: "10,000+" when the API stopped counting at its cap. */
export function tabCount(tab: TOrderTab, counts: TOrderCounts): string {
  const n = tab.countKeys.reduce((a, k) => a + counts[k], 0);
  const capped = tab.countKeys.some((k) => counts.capped.includes(k));
  return `${n.toLocaleString()}${capped ? "+" : ""}`;
}

/** Which tab the current filters select (fulfillability wins; no fulfillability and no status is "All open"). */
export function activeTab(f: TOrderFilters): string {
  if (f.fulfillability) return f.fulfillability;
  if (f.status) return ORDER_TABS.find((t) => t.params.status === f.status)?.id ?? "custom";
  return "all_open";
}

export const SORTS = [
  { value: "order_date", label: "Order date" },
  { value: "ship_by", label: "Ship-by date" },
  { value: "priority", label: "Priority" },
] as const;

/** The query sent to the API: oldest first by order date unless the URL says otherwise; without a tab, all open orders
 * (a fulfillability tab needs no status: the API applies it to open and partially shipped orders). */
export function toApiQuery(f: TOrderFilters): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = {};
  for (const k of FILTER_KEYS) q[k] = f[k]?.trim() || undefined;
  q.sort ??= "order_date";
  q.dir ??= q.sort === "priority" ? "desc" : "asc";
  if (!q.status && !q.fulfillability) q.status = ALL_OPEN_STATUSES;
  return q;
}

export function useOrderFilters() {
  const { filters, update: patch, params, setParams } = useSearchParamFilters(FILTER_KEYS);
  // A new view (replaceAll) clears every filter but keeps the sort.
  const update = useCallback((change: TOrderFilters, replaceAll = false) => patch(change, replaceAll ? { keep: ["sort", "dir"] } : {}), [patch]);
  const setSearch = useCallback((search: string) => setParams(new URLSearchParams(search), { replace: false }), [setParams]);
  return { filters: filters as TOrderFilters, update, search: params.toString(), setSearch };
}
