// The progress of reading or writing: rows done of total, the rate, the time left.
import type { TImport } from "@bod/contracts/imports";

function duration(seconds: number) {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const m = Math.floor(seconds / 60);
  return `${m} min ${Math.round(seconds - m * 60)} s`;
}

export function ImportProgress({ imp }: { imp: TImport }) {
  const p = imp.progress;
  const total = p.total ?? 0;
  const phase = imp.status === "parsing" || imp.status === "uploading" ? "Reading the file" : "Writing the rows";
  const facts = [
    p.total !== null ? `${p.done.toLocaleString()} of ${p.total.toLocaleString()} rows` : `${p.done.toLocaleString()} rows`,
    p.rowsPerSecond !== null ? `${Math.round(p.rowsPerSecond).toLocaleString()} rows/s` : null,
    p.secondsLeft !== null ? `about ${duration(p.secondsLeft)} left` : null,
  ].filter(Boolean);
  return (
    <section className="card import-progress" aria-labelledby="import-progress-title">
      <h2 id="import-progress-title">{phase}</h2>
      {total > 0 ? <progress aria-labelledby="import-progress-title" max={total} value={Math.min(p.done, total)} /> : <progress aria-labelledby="import-progress-title" />}
      <p role="status">
        {facts.join(" · ")}
        {p.message && <span className="muted"> — {p.message}</span>}
      </p>
    </section>
  );
}
