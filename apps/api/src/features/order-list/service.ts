// The orders list and its tab counts: reads of stored columns only, one tenant-scoped
// transaction per request.
import {
  COUNT_CAP,
  COUNT_KEYS,
  OPEN_STATUSES,
  type TCountKey,
  type TOrderCounts,
  type TOrderCountsQuery,
  type TOrderFilters,
  type TOrderListItem,
  type TOrderListQuery,
  type TOrderSort,
  type TOrderStatus,
} from "@bod/contracts/order-list";
import type { TPage } from "@bod/contracts/common";
import { Prisma, readInTenant, type SqlExec, type Tx } from "../../db/client.ts";
import { isoOrNull, iso } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";
import { branchConditions, cursorOf, decodeListCursor, encodeListCursor, filterConditions, listExtrasSql, listSql, resolveSearch, withListExtras, type Cursor, type Dir, type ListExtras, type OrderRow } from "./query.ts";

export const defaultDir = (sort: TOrderSort, dir: Dir | undefined): Dir => dir ?? (sort === "priority" ? "desc" : "asc");

/** Reads up to `take` rows of the list after `cursor`. */
export async function readOrderRows(tx: Tx, tenantId: string, filters: TOrderFilters, sort: TOrderSort, dir: Dir, cursor: Cursor | undefined, take: number): Promise<OrderRow[]> {
  const searchIds = await resolveSearch(tx, filters.q);
  if (searchIds?.length === 0) return [];
  const sql = listSql({ tenantId, filters, sort, dir, cursor, take, searchIds });
  return sql ? tx.$queryRaw<OrderRow[]>(sql) : [];
}

/** One statement (two with a search), in the request's own transaction (`requestRead`). */
export async function listOrders(ctx: RequestContext, query: TOrderListQuery): Promise<TPage<TOrderListItem>> {
  const dir = defaultDir(query.sort, query.dir);
  const cursor = decodeListCursor(query.cursor, query.sort, dir);
  return readInTenant(ctx, async (sql) => {
    const searchIds = await resolveSearch(sql, query.q);
    const page = searchIds?.length === 0 ? null : listSql({ tenantId: ctx.tenantId, filters: query, sort: query.sort, dir, cursor, take: query.limit + 1, searchIds });
    const statement = page && withListExtras(ctx.tenantId, page, query.sort, dir);
    const rows = statement ? await sql<OrderRow & ListExtras>(statement.text, statement.values) : [];
    const pageRows = rows.slice(0, query.limit);
    const now = new Date();
    const items = pageRows.map((r) => toListItem(r, r, now));
    const last = pageRows[pageRows.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeListCursor(cursorOf(query.sort, dir, last)) : null };
  });
}

/** The tenant's orders among `ids` (others' and unknown ids are left out), oldest first. */
export async function readOrderRowsByIds(tx: Tx, tenantId: string, ids: string[]): Promise<OrderRow[]> {
  return tx.$queryRaw<OrderRow[]>`
    SELECT o.id, o.number, o.external_id, o.channel_id, o.warehouse_id, o.customer_name, o.order_date, o.ship_by, o.priority, o.status,
           o.fulfillability, o.projected_date, o.tags, o.fulfillment_mode::text, o.version
    FROM sales_orders o WHERE o.tenant_id = ${tenantId}::uuid AND o.id = ANY(${ids}::uuid[])
    ORDER BY o.order_date, o.id`;
}

/** Adds channel and line totals to rows read without them (one read by primary keys). */
export async function toListItems(tx: Tx, tenantId: string, rows: OrderRow[], now = new Date()): Promise<TOrderListItem[]> {
  if (rows.length === 0) return [];
  const extras = await tx.$queryRaw<(ListExtras & { order_id: string })[]>(listExtrasSql(tenantId, rows));
  const byOrder = new Map(extras.map((e) => [e.order_id, e]));
  return rows.map((r) => toListItem(r, byOrder.get(r.id)!, now));
}

/** A list row as the API answers it. */
export function toListItem(r: OrderRow, e: ListExtras, now: Date): TOrderListItem {
  return {
    id: r.id,
    number: r.number,
    externalId: r.external_id,
    channel: { id: r.channel_id, name: e.channel_name, kind: e.channel_kind },
    warehouseId: r.warehouse_id,
    customerName: r.customer_name,
    orderDate: iso(r.order_date),
    shipBy: isoOrNull(r.ship_by),
    isOverdue: isOverdue(r, now),
    priority: r.priority,
    status: r.status,
    fulfillability: r.fulfillability,
    projectedDate: isoOrNull(r.projected_date),
    tags: r.tags,
    fulfillmentMode: r.fulfillment_mode,
    linesSummary: { lineCount: e.line_count, unitCount: e.unit_count, remainingUnits: e.remaining },
    version: r.version,
  };
}

