// Exchange an unavailable line for an alternative that is in stock now: suggestions from the
// same supplier, or a manual search; the price difference becomes a refund or an amount due.
import { useEffect, useId, useState, type FormEvent } from "react";
import type { TExchangeSuggestion } from "@bod/contracts/oversell";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { parseMoneyToCents } from "../../../lib/format.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { unavailableLines, useExchangeSuggestions, useOversellChoice } from "../api/oversell-api.ts";
import type { TOrderDetail } from "../api/order-types.ts";
import { formatMoney, formatMoneyDifference } from "../lib/money.ts";

export function ExchangeForm({ order, onDone }: { order: TOrderDetail; onDone: (order: TOrderDetail) => void }) {
  const short = unavailableLines(order);
  const id = useId();
  const [lineId, setLineId] = useState(short[0]?.id ?? "");
  const line = order.lines.find((l) => l.id === lineId);
  const [quantity, setQuantity] = useState(String(line ? line.remaining - line.allocated : 1));
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [picked, setPicked] = useState<TExchangeSuggestion | null>(null);
  const [priceText, setPriceText] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const suggestions = useExchangeSuggestions(order.id, lineId || undefined, q);
  const choose = useOversellChoice(order.id);
  const key = useIdempotencyKey();
  const toast = useToast();

  // A new line or search starts the pick over.
  useEffect(() => {
    setPicked(null);
    setPriceText("");
  }, [lineId, q]);

  const n = Number(quantity);
  const unitPrice = parseMoneyToCents(priceText);
  const oldPrice = line?.unitPriceCents ?? 0;
  const difference = picked && unitPrice !== undefined && Number.isInteger(n) && n > 0 ? (unitPrice - oldPrice) * n : undefined;

  function pick(s: TExchangeSuggestion) {
    setPicked(s);
    setPriceText((s.unitPriceCents / 100).toFixed(2));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!line) errors.lineId = "Choose the line to exchange";
    else if (!Number.isInteger(n) || n < 1 || n > line.remaining) errors.quantity = `Enter 1 to ${line.remaining}`;
    if (!picked) errors.newProductId = "Choose the alternative";
    if (unitPrice === undefined) errors.unitPriceCents = "Enter a price such as 18.00";
    if (!reason.trim()) errors.reason = "Say why, for the customer and the timeline";
    setLocal(errors);
    if (Object.keys(errors).length || !picked || unitPrice === undefined) return;
    choose.mutate(
      {
        choice: { kind: "exchange", body: { version: order.version, reason: reason.trim(), lineId, quantity: n, newProductId: picked.productId, unitPriceCents: unitPrice } },
        idempotencyKey: key.current(),
      },
      {
        onSuccess: (updated) => {
          key.renew();
          toast(`Exchanged ${n} × ${line!.sku} for ${picked.sku}`);
          onDone(updated as unknown as TOrderDetail);
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(choose.error, f);

  return (
    <form data-idempotent className="stack oversell-form" onSubmit={submit} onChange={() => key.renew()} noValidate aria-label="Exchange an unavailable item">
      <h3>Exchange an unavailable item</h3>
      <div className="form-row wrap">
        <FormField label="Line to exchange" error={err("lineId")}>
          <select
            value={lineId}
            onChange={(e) => {
              setLineId(e.target.value);
              const l = order.lines.find((x) => x.id === e.target.value);
              if (l) setQuantity(String(Math.max(1, l.remaining - l.allocated)));
            }}
          >
            {short.map((l) => (
              <option key={l.id} value={l.id}>
                {l.sku} · {l.name} ({l.remaining - l.allocated} unavailable, {formatMoney(l.unitPriceCents ?? 0)} each)
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Quantity" error={err("quantity")}>
          <input className="qty-input" type="number" min={1} max={line?.remaining} step={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        </FormField>
        <FormField label="Search another product" hint="SKU, name or barcode; in stock now">
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                setQ(search.trim());
              }
            }}
            onBlur={() => setQ(search.trim())}
            autoComplete="off"
          />
        </FormField>
      </div>
      <fieldset className="fieldset" aria-describedby={`${id}-hint`}>
        <legend>{q ? `Products in stock matching “${q}”` : "Alternatives in stock from the same supplier"}</legend>
        <div id={`${id}-hint`} className="field-hint">
          Price difference is per unit against {formatMoney(oldPrice)}: minus means money back to the customer.
        </div>
        {suggestions.isPending ? (
          <p className="muted small">Looking for alternatives…</p>
        ) : suggestions.isError ? (
          <ErrorAlert error={suggestions.error} />
        ) : suggestions.data.items.length === 0 ? (
          <p className="muted small">{q ? "Nothing in stock matches." : "No product from the same supplier is in stock. Search for another product above."}</p>
        ) : (
          <Table
            label="Alternatives"
            head={
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Choose</span>
                </th>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">In stock</th>
                <th scope="col" className="num">Price</th>
                <th scope="col" className="num">Difference</th>
                <th scope="col">Why</th>
              </tr>
            }
          >
            {suggestions.data.items.map((s) => (
              <tr key={s.productId}>
                <td>
                  <input type="radio" name={`${id}-alt`} checked={picked?.productId === s.productId} onChange={() => pick(s)} aria-label={`Exchange for ${s.sku} ${s.name}`} />
                </td>
                <td className="mono">{s.sku}</td>
                <td>{s.name}</td>
                <td className="num">{s.available}</td>
                <td className="num">{formatMoney(s.unitPriceCents)}</td>
                <td className="num">{formatMoneyDifference(s.priceDifferenceCents)}</td>
                <td className="small">{s.why === "same_supplier" ? `Same supplier (${s.supplierName})` : "Search"}</td>
              </tr>
            ))}
          </Table>
        )}
        {err("newProductId") && <div className="field-error">{err("newProductId")}</div>}
      </fieldset>
      <div className="form-row wrap">
        <FormField label="Unit price of the alternative" hint="e.g. 18.00" error={err("unitPriceCents")}>
          <input inputMode="decimal" value={priceText} onChange={(e) => setPriceText(e.target.value)} disabled={!picked} />
        </FormField>
        <FormField label="Reason" hint="Sent to the channel" error={err("reason")}>
          <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" maxLength={500} />
        </FormField>
      </div>
      <p aria-live="polite" data-testid="exchange-difference">
        {difference === undefined
          ? "Choose an alternative to see the price difference."
          : difference < 0
            ? `The customer gets ${formatMoney(-difference)} back (a refund is recorded; the channel pays it back).`
            : difference > 0
              ? `The customer owes ${formatMoney(difference)} (recorded as an amount due; the channel collects it).`
              : "Same price: no money changes hands."}
      </p>
      <ErrorAlert error={choose.error} shownFields={["reason", "quantity", "lineId", "newProductId", "unitPriceCents"]} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={choose.isPending}>
          Exchange
        </Button>
        <Button onClick={() => onDone(order)}>Back</Button>
      </div>
    </form>
  );
}
