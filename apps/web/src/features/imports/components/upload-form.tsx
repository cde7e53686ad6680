// Choose the kind, drop a CSV file (or pick one), upload. The drop zone is the file input's
// label: a click or Space/Enter on the focused input opens the picker. A file imported before
// is refused (409): the alert links to that import and offers to upload it as an update.
import { useState, type DragEvent, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, ZImportKind, type TImportKind } from "@bod/contracts/imports";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/form-field.tsx";
import { DuplicateFileError, templateUrl, useUploadImport } from "../api/imports-api.ts";
import { KIND_LABELS } from "./import-status.tsx";

const MB = 1024 * 1024;

/** What "update existing" does, per kind. */
const UPDATE_EXISTING: Record<TImportKind, string> = {
  products: "Rows whose SKU exists change that product (otherwise they are skipped); also allows the same file again.",
  stock_counts: "Allows the same file again.",
  supplier_terms: "Rows whose supplier already has terms for the SKU change them, and a supplier's e-mail changes (otherwise they are skipped); also allows the same file again.",
  warehouse_locations: "Rows whose location exists change its kind and the SKU's bin, and a new location replaces the SKU's bin (otherwise they are skipped or keep it); also allows the same file again.",
};

export function UploadForm() {
  const [kind, setKind] = useState<TImportKind>("products");
  const [file, setFile] = useState<File | null>(null);
  const [updateExisting, setUpdateExisting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useUploadImport();
  const navigate = useNavigate();

  const choose = (f: File | null | undefined) => {
    upload.reset();
    setTooLarge(!!f && f.size > IMPORT_MAX_BYTES);
    setFile(f ?? null);
  };
  const send = (asUpdate: boolean) => {
    if (!file || tooLarge) return;
    if (asUpdate) setUpdateExisting(true);
    upload.mutate({ kind, file, updateExisting: asUpdate || updateExisting }, { onSuccess: (imp) => navigate(`/imports/${imp.id}`) });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send(false);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };
  const duplicate = upload.error instanceof DuplicateFileError ? upload.error : null;

  return (
    <form className="card upload-form" onSubmit={onSubmit}>
      <fieldset className="kind-choice">
        <legend>What the file holds</legend>
        {ZImportKind.options.map((k) => (
          <label key={k} className="kind-option">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {KIND_LABELS[k]}
          </label>
        ))}
      </fieldset>
      <p className="muted template-links">
        Columns: {IMPORT_COLUMNS[kind].map((c) => (c.required ? `${c.field}*` : c.field)).join(", ")} (* required). Templates:{" "}
        {ZImportKind.options.map((k, i) => (
          <span key={k}>
            {i > 0 && " · "}
            <a href={templateUrl(k)} download>
              {KIND_LABELS[k]} template
            </a>
          </span>
        ))}
      </p>
      <label
        className={`drop-zone${dragging ? " is-dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <input className="visually-hidden" type="file" accept=".csv,text/csv" onChange={(e) => choose(e.target.files?.[0])} />
        <span className="drop-zone-title">CSV file</span>
        <span className="muted">
          {file ? `${file.name} · ${(file.size / 1024).toFixed(1)} KB` : `Drop a file here, or click (Space) to choose one — UTF-8, comma-separated, up to ${IMPORT_MAX_BYTES / MB} MB`}
        </span>
      </label>
      {tooLarge && <Alert>The file is larger than {IMPORT_MAX_BYTES / MB} MB: split it.</Alert>}
      <CheckboxField
        label="Update existing"
        description={UPDATE_EXISTING[kind]}
        checked={updateExisting}
        onChange={setUpdateExisting}
      />
      {duplicate ? (
        <Alert tone="warning">
          <p>
            {duplicate.message}. <Link to={`/imports/${duplicate.importId}`}>Open that import</Link>
          </p>
          {duplicate.importStatus === "succeeded" && (
            <Button variant="primary" busy={upload.isPending} onClick={() => send(true)}>
              Upload as an update
            </Button>
          )}
        </Alert>
      ) : (
        upload.isError && <ErrorAlert error={upload.error} />
      )}
      <div>
        <Button type="submit" variant="primary" disabled={!file || tooLarge} busy={upload.isPending}>
          Upload and read
        </Button>
      </div>
    </form>
  );
}
