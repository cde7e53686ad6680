// What can ship now: fulfillable and partially fulfillable open orders, in all and per warehouse,
// each number leading to the orders desk on that tab (and warehouse).
import type { TDashboardShipNow } from "@bod/contracts/dashboard";
import { Table } from "../../../components/ui/table.tsx";
import { Link } from "react-router";
import { ordersHref, plural } from "../lib/links.ts";
import { StatLink } from "./stat-link.tsx";

export function ShipNowSection({ data, warehouseId }: { data: TDashboardShipNow; warehouseId: string }) {
  const w = warehouseId || undefined;
  return (
    <section className="card dash-section" aria-labelledby="dash-ship-now">
      <h2 id="dash-ship-now">Ship now</h2>
      <div className="stat-row">
        <StatLink value={data.fulfillableOrders} label={`${data.fulfillableOrders === 1 ? "order" : "orders"} fulfillable · ${plural(data.fulfillableUnits, "unit")}`} to={ordersHref("fulfillable", w)} tone="good" testId="stat-fulfillable" />
        <StatLink
          value={data.partiallyFulfillableOrders}
          label={`partially fulfillable · ${plural(data.partiallyFulfillableUnits, "unit")} ready`}
          to={ordersHref("partially_fulfillable", w)}
          testId="stat-partially-fulfillable"
        />
      </div>
      {data.byWarehouse.length > 1 && (
        <Table
          label="Ship now by warehouse"
          head={
            <tr>
              <th scope="col">Warehouse</th>
              <th scope="col" className="num">Fulfillable orders</th>
              <th scope="col" className="num">Units</th>
              <th scope="col" className="num">Partially fulfillable</th>
              <th scope="col" className="num">Units ready</th>
            </tr>
          }
        >
          {data.byWarehouse.map((row) => (
            <tr key={row.warehouseId}>
              <td>
                <strong>{row.code}</strong> <span className="muted">{row.name}</span>
              </td>
              <td className="num">
                <Link to={ordersHref("fulfillable", row.warehouseId)} aria-label={`${row.fulfillableOrders} fulfillable orders at ${row.code}`}>
                  {row.fulfillableOrders.toLocaleString()}
                </Link>
              </td>
              <td className="num">{row.fulfillableUnits.toLocaleString()}</td>
              <td className="num">
                <Link to={ordersHref("partially_fulfillable", row.warehouseId)} aria-label={`${row.partiallyFulfillableOrders} partially fulfillable orders at ${row.code}`}>
                  {row.partiallyFulfillableOrders.toLocaleString()}
                </Link>
              </td>
              <td className="num">{row.partiallyFulfillableUnits.toLocaleString()}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
