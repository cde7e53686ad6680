// The shortfall over the last 30 days: units short and net to buy (chart), SKUs short and
// backordered orders (in the table). Days without a snapshot are gaps, not zeros.
import { lazy, Suspense } from "react";
import { Link } from "react-router";
import type { TDashboardShortfall } from "@bod/contracts/dashboard";
import { formatDate } from "../../../lib/format.ts";
import { backorderReportHref } from "../lib/links.ts";
import { StatLink } from "./stat-link.tsx";

const ShortfallTrendChart = lazy(() => import("./charts.tsx").then((m) => ({ default: m.ShortfallTrendChart })));
const n = (v: number | null) => (v === null ? "—" : v.toLocaleString());

export function ShortfallSection({ data, warehouseId }: { data: TDashboardShortfall; warehouseId: string }) {
  const today = data.days[data.days.length - 1]!;
  const first = data.days.find((d) => d.unitsShort !== null);
  const change = first && first !== today && first.unitsShort !== null ? (today.unitsShort ?? 0) - first.unitsShort : null;
  const report = backorderReportHref(warehouseId || undefined);
  return (
    <section className="card dash-section dash-wide" aria-labelledby="dash-shortfall">
      <h2 id="dash-shortfall">Shortfall trend</h2>
      <div className="stat-row">
        <StatLink value={today.unitsShort ?? 0} label="units short today" to={report} tone={(today.unitsShort ?? 0) > 0 ? "warn" : "good"} testId="stat-units-short" />
        <StatLink value={today.netToBuy ?? 0} label="units to buy (net of stock and on order)" to={report} testId="stat-net-to-buy" />
        <StatLink value={today.skusShort ?? 0} label="SKUs short" to={report} testId="stat-skus-short" />
        <StatLink value={today.backorderedOrders ?? 0} label="backordered orders" to={`/orders?fulfillability=backordered${warehouseId ? `&warehouseId=${warehouseId}` : ""}`} testId="stat-backordered" />
      </div>
      <figure className="chart dash-figure" aria-labelledby="dash-trend-title">
        <h3 id="dash-trend-title">Units short, last {data.days.length} days</h3>
        <p className="muted small">
          {change === null
            ? "No earlier days recorded yet."
            : `${change === 0 ? "Unchanged" : change > 0 ? `Up ${change.toLocaleString()} units` : `Down ${(-change).toLocaleString()} units`} since ${formatDate(first!.day)}.`}
        </p>
        <Suspense fallback={<div className="chart-box" aria-hidden="true" />}>
          <ShortfallTrendChart days={data.days} />
        </Suspense>
        <details>
          <summary>Shortfall by day as a table</summary>
          <div className="table-wrap">
            <table aria-label="Shortfall by day">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="num">Units short</th>
                  <th scope="col" className="num">Net to buy</th>
                  <th scope="col" className="num">SKUs short</th>
                  <th scope="col" className="num">Backordered orders</th>
                </tr>
              </thead>
              <tbody>
                {[...data.days].reverse().map((d) => (
                  <tr key={d.day}>
                    <td>{formatDate(d.day)}</td>
                    <td className="num">{n(d.unitsShort)}</td>
                    <td className="num">{n(d.netToBuy)}</td>
                    <td className="num">{n(d.skusShort)}</td>
                    <td className="num">{n(d.backorderedOrders)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
      <p className="small">
        <Link to={report}>Open the backorder report</Link>
      </p>
    </section>
  );
}
