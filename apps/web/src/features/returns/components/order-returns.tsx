// On the order page: the order's returns with their state, and (for those who may) the form that
// authorises a new one — lines, quantities, condition, reason — checked against the API's contract.
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { RETURN_CONDITIONS, RETURN_REASONS, RETURN_REASON_LABELS, type TReturnCondition, type TReturnReason } from "@bod/contracts/returns";
import type { TOrderDetail } from "@bod/contracts/orders";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { formatDate, humanize } from "../../../lib/format.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useCreateReturn } from "../api/returns-api.ts";
import { ReturnStatusBadge } from "./return-badges.tsx";
import "../returns.css";

export function OrderReturns({ order }: { order: TOrderDetail }) {
  const [creating, setCreating] = useState(false);
  const { items, allowedActions } = order.returns;
  if (items.length === 0 && !allowedActions.includes("create_return")) return null;
  return (
    <section className="card" aria-labelledby="returns-title">
      <h2 id="returns-title">Returns</h2>
      {items.length === 0 ? (
        <p className="muted">No return yet.</p>
      ) : (
        <ul className="return-list">
          {items.map((r) => (
            <li key={r.id}>
              <Link to={`/returns/${r.id}`} className="mono">
                {r.number}
              </Link>{" "}
              <ReturnStatusBadge status={r.status} /> <span className="muted">{r.unitsReceived}/{r.units} received · {formatDate(r.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
      {allowedActions.includes("create_return") &&
        (creating ? <CreateReturnForm order={order} onDone={() => setCreating(false)} /> : <Button onClick={() => setCreating(true)}>Create return</Button>)}
    </section>
  );
}

type Row = { quantity: string; condition: TReturnCondition };

function CreateReturnForm({ order, onDone }: { order: TOrderDetail; onDone: () => void }) {
  const returnable = new Map(order.returns.returnable.map((r) => [r.lineId, r.quantity]));
  const lines = order.lines.filter((l) => (returnable.get(l.id) ?? 0) > 0);
  const [rows, setRows] = useState<Record<string, Row>>(Object.fromEntries(lines.map((l) => [l.id, { quantity: "0", condition: "restock" as TReturnCondition }])));
  const [reason, setReason] = useState<TReturnReason | "">("");
  const [note, setNote] = useState("");
  const create = useCreateReturn(order.id);
  const key = useIdempotencyKey();
  const navigate = useNavigate();
  const set = (lineId: string, patch: Partial<Row>) => (key.renew(), setRows((r) => ({ ...r, [lineId]: { ...r[lineId]!, ...patch } })));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const chosen = lines.filter((l) => rows[l.id]!.quantity.trim() !== "" && rows[l.id]!.quantity !== "0");
    const body = {
      reason: reason as TReturnReason,
      ...(note.trim() ? { note: note.trim() } : {}),
      lines: chosen.map((l) => ({ lineId: l.id, quantity: Number(rows[l.id]!.quantity), condition: rows[l.id]!.condition })),
    };
    // mutateAsync, not mutate's own onSuccess: the order refetched after the write may no longer
    // offer "Create return" (every shipped unit is on a return now), which unmounts this form, and a
    // mutate callback of an unmounted component never runs — the page stayed on the order.
    create
      .mutateAsync({ body, idempotencyKey: key.current() })
      .then((r) => {
        key.renew();
        navigate(`/returns/${r.id}`);
        onDone();
      })
      .catch(() => {}); // shown by <ErrorAlert error={create.error} />
  }

  const shown = ["reason", "note", ...lines.flatMap((_, i) => [`lines.${i}.quantity`, `lines.${i}.condition`])];
  return (
    <form className="create-return" onSubmit={submit} aria-label="Create return">
      <Table
        label="Lines to return"
        head={
          <tr>
            <th scope="col">SKU</th>
            <th scope="col" className="num">
              Can return
            </th>
            <th scope="col">Quantity</th>
            <th scope="col">Condition</th>
          </tr>
        }
      >
        {lines.map((l) => (
          <tr key={l.id}>
            <td className="mono">{l.sku}</td>
            <td className="num">{returnable.get(l.id)}</td>
            <td>
              <input
                className="qty-input"
                type="number"
                min={0}
                max={returnable.get(l.id)}
                step={1}
                inputMode="numeric"
                aria-label={`Quantity to return of ${l.sku}`}
                value={rows[l.id]!.quantity}
                onChange={(e) => set(l.id, { quantity: e.target.value })}
              />
            </td>
            <td>
              <select aria-label={`Condition of ${l.sku}`} value={rows[l.id]!.condition} onChange={(e) => set(l.id, { condition: e.target.value as TReturnCondition })}>
                {RETURN_CONDITIONS.map((c) => (
                  <option key={c} value={c}>
                    {humanize(c)}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </Table>
      <FormField label="Reason" error={fieldError(create.error, "reason")}>
        <select value={reason} onChange={(e) => (key.renew(), setReason(e.target.value as TReturnReason))}>
          <option value="">Choose a reason…</option>
          {RETURN_REASONS.map((r) => (
            <option key={r} value={r}>
              {RETURN_REASON_LABELS[r]}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Note (optional)" error={fieldError(create.error, "note")}>
        <textarea rows={2} value={note} maxLength={1000} onChange={(e) => (key.renew(), setNote(e.target.value))} />
      </FormField>
      <ErrorAlert error={create.error} shownFields={shown.filter((f) => f === "reason" || f === "note")} />
      <div className="section-actions">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Authorise return
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
