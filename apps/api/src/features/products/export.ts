// GET /products/export.csv: every product in the columns of the products import
// (contracts/imports.ts IMPORT_COLUMNS.products), so the file re-imported changes nothing.
import type { Response } from "express";
import { IMPORT_COLUMNS } from "@bod/contracts/imports";
import { inTenant } from "../../db/client.ts";
import { csvLine, startCsv, writeChunk } from "../../http/csv.ts";
import type { RequestContext } from "../../http/types.ts";

const PAGE = 1000;

/** Streams every product by SKU, a page of 1,000 per short transaction; the first page is read before any byte is sent. */
export async function exportProducts(ctx: RequestContext, res: Response): Promise<void> {
  const readPage = (after: { sku: string; id: string } | undefined) =>
    inTenant(ctx, (tx) =>
      tx.product.findMany({
        where: { tenantId: ctx.tenantId, ...(after ? { OR: [{ sku: { gt: after.sku } }, { sku: after.sku, id: { gt: after.id } }] } : {}) },
        orderBy: [{ sku: "asc" }, { id: "asc" }],
        take: PAGE,
      }),
    );
  let page = await readPage(undefined);
  startCsv(res, `products-${new Date().toISOString().slice(0, 10)}.csv`);
  await writeChunk(res, csvLine(IMPORT_COLUMNS.products.map((c) => c.field)));
  for (;;) {
    if (page.length) {
      await writeChunk(res, page.map((p) => csvLine([p.sku, p.name, p.barcode, p.isPreorder, p.restockDate ? p.restockDate.toISOString().slice(0, 10) : null, p.restockQuantity])).join(""));
    }
    const last = page[page.length - 1];
    if (page.length < PAGE || !last || res.destroyed) break;
    page = await readPage({ sku: last.sku, id: last.id });
  }
  res.end();
}
