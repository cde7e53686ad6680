// Messages to stores that failed in the last days, per channel, leading to Integrations filtered
// to the channel's failed messages.
import { Link } from "react-router";
import type { TDashboardStoreDeliveries } from "@bod/contracts/dashboard";
import { Table } from "../../../components/ui/table.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { failedDeliveriesHref } from "../lib/links.ts";
import { StatLink } from "./stat-link.tsx";

export function StoreDeliveriesSection({ data }: { data: TDashboardStoreDeliveries }) {
  return (
    <section className="card dash-section" aria-labelledby="dash-deliveries">
      <h2 id="dash-deliveries">Failed deliveries to stores</h2>
      <div className="stat-row">
        <StatLink value={data.gaveUp} label={`gave up in the last ${data.sinceDays} days`} to={failedDeliveriesHref()} tone={data.gaveUp > 0 ? "bad" : "good"} testId="stat-gave-up" />
        <StatLink value={data.retrying} label="still retrying" to="/integrations?status=pending" tone={data.retrying > 0 ? "warn" : undefined} testId="stat-retrying" />
      </div>
      {data.gaveUpAllTime > data.gaveUp && (
        <p className="small">
          <Link to={failedDeliveriesHref()}>{data.gaveUpAllTime.toLocaleString()} messages in all</Link> wait for a retry or discard.
        </p>
      )}
      {data.byChannel.length === 0 ? (
        <p className="muted">No failed attempts in the last {data.sinceDays} days.</p>
      ) : (
        <Table
          label="Failed deliveries by channel"
          head={
            <tr>
              <th scope="col">Channel</th>
              <th scope="col" className="num">Gave up</th>
              <th scope="col" className="num">Retrying</th>
              <th scope="col" className="num">Failed attempts</th>
              <th scope="col">Last failure</th>
            </tr>
          }
        >
          {data.byChannel.map((c) => (
            <tr key={c.channelId ?? "none"}>
              <td>
                <Link to={failedDeliveriesHref(c.channelId)}>{c.name}</Link>
              </td>
              <td className="num">{c.gaveUp}</td>
              <td className="num">{c.retrying}</td>
              <td className="num">{c.failedAttempts}</td>
              <td>
                <DateTime value={c.lastFailedAt} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
