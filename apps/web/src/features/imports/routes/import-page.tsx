// One import: followed while the file is read and while it is written (polling, so a reload
// finds it where it is), its preview and mapping before confirming, its result at the end.
import { Link, useParams } from "react-router";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { isFinished, isWorking, useCancelImport, useConfirmImport, useImport } from "../api/imports-api.ts";
import { ImportPreview, ImportTotals } from "../components/import-preview.tsx";
import { ImportProgress } from "../components/import-progress.tsx";
import { ImportResult } from "../components/import-result.tsx";
import { ImportStatusBadge, KIND_LABELS } from "../components/import-status.tsx";
import { MappingForm } from "../components/mapping-form.tsx";
import "../imports.css";

export function ImportPage() {
  const { importId } = useParams();
  const query = useImport(importId);
  const confirm = useConfirmImport(importId ?? "");
  const cancel = useCancelImport(importId ?? "");
  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const imp = query.data;
  const canConfirm = imp.status === "parsed" && imp.fileErrors.length === 0 && imp.counts.create + imp.counts.update > 0;
  const canCancel = imp.status === "parsed" || imp.status === "parsing" || imp.status === "queued" || imp.status === "applying";
  return (
    <div className="page import-page">
      <p>
        <Link to="/imports">← Imports</Link>
      </p>
      <PageHeader
        title={imp.fileName}
        description={
          <>
            {KIND_LABELS[imp.kind]} · uploaded <DateTime value={imp.createdAt} /> by {imp.createdBy?.name ?? "—"}
            {imp.updateExisting ? " · updates existing" : ""} · <ImportStatusBadge status={imp.status} />
          </>
        }
        actions={
          <>
            {canConfirm && (
              <Button variant="primary" busy={confirm.isPending} onClick={() => confirm.mutate()}>
                Confirm import
              </Button>
            )}
            {canCancel && (
              <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate()}>
                {imp.status === "queued" || imp.status === "applying" ? "Stop and roll back" : "Cancel import"}
              </Button>
            )}
          </>
        }
      />
      {confirm.isError && <ErrorAlert error={confirm.error} />}
      {cancel.isError && <ErrorAlert error={cancel.error} />}
      {isWorking(imp.status) && <ImportProgress imp={imp} />}
      {isFinished(imp.status) && <ImportResult imp={imp} />}
      {imp.fileErrors.length > 0 && (
        <Alert>
          <p>The file cannot be imported as it is:</p>
          <ul>
            {imp.fileErrors.map((e, i) => (
              <li key={i}>
                {e.column ? `${e.column}: ` : ""}
                {e.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {imp.status !== "uploading" && imp.status !== "parsing" && (
        <>
          <ImportTotals imp={imp} />
          <div className="import-columns">
            <section aria-labelledby="mapping-title" className="import-mapping">
              <h2 id="mapping-title">Columns</h2>
              <MappingForm key={`${imp.status}:${imp.mapping.join("|")}`} imp={imp} />
            </section>
            <div className="import-preview">{imp.status !== "cancelled" && <ImportPreview imp={imp} />}</div>
          </div>
        </>
      )}
    </div>
  );
}
