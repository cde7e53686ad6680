// The file's headers, each with the field it is read as (or ignored); saving reads the file
// again with that mapping, which the company keeps for its next file of this kind.
import { useState, type FormEvent } from "react";
import { IMPORT_COLUMNS, type TImport } from "@bod/contracts/imports";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useSetImportMapping } from "../api/imports-api.ts";

const IGNORE = "";

export function MappingForm({ imp }: { imp: TImport }) {
  const [mapping, setMapping] = useState(imp.mapping);
  const save = useSetImportMapping(imp.id);
  const editable = imp.status === "parsed";
  const columns = IMPORT_COLUMNS[imp.kind];
  const changed = mapping.some((m, i) => m !== imp.mapping[i]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(mapping);
  };
  return (
    <form onSubmit={onSubmit} aria-label="Column mapping" className="mapping-form">
      <Table
        label="Column mapping"
        head={
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Read as</th>
          </tr>
        }
      >
        {imp.headers.map((header, i) => (
          <tr key={i}>
            <td>{header || <span className="muted">(no header)</span>}</td>
            <td>
              <select
                aria-label={`Field for column ${header || i + 1}`}
                value={mapping[i] ?? IGNORE}
                disabled={!editable}
                onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? e.target.value || null : m)))}
              >
                <option value={IGNORE}>Ignore this column</option>
                {columns.map((c) => (
                  <option key={c.field} value={c.field}>
                    {c.field}
                    {c.required ? " (required)" : ""}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </Table>
      {save.isError && <ErrorAlert error={save.error} />}
      {editable && (
        <Button type="submit" disabled={!changed} busy={save.isPending}>
          Save mapping and read again
        </Button>
      )}
    </form>
  );
}
