// A background job's progress as it runs (polled every second): a bar, the job's own message,
// and what it did (or why it failed) once it ends. Nothing claims "done" before the job says so.
import { useEffect, useRef } from "react";
import type { TBackgroundJob } from "@bod/contracts/integrations";
import { Alert, ErrorAlert } from "./ui/alert.tsx";
import { Badge, type BadgeTone } from "./ui/badge.tsx";
import { DateTime } from "./ui/date-time.tsx";
import { isJobDone, useBackgroundJob } from "../lib/background-job.ts";
import { humanize } from "../lib/format.ts";

const STATUS: Record<TBackgroundJob["status"], { label: string; tone: BadgeTone }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Done", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

/** A job result of plain fields (counts) as "Label: value" pairs; anything else as JSON. */
function JobResult({ result }: { result: unknown }) {
  if (result === null || result === undefined) return null;
  if (typeof result === "object" && !Array.isArray(result) && Object.values(result).every((v) => ["string", "number", "boolean"].includes(typeof v))) {
    return (
      <dl className="facts">
        {Object.entries(result as Record<string, unknown>).map(([k, v]) => (
          <div key={k}>
            <dt>{humanize(k.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase())}</dt>
            <dd>{String(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <pre className="json-block">{JSON.stringify(result, null, 2)}</pre>;
}

export function JobProgress({ jobId, initial, title, onDone }: { jobId: string; initial?: TBackgroundJob; title: string; onDone?: (job: TBackgroundJob) => void }) {
  const job = useBackgroundJob(jobId, initial);
  const reported = useRef<string>(undefined);
  const j = job.data;
  useEffect(() => {
    if (j && isJobDone(j) && reported.current !== j.id) {
      reported.current = j.id;
      onDone?.(j);
    }
  }, [j, onDone]);
  if (!j) return job.isError ? <ErrorAlert error={job.error} /> : null;
  const total = j.progressTotal;
  const pct = j.status === "succeeded" ? 100 : total ? Math.min(100, Math.round((j.progressDone / total) * 100)) : undefined;
  const status = STATUS[j.status];
  return (
    <section className="card job-progress" aria-labelledby={`job-${j.id}`} aria-busy={!isJobDone(j)}>
      <h2 id={`job-${j.id}`} className="job-title">
        {title} <Badge tone={status.tone}>{status.label}</Badge>
      </h2>
      <div
        className="progress"
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={total ? Math.min(j.progressDone, total) : undefined}
        aria-valuetext={total ? `${j.progressDone} of ${total}` : status.label}
      >
        <div className={`progress-bar${j.status === "succeeded" ? " is-done" : j.status === "failed" ? " is-failed" : pct === undefined ? " is-indeterminate" : ""}`} style={pct === undefined ? undefined : { width: `${pct}%` }} />
      </div>
      <p className="small job-message" aria-live="polite">
        {total ? `Step ${Math.min(j.progressDone, total)} of ${total}` : null}
        {total && j.message ? " · " : null}
        {j.message}
      </p>
      {j.status === "failed" && <Alert tone="error">The job failed: {j.error ?? "no reason was recorded"}</Alert>}
      {j.status === "succeeded" && <JobResult result={j.result} />}
      <p className="muted small">
        Queued <DateTime value={j.createdAt} />
        {j.startedAt && (
          <>
            {" "}
            · started <DateTime value={j.startedAt} />
          </>
        )}
        {j.finishedAt && (
          <>
            {" "}
            · finished <DateTime value={j.finishedAt} />
          </>
        )}
      </p>
      {job.isError && <ErrorAlert error={job.error} />}
    </section>
  );
}
