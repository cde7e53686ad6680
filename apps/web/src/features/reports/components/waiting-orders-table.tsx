import { Link } from "react-router";
import { Table } from "../../../components/ui/table.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { useWaitingOrders } from "../api/backorder-report-api.ts";

/** The open orders waiting for one SKU in one warehouse, in the engine's rank order (who gets stock first). */
export function WaitingOrdersTable({ productId, warehouseId, sku }: { productId: string; warehouseId: string; sku: string }) {
  const query = useWaitingOrders(productId, warehouseId);
  if (query.isPending) return <Spinner label={`Loading orders waiting for ${sku}…`} />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (query.data.length === 0) return <p className="muted">No open order waits for {sku}.</p>;
  return (
    <Table
      label={`Waiting orders for ${sku}`}
      head={
        <tr>
          <th scope="col" className="num">
            Rank
          </th>
          <th scope="col">Order</th>
          <th scope="col">Customer</th>
          <th scope="col">Ordered</th>
          <th scope="col">Ship by</th>
          <th scope="col" className="num">
            Priority
          </th>
          <th scope="col" className="num">
            Remaining
          </th>
          <th scope="col" className="num">
            Allocated
          </th>
          <th scope="col" className="num">
            Short
          </th>
          <th scope="col">Projected</th>
          <th scope="col">Tags</th>
        </tr>
      }
    >
      {query.data.map((o, i) => (
        <tr key={o.orderId}>
          <td className="num">{i + 1}</td>
          <td className="mono">
            <Link to={`/orders/${o.orderId}`}>{o.number}</Link>
          </td>
          <td>{o.customerName}</td>
          <td>{o.orderDate.slice(0, 10)}</td>
          <td>{o.shipBy?.slice(0, 10) ?? <span className="muted">—</span>}</td>
          <td className="num">{o.priority}</td>
          <td className="num">{o.remaining}</td>
          <td className="num">{o.allocated}</td>
          <td className="num qty-out">{o.short}</td>
          <td>{o.projectedDate ?? <span className="muted">unknown</span>}</td>
          <td>
            <span className="inline-list">
              {o.tags.map((t) => (
                <Badge key={t} tone={t.startsWith("PO#") ? "info" : "neutral"}>
                  {t}
                </Badge>
              ))}
            </span>
          </td>
        </tr>
      ))}
    </Table>
  );
}
