// CSV of the orders list: the whole filtered list, streamed page by page (keyset, 1,000 rows
// a page, one short transaction each), or a selection of ids.
import type { Response } from "express";
import type { TOrderExportQuery, TOrderListItem } from "@bod/contracts/order-list";
import { inTenant } from "../../db/client.ts";
import { csvLine, startCsv, writeChunk as write } from "../../http/csv.ts";
import type { RequestContext } from "../../http/types.ts";
import { cursorOf, type Cursor } from "./query.ts";
import { defaultDir, readOrderRows, readOrderRowsByIds, toListItems } from "./service.ts";

const PAGE = 1000;
const HEADER = ["number", "external_id", "channel", "customer", "order_date", "ship_by", "overdue", "priority", "status", "fulfillability", "projected_date", "tags", "lines", "units", "remaining_units"];

export function csvRow(o: TOrderListItem): string {
  return csvLine([
    o.number,
    o.externalId,
    o.channel.name,
    o.customerName,
    o.orderDate,
    o.shipBy,
    o.isOverdue,
    o.priority,
    o.status,
    o.fulfillability,
    o.projectedDate,
    o.tags.join(";"),
    o.linesSummary.lineCount,
    o.linesSummary.unitCount,
    o.linesSummary.remainingUnits,
  ]);
}

const startOrdersCsv = (res: Response) => startCsv(res, `orders-${new Date().toISOString().slice(0, 10)}.csv`);

/** Streams the whole filtered list. The first page is read before any byte is sent, so an error still gets the JSON error shape. */
export async function exportOrders(ctx: RequestContext, query: TOrderExportQuery, res: Response): Promise<void> {
  const dir = defaultDir(query.sort, query.dir);
  const readPage = (cursor: Cursor | undefined) =>
    inTenant(ctx, async (tx) => {
      const rows = await readOrderRows(tx, ctx.tenantId, query, query.sort, dir, cursor, PAGE);
      return { items: await toListItems(tx, ctx.tenantId, rows), next: rows.length === PAGE ? cursorOf(query.sort, dir, rows[rows.length - 1]!) : undefined };
    });
  let page = await readPage(undefined);
  startOrdersCsv(res);
  await write(res, HEADER.join(",") + "\r\n");
  for (;;) {
    if (page.items.length) await write(res, page.items.map(csvRow).join(""));
    if (!page.next || res.destroyed) break;
    page = await readPage(page.next);
  }
  res.end();
}

/** The selected orders; ids of other tenants (or unknown) are left out. */
export async function exportSelectedOrders(ctx: RequestContext, orderIds: string[], res: Response): Promise<void> {
  const items = await inTenant(ctx, async (tx) => toListItems(tx, ctx.tenantId, await readOrderRowsByIds(tx, ctx.tenantId, [...new Set(orderIds)])));
  startOrdersCsv(res);
  await write(res, HEADER.join(",") + "\r\n" + items.map(csvRow).join(""));
  res.end();
}
