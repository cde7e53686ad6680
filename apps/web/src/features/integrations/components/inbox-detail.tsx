// One message from a store: what it was about, what Backorder Desk did with it, the payload and
// headers the store sent, and (admins) applying it again when it failed or was ignored.
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { FactList } from "../../../components/ui/fact-list.tsx";
import { JsonBlock } from "../../../components/ui/json-block.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useInboxEvent, useRetryInbox } from "../api/integrations-api.ts";
import { INBOX_STATUS, SOURCE_LABELS } from "../lib/inbox-status.ts";
import { DetailPanel } from "./detail-panel.tsx";

export function InboxDetail({ id, canAct, onClose }: { id: string; canAct: boolean; onClose: () => void }) {
  const event = useInboxEvent(id);
  const retry = useRetryInbox();
  const toast = useToast();
  const e = event.data;
  if (!e)
    return (
      <DetailPanel title="Message from the store" onClose={onClose}>
        {event.isError ? <ErrorAlert error={event.error} /> : <Spinner />}
      </DetailPanel>
    );
  const status = INBOX_STATUS[e.status];
  return (
    <DetailPanel title={`${e.topic}${e.orderNumber ? ` · ${e.orderNumber}` : ""}`} onClose={onClose}>
      <p className="detail-state">
        <Badge tone={status.tone}>{status.label}</Badge>
      </p>
      {e.status === "failed" && e.lastError && <p className="error-text">{e.lastError}</p>}
      {e.outcome && <p className="small">{e.outcome}</p>}
      {canAct && (e.status === "failed" || e.status === "ignored") && (
        <div className="form-actions">
          <Button variant="primary" busy={retry.isPending} onClick={() => retry.mutate(e.id, { onSuccess: () => toast(`${e.topic}: applying again`) })}>
            Apply again
          </Button>
          <ErrorAlert error={retry.error} />
        </div>
      )}
      <FactList
        facts={[
          ["Channel", <Link key="c" to={`/channels/${e.channelId}`}>{e.channelName}</Link>],
          ["Order", e.orderId ? <Link to={`/orders/${e.orderId}`}>{e.orderNumber}</Link> : e.externalOrderId ? <span className="mono">{e.externalOrderId} (store id)</span> : "—"],
          ["Source", SOURCE_LABELS[e.source] ?? e.source],
          ["Received", <DateTime key="r" value={e.receivedAt} />],
          ["Store updated", <DateTime key="u" value={e.storeUpdatedAt} />],
          ["Processed", <DateTime key="p" value={e.processedAt} />],
          ["Attempts", String(e.attempts)],
        ]}
      />
      <h3>Payload</h3>
      <JsonBlock value={e.payload} label="Payload" />
      <details className="disclosure">
        <summary>Headers</summary>
        <JsonBlock value={e.headers} label="Headers" />
      </details>
    </DetailPanel>
  );
}
