import { Barcode } from "../../../components/ui/barcode.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import type { TPackingSlip } from "../api/shipments-api.ts";

/** One printable packing slip: the order number as a Code 128 barcode, and the lines in the box. */
export function PackingSlip({ slip }: { slip: TPackingSlip }) {
  const customer = slip.order.customer?.name ?? slip.order.customerName;
  const address = slip.order.customer?.shippingAddress ?? slip.order.shippingAddress;
  const units = slip.lines.reduce((a, l) => a + l.quantity, 0);
  return (
    <article className="slip" aria-label={`Packing slip ${slip.number}`}>
      <div className="slip-head">
        <div>
          <h1>Packing slip</h1>
          <div>
            Order <strong className="mono">{slip.order.number}</strong>
            {slip.order.externalId && <span className="mono"> · {slip.order.externalId}</span>}
          </div>
          <div>
            Shipment <span className="mono">{slip.number}</span> · {formatDateTime(slip.createdAt)}
          </div>
          {slip.order.channel?.name && <div>{slip.order.channel.name}</div>}
          {(slip.carrier || slip.trackingNumber) && (
            <div>
              {slip.carrier} <span className="mono">{slip.trackingNumber}</span>
            </div>
          )}
        </div>
        <Barcode value={slip.order.number} label={`Order number ${slip.order.number} as a barcode`} />
      </div>
      {customer && (
        <div style={{ marginBottom: 16 }}>
          <strong>Ship to</strong>
          <div>{customer}</div>
          {address && <div className="slip-address">{address}</div>}
        </div>
      )}
      <table aria-label={`Items in shipment ${slip.number}`}>
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Barcode</th>
            <th scope="col" className="num">Quantity</th>
          </tr>
        </thead>
        <tbody>
          {slip.lines.map((l, i) => (
            <tr key={l.lineId ?? i}>
              <td className="mono">{l.sku}</td>
              <td>{l.name}</td>
              <td className="mono">{l.barcode ?? "—"}</td>
              <td className="num">
                <strong>{l.quantity}</strong>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={3}>Total units</td>
            <td className="num">
              <strong>{units}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
