import type { ReactNode } from "react";
import { Link } from "react-router";
import { Table } from "../../../components/ui/table.tsx";
import { formatMoney } from "../../../lib/format.ts";
import type { TPurchaseOrderLine } from "../api/purchasing-types.ts";

/** The lines of a PO: what was ordered, what arrived, and the sales orders each line was raised for. */
export function PoLinesTable({ lines, quantityInput }: { lines: TPurchaseOrderLine[]; quantityInput?: (line: TPurchaseOrderLine) => ReactNode }) {
  const total = lines.reduce((s, l) => s + l.quantityOrdered * l.unitCostCents, 0);
  return (
    <Table
      label="Purchase order lines"
      head={
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Ordered
          </th>
          <th scope="col" className="num">
            Received
          </th>
          <th scope="col" className="num">
            Remaining
          </th>
          <th scope="col" className="num">
            Unit cost
          </th>
          <th scope="col" className="num">
            Line total
          </th>
          <th scope="col">Waiting orders</th>
        </tr>
      }
    >
      {lines.map((l) => (
        <tr key={l.id}>
          <td className="mono">
            <Link to={`/products/${l.productId}`}>{l.sku}</Link>
          </td>
          <td>{l.name}</td>
          <td className="num">{quantityInput ? quantityInput(l) : l.quantityOrdered}</td>
          <td className="num">{l.quantityReceived}</td>
          <td className="num">{l.remaining}</td>
          <td className="num">{formatMoney(l.unitCostCents)}</td>
          <td className="num">{formatMoney(l.quantityOrdered * l.unitCostCents)}</td>
          <td>
            {l.linkedOrders.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              <ul className="inline-list">
                {l.linkedOrders.map((o) => (
                  <li key={o.orderId}>
                    <Link to={`/orders/${o.orderId}`}>{o.number}</Link>
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
      <tr className="total-row">
        <th scope="row" colSpan={6}>
          Total
        </th>
        <td className="num">{formatMoney(total)}</td>
        <td />
      </tr>
    </Table>
  );
}
