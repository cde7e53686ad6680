import { useEffect, type Ref } from "react";
import { FormField } from "./ui/form-field.tsx";
import { useWarehouseOptions } from "../lib/lookups.ts";

const LAST_KEY = "bod.lastWarehouseId";
export const rememberWarehouse = (id: string) => {
  try {
    localStorage.setItem(LAST_KEY, id);
  } catch {
    /* private mode */
  }
};
const lastWarehouse = () => {
  try {
    return localStorage.getItem(LAST_KEY) ?? "";
  } catch {
    return "";
  }
};

/** A warehouse picker; with `allowAll` an empty value means every warehouse, else it preselects the last used one. */
export function WarehouseSelect({ value, onChange, allowAll, error, selectRef }: { value: string; onChange: (id: string) => void; allowAll?: boolean; error?: string; selectRef?: Ref<HTMLSelectElement> }) {
  const warehouses = useWarehouseOptions();
  const list = warehouses.data;
  useEffect(() => {
    if (allowAll || !list || list.length === 0) return;
    if (value && list.some((w) => w.id === value)) return;
    const last = lastWarehouse();
    onChange(list.some((w) => w.id === last) ? last : list[0]!.id);
  }, [allowAll, list, value, onChange]);
  return (
    <FormField label="Warehouse" error={error ?? (warehouses.isError ? "Could not load warehouses" : list?.length === 0 ? "Create a warehouse first" : undefined)}>
      <select ref={selectRef} value={value} onChange={(e) => onChange(e.target.value)}>
        {allowAll ? <option value="">All warehouses</option> : !value && <option value="">{warehouses.isPending ? "Loading…" : "Choose…"}</option>}
        {list?.map((w) => (
          <option key={w.id} value={w.id}>
            {w.code} · {w.name}
          </option>
        ))}
      </select>
    </FormField>
  );
}
