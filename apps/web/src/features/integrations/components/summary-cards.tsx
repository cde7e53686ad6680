// One card per channel: is it connected and on, what waits and what failed in each direction
// (failures stand out and link to the filtered list), what moved in the last day.
import { Link } from "react-router";
import type { TIntegrationSummary } from "@bod/contracts/integrations";
import { Badge } from "../../../components/ui/badge.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { channelKindLabel } from "../../../lib/channel-kinds.ts";
import { LastPoll } from "../../channels/components/last-poll.tsx";

type TChannelSummary = TIntegrationSummary["channels"][number];

function Count({ n, label, tone, to }: { n: number; label: string; tone?: "failed" | "pending"; to: string }) {
  const cls = `summary-count${n > 0 && tone === "failed" ? " is-failed" : ""}${n > 0 && tone === "pending" ? " is-pending" : ""}`;
  const body = (
    <>
      <span className="summary-n">{n.toLocaleString()}</span> <span className="summary-label">{label}</span>
    </>
  );
  return n > 0 ? (
    <Link className={cls} to={to}>
      {body}
    </Link>
  ) : (
    <span className={cls}>{body}</span>
  );
}

function ChannelCard({ c }: { c: TChannelSummary }) {
  const q = (tab: "outbox" | "inbox", status: string) => `/integrations?${tab === "inbox" ? "tab=inbox&" : ""}channelId=${c.channelId}&status=${status}`;
  const storeKind = c.kind === "shopify" || c.kind === "woocommerce";
  return (
    <article className={`summary-card${c.outbox.failed + c.inbox.failed > 0 ? " has-failed" : ""}`} aria-label={c.name}>
      <header className="summary-head">
        <Link to={`/channels/${c.channelId}`} className="summary-name">
          {c.name}
        </Link>
        <span className="muted small">{channelKindLabel(c.kind)}</span>
        {!storeKind ? (
          <Badge tone="neutral">No store API</Badge>
        ) : !c.enabled ? (
          <Badge tone="warning">Switched off</Badge>
        ) : c.connected ? (
          <Badge tone="success">Connected</Badge>
        ) : (
          <Badge tone="warning">Not connected</Badge>
        )}
      </header>
      <div className="summary-row">
        <span className="summary-dir">To store</span>
        <span className="summary-counts">
          <Count n={c.outbox.failed} label="gave up" tone="failed" to={q("outbox", "failed")} />
          <Count n={c.outbox.pending} label="waiting" tone="pending" to={q("outbox", "pending")} />
          <Count n={c.outbox.deliveredLastDay} label="sent today" to={q("outbox", "delivered")} />
        </span>
      </div>
      <div className="summary-row">
        <span className="summary-dir">From store</span>
        <span className="summary-counts">
          <Count n={c.inbox.failed} label="failed" tone="failed" to={q("inbox", "failed")} />
          <Count n={c.inbox.pending} label="waiting" tone="pending" to={q("inbox", "pending")} />
          <Count n={c.inbox.receivedLastDay} label="received today" to={`/integrations?tab=inbox&channelId=${c.channelId}`} />
        </span>
      </div>
      {storeKind && (
        <p className="muted small summary-foot">
          Last poll: <LastPoll at={c.lastReconciledAt} error={c.lastReconcileError} />
        </p>
      )}
    </article>
  );
}

export function SummaryCards({ summary }: { summary: TIntegrationSummary }) {
  if (summary.channels.length === 0)
    return (
      <EmptyState title="No channels yet">
        <p>
          <Link to="/channels/new">Create a channel</Link> and connect it to its store.
        </p>
      </EmptyState>
    );
  return (
    <div className="summary-cards" role="list" aria-label="Channels">
      {summary.channels.map((c) => (
        <div role="listitem" key={c.channelId}>
          <ChannelCard c={c} />
        </div>
      ))}
    </div>
  );
}
