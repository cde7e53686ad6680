// The orders desk's filter bar: search, channel, warehouse, mode, tag, SKU, dates and sort, all written to the URL.
import { useEffect, useState } from "react";
import { FormField } from "../../../components/ui/form-field.tsx";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useChannelOptions } from "../../../lib/lookups.ts";
import { SORTS, type TOrderFilters } from "../lib/order-filters.ts";

/** A text filter typed into a box but written to the URL after a pause (no history entry per key). */
function useDebouncedParam(value: string | undefined, write: (v: string) => void) {
  const [draft, setDraft] = useState(value ?? "");
  const debounced = useDebounced(draft, 300);
  useEffect(() => setDraft(value ?? ""), [value]);
  useEffect(() => {
    if (debounced !== (value ?? "")) write(debounced);
  }, [debounced]);
  return [draft, setDraft] as const;
}

export function OrderFilters({ filters, update }: { filters: TOrderFilters; update: (patch: TOrderFilters) => void }) {
  const channels = useChannelOptions();
  const [q, setQ] = useDebouncedParam(filters.q, (v) => update({ q: v }));
  const [tag, setTag] = useDebouncedParam(filters.tag, (v) => update({ tag: v }));
  const [sku, setSku] = useDebouncedParam(filters.sku, (v) => update({ sku: v }));
  const sort = filters.sort ?? "order_date";
  const dir = filters.dir ?? (sort === "priority" ? "desc" : "asc");
  return (
    <div className="order-filters" role="search" aria-label="Order filters">
      <SearchInput label="Search orders" value={q} onChange={setQ} placeholder="Number, customer or external id (press /)" />
      <FormField label="Channel">
        <select value={filters.channelId ?? ""} onChange={(e) => update({ channelId: e.target.value })}>
          <option value="">All channels</option>
          {channels.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </FormField>
      <WarehouseSelect allowAll value={filters.warehouseId ?? ""} onChange={(id) => update({ warehouseId: id })} />
      <FormField label="Fulfillment mode">
        <select value={filters.mode ?? ""} onChange={(e) => update({ mode: e.target.value })}>
          <option value="">Any mode</option>
          <option value="ship_partial">Ship in parts</option>
          <option value="ship_complete">Ship complete</option>
        </select>
      </FormField>
      <FormField label="Tag">
        <input value={tag} onChange={(e) => setTag(e.target.value)} autoComplete="off" size={12} placeholder="e.g. PO-1042" />
      </FormField>
      <FormField label="SKU">
        <input value={sku} onChange={(e) => setSku(e.target.value)} autoComplete="off" className="mono" size={12} />
      </FormField>
      <FormField label="Ship-by">
        <select value={filters.shipBy ?? ""} onChange={(e) => update({ shipBy: e.target.value })}>
          <option value="">Any date</option>
          <option value="overdue">Overdue</option>
          <option value="today">Today</option>
          <option value="this_week">This week</option>
        </select>
      </FormField>
      <FormField label="Ordered from">
        <input type="date" value={filters.orderDateFrom ?? ""} onChange={(e) => update({ orderDateFrom: e.target.value })} />
      </FormField>
      <FormField label="Ordered to">
        <input type="date" value={filters.orderDateTo ?? ""} onChange={(e) => update({ orderDateTo: e.target.value })} />
      </FormField>
      <FormField label="Sort by">
        <select value={sort} onChange={(e) => update({ sort: e.target.value === "order_date" ? "" : e.target.value, dir: "" })}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Direction">
        <select value={dir} onChange={(e) => update({ dir: e.target.value })}>
          <option value="asc">{sort === "priority" ? "Lowest first" : "Oldest first"}</option>
          <option value="desc">{sort === "priority" ? "Highest first" : "Newest first"}</option>
        </select>
      </FormField>
    </div>
  );
}
