// The backorder report (DESIGN.md): per (SKU, warehouse) open demand, stock, shortfall,
// incoming on open purchase orders, net quantity to buy and the preferred supplier; its
// waiting orders in rank order; a summary for the charts; and a CSV of the same rows.
import type { Response } from "express";
import { ageBucket, type AgeBucket } from "@bod/domain/backorder-report";
import type { TBackorderCsvQuery, TBackorderReportQuery, TBackorderReportRow, TBackorderSummary, TBackorderSummaryQuery, TWaitingOrder } from "@bod/contracts/purchasing";
import type { TPage } from "@bod/contracts/common";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { cursorPart, decodeCursor, encodeCursor, isoOrNull } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";
import { csvLine as csvValuesLine, startCsv, writeChunk } from "../../http/csv.ts";
import { dateOnly } from "./po-read.ts";
import { readReportPage, readShortByAge, readTopShortSkus, readWaitingOrders, type ReportCursor, type ReportRowRecord } from "./report-query.ts";

export function toReportRow(r: ReportRowRecord): TBackorderReportRow {
  return {
    productId: r.product_id,
    sku: r.sku,
    name: r.name,
    isPreorder: r.is_preorder,
    warehouseId: r.warehouse_id,
    warehouseCode: r.warehouse_code,
    demand: r.demand,
    onHand: r.on_hand,
    hardAllocated: r.hard_allocated,
    available: Math.max(0, r.on_hand - r.hard_allocated),
    allocated: r.allocated,
    shortfall: r.shortfall,
    incoming: r.incoming,
    nearestExpectedDate: dateOnly(r.nearest_expected_date),
    netToBuy: r.net_to_buy,
    kind: r.kind,
    reorderPoint: r.reorder_point,
    reorderQuantity: r.reorder_quantity,
    projectedPosition: r.projected_position,
    waitingOrders: r.waiting_orders,
    oldestWaitingOrderDate: isoOrNull(r.oldest_waiting),
    preferredSupplier:
      r.supplier_id === null
        ? null
        : { id: r.supplier_id, name: r.supplier_name!, unitCostCents: r.unit_cost_cents!, leadTimeDays: r.lead_time_days!, minOrderQty: r.min_order_qty!, casePack: r.case_pack! },
    valueCents: Number(r.value_cents),
  };
}

function decodeReportCursor(cursor: string | undefined): ReportCursor | undefined {
  const values = decodeCursor(cursor, [cursorPart.number, cursorPart.text, cursorPart.text]);
  return values && { sortKey: values[0], sku: values[1], warehouseCode: values[2] };
}

const cursorOf = (r: ReportRowRecord) => encodeCursor([Number(r.sort_key), r.sku, r.warehouse_code]);

export function getBackorderReport(ctx: RequestContext, query: TBackorderReportQuery): Promise<TPage<TBackorderReportRow>> {
  const cursor = decodeReportCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const rows = await readReportPage(tx, ctx.tenantId, query, query.sort, cursor, query.limit + 1);
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    return { items: page.map(toReportRow), nextCursor: hasMore ? cursorOf(page[page.length - 1]!) : null };
  });
}

const CSV_PAGE = 1000;
const CSV_HEADER = [
  "sku", "name", "preorder", "warehouse", "demand", "on_hand", "hard_allocated", "available", "allocated", "shortfall",
  "incoming", "nearest_expected_date", "net_to_buy", "waiting_orders", "oldest_waiting_order_date", "supplier", "unit_cost_cents", "value_cents",
  "kind", "reorder_point", "reorder_quantity", "projected_position",
];

function csvLine(r: TBackorderReportRow): string {
  return csvValuesLine([
    r.sku, r.name, r.isPreorder, r.warehouseCode, r.demand, r.onHand, r.hardAllocated, r.available, r.allocated, r.shortfall,
    r.incoming, r.nearestExpectedDate, r.netToBuy, r.waitingOrders, r.oldestWaitingOrderDate, r.preferredSupplier?.name ?? null,
    r.preferredSupplier?.unitCostCents ?? null, r.valueCents, r.kind, r.reorderPoint, r.reorderQuantity, r.projectedPosition,
  ]);
}

/** The whole filtered report as CSV, page by page. The first page is read before any byte is sent, so errors keep the JSON shape. */
export async function exportBackorderReport(ctx: RequestContext, query: TBackorderCsvQuery, res: Response): Promise<void> {
  const readPage = (cursor: ReportCursor | undefined) => inTenant(ctx, (tx) => readReportPage(tx, ctx.tenantId, query, query.sort, cursor, CSV_PAGE));
  let rows = await readPage(undefined);
  startCsv(res, `backorders-${new Date().toISOString().slice(0, 10)}.csv`);
  await writeChunk(res, CSV_HEADER.join(",") + "\r\n");
  for (;;) {
    if (rows.length) await writeChunk(res, rows.map((r) => csvLine(toReportRow(r))).join(""));
    if (rows.length < CSV_PAGE || res.destroyed) break;
    const last = rows[rows.length - 1]!;
    rows = await readPage({ sortKey: Number(last.sort_key), sku: last.sku, warehouseCode: last.warehouse_code });
  }
  res.end();
}

const BUCKETS: AgeBucket[] = ["0-2", "3-7", "8-14", "15+"];

export function getBackorderSummary(ctx: RequestContext, query: TBackorderSummaryQuery): Promise<TBackorderSummary> {
  return inTenant(ctx, async (tx) => {
    const byDays = await readShortByAge(tx, ctx.tenantId, query);
    const units = new Map<AgeBucket, number>(BUCKETS.map((b) => [b, 0]));
    for (const r of byDays) units.set(ageBucket(r.days), units.get(ageBucket(r.days))! + r.units);
    const top = await readTopShortSkus(tx, ctx.tenantId, query, 10);
    return {
      byAge: BUCKETS.map((bucket) => ({ bucket, units: units.get(bucket)! })),
      topSkus: top.map((t) => ({ productId: t.product_id, sku: t.sku, name: t.name, unitsShort: t.units_short })),
    };
  });
}

export function getWaitingOrders(ctx: RequestContext, productId: string, warehouseId: string, limit: number): Promise<{ items: TWaitingOrder[]; truncated: boolean }> {
  return inTenant(ctx, async (tx) => {
    const product = await tx.product.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: productId } }, select: { id: true } });
    if (!product) throw notFound("Product");
    const warehouse = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: warehouseId } }, select: { id: true } });
    if (!warehouse) throw notFound("Warehouse");
    const rows = await readWaitingOrders(tx, ctx.tenantId, warehouseId, productId, limit + 1);
    return {
      truncated: rows.length > limit,
      items: rows.slice(0, limit).map((r) => ({
        orderId: r.order_id,
        number: r.number,
        customerName: r.customer_name,
        orderDate: r.order_date.toISOString(),
        shipBy: isoOrNull(r.ship_by),
        priority: r.priority,
        remaining: r.remaining,
        allocated: r.allocated,
        short: r.remaining - r.allocated,
        projectedDate: isoOrNull(r.projected_date),
        tags: r.tags,
      })),
    };
  });
}
