import { useState, type FormEvent } from "react";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { fieldError } from "../../../components/ui/alert.tsx";
import { useWarehouseOptions } from "../../../lib/lookups.ts";
import { useContainers, useCreateContainer, useStagingLocations } from "../api/staging-api.ts";

export type StagingTarget = { warehouseId: string; locationId: string; containerId: string };

/** Where staged items go: a warehouse, one of its staging locations, and a container (tote) on it, or a new one. */
export function ContainerPicker({ value, onChange }: { value: StagingTarget; onChange: (v: StagingTarget) => void }) {
  const warehouses = useWarehouseOptions();
  const locations = useStagingLocations(value.warehouseId);
  const containers = useContainers(value.locationId);
  const create = useCreateContainer(value.locationId);
  const [newCode, setNewCode] = useState("");

  function addContainer(e: FormEvent) {
    e.preventDefault();
    if (!newCode.trim()) return;
    create.mutate(newCode.trim(), {
      onSuccess: (c) => {
        setNewCode("");
        onChange({ ...value, containerId: c.id });
      },
    });
  }

  return (
    <div className="form-grid">
      <FormField label="Warehouse">
        <select value={value.warehouseId} onChange={(e) => onChange({ warehouseId: e.target.value, locationId: "", containerId: "" })}>
          <option value="">{warehouses.isPending ? "Loading…" : "Choose…"}</option>
          {warehouses.data?.map((w) => (
            <option key={w.id} value={w.id}>
              {w.code} · {w.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Staging location" error={value.warehouseId && locations.data?.length === 0 ? "This warehouse has no staging location; add one under Warehouses." : undefined}>
        <select value={value.locationId} disabled={!value.warehouseId} onChange={(e) => onChange({ ...value, locationId: e.target.value, containerId: "" })}>
          <option value="">{locations.isFetching ? "Loading…" : "Choose…"}</option>
          {locations.data?.map((l) => (
            <option key={l.id} value={l.id}>
              {l.code}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Container">
        <select value={value.containerId} disabled={!value.locationId} onChange={(e) => onChange({ ...value, containerId: e.target.value })}>
          <option value="">{containers.isFetching ? "Loading…" : "Choose…"}</option>
          {containers.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code}
            </option>
          ))}
        </select>
      </FormField>
      {value.locationId && (
        <form onSubmit={addContainer} className="form-row" noValidate>
          <FormField label="New container code" error={fieldError(create.error, "code") ?? (create.error ? create.error.message : undefined)}>
            <input value={newCode} onChange={(e) => setNewCode(e.target.value)} autoComplete="off" className="mono" />
          </FormField>
          <Button type="submit" busy={create.isPending}>
            Add container
          </Button>
        </form>
      )}
    </div>
  );
}
