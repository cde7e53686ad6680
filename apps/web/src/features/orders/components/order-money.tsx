// The order's money (paid = items + shipping + tax as the channel reported them), the refunds
// recorded against it and whether the channel has been asked to pay each back.
import { Badge } from "../../../components/ui/badge.tsx";
import { formatDateTime, humanize } from "../../../lib/format.ts";
import type { TOrderDetail } from "../api/order-types.ts";
import { formatMoney } from "../lib/money.ts";

const CHANNEL_STATUS = {
  pending: { tone: "warning", text: "Channel asked, not yet delivered" },
  delivered: { tone: "success", text: "Channel told" },
  failed: { tone: "danger", text: "Could not tell the channel" },
  skipped: { tone: "neutral", text: "No store to tell" },
  discarded: { tone: "neutral", text: "Not sent (discarded)" },
} as const;

export function MoneySection({ order }: { order: TOrderDetail }) {
  const m = order.money;
  return (
    <section className="card" aria-labelledby="money-title">
      <h2 id="money-title">Payment</h2>
      <dl className="money-list">
        <dt>Paid</dt>
        <dd className="num">{formatMoney(m.paidCents)}</dd>
        <dt className="muted">of which shipping</dt>
        <dd className="num muted">{formatMoney(m.shippingCents)}</dd>
        <dt className="muted">of which tax</dt>
        <dd className="num muted">{formatMoney(m.taxCents)}</dd>
        <dt>Refunded</dt>
        <dd className="num">{formatMoney(m.refundedCents)}</dd>
        <dt>Still refundable</dt>
        <dd className="num">{formatMoney(m.refundableCents)}</dd>
        {m.amountDueCents > 0 && (
          <>
            <dt>Amount due from the customer</dt>
            <dd className="num">{formatMoney(m.amountDueCents)}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function RefundsSection({ order }: { order: TOrderDetail }) {
  if (order.refunds.length === 0) return null;
  return (
    <section className="card" aria-labelledby="refunds-title">
      <h2 id="refunds-title">Refunds</h2>
      <ul className="timeline" aria-label="Refunds">
        {order.refunds.map((r) => {
          const status = r.channelStatus ? CHANNEL_STATUS[r.channelStatus] : null;
          const parts = [
            ...r.lines.map((l) => `${l.quantity ? `${l.quantity} × ` : ""}${l.sku} ${formatMoney(l.amountCents)}`),
            ...(r.shippingCents ? [`shipping ${formatMoney(r.shippingCents)}`] : []),
            ...(r.taxCents ? [`tax ${formatMoney(r.taxCents)}`] : []),
          ];
          return (
            <li key={r.id}>
              <div>
                <strong>Refund {formatMoney(r.amountCents)}</strong> · {humanize(r.kind)}
                {status && (
                  <>
                    {" "}
                    <Badge tone={status.tone}>{status.text}</Badge>
                  </>
                )}
              </div>
              {parts.length > 0 && <div className="small">{parts.join(", ")}</div>}
              <div className="muted small">
                {r.reason ?? "No reason"} · {formatDateTime(r.createdAt)}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
