// The staged rows of an import as its write reads them (imports/apply.ts and each kind's writer).
import type { ApplyContext } from "./apply.ts";

const BATCH = 1000;

/**
 * The import's valid staged rows in line order, BATCH at a time (keyset on the line number),
 * checking for a cancel before each batch. Every kind's write walks its rows through this.
 */
export async function* validRowBatches<T>(ctx: ApplyContext): AsyncGenerator<{ line: number; data: T }[]> {
  let afterLine = 0;
  for (;;) {
    await ctx.checkCancelled();
    const rows = await ctx.tx.$queryRaw<{ line: number; data: T }[]>`
      SELECT line, data FROM import_rows
      WHERE tenant_id = ${ctx.tenantId}::uuid AND import_id = ${ctx.importId}::uuid AND errors IS NULL AND data IS NOT NULL AND line > ${afterLine}
      ORDER BY line LIMIT ${BATCH}`;
    if (rows.length === 0) return;
    afterLine = rows[rows.length - 1]!.line;
    yield rows;
  }
}
