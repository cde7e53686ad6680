import { useState, type FormEvent } from "react";
import type { TWarehouse } from "@bod/contracts/warehouses";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";

export function WarehouseForm({ warehouse, busy, error, onSubmit, onCancel }: { warehouse?: TWarehouse; busy: boolean; error: unknown; onSubmit: (v: { code: string; name: string; address: string | null }) => void; onCancel?: () => void }) {
  const [code, setCode] = useState(warehouse?.code ?? "");
  const [name, setName] = useState(warehouse?.name ?? "");
  const [address, setAddress] = useState(warehouse?.address ?? "");
  const [local, setLocal] = useState<Record<string, string>>({});
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!code.trim()) errors.code = "Enter a short code, e.g. MAIN";
    if (!name.trim()) errors.name = "Enter a name";
    setLocal(errors);
    if (Object.keys(errors).length === 0) onSubmit({ code: code.trim(), name: name.trim(), address: address.trim() || null });
  }
  return (
    <form onSubmit={submit} className="form-row wrap" noValidate onChange={() => Object.keys(local).length > 0 && setLocal({})}>
      <FormField label="Code" error={local.code ?? fieldError(error, "code")}>
        <input value={code} onChange={(e) => setCode(e.target.value)} className="mono" autoComplete="off" size={10} autoFocus={!warehouse} />
      </FormField>
      <FormField label="Name" error={local.name ?? fieldError(error, "name")}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </FormField>
      <FormField label="Address" hint="Printed on packing slips and as the ship-to of purchase orders" error={fieldError(error, "address")}>
        <textarea value={address} onChange={(e) => setAddress(e.target.value)} rows={4} cols={36} autoComplete="street-address" />
      </FormField>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save warehouse
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
      <div className="span-all">
        <ErrorAlert error={error} shownFields={["code", "name", "address"]} />
      </div>
    </form>
  );
}
