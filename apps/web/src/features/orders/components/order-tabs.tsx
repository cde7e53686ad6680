import { Link } from "react-router";
import type { TOrderCounts } from "../api/order-types.ts";
import { ORDER_TABS, activeTab, tabCount, type TOrderFilters } from "../lib/order-filters.ts";

/** Fulfillability and lifecycle tabs with their counts; each tab is a link that keeps the other filters. */
export function OrderTabs({ filters, search, counts }: { filters: TOrderFilters; search: string; counts: TOrderCounts | undefined }) {
  const current = activeTab(filters);
  return (
    <nav className="order-tabs" aria-label="Order tabs">
      {ORDER_TABS.map((tab) => {
        const p = new URLSearchParams(search);
        p.delete("fulfillability");
        p.delete("status");
        for (const [k, v] of Object.entries(tab.params)) if (v) p.set(k, v);
        const n = counts ? tabCount(tab, counts) : undefined;
        const qs = p.toString();
        return (
          <Link key={tab.id} to={qs ? `/orders?${qs}` : "/orders"} aria-current={current === tab.id ? "page" : undefined} replace>
            {tab.label}
            {n !== undefined && <span className="count">{n}</span>}
          </Link>
        );
      })}
    </nav>
  );
}
