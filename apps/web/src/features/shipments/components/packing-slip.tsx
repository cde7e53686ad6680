import type { TPackingSlip } from "@bod/contracts/orders";
import { Barcode } from "../../../components/ui/barcode.tsx";
import { CompanyName, WarehouseParty } from "../../../components/ui/print-document.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { ScrollBox } from "../../../components/ui/table.tsx";

/** One printable packing slip: company and ship-from warehouse, ship-to, the order number as a Code 128 barcode, and the lines in the box. */
export function PackingSlip({ slip }: { slip: TPackingSlip }) {
  const { shipment, order, customer } = slip;
  const units = shipment.lines.reduce((a, l) => a + l.quantity, 0);
  return (
    <article className="print-doc" aria-label={`Packing slip ${shipment.number}`}>
      <div className="print-doc-head">
        <div>
          <CompanyName />
          <h1>Packing slip</h1>
          <div>
            Order <strong className="mono">{order.number}</strong>
            {order.externalId && <span className="mono"> · {order.externalId}</span>} · {order.channelName}
          </div>
          <div>
            Shipment <span className="mono">{shipment.number}</span> · {formatDateTime(shipment.createdAt)}
          </div>
          {(shipment.carrier || shipment.trackingNumber) && (
            <div>
              {shipment.carrier} <span className="mono">{shipment.trackingNumber}</span>
            </div>
          )}
        </div>
        <Barcode value={order.number} label={`Order number ${order.number} as a barcode`} />
      </div>
      <div className="print-parties">
        <WarehouseParty heading="Ship from" warehouse={slip.warehouse} />
        <section aria-label="Ship to">
          <h2>Ship to</h2>
          <address>
            <strong>{customer.name}</strong>
            {customer.shippingAddress && <div className="print-address">{customer.shippingAddress}</div>}
          </address>
        </section>
      </div>
      <ScrollBox label={`Items in shipment ${shipment.number}`} className="doc-scroll">
        <table aria-label={`Items in shipment ${shipment.number}`}>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Name</th>
              <th scope="col">Barcode</th>
              <th scope="col" className="num">
                Quantity
              </th>
            </tr>
          </thead>
          <tbody>
            {shipment.lines.map((l) => (
              <tr key={l.lineId}>
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
              <th scope="row" colSpan={3}>
                Total units
              </th>
              <td className="num">{units}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollBox>
    </article>
  );
}
