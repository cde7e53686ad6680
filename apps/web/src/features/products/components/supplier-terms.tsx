import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import type { TProductSupplier } from "@bod/contracts/products";
import { Table } from "../../../components/ui/table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { FormField, CheckboxField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { centsToInput, formatMoney, parseMoneyToCents } from "../../../lib/format.ts";
import { useSupplierOptions } from "../../../lib/lookups.ts";
import { useProductSuppliers, useRemoveProductSupplier, useUpsertProductSupplier } from "../api/products-api.ts";

type Draft = { supplierId: string; unitCost: string; leadTimeDays: string; minOrderQty: string; casePack: string; isPreferred: boolean };
const emptyDraft: Draft = { supplierId: "", unitCost: "", leadTimeDays: "", minOrderQty: "1", casePack: "1", isPreferred: false };

function toDraft(t: TProductSupplier): Draft {
  return {
    supplierId: t.supplierId,
    unitCost: centsToInput(t.unitCostCents),
    leadTimeDays: String(t.leadTimeDays),
    minOrderQty: String(t.minOrderQty),
    casePack: String(t.casePack),
    isPreferred: t.isPreferred,
  };
}

export function SupplierTerms({ productId }: { productId: string }) {
  const terms = useProductSuppliers(productId);
  const suppliers = useSupplierOptions();
  const upsert = useUpsertProductSupplier(productId);
  const remove = useRemoveProductSupplier(productId);
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [local, setLocal] = useState<Record<string, string>>({});
  const editing = terms.data?.some((t) => t.supplierId === draft.supplierId) ?? false;

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const unitCostCents = parseMoneyToCents(draft.unitCost);
    const leadTimeDays = Number(draft.leadTimeDays);
    const minOrderQty = Number(draft.minOrderQty);
    const casePack = Number(draft.casePack);
    if (!draft.supplierId) errors.supplierId = "Choose a supplier";
    if (unitCostCents === undefined) errors.unitCostCents = "Enter a price such as 12.50";
    if (draft.leadTimeDays.trim() === "" || !Number.isInteger(leadTimeDays) || leadTimeDays < 0) errors.leadTimeDays = "Enter whole days, 0 or more";
    if (!Number.isInteger(minOrderQty) || minOrderQty < 1) errors.minOrderQty = "Enter a whole number, 1 or more";
    if (!Number.isInteger(casePack) || casePack < 1) errors.casePack = "Enter a whole number, 1 or more";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    upsert.mutate(
      { supplierId: draft.supplierId, body: { unitCostCents: unitCostCents!, leadTimeDays, minOrderQty, casePack, isPreferred: draft.isPreferred } },
      {
        onSuccess: (t) => {
          toast(`Terms with ${t.supplierName} saved`);
          setDraft(emptyDraft);
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(upsert.error, f);

  return (
    <section className="card" aria-labelledby="supplier-terms-title">
      <h2 id="supplier-terms-title">Supplier terms</h2>
      {terms.isPending ? (
        <Spinner />
      ) : terms.isError ? (
        <ErrorAlert error={terms.error} />
      ) : terms.data.length === 0 ? (
        <p className="muted">No supplier yet. Add one below so purchasing knows where to buy this SKU.</p>
      ) : (
        <Table
          label="Supplier terms"
          head={
            <tr>
              <th scope="col">Supplier</th>
              <th scope="col" className="num">Unit cost</th>
              <th scope="col" className="num">Lead time</th>
              <th scope="col" className="num">Min order</th>
              <th scope="col" className="num">Case pack</th>
              <th scope="col">Preferred</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          }
        >
          {terms.data.map((t) => (
            <tr key={t.supplierId}>
              <td>
                <Link to={`/suppliers/${t.supplierId}`}>{t.supplierName}</Link>
              </td>
              <td className="num">{formatMoney(t.unitCostCents)}</td>
              <td className="num">{t.leadTimeDays} d</td>
              <td className="num">{t.minOrderQty}</td>
              <td className="num">{t.casePack}</td>
              <td>{t.isPreferred ? <Badge tone="success">Preferred</Badge> : <span className="muted">—</span>}</td>
              <td className="row-actions">
                <Button variant="ghost" onClick={() => setDraft(toDraft(t))} aria-label={`Edit terms of ${t.supplierName}`}>
                  Edit
                </Button>
                <Button
                  variant="ghost"
                  busy={remove.isPending && remove.variables === t.supplierId}
                  onClick={() => remove.mutate(t.supplierId, { onSuccess: () => toast(`${t.supplierName} removed from this item`) })}
                  aria-label={`Remove ${t.supplierName}`}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </Table>
      )}
      <ErrorAlert error={remove.error} />
      <h3>{editing ? "Change terms" : "Add a supplier"}</h3>
      <form onSubmit={submit} className="form-row wrap" noValidate onChange={() => Object.keys(local).length > 0 && setLocal({})}>
        <FormField label="Supplier" error={err("supplierId")}>
          <select value={draft.supplierId} onChange={(e) => set("supplierId", e.target.value)}>
            <option value="">{suppliers.isPending ? "Loading…" : "Choose…"}</option>
            {suppliers.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Unit cost" error={err("unitCostCents")}>
          <input inputMode="decimal" value={draft.unitCost} onChange={(e) => set("unitCost", e.target.value)} placeholder="0.00" size={8} />
        </FormField>
        <FormField label="Lead time (days)" error={err("leadTimeDays")}>
          <input type="number" min={0} step={1} value={draft.leadTimeDays} onChange={(e) => set("leadTimeDays", e.target.value)} />
        </FormField>
        <FormField label="Min order qty" error={err("minOrderQty")}>
          <input type="number" min={1} step={1} value={draft.minOrderQty} onChange={(e) => set("minOrderQty", e.target.value)} />
        </FormField>
        <FormField label="Case pack" error={err("casePack")}>
          <input type="number" min={1} step={1} value={draft.casePack} onChange={(e) => set("casePack", e.target.value)} />
        </FormField>
        <CheckboxField label="Preferred supplier" checked={draft.isPreferred} onChange={(v) => set("isPreferred", v)} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={upsert.isPending}>
            Save terms
          </Button>
          {editing && <Button onClick={() => setDraft(emptyDraft)}>Cancel</Button>}
        </div>
      </form>
      {suppliers.data?.length === 0 && (
        <p className="muted small">
          No suppliers exist yet: <Link to="/suppliers">open the supplier list</Link> to add one.
        </p>
      )}
      <ErrorAlert error={upsert.error} shownFields={["unitCostCents", "leadTimeDays", "minOrderQty", "casePack", "isPreferred"]} />
    </section>
  );
}
