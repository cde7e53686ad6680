// The company's imports, newest first: who, when, which file, what it held, what it did.
import { Link } from "react-router";
import type { TImport } from "@bod/contracts/imports";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { useImports } from "../api/imports-api.ts";
import { countsText, ImportStatusBadge, KIND_LABELS } from "./import-status.tsx";

export function ImportHistory() {
  const list = useImports();
  return (
    <PagedTable<TImport>
      list={list}
      label="Import history"
      empty={<EmptyState title="No imports yet">Upload a file above; each import is listed here.</EmptyState>}
      head={
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">File</th>
          <th scope="col">Kind</th>
          <th scope="col">Rows</th>
          <th scope="col">Result</th>
          <th scope="col">Rejected rows</th>
        </tr>
      }
      row={(imp) => (
        <tr key={imp.id}>
          <td>
            <DateTime value={imp.createdAt} />
          </td>
          <td>{imp.createdBy?.name ?? <span className="muted">—</span>}</td>
          <td className="file-cell">
            <Link to={`/imports/${imp.id}`}>{imp.fileName}</Link>
          </td>
          <td>{KIND_LABELS[imp.kind]}</td>
          <td>
            {imp.counts.rows} · <span className="muted">{countsText(imp.counts)}</span>
          </td>
          <td>
            <ImportStatusBadge status={imp.status} />
          </td>
          <td>
            {imp.rejectsUrl ? (
              <a href={imp.rejectsUrl} download aria-label={`Rejected rows of ${imp.fileName}`}>
                {imp.counts.rejected} rows (CSV)
              </a>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
        </tr>
      )}
    />
  );
}
