// Loaded lazily: recharts is large and only this report draws charts.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TBackorderSummary } from "../../purchasing/api/purchasing-types.ts";

const AGE_LABEL: Record<string, string> = { "0-2": "0–2 days", "3-7": "3–7 days", "8-14": "8–14 days", "15+": "15+ days" };

/**
 * Two charts of the report's summary. Each chart is hidden from screen readers and stands beside
 * a one-line summary (the figure caption) and the same numbers as a table.
 */
export default function ShortfallCharts({ summary }: { summary: TBackorderSummary }) {
  const byAge = summary.byAge.map((b) => ({ label: AGE_LABEL[b.bucket] ?? b.bucket, units: b.units }));
  const totalShort = byAge.reduce((s, b) => s + b.units, 0);
  const oldest = [...summary.byAge].reverse().find((b) => b.units > 0);
  const top = summary.topSkus;
  return (
    <div className="chart-grid">
      <figure className="card chart" aria-labelledby="chart-age-caption">
        <h2 id="chart-age-caption">Shortfall by age</h2>
        <p className="muted small">
          {totalShort} units short in total
          {oldest ? `; ${oldest.units} of them waiting ${AGE_LABEL[oldest.bucket] ?? oldest.bucket}` : ""}.
        </p>
        <div aria-hidden="true" className="chart-box">
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={byAge} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip />
              <Bar dataKey="units" name="Units short" fill="#c2410c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <details>
          <summary>Shortfall by age as a table</summary>
          <table aria-label="Shortfall by age">
            <thead>
              <tr>
                <th scope="col">Waiting</th>
                <th scope="col" className="num">
                  Units short
                </th>
              </tr>
            </thead>
            <tbody>
              {byAge.map((b) => (
                <tr key={b.label}>
                  <td>{b.label}</td>
                  <td className="num">{b.units}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
      <figure className="card chart" aria-labelledby="chart-top-caption">
        <h2 id="chart-top-caption">Top SKUs by units short</h2>
        <p className="muted small">{top.length === 0 ? "Nothing is short." : `${top[0]!.sku} is short the most: ${top[0]!.unitsShort} units.`}</p>
        <div aria-hidden="true" className="chart-box">
          <ResponsiveContainer width="100%" height={Math.max(120, top.length * 26 + 40)}>
            <BarChart data={top} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis type="category" dataKey="sku" width={110} fontSize={12} />
              <Tooltip />
              <Bar dataKey="unitsShort" name="Units short" fill="#1d4ed8" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <details>
          <summary>Top SKUs as a table</summary>
          <table aria-label="Top SKUs by units short">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Units short
                </th>
              </tr>
            </thead>
            <tbody>
              {top.map((t) => (
                <tr key={t.productId}>
                  <td className="mono">{t.sku}</td>
                  <td>{t.name}</td>
                  <td className="num">{t.unitsShort}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
    </div>
  );
}
