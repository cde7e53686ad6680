// Every attempt to deliver a message: how it ended, the store's HTTP status, the error, when the
// next try is due, and (collapsed) exactly what was sent and what came back.
import type { TDeliveryAttempt, TDeliveryOutcome } from "@bod/contracts/integrations";
import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { JsonBlock } from "../../../components/ui/json-block.tsx";

const OUTCOMES: Record<TDeliveryOutcome, { label: string; tone: BadgeTone }> = {
  sent: { label: "Sent ✓", tone: "success" },
  already_applied: { label: "Already in the store ✓", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  throttled: { label: "Throttled: the store asked to wait", tone: "warning" },
  unknown: { label: "Unknown: the worker stopped before the store answered", tone: "warning" },
};

export function DeliveryAttempts({ attempts }: { attempts: TDeliveryAttempt[] }) {
  if (attempts.length === 0) return <p className="muted small">No attempt yet.</p>;
  return (
    <ol className="attempts" aria-label="Delivery attempts">
      {[...attempts].reverse().map((a) => {
        const outcome = a.outcome ? OUTCOMES[a.outcome] : { label: "Running…", tone: "info" as const };
        return (
          <li key={a.id} className="attempt">
            <div className="attempt-head">
              <strong>Attempt {a.attempt}</strong>
              <Badge tone={outcome.tone}>{outcome.label}</Badge>
              <span className="small">{a.httpStatus === null ? <span className="muted">no HTTP answer</span> : <>HTTP {a.httpStatus}</>}</span>
            </div>
            <div className="muted small">
              Started <DateTime value={a.startedAt} />
              {a.finishedAt && (
                <>
                  {" "}
                  · finished <DateTime value={a.finishedAt} />
                </>
              )}
            </div>
            {a.error && <div className="error-text">{a.error}</div>}
            {a.retryAt && (
              <div className="small">
                Next try at <DateTime value={a.retryAt} />
              </div>
            )}
            <details className="disclosure">
              <summary>Request and response</summary>
              <h4 className="subhead">Request</h4>
              <JsonBlock value={a.request} label={`Request of attempt ${a.attempt}`} empty="No request reached the store." />
              <h4 className="subhead">Response</h4>
              <JsonBlock value={a.response} label={`Response to attempt ${a.attempt}`} empty="No response was recorded." />
            </details>
          </li>
        );
      })}
    </ol>
  );
}
