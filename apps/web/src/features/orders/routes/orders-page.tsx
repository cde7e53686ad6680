import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { LoadMore } from "../../../components/ui/load-more.tsx";
import { exportCsvHref, useOrderCounts, useOrders } from "../api/orders-api.ts";
import { toApiQuery, useOrderFilters } from "../lib/order-filters.ts";
import { OrderTabs } from "../components/order-tabs.tsx";
import { OrderFilters } from "../components/order-filters.tsx";
import { OrdersTable } from "../components/orders-table.tsx";
import { BulkBar } from "../components/bulk-bar.tsx";
import { SavedViews } from "../components/saved-views.tsx";
import "../orders.css";

/** The daily screen of warehouse staff: what can ship now, in part, or waits; filters and sort in the URL. */
export function OrdersPage() {
  const { filters, update, search, setSearch } = useOrderFilters();
  const query = useMemo(() => toApiQuery(filters), [filters]);
  const list = useOrders(query);
  const counts = useOrderCounts(query);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState(-1);

  // A new filter is a new list: the keyboard cursor and the selection start over.
  useEffect(() => {
    setFocused(-1);
    setSelected(new Set());
  }, [search]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = (all: boolean) => setSelected(all ? new Set(list.items.map((o) => o.id)) : new Set());
  const hasFilters = Object.keys(filters).some((k) => !["fulfillability", "status", "sort", "dir"].includes(k));

  return (
    <div className="page page-wide">
      <PageHeader
        title="Orders"
        description="What can ship now, what can ship in part, and what waits for stock."
        actions={
          <>
            <Link className="btn btn-primary" to="/orders/scan">
              Scan to ship
            </Link>
            <a className="btn" href={exportCsvHref(query)} download>
              Export list (CSV)
            </a>
          </>
        }
      />
      <OrderTabs filters={filters} search={search} counts={counts.data} />
      <OrderFilters filters={filters} update={update} />
      <div className="toolbar">
        <SavedViews search={search} onPick={setSearch} />
        {hasFilters && (
          <button type="button" className="btn btn-ghost" onClick={() => update({}, true)}>
            Clear filters
          </button>
        )}
        <span className="kbd-hint">Keys: / search · j k move · Space select · Enter open</span>
      </div>
      {selected.size > 0 && <BulkBar selectedIds={[...selected]} onDone={() => setSelected(new Set())} />}
      {list.isPending ? (
        <Spinner label="Loading orders…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.items.length === 0 ? (
        <EmptyState title={hasFilters ? "No orders match these filters" : "No orders here"}>
          {hasFilters && <p>Clear a filter or pick another tab.</p>}
        </EmptyState>
      ) : (
        <>
          <OrdersTable items={list.items} selected={selected} onToggle={toggle} onToggleAll={toggleAll} focused={focused} onFocus={setFocused} />
          <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
        </>
      )}
    </div>
  );
}
