// A product's reorder points: per warehouse what it holds, what is coming and what is promised,
// the projected position, the point and quantity, and what the backorder report would buy now.
// Purchasing roles set a point by hand or from a suggestion (demand velocity over a window ×
// the preferred supplier's lead time + safety stock).
import { useState, type FormEvent } from "react";
import type { TReorderPoint, TReorderSuggestion } from "@bod/contracts/reorder-points";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useRemoveReorderPoint, useReorderPoints, useSetReorderPoint, useSuggestReorderPoint } from "../api/reorder-points-api.ts";

type Draft = { warehouseId: string; reorderPoint: string; reorderQuantity: string; suggestion: TReorderSuggestion | null };
const emptyDraft: Draft = { warehouseId: "", reorderPoint: "", reorderQuantity: "", suggestion: null };
const wholeNumber = (text: string, min: number) => {
  const n = Number(text);
  return text.trim() !== "" && Number.isInteger(n) && n >= min ? n : undefined;
};

export function ReorderPoints({ productId, canEdit }: { productId: string; canEdit: boolean }) {
  const points = useReorderPoints(productId);
  const save = useSetReorderPoint(productId);
  const remove = useRemoveReorderPoint(productId);
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [local, setLocal] = useState<Record<string, string>>({});
  const warehouses = points.data?.items.map((p) => p.warehouse) ?? [];
  const warehouseId = draft.warehouseId || warehouses[0]?.id || "";
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  function edit(p: TReorderPoint) {
    setDraft({ warehouseId: p.warehouse.id, reorderPoint: String(p.setting?.reorderPoint ?? ""), reorderQuantity: String(p.setting?.reorderQuantity ?? ""), suggestion: null });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const reorderPoint = wholeNumber(draft.reorderPoint, 0);
    const reorderQuantity = wholeNumber(draft.reorderQuantity, 1);
    const errors: Record<string, string> = {};
    if (reorderPoint === undefined) errors.reorderPoint = "Enter whole units, 0 or more";
    if (reorderQuantity === undefined) errors.reorderQuantity = "Enter whole units, 1 or more";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    // Figures taken from the suggestion unchanged are saved as suggested, with what they came from.
    const s = draft.suggestion;
    const fromSuggestion = s !== null && s.reorderPoint === reorderPoint && s.reorderQuantity === reorderQuantity;
    const body = fromSuggestion
      ? { reorderPoint: reorderPoint!, reorderQuantity: reorderQuantity!, source: "suggested" as const, windowDays: s.windowDays, safetyStock: s.safetyStock }
      : { reorderPoint: reorderPoint!, reorderQuantity: reorderQuantity! };
    save.mutate(
      { warehouseId, body },
      {
        onSuccess: (saved) => {
          toast(`Reorder point in ${saved.warehouse.name}: ${saved.setting!.reorderPoint}, reorder ${saved.setting!.reorderQuantity}`);
          setDraft(emptyDraft);
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(save.error, f);

  return (
    <section className="card stack" aria-labelledby="reorder-title">
      <h2 id="reorder-title">Reorder points</h2>
      <p className="muted">
        When on hand + incoming − open demand falls below the reorder point, the backorder report lists this item to buy, in whole reorder quantities, before orders have to wait.
      </p>
      {points.isPending ? (
        <Spinner label="Loading reorder points…" />
      ) : points.isError ? (
        <ErrorAlert error={points.error} />
      ) : (
        <Table
          label="Reorder points per warehouse"
          head={
            <tr>
              <th scope="col">Warehouse</th>
              <th scope="col" className="num">On hand</th>
              <th scope="col" className="num">Incoming</th>
              <th scope="col" className="num">Demand</th>
              <th scope="col" className="num">Projected</th>
              <th scope="col" className="num">Reorder point</th>
              <th scope="col" className="num">Reorder qty</th>
              <th scope="col" className="num">To buy now</th>
              {canEdit && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          }
        >
          {points.data.items.map((p) => (
            <tr key={p.warehouse.id} data-testid={`reorder-${p.warehouse.code}`}>
              <td>{p.warehouse.name}</td>
              <td className="num">{p.position.onHand}</td>
              <td className="num">{p.position.incoming}</td>
              <td className="num">{p.position.demand}</td>
              <td className="num">{p.position.projectedPosition}</td>
              <td className="num">
                {p.setting ? (
                  <>
                    {p.setting.reorderPoint} {p.setting.source === "suggested" && <Badge tone="info">Suggested</Badge>}
                  </>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
              <td className="num">{p.setting?.reorderQuantity ?? <span className="muted">—</span>}</td>
              <td className="num">{p.reorderNeed > 0 ? <strong>{p.reorderNeed}</strong> : <span className="muted">0</span>}</td>
              {canEdit && (
                <td className="row-actions">
                  <Button variant="ghost" onClick={() => edit(p)} aria-label={`${p.setting ? "Change" : "Set"} the reorder point in ${p.warehouse.name}`}>
                    {p.setting ? "Change" : "Set"}
                  </Button>
                  {p.setting && (
                    <Button
                      variant="ghost"
                      busy={remove.isPending && remove.variables === p.warehouse.id}
                      onClick={() => remove.mutate(p.warehouse.id, { onSuccess: () => toast(`No reorder point in ${p.warehouse.name}`) })}
                      aria-label={`Remove the reorder point in ${p.warehouse.name}`}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      <ErrorAlert error={remove.error} />
      {canEdit && warehouses.length > 0 && (
        <>
          <form onSubmit={submit} className="form-row wrap" noValidate aria-label="Set a reorder point" onChange={() => Object.keys(local).length > 0 && setLocal({})}>
            <FormField label="Warehouse">
              <select value={warehouseId} onChange={(e) => setDraft({ ...emptyDraft, warehouseId: e.target.value })}>
                {warehouses.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
            </FormField>
            <FormField label="Reorder point" error={err("reorderPoint")}>
              <input type="number" min={0} step={1} inputMode="numeric" value={draft.reorderPoint} onChange={(e) => set("reorderPoint", e.target.value)} />
            </FormField>
            <FormField label="Reorder quantity" error={err("reorderQuantity")}>
              <input type="number" min={1} step={1} inputMode="numeric" value={draft.reorderQuantity} onChange={(e) => set("reorderQuantity", e.target.value)} />
            </FormField>
            <div className="form-actions">
              <Button type="submit" variant="primary" busy={save.isPending}>
                Save reorder point
              </Button>
            </div>
          </form>
          <ErrorAlert error={save.error} />
          <SuggestForm
            productId={productId}
            warehouseId={warehouseId}
            onUse={(s) => setDraft({ warehouseId, reorderPoint: String(s.reorderPoint), reorderQuantity: String(s.reorderQuantity), suggestion: s })}
          />
        </>
      )}
    </section>
  );
}

/** Window, safety stock and cover days → a suggested point and quantity, explained, with "Use this suggestion". */
function SuggestForm({ productId, warehouseId, onUse }: { productId: string; warehouseId: string; onUse: (s: TReorderSuggestion) => void }) {
  const suggest = useSuggestReorderPoint(productId);
  const [form, setForm] = useState({ windowDays: "30", safetyStock: "0", coverDays: "30" });
  const [local, setLocal] = useState<Record<string, string>>({});
  const s = suggest.data;

  function submit(e: FormEvent) {
    e.preventDefault();
    const windowDays = wholeNumber(form.windowDays, 1);
    const safetyStock = wholeNumber(form.safetyStock, 0);
    const coverDays = wholeNumber(form.coverDays, 1);
    const errors: Record<string, string> = {};
    if (windowDays === undefined || windowDays > 730) errors.windowDays = "Enter 1 to 730 days";
    if (safetyStock === undefined) errors.safetyStock = "Enter whole units, 0 or more";
    if (coverDays === undefined || coverDays > 730) errors.coverDays = "Enter 1 to 730 days";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    suggest.mutate({ warehouseId, windowDays: windowDays!, safetyStock: safetyStock!, coverDays: coverDays! });
  }
  const field = (k: keyof typeof form) => ({ value: form[k], onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value })) });

  return (
    <details className="reorder-suggest">
      <summary>Suggest from demand</summary>
      <form onSubmit={submit} className="form-row wrap" noValidate aria-label="Suggest a reorder point">
        <FormField label="Demand over (days)" error={local.windowDays ?? fieldError(suggest.error, "windowDays")}>
          <input type="number" min={1} max={730} step={1} inputMode="numeric" {...field("windowDays")} />
        </FormField>
        <FormField label="Safety stock" error={local.safetyStock ?? fieldError(suggest.error, "safetyStock")}>
          <input type="number" min={0} step={1} inputMode="numeric" {...field("safetyStock")} />
        </FormField>
        <FormField label="Each reorder covers (days)" error={local.coverDays ?? fieldError(suggest.error, "coverDays")}>
          <input type="number" min={1} max={730} step={1} inputMode="numeric" {...field("coverDays")} />
        </FormField>
        <div className="form-actions">
          <Button type="submit" busy={suggest.isPending}>
            Suggest
          </Button>
        </div>
      </form>
      <ErrorAlert error={suggest.error} />
      {s && (
        <div className="stack" role="status" aria-label="Suggestion">
          <p>
            {s.unitsInWindow} units ordered in {s.windowDays} days = {formatRate(s.dailyVelocity)} a day. Lead time {s.leadTimeDays} days
            {s.supplier ? ` (${s.supplier.name})` : " (no supplier yet)"} × {formatRate(s.dailyVelocity)} + safety stock {s.safetyStock} → reorder point <strong>{s.reorderPoint}</strong>;{" "}
            {s.coverDays} days of demand → reorder quantity <strong>{s.reorderQuantity}</strong>.
          </p>
          <div>
            <Button variant="primary" onClick={() => onUse(s)}>
              Use this suggestion
            </Button>
          </div>
        </div>
      )}
    </details>
  );
}

const formatRate = (perDay: number) => (Number.isInteger(perDay) ? String(perDay) : perDay.toFixed(2));
