import { Link, useParams } from "react-router";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Barcode } from "../../../components/ui/barcode.tsx";
import { CompanyName, PrintToolbar, WarehouseParty } from "../../../components/ui/print-document.tsx";
import { formatDate, formatDateTime } from "../../../lib/format.ts";
import { ScrollBox } from "../../../components/ui/table.tsx";
import { useOrderStaging } from "../api/staging-api.ts";
import "../staging.css";

/** `/orders/:orderId/staging-slip`: a slip that travels with the container: what it holds, what it waits for and which POs bring it. */
export function StagingSlipPage() {
  const { orderId } = useParams();
  const staging = useOrderStaging(orderId);
  if (staging.isPending) return <Spinner label="Loading staging slip…" />;
  if (staging.isError) return <ErrorAlert error={staging.error} />;
  const s = staging.data.staged;
  if (!s)
    return (
      <div className="page">
        <Alert tone="info">Nothing of this order is staged.</Alert>
        <Link to={`/orders/${orderId}`}>Back to the order</Link>
      </div>
    );
  const picked = s.lines.filter((l) => l.picked > 0);
  const awaited = s.lines.filter((l) => l.awaiting > 0);
  return (
    <div className="page">
      <PrintToolbar backTo={`/orders/${s.order.id}/pick`} backLabel="Back to picking" />
      <article className="print-doc staging-slip" aria-label={`Staging slip for ${s.order.number}`}>
        <div className="print-doc-head">
          <div>
            <CompanyName />
            <h1>Staging slip</h1>
            <div>
              Container <span className="container-code mono">{s.container.code}</span>
            </div>
            <div>
              Location <span className="mono">{s.location.code}</span> · staged {formatDateTime(s.stagedAt)}
            </div>
            <div>
              Order <strong className="mono">{s.order.number}</strong> · {s.order.customerName} · {s.order.channelName}
            </div>
            {s.order.fulfillmentMode === "ship_complete" && <div>Ships complete: do not ship before every item is in.</div>}
          </div>
          <Barcode value={s.order.number} label={`Order number ${s.order.number} as a barcode`} />
        </div>
        <div className="print-parties">
          <WarehouseParty heading="Warehouse" warehouse={s.warehouse} />
          <section aria-label="Ship to">
            <h2>Ship to</h2>
            <address>
              <strong>{s.order.customerName}</strong>
              {s.order.shippingAddress && <div className="print-address">{s.order.shippingAddress}</div>}
            </address>
          </section>
        </div>
        <h2>Picked into the container</h2>
        <ScrollBox label="Items picked" className="doc-scroll">
          <table aria-label="Items picked">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">Quantity</th>
              </tr>
            </thead>
            <tbody>
              {picked.map((l) => (
                <tr key={l.lineId}>
                  <td className="mono">{l.sku}</td>
                  <td>{l.name}</td>
                  <td className="num">{l.picked}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
        <h2>Awaited</h2>
        {awaited.length === 0 ? (
          <p>Nothing: the order is complete.</p>
        ) : (
          <ScrollBox label="Items awaited" className="doc-scroll">
            <table aria-label="Items awaited">
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">Quantity</th>
                  <th scope="col">Purchase orders</th>
                </tr>
              </thead>
              <tbody>
                {awaited.map((l) => (
                  <tr key={l.lineId}>
                    <td className="mono">{l.sku}</td>
                    <td>{l.name}</td>
                    <td className="num">{l.awaiting}</td>
                    <td>
                      {l.purchaseOrders.length
                        ? l.purchaseOrders.map((p) => `${p.number}${p.expectedDate ? ` (expected ${formatDate(p.expectedDate)})` : ""}`).join(", ")
                        : l.allocatableNow > 0
                          ? "in stock: pick it"
                          : "none yet"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </article>
    </div>
  );
}
