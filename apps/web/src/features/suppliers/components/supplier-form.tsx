import { useState, type FormEvent } from "react";
import type { TSupplier } from "@bod/contracts/suppliers";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";

export function SupplierForm({ supplier, submitLabel, busy, error, onSubmit, onCancel }: { supplier?: TSupplier; submitLabel: string; busy: boolean; error: unknown; onSubmit: (v: { name: string; email: string | null }) => void; onCancel?: () => void }) {
  const [name, setName] = useState(supplier?.name ?? "");
  const [email, setEmail] = useState(supplier?.email ?? "");
  const [local, setLocal] = useState<string>();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setLocal("Enter the supplier's name");
    setLocal(undefined);
    onSubmit({ name: name.trim(), email: email.trim() || null });
  }
  return (
    <form onSubmit={submit} className="form-row wrap" noValidate>
      <FormField label="Name" error={local ?? fieldError(error, "name")}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" autoFocus />
      </FormField>
      <FormField label="Email" hint="Where purchase orders are sent (optional)." error={fieldError(error, "email")}>
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
      </FormField>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
      <div className="span-all">
        <ErrorAlert error={error} shownFields={["name", "email"]} />
      </div>
    </form>
  );
}
