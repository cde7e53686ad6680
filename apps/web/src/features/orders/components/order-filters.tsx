// The orders desk's filter bar: search and sort always in view, every other filter behind
// "More filters", and each active filter as a chip that removes it. All of it lives in the URL.
import { useEffect, useId, useState } from "react";
import { FormField } from "../../../components/ui/form-field.tsx";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useChannelOptions, useWarehouseOptions } from "../../../lib/lookups.ts";
import { formatDate } from "../../../lib/format.ts";
import { SORTS, type TFilterKey, type TOrderFilters } from "../lib/order-filters.ts";

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

const MODE_LABELS: Record<string, string> = { ship_partial: "Ship in parts", ship_complete: "Ship complete" };
const SHIP_BY_LABELS: Record<string, string> = { overdue: "Overdue", today: "Today", this_week: "This week" };
/** The filters shown as chips (tabs carry fulfillability and status; sort is not a filter). */
const CHIP_KEYS = ["q", "channelId", "warehouseId", "mode", "tag", "sku", "shipBy", "orderDateFrom", "orderDateTo"] as const satisfies readonly TFilterKey[];

function useChips(filters: TOrderFilters) {
  const channels = useChannelOptions();
  const warehouses = useWarehouseOptions();
  const text = (k: (typeof CHIP_KEYS)[number], v: string): string => {
    switch (k) {
      case "q":
        return `Search: ${v}`;
      case "channelId":
        return `Channel: ${channels.data?.find((c) => c.id === v)?.name ?? "…"}`;
      case "warehouseId":
        return `Warehouse: ${warehouses.data?.find((w) => w.id === v)?.name ?? "…"}`;
      case "mode":
        return `Mode: ${MODE_LABELS[v] ?? v}`;
      case "tag":
        return `Tag: ${v}`;
      case "sku":
        return `SKU: ${v}`;
      case "shipBy":
        return `Ship-by: ${SHIP_BY_LABELS[v] ?? v}`;
      case "orderDateFrom":
        return `Ordered from ${formatDate(v)}`;
      case "orderDateTo":
        return `Ordered to ${formatDate(v)}`;
    }
  };
  return CHIP_KEYS.filter((k) => filters[k]).map((k) => ({ key: k, label: text(k, filters[k]!) }));
}

export function OrderFilters({ filters, update }: { filters: TOrderFilters; update: (patch: TOrderFilters) => void }) {
  const [q, setQ] = useDebouncedParam(filters.q, (v) => update({ q: v }));
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const chips = useChips(filters);
  const more = chips.filter((c) => c.key !== "q").length;
  const sort = filters.sort ?? "order_date";
  const dir = filters.dir ?? (sort === "priority" ? "desc" : "asc");
  return (
    <div className="order-filters" role="search" aria-label="Order filters">
      <div className="filter-bar">
        <SearchInput label="Search orders" value={q} onChange={setQ} placeholder="Number, customer or external id (press /)" />
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
        <button type="button" className="btn" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          More filters{more > 0 ? ` (${more})` : ""}
        </button>
      </div>
      {chips.length > 0 && (
        <ul className="filter-chips" aria-label="Active filters">
          {chips.map((c) => (
            <li key={c.key} className="filter-chip">
              <span>{c.label}</span>
              <button type="button" aria-label={`Remove filter ${c.label}`} onClick={() => update({ [c.key]: "" })}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div id={panelId} className="filter-panel" hidden={!open}>
        {open && <MoreFilters filters={filters} update={update} />}
      </div>
    </div>
  );
}

function MoreFilters({ filters, update }: { filters: TOrderFilters; update: (patch: TOrderFilters) => void }) {
  const channels = useChannelOptions();
  const [tag, setTag] = useDebouncedParam(filters.tag, (v) => update({ tag: v }));
  const [sku, setSku] = useDebouncedParam(filters.sku, (v) => update({ sku: v }));
  return (
    <>
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
    </>
  );
}
