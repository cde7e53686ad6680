// Orders past their ship-by date and not shipped: by fulfillability (held ones apart) and the
// longest overdue, each leading to the orders desk's overdue filter.
import { Link } from "react-router";
import type { TDashboardOverdue } from "@bod/contracts/dashboard";
import { Table } from "../../../components/ui/table.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { formatDate } from "../../../lib/format.ts";
import { overdueHref } from "../lib/links.ts";
import { StatLink } from "./stat-link.tsx";

const FULFILLABILITY: Record<string, string> = { fulfillable: "Fulfillable", partially_fulfillable: "Partially fulfillable", backordered: "Backordered" };

export function OverdueSection({ data, warehouseId }: { data: TDashboardOverdue; warehouseId: string }) {
  const w = warehouseId || undefined;
  return (
    <section className="card dash-section" aria-labelledby="dash-overdue">
      <h2 id="dash-overdue">Overdue</h2>
      <div className="stat-row">
        <StatLink value={data.total} label={data.total === 1 ? "order past ship-by" : "orders past ship-by"} to={overdueHref("all", w)} tone={data.total > 0 ? "bad" : undefined} testId="stat-overdue" />
      </div>
      <ul className="dash-breakdown" aria-label="Overdue orders by fulfillability">
        <li>
          <Link to={overdueHref("fulfillable", w)} data-testid="overdue-fulfillable">
            <strong>{data.fulfillable.toLocaleString()}</strong> fulfillable
          </Link>
        </li>
        <li>
          <Link to={overdueHref("partially_fulfillable", w)} data-testid="overdue-partially-fulfillable">
            <strong>{data.partiallyFulfillable.toLocaleString()}</strong> partially fulfillable
          </Link>
        </li>
        <li>
          <Link to={overdueHref("backordered", w)} data-testid="overdue-backordered">
            <strong>{data.backordered.toLocaleString()}</strong> backordered
          </Link>
        </li>
        <li>
          <Link to={overdueHref("on_hold", w)} data-testid="overdue-on-hold">
            <strong>{data.onHold.toLocaleString()}</strong> on hold
          </Link>
        </li>
      </ul>
      {data.oldest.length > 0 && (
        <>
          <h3>Longest overdue</h3>
          <Table
            label="Longest overdue orders"
            head={
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Ship by</th>
                <th scope="col" className="num">Days late</th>
                <th scope="col">State</th>
              </tr>
            }
          >
            {data.oldest.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link to={`/orders/${o.id}`}>{o.number}</Link>
                </td>
                <td>{o.customerName}</td>
                <td>{formatDate(o.shipBy)}</td>
                <td className="num">{o.daysOverdue}</td>
                <td>{o.status === "on_hold" ? <Badge tone="warning">On hold</Badge> : <Badge tone={o.fulfillability === "fulfillable" ? "success" : o.fulfillability === "backordered" ? "danger" : "info"}>{FULFILLABILITY[o.fulfillability ?? ""] ?? "—"}</Badge>}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}
