// What confirming will do: totals, the first rows as they will be written (create / update /
// skip), and every invalid row with its line, column and reason, a page at a time.
import { IMPORT_COLUMNS, type TImport } from "@bod/contracts/imports";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useImportPreview } from "../api/imports-api.ts";

const ACTION_TONE = { create: "success", update: "info", skip: "neutral" } as const;

function cell(v: string | number | boolean | null | undefined) {
  if (v === null || v === undefined || v === "") return <span className="muted">—</span>;
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}

export function ImportTotals({ imp }: { imp: TImport }) {
  const c = imp.counts;
  const facts: [string, number][] = [
    ["Rows", c.rows],
    ["To create", c.create],
    ["To update", c.update],
    ["To skip", c.skip],
    ["Invalid", c.rejected],
  ];
  return (
    <dl className="import-totals" aria-label="Totals">
      {facts.map(([label, n]) => (
        <div key={label} data-testid={`total-${label.toLowerCase().replace(/ /g, "-")}`}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ImportPreview({ imp }: { imp: TImport }) {
  const preview = useImportPreview(imp);
  if (preview.isPending) return <Spinner label="Loading the preview…" />;
  if (preview.isError) return <ErrorAlert error={preview.error} />;
  const pages = preview.data.pages;
  const rows = pages[0]?.rows ?? [];
  const errors = pages.flatMap((p) => p.errors);
  const fields = IMPORT_COLUMNS[imp.kind].map((c) => c.field).filter((f) => imp.mapping.includes(f));
  return (
    <>
      <section aria-labelledby="preview-rows">
        <h2 id="preview-rows">{imp.status === "parsed" ? "First rows as they will be written" : "First rows of the file"}</h2>
        {rows.length === 0 ? (
          <p className="muted">No valid row to write.</p>
        ) : (
          <Table
            label="Rows to write"
            head={
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Action</th>
                {fields.map((f) => (
                  <th scope="col" key={f}>{f}</th>
                ))}
              </tr>
            }
          >
            {rows.map((r) => (
              <tr key={r.line}>
                <td className="num">{r.line}</td>
                <td>
                  <Badge tone={ACTION_TONE[r.action]}>{r.action}</Badge>
                </td>
                {fields.map((f) => (
                  <td key={f} className="preview-cell">{cell(r.values[f])}</td>
                ))}
              </tr>
            ))}
          </Table>
        )}
      </section>
      <section aria-labelledby="preview-errors">
        <h2 id="preview-errors">Invalid rows ({imp.counts.rejected})</h2>
        {errors.length === 0 ? (
          <p className="muted">Every row is valid.</p>
        ) : (
          <>
            <Table
              label="Invalid rows"
              head={
                <tr>
                  <th scope="col" className="num">Line</th>
                  <th scope="col">Column</th>
                  <th scope="col">Reason</th>
                </tr>
              }
            >
              {errors.map((e, i) => (
                <tr key={`${e.line}-${i}`}>
                  <td className="num">{e.line}</td>
                  <td>{e.column ?? <span className="muted">(the row)</span>}</td>
                  <td className="reason-cell">{e.reason}</td>
                </tr>
              ))}
            </Table>
            {preview.hasNextPage && (
              <Button onClick={() => preview.fetchNextPage()} busy={preview.isFetchingNextPage}>
                More invalid rows
              </Button>
            )}
          </>
        )}
      </section>
    </>
  );
}
