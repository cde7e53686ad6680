// After a return is received: the units back in stock and the waiting orders they made fulfillable, as links.
import { Link } from "react-router";
import type { TReceiveReturnResponse } from "@bod/contracts/returns";

export function ReturnReceiptSummary({ result, restocked, onDismiss }: { result: TReceiveReturnResponse; restocked: number; onDismiss: () => void }) {
  const groups = [
    { title: "Orders now fulfillable", orders: result.ordersNowFulfillable, empty: "No order became fulfillable with this return." },
    { title: "Orders now partially fulfillable", orders: result.ordersNowPartiallyFulfillable, empty: "None." },
  ];
  return (
    <section className="card receipt-summary" role="status" aria-labelledby="return-summary-title">
      <h2 id="return-summary-title">
        Return received: {restocked} unit{restocked === 1 ? "" : "s"} back in stock
      </h2>
      <div className="summary-grid">
        {groups.map((g) => {
          const id = `return-${g.title.toLowerCase().replace(/\W+/g, "-")}`;
          return (
            <section key={g.title} aria-labelledby={id}>
              <h3 id={id}>
                {g.title} <span className="count-pill">{g.orders.length}</span>
              </h3>
              {g.orders.length === 0 ? (
                <p className="muted">{g.empty}</p>
              ) : (
                <ul className="order-links" aria-labelledby={id}>
                  {g.orders.map((o) => (
                    <li key={o.orderId}>
                      <Link to={`/orders/${o.orderId}`}>{o.number}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
      <p className="section-actions">
        <button type="button" className="btn btn-ghost" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
    </section>
  );
}
