// Reading one staged row's mapped cells with a kind's cell rules (cells.ts), the same for every
// kind: a row whose cell count differs from the header's is one row error; otherwise each mapped
// field is read and a refused cell is an error naming the file's own column.
import type { CellResult } from "./cells.ts";
import type { BatchContext, RawRow, RowError } from "./kinds.ts";

/** Reads the mapped cells of one row with `rules`, collecting each column's error. */
export function readRow<T extends Record<string, (raw: string) => CellResult<unknown>>>(ctx: BatchContext, row: RawRow, rules: T) {
  const errors: RowError[] = [];
  const values: Record<string, unknown> = {};
  // Cells that do not line up with the header cannot be read as its columns.
  if (row.cells.length !== ctx.headers.length) {
    errors.push({ column: null, reason: `Has ${row.cells.length} cell(s) where the header has ${ctx.headers.length}: check the delimiter (,) and the quoting of cells that hold commas` });
    return { values: values as never, errors };
  }
  for (const [field, read] of Object.entries(rules)) {
    const index = ctx.columnOf.get(field);
    if (index === undefined) continue;
    const result = read(row.cells[index] ?? "");
    if (result.ok) values[field] = result.value;
    else errors.push({ column: ctx.headers[index] ?? field, reason: result.reason });
  }
  return { values: values as { [K in keyof T]?: ReturnType<T[K]> extends CellResult<infer V> ? V : never }, errors };
}

/** The file's header of the column mapped to `field` (the field's name when none is). */
export const column = (ctx: BatchContext, field: string) => ctx.headers[ctx.columnOf.get(field) ?? -1] ?? field;
