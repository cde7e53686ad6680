// The backorder report's filters: warehouse, supplier, channel, reorder-point rows, and the net-need
// and preorder switches.
import { FormField, CheckboxField } from "../../../components/ui/form-field.tsx";
import { useSupplierOptions } from "../../../lib/lookups.ts";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { useChannelOptions } from "../../../lib/lookups.ts";

export type ReorderRows = "" | "exclude" | "only";
export type ReportFilterValues = { warehouseId: string; supplierId: string; channelId: string; reorder: ReorderRows; onlyNetNeed: boolean; preorderOnly: boolean };

/** The report's filters; every value lives in the URL (the page owns the state). */
export function ReportFilters({ value, onChange }: { value: ReportFilterValues; onChange: (patch: Partial<ReportFilterValues>) => void }) {
  const suppliers = useSupplierOptions();
  const channels = useChannelOptions();
  return (
    <div className="toolbar" role="group" aria-label="Report filters">
      <WarehouseSelect allowAll value={value.warehouseId} onChange={(id) => onChange({ warehouseId: id })} />
      <FormField label="Supplier">
        <select value={value.supplierId} onChange={(e) => onChange({ supplierId: e.target.value })}>
          <option value="">All suppliers</option>
          {suppliers.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Channel">
        <select value={value.channelId} onChange={(e) => onChange({ channelId: e.target.value })}>
          <option value="">All channels</option>
          {channels.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Reorder points">
        <select value={value.reorder} onChange={(e) => onChange({ reorder: e.target.value as ReorderRows })}>
          <option value="">Backorders and items below their reorder point</option>
          <option value="exclude">Backorders only</option>
          <option value="only">Below reorder point only</option>
        </select>
      </FormField>
      <div className="stack">
        <CheckboxField label="Only SKUs with a net need" checked={value.onlyNetNeed} onChange={(v) => onChange({ onlyNetNeed: v })} />
        <CheckboxField label="Preorders only" checked={value.preorderOnly} onChange={(v) => onChange({ preorderOnly: v })} />
      </div>
    </div>
  );
}
