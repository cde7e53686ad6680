import { Link } from "react-router";
import type { TOrderRef, TPostReceiptResponse } from "../../purchasing/api/purchasing-types.ts";

function OrderLinks({ title, orders, empty }: { title: string; orders: TOrderRef[]; empty: string }) {
  const id = `receipt-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title} <span className="count-pill">{orders.length}</span>
      </h3>
      {orders.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="order-links" aria-labelledby={id}>
          {orders.map((o) => (
            <li key={o.orderId}>
              <Link to={`/orders/${o.orderId}`}>{o.number}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** After a receipt: which waiting orders it unblocked — the moment the purchaser's work pays off. */
export function ReceiptSummary({ result, onDismiss }: { result: TPostReceiptResponse; onDismiss: () => void }) {
  const units = result.receipt.lines.reduce((s, l) => s + l.quantity, 0);
  return (
    <section className="card receipt-summary" role="status" aria-labelledby="receipt-summary-title">
      <h2 id="receipt-summary-title">
        Receipt posted: {units} unit{units === 1 ? "" : "s"} into stock
      </h2>
      <div className="summary-grid">
        <OrderLinks title="Orders now fulfillable" orders={result.ordersNowFulfillable} empty="No order became fulfillable with this receipt." />
        <OrderLinks title="Orders now partially fulfillable" orders={result.ordersNowPartiallyFulfillable} empty="None." />
      </div>
      <p className="section-actions">
        {result.ordersNowFulfillable.length > 0 && (
          <Link className="btn btn-primary" to="/orders?fulfillability=fulfillable">
            Open fulfillable orders
          </Link>
        )}
        <button type="button" className="btn btn-ghost" onClick={onDismiss}>
          Scan more
        </button>
      </p>
    </section>
  );
}
