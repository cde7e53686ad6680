// One message to a store: where it stands and why, what it carries, every delivery attempt, and
// (admins) Retry / Discard.
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { FactList } from "../../../components/ui/fact-list.tsx";
import { JsonBlock } from "../../../components/ui/json-block.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { messageState, outboxTypeLabel, type TDeliveryChannel } from "../../../lib/outbox-status.ts";
import { useOutboxEvent } from "../api/integrations-api.ts";
import { DeliveryAttempts } from "./delivery-attempts.tsx";
import { DetailPanel } from "./detail-panel.tsx";
import { OutboxActions } from "./message-actions.tsx";

export function OutboxDetail({ id, canAct, channelState, onClose }: { id: string; canAct: boolean; channelState: (id: string | null) => TDeliveryChannel; onClose: () => void }) {
  const event = useOutboxEvent(id);
  const e = event.data;
  if (!e)
    return (
      <DetailPanel title="Message to the store" onClose={onClose}>
        {event.isError ? <ErrorAlert error={event.error} /> : <Spinner />}
      </DetailPanel>
    );
  const state = messageState(e, channelState(e.channelId));
  return (
    <DetailPanel title={`${outboxTypeLabel(e.type)}${e.orderNumber ? ` · ${e.orderNumber}` : ""}`} onClose={onClose}>
      <p className="detail-state">
        <Badge tone={state.tone}>{state.label}</Badge>
      </p>
      {state.detail && <p className={state.kind === "gave_up" || state.kind === "retrying" ? "error-text" : "small"}>{state.detail}</p>}
      {state.kind === "gave_up" && <p className="small">The order&apos;s later messages wait until this one is retried or discarded.</p>}
      {canAct && <OutboxActions event={e} />}
      <FactList
        facts={[
          ["Channel", e.channelId ? <Link to={`/channels/${e.channelId}`}>{e.channelName}</Link> : "—"],
          ["Order", e.orderId ? <Link to={`/orders/${e.orderId}`}>{e.orderNumber}</Link> : "—"],
          ["Created", <DateTime key="c" value={e.createdAt} />],
          e.status === "pending"
            ? ["Next attempt", <DateTime key="a" value={e.availableAt} />]
            : e.status === "failed"
              ? ["Gave up", <DateTime key="a" value={e.deliveries.at(-1)?.finishedAt} />]
              : ["Settled", <DateTime key="a" value={e.deliveredAt} />],
          ["Attempts", String(e.attempts)],
          ["Type", <code key="t">{e.type}</code>],
        ]}
      />
      {e.outcome && e.status !== "failed" && <p className="small">{e.outcome}</p>}
      <h3>Payload</h3>
      <JsonBlock value={e.payload} label="Payload" />
      <h3>Attempts</h3>
      <DeliveryAttempts attempts={e.deliveries} />
    </DetailPanel>
  );
}
