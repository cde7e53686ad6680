// What waits on purchase orders: the open ones with their supplier, expected date (late ones
// flagged) and the orders still waiting on their links, and the units expected week by week.
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import type { TDashboardPurchaseOrders } from "@bod/contracts/dashboard";
import { Table } from "../../../components/ui/table.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { formatDate } from "../../../lib/format.ts";
import { StatLink } from "./stat-link.tsx";
import { plural } from "../lib/links.ts";

const ArrivalsChart = lazy(() => import("./charts.tsx").then((m) => ({ default: m.ArrivalsChart })));

export function PurchaseOrdersSection({ data }: { data: TDashboardPurchaseOrders }) {
  const next = data.arrivals.find((a) => a.units > 0);
  const waitingOrders = data.items.reduce((n, p) => n + p.waitingOrders, 0);
  return (
    <section className="card dash-section dash-wide" aria-labelledby="dash-pos">
      <h2 id="dash-pos">Waiting on purchase orders</h2>
      <div className="stat-row">
        <StatLink value={data.open} label={`open ${data.open === 1 ? "purchase order" : "purchase orders"} · ${plural(data.unitsRemaining, "unit")} to arrive`} to="/purchasing" testId="stat-open-pos" />
        <StatLink value={data.late} label={`late · ${plural(data.lateUnits, "unit")}`} to="/purchasing" tone={data.late > 0 ? "bad" : undefined} testId="stat-late-pos" />
      </div>
      {data.open === 0 ? (
        <EmptyState title="No purchase orders on the way." />
      ) : (
        <div className="dash-split">
          <figure className="chart dash-figure" aria-labelledby="dash-arrivals-title">
            <h3 id="dash-arrivals-title">Arrivals, next {data.arrivals.length} weeks</h3>
            <p className="muted small">
              {next ? `Next: ${plural(next.units, "unit")} in the week of ${formatDate(next.weekStart)}.` : "Nothing expected in these weeks."}
              {data.undatedUnits > 0 ? ` ${data.undatedUnits.toLocaleString()} units have no expected date.` : ""}
            </p>
            <Suspense fallback={<div className="chart-box" aria-hidden="true" />}>
              <ArrivalsChart arrivals={data.arrivals} />
            </Suspense>
            <details>
              <summary>Arrivals as a table</summary>
              <table aria-label="Units expected by week">
                <thead>
                  <tr>
                    <th scope="col">Week of</th>
                    <th scope="col" className="num">Units</th>
                    <th scope="col" className="num">Purchase orders</th>
                  </tr>
                </thead>
                <tbody>
                  {data.arrivals.map((a) => (
                    <tr key={a.weekStart}>
                      <td>{formatDate(a.weekStart)}</td>
                      <td className="num">{a.units.toLocaleString()}</td>
                      <td className="num">{a.purchaseOrders}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
          <div className="dash-po-table">
            <h3>Open purchase orders {waitingOrders > 0 && <span className="muted small">· {plural(waitingOrders, "waiting order")} linked</span>}</h3>
            <Table
              label="Open purchase orders"
              head={
                <tr>
                  <th scope="col">PO</th>
                  <th scope="col">Supplier</th>
                  <th scope="col">Expected</th>
                  <th scope="col" className="num">Units due</th>
                  <th scope="col" className="num">Waiting orders</th>
                  <th scope="col" className="num">Waiting units</th>
                </tr>
              }
            >
              {data.items.map((p) => (
                <tr key={p.id} data-testid={`po-row-${p.number}`}>
                  <td>
                    <Link to={`/purchasing/${p.id}`}>{p.number}</Link> <span className="muted small">{p.warehouseCode}</span>
                  </td>
                  <td>{p.supplierName}</td>
                  <td>
                    {formatDate(p.expectedDate)} {p.isLate && <Badge tone="danger">Late</Badge>}
                  </td>
                  <td className="num">{p.unitsRemaining.toLocaleString()}</td>
                  <td className="num">{p.waitingOrders.toLocaleString()}</td>
                  <td className="num">{p.waitingUnits.toLocaleString()}</td>
                </tr>
              ))}
            </Table>
            {data.open > data.items.length && (
              <p className="muted small">
                The first {data.items.length} of {data.open}. <Link to="/purchasing">All purchase orders</Link>
              </p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