export const isOverdue = (r: Pick<OrderRow, "ship_by" | "status">, now: Date) => r.ship_by !== null && r.ship_by < now && r.status !== "shipped" && r.status !== "cancelled";

// ---------------------------------------------------------------- counts

const FULFILLABILITIES = ["fulfillable", "partially_fulfillable", "backordered"] as const;
const STATUSES: TOrderStatus[] = ["open", "on_hold", "partially_shipped", "shipped", "cancelled"];

/**
 * Tab counts. With no filter but status and warehouse, the trigger-kept `order_counts`
 * (a few rows per tenant) answer exactly. Any other filter is counted by bounded reads:
 * each tab stops at COUNT_CAP + 1 rows and reads "10,000+".
 */
export async function countOrders(ctx: RequestContext, query: TOrderCountsQuery): Promise<TOrderCounts> {
  const { status, warehouseId, ...others } = query;
  const fromTable = Object.values(others).every((v) => v === undefined);
  return readInTenant(ctx, (sql) => (fromTable ? countsFromTable(sql, ctx.tenantId, status, warehouseId) : boundedCounts(sql, ctx.tenantId, query)));
}

function emptyCounts(): Record<TCountKey, number> {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Record<TCountKey, number>;
}

async function countsFromTable(sql: SqlExec, tenantId: string, status: TOrderStatus[] | undefined, warehouseId: string | undefined): Promise<TOrderCounts> {
  const rows = await sql<{ status: TOrderStatus; fulfillability: string; n: string }>(
    `SELECT status::text AS status, fulfillability, sum(count)::bigint AS n FROM order_counts
     WHERE tenant_id = $1::uuid AND ($2::uuid IS NULL OR warehouse_id = $2::uuid)
     GROUP BY 1, 2`,
    [tenantId, warehouseId ?? null],
  );
  const counts = emptyCounts();
  const allowed = status ?? STATUSES;
  const openAllowed: readonly TOrderStatus[] = OPEN_STATUSES.filter((s) => allowed.includes(s));
  for (const r of rows) {
    const n = Number(r.n);
    if (allowed.includes(r.status)) counts[r.status] += n;
    if (openAllowed.includes(r.status) && (FULFILLABILITIES as readonly string[]).includes(r.fulfillability)) counts[r.fulfillability as TCountKey] += n;
  }
  return { ...counts, exact: true, capped: [], cap: COUNT_CAP };
}

async function boundedCounts(sql: SqlExec, tenantId: string, query: TOrderCountsQuery): Promise<TOrderCounts> {
  const common = Prisma.join(filterConditions(tenantId, query, new Date(), await resolveSearch(sql, query.q)), " AND ");
  const tabs: { key: TCountKey; branches: Prisma.Sql[] | null }[] = [
    ...FULFILLABILITIES.map((f) => ({ key: f as TCountKey, branches: branchConditions({ status: query.status, fulfillability: f }) })),
    ...STATUSES.map((s) => ({ key: s as TCountKey, branches: query.status && !query.status.includes(s) ? null : branchConditions({ status: [s] }) })),
  ];
  const selects = tabs.map(({ key, branches }) =>
    branches
      ? Prisma.sql`(SELECT count(*)::int FROM (SELECT 1 FROM sales_orders o WHERE ${common} AND ${branches[0]!} LIMIT ${COUNT_CAP + 1}) x) AS ${Prisma.raw(`"${key}"`)}`
      : Prisma.sql`0 AS ${Prisma.raw(`"${key}"`)}`,
  );
  const statement = Prisma.sql`SELECT ${Prisma.join(selects, ", ")}`;
  const [row] = await sql<Record<TCountKey, number>>(statement.text, statement.values);
  const counts = emptyCounts();
  const capped: TCountKey[] = [];
  for (const k of COUNT_KEYS) {
    const n = Number(row![k]);
    counts[k] = Math.min(n, COUNT_CAP);
    if (n > COUNT_CAP) capped.push(k);
  }
  return { ...counts, exact: capped.length === 0, capped, cap: COUNT_CAP };
}
