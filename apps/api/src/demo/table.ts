// Column-wise rows for bulk inserts: each column is one array, sent as one array parameter
// to `INSERT ... SELECT FROM unnest(...)`.

export class Table<R extends Record<string, unknown>> {
  readonly columns: { [K in keyof R]: R[K][] };
  length = 0;
  private readonly pushRow: (columns: unknown, row: R) => void;

  constructor(names: readonly (keyof R & string)[]) {
    this.columns = Object.fromEntries(names.map((n) => [n, []])) as unknown as { [K in keyof R]: R[K][] };
    // one generated function per table: property reads by name stay fast at millions of rows
    this.pushRow = new Function("c", "r", names.map((n) => `c[${JSON.stringify(n)}].push(r[${JSON.stringify(n)}]);`).join("\n")) as (columns: unknown, row: R) => void;
  }

  push(row: R): number {
    this.pushRow(this.columns, row);
    return this.length++;
  }
}
