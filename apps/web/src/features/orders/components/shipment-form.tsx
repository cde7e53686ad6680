import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useCreateShipment } from "../api/orders-api.ts";
import type { TOrderDetail, TOrderLine } from "../api/order-types.ts";

/** What a line can ship now: its allocation, never more than what remains. */
export const shippableNow = (l: TOrderLine) => Math.max(0, Math.min(l.allocated, l.remaining));

/**
 * "Ship available items": quantities start at what is allocated per line and may be lowered, not
 * raised. A kit is one row counted in kits (its components follow: kits × units per kit).
 */
export function ShipmentForm({ order, onClose }: { order: TOrderDetail; onClose: () => void }) {
  const lines = order.lines.filter((l) => l.remaining > 0 && !l.kitId);
  const kits = order.kits.filter((k) => k.remaining > 0);
  const rows = [...kits.map((k) => ({ id: k.id, sku: k.sku, name: k.name, remaining: k.remaining, max: k.allocated, kit: true })), ...lines.map((l) => ({ id: l.id, sku: l.sku, name: l.name, remaining: l.remaining, max: shippableNow(l), kit: false }))];
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(rows.map((r) => [r.id, String(r.max)])));
  const [carrier, setCarrier] = useState("");
  const [tracking, setTracking] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useCreateShipment(order.id);
  const key = useIdempotencyKey();
  const toast = useToast();

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const body: { lineId: string; quantity: number }[] = [];
    for (const r of rows) {
      const raw = qty[r.id] ?? "0";
      const n = Number(raw);
      if (raw.trim() === "" || !Number.isInteger(n) || n < 0) errors[r.id] = "Enter a whole number, 0 or more";
      else if (n > r.max) errors[r.id] = r.kit ? `At most ${r.max} whole kit(s)` : `At most ${r.max} (allocated)`;
      else if (n > 0 && !r.kit) body.push({ lineId: r.id, quantity: n });
      else if (n > 0) for (const c of order.lines) if (c.kitId === r.id) body.push({ lineId: c.id, quantity: n * (c.perKit ?? 1) });
    }
    if (Object.keys(errors).length === 0 && body.length === 0) errors._ = "Nothing to ship: every quantity is 0";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    create.mutate(
      { body: { lines: body, carrier: carrier.trim() || undefined, trackingNumber: tracking.trim() || undefined }, idempotencyKey: key.current() },
      {
        onSuccess: (res) => {
          key.renew();
          toast(`Shipment ${res.shipment.number} created`);
          onClose();
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="ship-title">
      <h2 id="ship-title">Ship available items</h2>
      <form data-idempotent onSubmit={submit} noValidate onChange={() => key.renew()} className="stack">
        <Table
          label="Shipment quantities"
          head={
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">Remaining</th>
              <th scope="col" className="num">Allocated</th>
              <th scope="col" className="num">Ship now</th>
            </tr>
          }
        >
          {rows.map((l) => {
            const max = l.max;
            return (
              <tr key={l.id}>
                <td className="mono">{l.sku}</td>
                <td>
                  {l.kit && <span className="badge">Kit</span>} {l.name}
                  {l.kit && (
                    <div className="muted small">
                      {order.lines
                        .filter((c) => c.kitId === l.id)
                        .map((c) => `${c.perKit} × ${c.sku}`)
                        .join(" + ")}{" "}
                      per kit; ships in whole kits
                    </div>
                  )}
                </td>
                <td className="num">{l.remaining}</td>
                <td className="num">{l.max}</td>
                <td className="num">
                  <input
                    className="qty-input"
                    type="number"
                    min={0}
                    max={max}
                    step={1}
                    inputMode="numeric"
                    aria-label={`Quantity for ${l.sku}`}
                    aria-invalid={local[l.id] ? true : undefined}
                    disabled={max === 0}
                    value={qty[l.id] ?? "0"}
                    onChange={(e) => setQty((q) => ({ ...q, [l.id]: e.target.value }))}
                  />
                  {local[l.id] && <div className="field-error">{local[l.id]}</div>}
                  {max === 0 && <div className="muted small">Nothing allocated</div>}
                </td>
              </tr>
            );
          })}
        </Table>
        <div className="form-row wrap">
          <FormField label="Carrier" hint="Optional">
            <input value={carrier} onChange={(e) => setCarrier(e.target.value)} autoComplete="off" />
          </FormField>
          <FormField label="Tracking number" hint="Optional">
            <input value={tracking} onChange={(e) => setTracking(e.target.value)} autoComplete="off" className="mono" />
          </FormField>
        </div>
        {local._ && <div className="field-error">{local._}</div>}
        <ErrorAlert error={create.error} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create shipment
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}
