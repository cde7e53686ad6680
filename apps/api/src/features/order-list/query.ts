// SQL for the orders list: filter conditions, the sort's keyset, and one index-friendly
// query per page. Every filter reads stored columns (fulfillability is the engine's stored
// result, never computed here). See docs/orders-list.md for the index each shape uses.
import { OPEN_STATUSES, dateBounds, type TFulfillability, type TOrderFilters, type TOrderSort, type TOrderStatus } from "@bod/contracts/order-list";
import { Prisma, sqlOf, type SqlExec, type Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";

const DAY = 86_400_000;
export type Dir = "asc" | "desc";

export interface ListSpec {
  tenantId: string;
  filters: TOrderFilters;
  sort: TOrderSort;
  dir: Dir;
  cursor?: Cursor;
  /** Rows to read (the caller asks for limit + 1 to know if there is a next page). */
  take: number;
  now?: Date;
  /** resolveSearch's answer for filters.q */
  searchIds?: string[] | null;
}

/** The last row of a page: the sort's key and the id. `nullShipBy` marks the ship-by list's second segment. */
export type Cursor =
  | { sort: "order_date"; dir: Dir; orderDate: string; id: string }
  | { sort: "ship_by"; dir: Dir; shipBy: string | null; id: string }
  | { sort: "priority"; dir: Dir; priority: number; orderDate: string; id: string };

export interface OrderRow {
  id: string;
  number: string;
  external_id: string | null;
  channel_id: string;
  warehouse_id: string;
  customer_name: string;
  order_date: Date;
  ship_by: Date | null;
  priority: number;
  status: TOrderStatus;
  fulfillability: TFulfillability | null;
  projected_date: Date | null;
  tags: string[];
  fulfillment_mode: "ship_partial" | "ship_complete";
  version: number;
}

const COLUMNS = Prisma.sql`o.id, o.number, o.external_id, o.channel_id, o.warehouse_id, o.customer_name, o.order_date, o.ship_by, o.priority, o.status, o.fulfillability, o.projected_date, o.tags, o.fulfillment_mode::text, o.version`;

/** Which statuses a status filter leaves, within `within`. */
function statusesWithin(filter: readonly TOrderStatus[] | undefined, within: readonly TOrderStatus[]): TOrderStatus[] {
  return filter ? within.filter((s) => filter.includes(s)) : [...within];
}

const likePrefix = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Above this many matches a search is dense enough to be read in list order with ILIKE. */
const SEARCH_ID_CAP = 10_000;

/**
 * The ids of the tenant's orders matching `q` (prefix of number, external id, customer name
 * or a word of it) through the trigram index (`search_order_ids`, migration order_search), or
 * `null` when there are more than SEARCH_ID_CAP: then the list reads its sort index and filters.
 */
export async function resolveSearch(tx: Tx | SqlExec, q: string | undefined): Promise<string[] | null | undefined> {
  if (!q) return undefined;
  const rows = await sqlOf(tx)<{ id: string }>(`SELECT search_order_ids($1, $2::int)::text AS id`, [`${likePrefix(q)}%`, SEARCH_ID_CAP + 1]);
  return rows.length > SEARCH_ID_CAP ? null : rows.map((r) => r.id);
}

/**
 * WHERE conditions for every filter except status and fulfillability (which pick the index
 * and the branches of the query, see `branchConditions`). `searchIds`: what `resolveSearch`
 * found for `f.q` (null: too many, filter by pattern instead).
 */
export function filterConditions(tenantId: string, f: TOrderFilters, now = new Date(), searchIds?: string[] | null): Prisma.Sql[] {
  const c: Prisma.Sql[] = [Prisma.sql`o.tenant_id = ${tenantId}::uuid`];
  if (f.channelId) c.push(Prisma.sql`o.channel_id = ${f.channelId}::uuid`);
  if (f.warehouseId) c.push(Prisma.sql`o.warehouse_id = ${f.warehouseId}::uuid`);
  if (f.mode) c.push(Prisma.sql`o.fulfillment_mode = ${f.mode}::"FulfillmentMode"`);
  if (f.tag) c.push(Prisma.sql`o.tags @> ARRAY[${f.tag}]::text[]`);
  if (f.sku) {
    c.push(Prisma.sql`EXISTS (SELECT 1 FROM sales_order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id
      AND l.product_id = (SELECT p.id FROM products p WHERE p.tenant_id = ${tenantId}::uuid AND p.sku = ${f.sku}))`);
  }
  if (f.shipBy === "overdue") c.push(Prisma.sql`o.ship_by < ${now} AND o.status IN ('open', 'on_hold', 'partially_shipped')`);
  if (f.shipBy === "today" || f.shipBy === "this_week") {
    const start = new Date(Math.floor(now.getTime() / DAY) * DAY);
    const end = new Date(start.getTime() + (f.shipBy === "today" ? 1 : 7) * DAY);
    c.push(Prisma.sql`o.ship_by >= ${start} AND o.ship_by < ${end}`);
  }
  if (f.orderDateFrom) c.push(Prisma.sql`o.order_date >= ${dateBounds(f.orderDateFrom, "from")}`);
  if (f.orderDateTo) c.push(Prisma.sql`o.order_date < ${dateBounds(f.orderDateTo, "to")}`);
  if (f.q && searchIds) c.push(Prisma.sql`o.id IN (SELECT unnest(${searchIds}::uuid[]))`);
  else if (f.q) {
    const p = `${likePrefix(f.q)}%`;
    c.push(Prisma.sql`(o.number ILIKE ${p} OR o.external_id ILIKE ${p} OR o.customer_name ILIKE ${p} OR o.customer_name ILIKE ${"% " + p})`);
  }
  return c;
}

/**
 * The list is the union of branches, each an index range read in sort order: one per
 * status when several are asked for (an `= ANY` would lose the index's order), or one for
 * a fulfillability tab (its own index). `null` when the filters exclude everything.
 */
export function branchConditions(f: Pick<TOrderFilters, "status" | "fulfillability">): Prisma.Sql[] | null {
  if (f.fulfillability) {
    const statuses = statusesWithin(f.status, OPEN_STATUSES);
    if (statuses.length === 0) return null;
    return [Prisma.sql`o.fulfillability = ${f.fulfillability}::"Fulfillability" AND o.status = ANY(${statuses}::"OrderStatus"[])`];
  }
  if (!f.status) return [Prisma.empty];
  return [...new Set(f.status)].map((s) => Prisma.sql`o.status = ${s}::"OrderStatus"`);
}

interface Segment {
  where: Prisma.Sql;
  orderBy: Prisma.Sql;
}

/** The sort as one or two segments read one after the other (ship-by: dated, then undated), each with its keyset condition. */
function segments(sort: TOrderSort, dir: Dir, cursor: Cursor | undefined): Segment[] {
  const gt = dir === "asc" ? Prisma.raw(">") : Prisma.raw("<");
  const d = Prisma.raw(dir.toUpperCase());
  if (sort === "order_date") {
    const c = cursor as Extract<Cursor, { sort: "order_date" }> | undefined;
    return [{ where: c ? Prisma.sql`(o.order_date, o.id) ${gt} (${new Date(c.orderDate)}::timestamptz, ${c.id}::uuid)` : Prisma.empty, orderBy: Prisma.sql`o.order_date ${d}, o.id ${d}` }];
  }
  if (sort === "priority") {
    // desc: priority high→low, then oldest first; asc is that list reversed (one index, read either way).
    const c = cursor as Extract<Cursor, { sort: "priority" }> | undefined;
    const [pOp, pBound, rest, restDir, pDir] =
      dir === "desc" ? [Prisma.raw("<"), Prisma.raw("<="), Prisma.raw(">"), Prisma.raw("ASC"), Prisma.raw("DESC")] : [Prisma.raw(">"), Prisma.raw(">="), Prisma.raw("<"), Prisma.raw("DESC"), Prisma.raw("ASC")];
    return [
      {
        where: c
          ? Prisma.sql`o.priority ${pBound} ${c.priority} AND (o.priority ${pOp} ${c.priority} OR (o.order_date, o.id) ${rest} (${new Date(c.orderDate)}::timestamptz, ${c.id}::uuid))`
          : Prisma.empty,
        orderBy: Prisma.sql`o.priority ${pDir}, o.order_date ${restDir}, o.id ${restDir}`,
      },
    ];
  }
  const c = cursor as Extract<Cursor, { sort: "ship_by" }> | undefined;
  // The first page oldest ship-by first is one read of the (…, ship_by, id) indexes, whose
  // ascending order already puts the undated orders last (NULLS LAST): half the rows of two segments.
  if (!c && dir === "asc") return [{ where: Prisma.empty, orderBy: Prisma.sql`o.ship_by ASC, o.id ASC` }];
  const dated: Segment = {
    where: c && c.shipBy !== null ? Prisma.sql`o.ship_by IS NOT NULL AND (o.ship_by, o.id) ${gt} (${new Date(c.shipBy)}::timestamptz, ${c.id}::uuid)` : Prisma.sql`o.ship_by IS NOT NULL`,
    orderBy: Prisma.sql`o.ship_by ${d}, o.id ${d}`,
  };
  const undated: Segment = {
    where: c && c.shipBy === null ? Prisma.sql`o.ship_by IS NULL AND o.id ${gt} ${c.id}::uuid` : Prisma.sql`o.ship_by IS NULL`,
    orderBy: Prisma.sql`o.ship_by ${d}, o.id ${d}`, // all NULL: the order of the (…, ship_by, id) indexes
  };
  return c && c.shipBy === null ? [undated] : [dated, undated];
}

/** The outer order over the branches' rows: the same as each branch's, with ship-by's undated rows last. */
function outerOrder(sort: TOrderSort, dir: Dir): Prisma.Sql {
  const d = Prisma.raw(dir.toUpperCase());
  if (sort === "order_date") return Prisma.sql`o.order_date ${d}, o.id ${d}`;
  if (sort === "priority") return dir === "desc" ? Prisma.sql`o.priority DESC, o.order_date ASC, o.id ASC` : Prisma.sql`o.priority ASC, o.order_date DESC, o.id DESC`;
  return Prisma.sql`(o.ship_by IS NULL), o.ship_by ${d}, o.id ${d}`;
}

/** What a list row shows besides the order's own columns. */
export interface ListExtras {
  channel_name: string;
  channel_kind: "shopify" | "amazon" | "ebay" | "manual";
  line_count: number;
  unit_count: number;
  remaining: number;
}

/**
 * `page` (a list page's SQL) with each row's channel and line totals, in the page's order:
 * one statement, so a page costs one round trip.
 */
export function withListExtras(tenantId: string, page: Prisma.Sql, sort: TOrderSort, dir: Dir): Prisma.Sql {
  return Prisma.sql`SELECT o.*, ${EXTRAS_COLUMNS} FROM (${page}) o ${extrasJoin(tenantId)} ORDER BY ${outerOrder(sort, dir)}`;
}

/** The same extras for rows read another way (export, selections), by order id and channel id. */
export function listExtrasSql(tenantId: string, rows: { id: string; channel_id: string }[]): Prisma.Sql {
  return Prisma.sql`
    SELECT o.id::text AS order_id, ${EXTRAS_COLUMNS}
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.channel_id)}::uuid[]) AS o(id, channel_id) ${extrasJoin(tenantId)}`;
}

const EXTRAS_COLUMNS = Prisma.sql`c.name AS channel_name, c.kind::text AS channel_kind, l.line_count, l.unit_count, l.remaining`;

/** Joins each row `o` (with `id` and `channel_id`) to its channel and its line totals. */
function extrasJoin(tenantId: string): Prisma.Sql {
  return Prisma.sql`
    JOIN sales_channels c ON c.tenant_id = ${tenantId}::uuid AND c.id = o.channel_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS line_count, coalesce(sum(quantity_ordered), 0)::float8 AS unit_count,
             coalesce(sum(quantity_ordered - quantity_shipped - quantity_cancelled), 0)::float8 AS remaining
      FROM sales_order_lines WHERE tenant_id = ${tenantId}::uuid AND order_id = o.id
    ) l`;
}

const and = (parts: Prisma.Sql[]) => Prisma.join(parts.filter((p) => p !== Prisma.empty && p.sql !== ""), " AND ");

/** One page of the list as SQL: a UNION ALL of (branch × segment) index reads, each limited, then merged and limited. */
export function listSql(spec: ListSpec): Prisma.Sql | null {
  const branches = branchConditions(spec.filters);
  if (!branches) return null;
  const common = filterConditions(spec.tenantId, spec.filters, spec.now, spec.searchIds);
  const parts: Prisma.Sql[] = [];
  for (const b of branches) {
    for (const s of segments(spec.sort, spec.dir, spec.cursor)) {
      parts.push(Prisma.sql`(SELECT ${COLUMNS} FROM sales_orders o WHERE ${and([...common, b, s.where])} ORDER BY ${s.orderBy} LIMIT ${spec.take})`);
    }
  }
  if (parts.length === 1) return parts[0]!;
  return Prisma.sql`SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) o ORDER BY ${outerOrder(spec.sort, spec.dir)} LIMIT ${spec.take}`;
}

export function cursorOf(sort: TOrderSort, dir: Dir, row: OrderRow): Cursor {
  if (sort === "order_date") return { sort, dir, orderDate: row.order_date.toISOString(), id: row.id };
  if (sort === "priority") return { sort, dir, priority: row.priority, orderDate: row.order_date.toISOString(), id: row.id };
  return { sort, dir, shipBy: row.ship_by ? row.ship_by.toISOString() : null, id: row.id };
}

export function encodeListCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isInstant = (v: unknown) => typeof v === "string" && !Number.isNaN(Date.parse(v));

/** The cursor of a page of this same sort and direction, or a 400 naming `cursor`. */
export function decodeListCursor(raw: string | undefined, sort: TOrderSort, dir: Dir): Cursor | undefined {
  if (raw === undefined) return undefined;
  let c: any;
  try {
    c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    c = undefined;
  }
  const ok =
    c &&
    c.sort === sort &&
    c.dir === dir &&
    typeof c.id === "string" &&
    UUID.test(c.id) &&
    (sort === "order_date"
      ? isInstant(c.orderDate)
      : sort === "priority"
        ? Number.isInteger(c.priority) && isInstant(c.orderDate)
        : c.shipBy === null || isInstant(c.shipBy));
  if (!ok) throw new AppError("invalid_input", "Invalid cursor", [{ path: "cursor", message: "Not a cursor of this list, sort and direction", code: "custom" }]);
  return c as Cursor;
}
