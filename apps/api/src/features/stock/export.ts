// GET /stock/export.csv: on hand per warehouse and SKU in the columns of the stock counts import
// (contracts/imports.ts IMPORT_COLUMNS.stock_counts), so the file re-imported as counts changes nothing.
import type { Response } from "express";
import { IMPORT_COLUMNS } from "@bod/contracts/imports";
import { inTenant } from "../../db/client.ts";
import { csvLine, startCsv, writeChunk } from "../../http/csv.ts";
import type { RequestContext } from "../../http/types.ts";

const PAGE = 1000;
interface Row {
  warehouse_code: string;
  sku: string;
  on_hand: number;
}

/** Streams every stock level by warehouse code and SKU, a page of 1,000 per short transaction. */
export async function exportStockLevels(ctx: RequestContext, res: Response): Promise<void> {
  const readPage = (after: Row | undefined) =>
    inTenant(ctx, (tx) =>
      tx.$queryRaw<Row[]>`
        SELECT w.code AS warehouse_code, p.sku, s.on_hand
        FROM stock_levels s
        JOIN warehouses w ON w.tenant_id = s.tenant_id AND w.id = s.warehouse_id
        JOIN products p ON p.tenant_id = s.tenant_id AND p.id = s.product_id
        WHERE s.tenant_id = ${ctx.tenantId}::uuid
          AND (${after?.warehouse_code ?? null}::text IS NULL OR (w.code, p.sku) > (${after?.warehouse_code ?? ""}, ${after?.sku ?? ""}))
        ORDER BY w.code, p.sku
        LIMIT ${PAGE}`,
    );
  let page = await readPage(undefined);
  startCsv(res, `stock-${new Date().toISOString().slice(0, 10)}.csv`);
  await writeChunk(res, csvLine(IMPORT_COLUMNS.stock_counts.map((c) => c.field)));
  for (;;) {
    if (page.length) await writeChunk(res, page.map((r) => csvLine([r.warehouse_code, null, r.sku, r.on_hand])).join(""));
    const last = page[page.length - 1];
    if (page.length < PAGE || !last || res.destroyed) break;
    page = await readPage(last);
  }
  res.end();
}
