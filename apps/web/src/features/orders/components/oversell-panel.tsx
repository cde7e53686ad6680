// Oversold by accident: the three choices side by side, each saying in plain words what it
// means for the customer and for stock; choosing one opens its form below. Radio cards, so
// arrow keys move between choices and the form follows.
import { useId, useMemo, useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { unavailableLines, useOversellChoice } from "../api/oversell-api.ts";
import type { TOrderDetail, TOrderLine } from "../api/order-types.ts";
import { formatMoney } from "../lib/money.ts";
import { ExchangeForm } from "./exchange-form.tsx";

type Choice = "cancel-refund" | "refund-partial" | "exchange";
const TITLES: Record<Choice, string> = {
  "cancel-refund": "Cancel and refund in full",
  "refund-partial": "Refund the unavailable part, ship the rest",
  exchange: "Exchange an unavailable item",
};

/** After a choice: go straight to the shipment when something can ship. */
const canShipNow = (o: TOrderDetail) => (o.status === "open" || o.status === "partially_shipped") && o.lines.some((l) => Math.min(l.allocated, l.remaining) > 0);
const units = (n: number) => `${n} unit${n === 1 ? "" : "s"}`;
const price = (l: TOrderLine) => l.unitPriceCents ?? 0;

/** Shown on an open order with backordered or partially fulfillable lines, to managers. */
export function OversellPanel({ order, onShip }: { order: TOrderDetail; onShip: () => void }) {
  const short = unavailableLines(order);
  const [choice, setChoice] = useState<Choice | null>(null);
  const id = useId();
  if (short.length === 0) return null;

  const m = order.money;
  const shipped = order.lines.some((l) => l.shipped > 0);
  const shortUnits = short.reduce((s, l) => s + l.remaining - l.allocated, 0);
  const shortCents = short.reduce((s, l) => s + (l.remaining - l.allocated) * price(l), 0);
  const remainingUnits = order.lines.reduce((s, l) => s + l.remaining, 0);
  const shippableUnits = order.lines.reduce((s, l) => s + Math.min(l.allocated, l.remaining), 0);

  const consequences: Record<Choice, { customer: string; stock: string; disabled?: string }> = {
    "cancel-refund": {
      customer: `The order is cancelled and the customer gets ${formatMoney(m.refundableCents)} back (items, shipping ${formatMoney(m.shippingCents)} and tax ${formatMoney(m.taxCents)}${m.refundedCents ? `, less ${formatMoney(m.refundedCents)} already refunded` : ""}).`,
      stock: `All ${units(remainingUnits)} go back to the next orders in line.`,
      disabled: shipped ? "Part of this order has shipped: it cannot be cancelled in full." : undefined,
    },
    "refund-partial": {
      customer: `The customer gets what is in stock now and ${formatMoney(shortCents)} back for the ${units(shortUnits)} we cannot ship.`,
      stock:
        order.status === "on_hold"
          ? `The ${units(shortUnits)} no longer wanted stop waiting for stock; the order is on hold, so release it to ship the rest.`
          : shippableUnits > 0
            ? `${units(shippableUnits)} ship now; the ${units(shortUnits)} no longer wanted stop waiting for stock.`
            : `Nothing is in stock to ship now; the ${units(shortUnits)} stop waiting for stock.`,
    },
    exchange: {
      customer: "The customer gets an alternative that is in stock; a cheaper one means money back, a dearer one an amount due.",
      stock: "The demand moves from the missing product to the alternative, which is promised to this order.",
    },
  };

  return (
    <section className="card oversell" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Oversold: choose what to do</h2>
      <p className="small">
        {units(shortUnits)} cannot be promised now:{" "}
        {short.map((l) => `${l.remaining - l.allocated} × ${l.sku} (${l.name})`).join(", ")}. Paid {formatMoney(m.paidCents)}
        {m.refundedCents > 0 && `, refunded so far ${formatMoney(m.refundedCents)}`}.
      </p>
      <div className="oversell-choices" role="radiogroup" aria-labelledby={`${id}-title`}>
        {(Object.keys(TITLES) as Choice[]).map((c) => {
          const info = consequences[c];
          return (
            <label key={c} className={`oversell-choice${choice === c ? " is-chosen" : ""}${info.disabled ? " is-disabled" : ""}`}>
              <span className="oversell-choice-head">
                <input
                  type="radio"
                  name={`${id}-choice`}
                  value={c}
                  checked={choice === c}
                  disabled={!!info.disabled}
                  onChange={() => setChoice(c)}
                  aria-labelledby={`${id}-${c}-title`}
                  aria-describedby={`${id}-${c}-desc`}
                />
                <strong id={`${id}-${c}-title`}>{TITLES[c]}</strong>
              </span>
              <span id={`${id}-${c}-desc`} className="oversell-consequences">
                <span>
                  <span className="oversell-label">Customer</span> {info.customer}
                </span>
                <span>
                  <span className="oversell-label">Stock</span> {info.stock}
                </span>
                {info.disabled && <span className="field-error">{info.disabled}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {choice === "cancel-refund" && <CancelRefundForm key={order.version} order={order} onDone={() => setChoice(null)} />}
      {choice === "refund-partial" && <RefundPartialForm order={order} onDone={(o) => (setChoice(null), canShipNow(o) && onShip())} />}
      {choice === "exchange" && <ExchangeForm order={order} onDone={(o) => (setChoice(null), canShipNow(o) && onShip())} />}
    </section>
  );
}

function CancelRefundForm({ order, onDone }: { order: TOrderDetail; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<string>();
  const choose = useOversellChoice(order.id);
  const key = useIdempotencyKey();
  const toast = useToast();
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setLocal("Say why, for the customer and the timeline");
    setLocal(undefined);
    choose.mutate(
      { choice: { kind: "cancel-refund", body: { version: order.version, reason: reason.trim() } }, idempotencyKey: key.current() },
      {
        onSuccess: () => {
          key.renew();
          toast(`Order ${order.number} cancelled; refund of ${formatMoney(order.money.refundableCents)} recorded`);
          onDone();
        },
      },
    );
  }
  return (
    <form data-idempotent className="stack oversell-form" onSubmit={submit} onChange={() => key.renew()} noValidate aria-label={TITLES["cancel-refund"]}>
      <h3>{TITLES["cancel-refund"]}</h3>
      <FormField label="Reason" hint="Sent to the channel with the refund" error={local ?? fieldError(choose.error, "reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" maxLength={500} autoFocus />
      </FormField>
      <ErrorAlert error={choose.error} shownFields={["reason"]} />
      <div className="form-actions">
        <Button type="submit" variant="danger" busy={choose.isPending}>
          Cancel order and refund {formatMoney(order.money.refundableCents)}
        </Button>
        <Button onClick={onDone}>Back</Button>
      </div>
    </form>
  );
}

function RefundPartialForm({ order, onDone }: { order: TOrderDetail; onDone: (order: TOrderDetail) => void }) {
  const open = order.lines.filter((l) => l.remaining > 0);
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(open.map((l) => [l.id, String(Math.max(0, l.remaining - l.allocated))])));
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const choose = useOversellChoice(order.id);
  const key = useIdempotencyKey();
  const toast = useToast();
  const parsed = useMemo(() => open.map((l) => ({ line: l, n: Number(qty[l.id] ?? "0") })), [open, qty]);
  const total = parsed.reduce((s, { line, n }) => s + (Number.isInteger(n) && n > 0 && n <= line.remaining ? n * price(line) : 0), 0);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const lines: { lineId: string; quantity: number }[] = [];
    for (const { line, n } of parsed) {
      const raw = (qty[line.id] ?? "").trim();
      if (raw === "" || !Number.isInteger(n) || n < 0) errors[line.id] = "Enter a whole number, 0 or more";
      else if (n > line.remaining) errors[line.id] = `At most ${line.remaining}: the rest has shipped or is cancelled`;
      else if (n > 0) lines.push({ lineId: line.id, quantity: n });
    }
    if (!reason.trim()) errors.reason = "Say why, for the customer and the timeline";
    if (!Object.keys(errors).length && lines.length === 0) errors._ = "Nothing to cancel: every quantity is 0";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    choose.mutate(
      { choice: { kind: "refund-partial", body: { version: order.version, reason: reason.trim(), lines } }, idempotencyKey: key.current() },
      {
        onSuccess: (updated) => {
          key.renew();
          toast(`Refund of ${formatMoney(total)} recorded; now ship what is available`);
          onDone(updated as unknown as TOrderDetail);
        },
      },
    );
  }

  return (
    <form data-idempotent className="stack oversell-form" onSubmit={submit} onChange={() => key.renew()} noValidate aria-label={TITLES["refund-partial"]}>
      <h3>{TITLES["refund-partial"]}</h3>
      <Table
        label="Quantities to cancel and refund"
        head={
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">Remaining</th>
            <th scope="col" className="num">In stock for it</th>
            <th scope="col" className="num">Unit price</th>
            <th scope="col" className="num">Cancel and refund</th>
            <th scope="col" className="num">Refund</th>
          </tr>
        }
      >
        {parsed.map(({ line, n }) => (
          <tr key={line.id}>
            <td className="mono">{line.sku}</td>
            <td>{line.name}</td>
            <td className="num">{line.remaining}</td>
            <td className="num">{Math.min(line.allocated, line.remaining)}</td>
            <td className="num">{formatMoney(price(line))}</td>
            <td className="num">
              <input
                className="qty-input"
                type="number"
                min={0}
                max={line.remaining}
                step={1}
                inputMode="numeric"
                aria-label={`Cancel and refund units of ${line.sku}`}
                aria-invalid={local[line.id] ? true : undefined}
                value={qty[line.id] ?? "0"}
                onChange={(e) => setQty((q) => ({ ...q, [line.id]: e.target.value }))}
              />
              {local[line.id] && <div className="field-error">{local[line.id]}</div>}
            </td>
            <td className="num">{Number.isInteger(n) && n > 0 && n <= line.remaining ? formatMoney(n * price(line)) : "—"}</td>
          </tr>
        ))}
      </Table>
      <p>
        Refund to the customer: <strong data-testid="partial-refund-total">{formatMoney(total)}</strong>
        <span className="muted small"> — recorded here; the channel is asked to pay it back.</span>
      </p>
      <FormField label="Reason" hint="Sent to the channel with the refund" error={local.reason ?? fieldError(choose.error, "reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" maxLength={500} />
      </FormField>
      {local._ && <div className="field-error">{local._}</div>}
      <ErrorAlert error={choose.error} shownFields={["reason"]} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={choose.isPending}>
          Refund {formatMoney(total)} and ship the rest
        </Button>
        <Button onClick={() => onDone(order)}>Back</Button>
      </div>
    </form>
  );
}
