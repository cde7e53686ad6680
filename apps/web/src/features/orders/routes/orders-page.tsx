import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import type { TOrderSort } from "@bod/contracts/order-list";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { useWarehouseOptions } from "../../../lib/lookups.ts";
import { exportCsvHref, useOrderCounts, useOrders } from "../api/orders-api.ts";
import { ORDER_TABS, activeTab, toApiQuery, useOrderFilters } from "../lib/order-filters.ts";
import { useGridLayout } from "../lib/use-grid-layout.ts";
import { OrderTabs } from "../components/order-tabs.tsx";
import { OrderFilters } from "../components/order-filters.tsx";
import { OrdersGrid } from "../components/orders-grid.tsx";
import { ColumnsMenu } from "../components/columns-menu.tsx";
import { BulkBar } from "../components/bulk-bar.tsx";
import { SavedViews } from "../components/saved-views.tsx";
import "../orders.css";

/** The daily screen of warehouse staff: what can ship now, in part, or waits; filters and sort in the URL. */
export function OrdersPage() {
  const { filters, update, search, setSearch } = useOrderFilters();
  const query = useMemo(() => toApiQuery(filters), [filters]);
  const list = useOrders(query);
  const counts = useOrderCounts(query);
  const grid = useGridLayout();
  const warehouses = useWarehouseOptions();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState(-1);
  const anchor = useRef<number | null>(null);

  // A new filter is a new list: the keyboard cursor and the selection start over.
  useEffect(() => {
    setFocused(-1);
    setSelected(new Set());
    anchor.current = null;
  }, [search]);

  const items = list.items;
  const itemsRef = useRef(items);
  itemsRef.current = items;
  /** A click toggles one order; a shift-click selects every order from the last one clicked. */
  const select = useCallback((index: number, range: boolean) => {
    const rows = itemsRef.current;
    const order = rows[index];
    if (!order) return;
    const from0 = range ? anchor.current : null;
    anchor.current = index;
    setSelected((s) => {
      const next = new Set(s);
      if (from0 !== null) {
        const [from, to] = from0 < index ? [from0, index] : [index, from0];
        for (let i = from; i <= to; i++) next.add(rows[i]!.id);
      } else if (next.has(order.id)) next.delete(order.id);
      else next.add(order.id);
      return next;
    });
  }, []);
  const selectAll = useCallback((all: boolean) => setSelected(all ? new Set(itemsRef.current.map((o) => o.id)) : new Set()), []);

  const sort = (query.sort ?? "order_date") as TOrderSort;
  const dir = (query.dir ?? "asc") as "asc" | "desc";
  /** A header click sorts by its column; a second click on the same column reverses it. */
  const sortBy = (s: TOrderSort) => {
    if (s === sort) update({ dir: dir === "asc" ? "desc" : "asc" });
    else update({ sort: s === "order_date" ? "" : s, dir: "" });
  };

  const tab = ORDER_TABS.find((t) => t.id === activeTab(filters));
  const total = counts.data && tab && counts.data.exact ? tab.countKeys.reduce((a, k) => a + counts.data![k], 0) : -1;
  const meta = useMemo(() => {
    const names = new Map(warehouses.data?.map((w) => [w.id, w.name]));
    return { warehouseName: (id: string) => names.get(id) ?? "—" };
  }, [warehouses.data]);
  const hasFilters = Object.keys(filters).some((k) => !["fulfillability", "status", "sort", "dir"].includes(k));

  return (
    <div className="page page-wide orders-page">
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
        <ColumnsMenu layout={grid.layout} onLayout={grid.change} onReset={grid.reset} />
        <span className="kbd-hint">Keys: / search · j k move · Space select · Enter open · Shift-click selects a range</span>
      </div>
      {selected.size > 0 && <BulkBar selectedIds={[...selected]} shownCount={items.length} onSelectAll={() => selectAll(true)} onDone={() => setSelected(new Set())} />}
      {list.isPending ? (
        <Spinner label="Loading orders…" />
      ) : list.isError && items.length === 0 ? (
        <ErrorAlert error={list.error} />
      ) : items.length === 0 ? (
        <EmptyState title={hasFilters ? "No orders match these filters" : "No orders here"}>{hasFilters && <p>Clear a filter or pick another tab.</p>}</EmptyState>
      ) : (
        <>
          <OrdersGrid
            items={items}
            total={total}
            hasNextPage={list.hasNextPage && !list.isError}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={list.fetchNextPage}
            selected={selected}
            onSelect={select}
            onSelectAll={selectAll}
            focused={focused}
            onFocus={setFocused}
            sort={sort}
            dir={dir}
            onSort={sortBy}
            layout={grid.layout}
            onLayout={grid.change}
            meta={meta}
          />
          <p className="grid-status" role="status">
            {items.length.toLocaleString()} {total >= 0 ? `of ${total.toLocaleString()} ` : ""}
            {items.length === 1 ? "order" : "orders"} loaded
            {list.isFetchingNextPage ? " · loading more…" : list.hasNextPage ? " · more load as you scroll" : ""}
          </p>
          {list.isError && <ErrorAlert error={list.error} />}
        </>
      )}
    </div>
  );
}
