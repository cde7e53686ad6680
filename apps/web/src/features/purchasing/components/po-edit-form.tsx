import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useUpdatePurchaseOrder } from "../api/purchase-orders-api.ts";
import type { TPurchaseOrder } from "../api/purchasing-types.ts";
import { PoLinesTable } from "./po-lines-table.tsx";

/** Quantities and expected date of a PO that has not been fully received; saved with the PO's version (409 if someone changed it meanwhile). */
export function PoEditForm({ po }: { po: TPurchaseOrder }) {
  const [expectedDate, setExpectedDate] = useState(po.expectedDate ?? "");
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(po.lines.map((l) => [l.id, String(l.quantityOrdered)])));
  const [local, setLocal] = useState<string>();
  const update = useUpdatePurchaseOrder(po.id);
  const toast = useToast();

  const changedLines = po.lines.filter((l) => qty[l.id] !== String(l.quantityOrdered));
  const dateChanged = expectedDate !== (po.expectedDate ?? "");

  function submit(e: FormEvent) {
    e.preventDefault();
    const lines: { id: string; quantityOrdered: number }[] = [];
    for (const l of changedLines) {
      const n = Number(qty[l.id]);
      if (!Number.isInteger(n) || n < l.quantityReceived || n < 1) {
        setLocal(`Quantity for ${l.sku} must be a whole number of at least ${Math.max(1, l.quantityReceived)}`);
        return;
      }
      lines.push({ id: l.id, quantityOrdered: n });
    }
    setLocal(undefined);
    update.mutate(
      { version: po.version, ...(dateChanged ? { expectedDate: expectedDate || null } : {}), ...(lines.length ? { lines } : {}) },
      { onSuccess: (saved) => toast(`Purchase order ${saved.number} saved`) },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <FormField label="Expected date" error={fieldError(update.error, "expectedDate")}>
        <input type="date" value={expectedDate} onChange={(e) => setExpectedDate(e.target.value)} style={{ maxWidth: 220 }} />
      </FormField>
      <PoLinesTable
        lines={po.lines}
        quantityInput={(l) => (
          <input
            className="qty-input"
            type="number"
            min={Math.max(1, l.quantityReceived)}
            step={1}
            inputMode="numeric"
            aria-label={`Quantity for ${l.sku}`}
            value={qty[l.id] ?? ""}
            onChange={(e) => setQty((q) => ({ ...q, [l.id]: e.target.value }))}
          />
        )}
      />
      {local && <ErrorAlert error={new Error(local)} />}
      <ErrorAlert error={update.error} shownFields={["expectedDate"]} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!dateChanged && changedLines.length === 0}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
