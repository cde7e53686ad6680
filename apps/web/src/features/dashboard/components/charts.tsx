// The dashboard's two charts, loaded on demand (recharts is large). Each is hidden from screen
// readers: the section around it gives a one-line summary and the same numbers as a table.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TDashboardPurchaseOrders, TShortfallPoint } from "@bod/contracts/dashboard";
import { formatDate } from "../../../lib/format.ts";

const shortDay = (iso: string) => formatDate(iso).replace(/,? \d{4}$/, "");

export function ShortfallTrendChart({ days }: { days: TShortfallPoint[] }) {
  const data = days.map((d) => ({ label: shortDay(d.day), unitsShort: d.unitsShort, netToBuy: d.netToBuy }));
  return (
    <div aria-hidden="true" className="chart-box" data-testid="shortfall-chart">
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} interval="preserveStartEnd" minTickGap={24} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="unitsShort" name="Units short" stroke="#b3261e" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
          <Line type="monotone" dataKey="netToBuy" name="Net to buy" stroke="#1f5fbf" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ArrivalsChart({ arrivals }: { arrivals: TDashboardPurchaseOrders["arrivals"] }) {
  const data = arrivals.map((a) => ({ label: shortDay(a.weekStart), units: a.units }));
  return (
    <div aria-hidden="true" className="chart-box" data-testid="arrivals-chart">
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} interval="preserveStartEnd" minTickGap={16} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Bar dataKey="units" name="Units expected" fill="#1d6b36" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
