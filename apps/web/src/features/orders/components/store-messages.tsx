// "Messages to the store": what Backorder Desk told (or is telling) the order's store — shipments,
// holds, refunds — each with a plain status. Collapsed when everything went through.
import { Link } from "react-router";
import type { TChannel } from "@bod/contracts/channels";
import { Badge } from "../../../components/ui/badge.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { useChannelOptions } from "../../../lib/lookups.ts";
import { isQueuedBehind, messageState, outboxTypeLabel, type TDeliveryChannel, type TMessageState } from "../../../lib/outbox-status.ts";
import { useOrderOutbox } from "../api/orders-api.ts";
import type { TOrderDetail } from "../api/order-types.ts";

const deliveryChannel = (c: TChannel | undefined): TDeliveryChannel => (c ? { connected: !!c.connection.storeUrl && c.connection.hasAccessToken, enabled: c.enabled } : undefined);
const SETTLED: TMessageState["kind"][] = ["sent", "skipped", "discarded"];

function summaryOf(states: TMessageState[]) {
  const counts = new Map<string, number>();
  const name = (s: TMessageState) => (s.kind === "sent" ? "sent ✓" : s.kind === "gave_up" ? "gave up" : s.kind === "retrying" ? "failing" : s.kind === "skipped" ? "nothing to send" : s.kind === "discarded" ? "discarded" : "waiting");
  for (const s of states) counts.set(name(s), (counts.get(name(s)) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(", ");
}

export function StoreMessages({ order, canOpenIntegrations }: { order: TOrderDetail; canOpenIntegrations: boolean }) {
  const outbox = useOrderOutbox(order.id);
  const channels = useChannelOptions();
  const channel = deliveryChannel(channels.data?.find((c) => c.id === order.channel.id));
  const items = outbox.data ?? [];
  const isStore = order.channel.kind === "shopify" || order.channel.kind === "woocommerce";
  if (outbox.isSuccess && items.length === 0 && !isStore) return null;
  const states = items.map((e) => messageState(e, channel, { behind: isQueuedBehind(e, items) }));
  const needsLook = states.some((s) => !SETTLED.includes(s.kind));

  return (
    <section className="card store-messages" aria-labelledby="store-messages-title">
      {outbox.isPending ? (
        <>
          <h2 id="store-messages-title">Messages to the store</h2>
          <Spinner />
        </>
      ) : outbox.isError ? (
        <>
          <h2 id="store-messages-title">Messages to the store</h2>
          <ErrorAlert error={outbox.error} />
        </>
      ) : items.length === 0 ? (
        <>
          <h2 id="store-messages-title">Messages to the store</h2>
          <p className="muted small">Nothing sent to {order.channel.name} yet: shipments, holds and refunds of this order are sent to the store.</p>
        </>
      ) : (
        <details className="disclosure" open={needsLook}>
          <summary>
            <h2 id="store-messages-title" className="inline-heading">
              Messages to the store
            </h2>{" "}
            <span className="muted small">({summaryOf(states)})</span>
          </summary>
          <ol className="store-message-list" aria-label="Messages to the store, oldest first">
            {items.map((e, i) => {
              const s = states[i]!;
              return (
                <li key={e.id}>
                  <div className="store-message-head">
                    <strong>{outboxTypeLabel(e.type)}</strong>
                    <Badge tone={s.tone}>{s.kind === "gave_up" ? "Gave up — retry from Integrations" : s.label}</Badge>
                  </div>
                  {s.detail && <div className={s.kind === "gave_up" || s.kind === "retrying" ? "error-text small" : "muted small"}>{s.detail}</div>}
                  <div className="muted small">
                    <DateTime value={e.createdAt} /> · {e.attempts === 1 ? "1 attempt" : `${e.attempts} attempts`}
                    {canOpenIntegrations && (
                      <>
                        {" "}
                        · <Link to={`/integrations?open=${e.id}`}>See attempts in Integrations</Link>
                      </>
                    )}
                  </div>
                </li>
              );
            })}
          </ol>
        </details>
      )}
    </section>
  );
}
