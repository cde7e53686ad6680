// In-app order edits: quantities, add or remove lines, ship-by, shipping address. Lines are
// edited here only for channels whose store cannot edit orders (Amazon, eBay); a store that can
// sends its edits to the API. The edit names the version it was made on: a stale one is refused.
import { useState, type FormEvent } from "react";
import type { TUpdateOrderRequest } from "@bod/contracts/orders";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { parseMoneyToCents } from "../../../lib/format.ts";
import { findProductByCode } from "../../../lib/product-lookup.ts";
import { useEditOrder } from "../api/oversell-api.ts";
import type { TOrderDetail } from "../api/order-types.ts";

export function EditOrderForm({ order, onDone }: { order: TOrderDetail; onDone: () => void }) {
  const linesEditable = !order.channel.supportsOrderEdits;
  const [shipBy, setShipBy] = useState(order.shipBy ? order.shipBy.slice(0, 10) : "");
  const [address, setAddress] = useState(order.customer.shippingAddress ?? "");
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(order.lines.map((l) => [l.id, String(l.ordered)])));
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [addSku, setAddSku] = useState("");
  const [addQty, setAddQty] = useState("1");
  const [addPrice, setAddPrice] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [resolving, setResolving] = useState(false);
  const edit = useEditOrder(order.id);
  const toast = useToast();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const body: TUpdateOrderRequest = { version: order.version };
    const currentShipBy = order.shipBy ? order.shipBy.slice(0, 10) : "";
    if (shipBy !== currentShipBy) body.shipBy = shipBy || null;
    if (address.trim() !== (order.customer.shippingAddress ?? "")) body.shippingAddress = address.trim() || null;
    if (linesEditable) {
      const changes: { lineId: string; quantity: number }[] = [];
      for (const l of order.lines) {
        if (removed.has(l.id)) continue;
        const n = Number(qty[l.id]);
        const floor = l.shipped + l.cancelled;
        if (!Number.isInteger(n) || n < 1) errors[l.id] = "Enter a whole number, 1 or more";
        else if (n < floor) errors[l.id] = `At least ${floor}: ${l.shipped} shipped, ${l.cancelled} cancelled`;
        else if (n !== l.ordered) changes.push({ lineId: l.id, quantity: n });
      }
      if (changes.length) body.lines = changes;
      if (removed.size) body.removeLines = [...removed];
      if (addSku.trim()) {
        const n = Number(addQty);
        const cents = parseMoneyToCents(addPrice);
        if (!Number.isInteger(n) || n < 1) errors.addQty = "Enter 1 or more";
        if (cents === undefined) errors.addPrice = "Enter a price such as 12.50";
        setResolving(true);
        try {
          const p = await findProductByCode(addSku);
          if (!p) errors.addSku = `No product with SKU or barcode “${addSku.trim()}”`;
          else if (cents !== undefined) body.addLines = [{ productId: p.id, quantity: n, unitPriceCents: cents }];
        } finally {
          setResolving(false);
        }
      }
    }
    if (!Object.keys(errors).length && Object.keys(body).length === 1) errors._ = "Nothing changed";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    edit.mutate(body, {
      onSuccess: () => {
        toast(`Order ${order.number} edited`);
        onDone();
      },
    });
  }

  return (
    <form onSubmit={submit} className="stack" noValidate>
      <div className="form-row wrap">
        <FormField label="Ship-by" hint="Leave empty for none" error={fieldError(edit.error, "shipBy")}>
          <input type="date" value={shipBy} onChange={(e) => setShipBy(e.target.value)} />
        </FormField>
      </div>
      <FormField label="Shipping address" error={fieldError(edit.error, "shippingAddress")}>
        <textarea rows={3} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={1000} />
      </FormField>
      {linesEditable ? (
        <>
          <Table
            label="Line quantities"
            head={
              <tr>
                <th scope="col">SKU</th>
                <th scope="col" className="num">Shipped</th>
                <th scope="col" className="num">Ordered</th>
                <th scope="col">Remove</th>
              </tr>
            }
          >
            {order.lines.map((l) => (
              <tr key={l.id}>
                <td className="mono">{l.sku}</td>
                <td className="num">{l.shipped}</td>
                <td className="num">
                  <input
                    className="qty-input"
                    type="number"
                    min={Math.max(1, l.shipped + l.cancelled)}
                    step={1}
                    aria-label={`Ordered quantity of ${l.sku}`}
                    disabled={removed.has(l.id)}
                    value={qty[l.id] ?? ""}
                    onChange={(e) => setQty((q) => ({ ...q, [l.id]: e.target.value }))}
                  />
                  {local[l.id] && <div className="field-error">{local[l.id]}</div>}
                </td>
                <td>
                  {l.remaining > 0 ? (
                    <input
                      type="checkbox"
                      aria-label={`Remove ${l.sku}${l.shipped ? ` (keeps the ${l.shipped} shipped)` : ""}`}
                      checked={removed.has(l.id)}
                      onChange={(e) =>
                        setRemoved((s) => {
                          const next = new Set(s);
                          if (e.target.checked) next.add(l.id);
                          else next.delete(l.id);
                          return next;
                        })
                      }
                    />
                  ) : (
                    <span className="muted small">Nothing left</span>
                  )}
                </td>
              </tr>
            ))}
          </Table>
          <fieldset className="fieldset">
            <legend>Add a line</legend>
            <div className="form-row wrap">
              <FormField label="SKU or barcode" error={local.addSku}>
                <input value={addSku} onChange={(e) => setAddSku(e.target.value)} className="mono" autoComplete="off" />
              </FormField>
              <FormField label="Quantity" error={local.addQty}>
                <input className="qty-input" type="number" min={1} step={1} value={addQty} onChange={(e) => setAddQty(e.target.value)} />
              </FormField>
              <FormField label="Unit price" hint="e.g. 12.50" error={local.addPrice}>
                <input inputMode="decimal" value={addPrice} onChange={(e) => setAddPrice(e.target.value)} />
              </FormField>
            </div>
          </fieldset>
        </>
      ) : (
        <p className="small muted">
          {order.channel.name} supports order edits: change the lines in the store, and the change arrives here by itself (conflicts with what has shipped are shown on the order).
        </p>
      )}
      {local._ && <div className="field-error">{local._}</div>}
      <ErrorAlert error={edit.error} shownFields={["shipBy", "shippingAddress"]} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={edit.isPending || resolving}>
          Save changes
        </Button>
        <Button onClick={onDone}>Back</Button>
      </div>
    </form>
  );
}
