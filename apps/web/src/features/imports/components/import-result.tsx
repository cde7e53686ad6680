// How an import ended: the counts written, the rejected rows as CSV, or why nothing changed.
import type { TImport } from "@bod/contracts/imports";
import { Alert } from "../../../components/ui/alert.tsx";

export function ImportResult({ imp }: { imp: TImport }) {
  const c = imp.counts;
  return (
    <section className="card" aria-labelledby="import-result-title">
      <h2 id="import-result-title">Result</h2>
      {imp.status === "succeeded" && (
        <Alert tone="success">
          Imported: {c.create} created, {c.update} updated, {c.skip} skipped, {c.rejected} rejected.
        </Alert>
      )}
      {imp.status === "failed" && <Alert>The import failed and nothing was written: {imp.error ?? "no reason was recorded"}.</Alert>}
      {imp.status === "cancelled" && <Alert tone="info">Cancelled: nothing was written.</Alert>}
      {imp.rejectsUrl && (
        <p>
          <a href={imp.rejectsUrl} download>
            Download rejected rows
          </a>{" "}
          <span className="muted">(CSV, as the file had them, with line and reason columns)</span>
        </p>
      )}
    </section>
  );
}
