// CSV of one purchase order (to send to the supplier) and of the filtered PO list.
import type { Response } from "express";
import type { TPurchaseOrderListQuery } from "@bod/contracts/purchasing";
import { inTenant } from "../../db/client.ts";
import type { RequestContext } from "../../http/types.ts";
import { csvLine, startCsv, writeChunk } from "../../http/csv.ts";
import { listPurchaseOrders, readPurchaseOrder } from "./po-read.ts";

const row = csvLine;

export async function exportPurchaseOrder(ctx: RequestContext, poId: string, res: Response): Promise<void> {
  const po = await inTenant(ctx, (tx) => readPurchaseOrder(tx, ctx, poId));
  startCsv(res, `${po.number}.csv`);
  let body = row(["po_number", "supplier", "warehouse", "status", "expected_date", "sku", "name", "barcode", "quantity_ordered", "quantity_received", "remaining", "unit_cost_cents", "line_total_cents"]);
  for (const l of po.lines) {
    body += row([po.number, po.supplier.name, po.warehouse.code, po.status, po.expectedDate, l.sku, l.name, l.barcode, l.quantityOrdered, l.quantityReceived, l.remaining, l.unitCostCents, l.quantityOrdered * l.unitCostCents]);
  }
  await writeChunk(res, body);
  res.end();
}

export async function exportPurchaseOrderList(ctx: RequestContext, query: Omit<TPurchaseOrderListQuery, "limit" | "cursor">, res: Response): Promise<void> {
  const readPage = (cursor: string | undefined) => inTenant(ctx, (tx) => listPurchaseOrders(tx, ctx.tenantId, { ...query, cursor, limit: 1000 }));
  let page = await readPage(undefined);
  startCsv(res, `purchase-orders-${new Date().toISOString().slice(0, 10)}.csv`);
  await writeChunk(res, row(["number", "supplier", "warehouse", "status", "expected_date", "lines", "total_cents", "created_at"]));
  for (;;) {
    await writeChunk(res, page.items.map((p) => row([p.number, p.supplier.name, p.warehouse.code, p.status, p.expectedDate, p.lineCount, p.totalCents, p.createdAt])).join(""));
    if (!page.nextCursor || res.destroyed) break;
    page = await readPage(page.nextCursor);
  }
  res.end();
}
