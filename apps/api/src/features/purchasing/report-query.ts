// The backorder report as SQL aggregates over what the engine stored: the active lines of a
// (warehouse, SKU) key (their remaining and allocated quantities), its stock level and the
// open purchase-order lines still to arrive. One statement per page: keys with a short line
// are found first (the rank index), then only those keys are aggregated.
import { Prisma, type Tx } from "../../db/client.ts";

export interface ReportFilters {
  warehouseId?: string;
  supplierId?: string;
  channelId?: string;
  onlyNetNeed?: boolean;
  preorderOnly?: boolean;
  /** keys below their reorder point that are not short today: with the backorders (default), without them, or alone */
  reorder?: "include" | "exclude" | "only";
}

export type ReportSort = "net_need" | "oldest_waiting" | "value";

export interface ReportRowRecord {
  product_id: string;
  sku: string;
  name: string;
  is_preorder: boolean;
  warehouse_id: string;
  warehouse_code: string;
  demand: number;
  on_hand: number;
  hard_allocated: number;
  allocated: number;
  shortfall: number;
  incoming: number;
  nearest_expected_date: Date | null;
  net_to_buy: number;
  waiting_orders: number;
  oldest_waiting: Date | null;
  supplier_id: string | null;
  supplier_name: string | null;
  unit_cost_cents: number | null;
  lead_time_days: number | null;
  min_order_qty: number | null;
  case_pack: number | null;
  kind: "backorder" | "reorder";
  reorder_point: number | null;
  reorder_quantity: number | null;
  projected_position: number;
  value_cents: number;
  sort_key: number;
}

/** Short units of an active line. */
const SHORT = Prisma.sql`(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled - l.quantity_allocated)`;

/** The product's preferred supplier terms (the preferred one, else the cheapest), for a LATERAL join: `productId` is a column of the outer row. */
export function preferredSupplierSql(tenantId: string, productId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
        SELECT ps.supplier_id, su.name AS supplier_name, ps.unit_cost_cents, ps.lead_time_days, ps.min_order_qty, ps.case_pack
        FROM product_suppliers ps JOIN suppliers su ON su.tenant_id = ps.tenant_id AND su.id = ps.supplier_id
        WHERE ps.tenant_id = ${tenantId}::uuid AND ps.product_id = ${productId}
        ORDER BY ps.is_preferred DESC, ps.unit_cost_cents, su.name
        LIMIT 1`;
}

/**
 * The filtered report rows (every column of ReportRowRecord), unordered. The keys are those with a
 * short line and, unless left out, those with a reorder point (docs/decisions/019): a key with a
 * reorder point is a row when it is short or its projected position (on hand + incoming − demand)
 * is below the point, and its net to buy is at least the (s, nQ) need of that position
 * (packages/domain/src/reorder.ts reorderNeed, which a test holds this SQL to). Reorder rows are
 * not any channel's demand, so a channel filter leaves them out.
 */
export function reportRowsSql(tenantId: string, f: ReportFilters, sort: ReportSort): Prisma.Sql {
  const channelFilter = f.channelId
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM sales_orders o WHERE o.tenant_id = l.tenant_id AND o.id = l.order_id AND o.channel_id = ${f.channelId}::uuid)`
    : Prisma.empty;
  const sortKey =
    sort === "value"
      ? Prisma.sql`-(r.net_to_buy::float8 * coalesce(r.unit_cost_cents, 0))`
      : sort === "oldest_waiting"
        ? Prisma.sql`coalesce(extract(epoch FROM r.oldest_waiting) * 1000, 9e15)::float8`
        : Prisma.sql`-(r.net_to_buy)::float8`;
  const reorderKeys = f.reorder !== "exclude" && !f.channelId;
  return Prisma.sql`
    WITH short_keys AS (
      SELECT DISTINCT l.warehouse_id, l.product_id
      FROM sales_order_lines l
      WHERE l.tenant_id = ${tenantId}::uuid AND l.is_active AND ${SHORT} > 0
        ${f.warehouseId ? Prisma.sql`AND l.warehouse_id = ${f.warehouseId}::uuid` : Prisma.empty}
        ${channelFilter}
    ),
    keys AS (
      SELECT warehouse_id, product_id FROM short_keys
      ${
        reorderKeys
          ? Prisma.sql`UNION
      SELECT rp.warehouse_id, rp.product_id FROM reorder_points rp
      WHERE rp.tenant_id = ${tenantId}::uuid ${f.warehouseId ? Prisma.sql`AND rp.warehouse_id = ${f.warehouseId}::uuid` : Prisma.empty}`
          : Prisma.empty
      }
    ),
    demand AS (
      SELECT k.warehouse_id, k.product_id,
        coalesce(sum(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled) FILTER (WHERE l.is_active), 0)::float8 AS demand,
        coalesce(sum(l.quantity_allocated) FILTER (WHERE l.is_active), 0)::float8 AS allocated,
        coalesce(sum(l.quantity_hard_allocated), 0)::float8 AS hard_allocated,
        count(DISTINCT l.order_id) FILTER (WHERE l.is_active AND ${SHORT} > 0)::int AS waiting_orders,
        min(l.rank_order_date) FILTER (WHERE l.is_active AND ${SHORT} > 0) AS oldest_waiting
      FROM keys k
      LEFT JOIN sales_order_lines l ON l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = k.warehouse_id AND l.product_id = k.product_id
        AND (l.is_active OR l.quantity_hard_allocated > 0)
      GROUP BY k.warehouse_id, k.product_id
    ),
    incoming AS (
      SELECT k.warehouse_id, k.product_id, sum(pol.quantity_ordered - pol.quantity_received)::float8 AS quantity, min(po.expected_date) AS nearest
      FROM keys k
      JOIN purchase_order_lines pol ON pol.tenant_id = ${tenantId}::uuid AND pol.product_id = k.product_id
      JOIN purchase_orders po ON po.tenant_id = pol.tenant_id AND po.id = pol.purchase_order_id AND po.warehouse_id = k.warehouse_id
      WHERE po.status IN ('ordered', 'partially_received') AND pol.quantity_ordered > pol.quantity_received
      GROUP BY k.warehouse_id, k.product_id
    ),
    positions AS (
      SELECT d.*, coalesce(s.on_hand, 0)::int AS on_hand, coalesce(i.quantity, 0)::float8 AS incoming, i.nearest AS nearest_expected_date,
        (coalesce(s.on_hand, 0) + coalesce(i.quantity, 0) - d.demand)::float8 AS projected_position,
        rp.reorder_point, rp.reorder_quantity
      FROM demand d
      LEFT JOIN stock_levels s ON s.tenant_id = ${tenantId}::uuid AND s.warehouse_id = d.warehouse_id AND s.product_id = d.product_id
      LEFT JOIN incoming i ON i.warehouse_id = d.warehouse_id AND i.product_id = d.product_id
      LEFT JOIN reorder_points rp ON ${reorderKeys ? Prisma.sql`true` : Prisma.sql`false`} AND rp.tenant_id = ${tenantId}::uuid AND rp.warehouse_id = d.warehouse_id AND rp.product_id = d.product_id
    ),
    rows AS (
      SELECT d.product_id::text, p.sku, p.name, p.is_preorder, d.warehouse_id::text, w.code AS warehouse_code,
        d.demand, d.on_hand, d.hard_allocated, d.allocated, (d.demand - d.allocated)::float8 AS shortfall,
        d.incoming, d.nearest_expected_date,
        greatest(
          0,
          d.demand - d.allocated - d.incoming,
          CASE WHEN d.projected_position < d.reorder_point THEN ceil((d.reorder_point - d.projected_position) / d.reorder_quantity) * d.reorder_quantity ELSE 0 END
        )::float8 AS net_to_buy,
        CASE WHEN d.demand > d.allocated THEN 'backorder' ELSE 'reorder' END AS kind,
        d.reorder_point, d.reorder_quantity, d.projected_position,
        d.waiting_orders, d.oldest_waiting,
        sup.supplier_id::text, sup.supplier_name, sup.unit_cost_cents, sup.lead_time_days, sup.min_order_qty, sup.case_pack
      FROM positions d
      JOIN products p ON p.tenant_id = ${tenantId}::uuid AND p.id = d.product_id
      JOIN warehouses w ON w.tenant_id = ${tenantId}::uuid AND w.id = d.warehouse_id
      LEFT JOIN LATERAL (${preferredSupplierSql(tenantId, Prisma.sql`d.product_id`)}) sup ON true
      WHERE (d.demand > d.allocated OR d.projected_position < d.reorder_point)
        ${f.reorder === "only" ? Prisma.sql`AND d.demand <= d.allocated` : Prisma.empty}
        ${f.preorderOnly ? Prisma.sql`AND p.is_preorder` : Prisma.empty}
    )
    SELECT r.*, (r.net_to_buy::float8 * coalesce(r.unit_cost_cents, 0)) AS value_cents, ${sortKey} AS sort_key
    FROM rows r
    WHERE true
      ${f.onlyNetNeed ? Prisma.sql`AND r.net_to_buy > 0` : Prisma.empty}
      ${f.supplierId ? Prisma.sql`AND r.supplier_id = ${f.supplierId}` : Prisma.empty}`;
}

export interface ReportCursor {
  sortKey: number;
  sku: string;
  warehouseCode: string;
}

/** One page of report rows in sort order (sort key, then SKU, then warehouse code), keyset after `cursor`. */
export function readReportPage(tx: Tx, tenantId: string, f: ReportFilters, sort: ReportSort, cursor: ReportCursor | undefined, limit: number): Promise<ReportRowRecord[]> {
  const after = cursor
    ? Prisma.sql`WHERE (x.sort_key, x.sku, x.warehouse_code) > (${cursor.sortKey}::float8, ${cursor.sku}::text, ${cursor.warehouseCode}::text)`
    : Prisma.empty;
  return tx.$queryRaw<ReportRowRecord[]>`
    SELECT x.* FROM (${reportRowsSql(tenantId, f, sort)}) x
    ${after}
    ORDER BY x.sort_key, x.sku, x.warehouse_code
    LIMIT ${limit}`;
}

/** Report rows of the given keys (no filters), for the purchase-order preview. */
export async function readReportRowsForKeys(tx: Tx, tenantId: string, keys: { warehouseId: string; productId: string }[]): Promise<ReportRowRecord[]> {
  if (keys.length === 0) return [];
  const warehouseIds = [...new Set(keys.map((k) => k.warehouseId))];
  const rows: ReportRowRecord[] = [];
  // One statement per warehouse named (usually one).
  for (const warehouseId of warehouseIds) {
    const productIds = keys.filter((k) => k.warehouseId === warehouseId).map((k) => k.productId);
    rows.push(
      ...(await tx.$queryRaw<ReportRowRecord[]>`
        SELECT x.* FROM (${reportRowsSql(tenantId, { warehouseId }, "net_need")}) x WHERE x.product_id::uuid = ANY(${productIds}::uuid[])`),
    );
  }
  return rows;
}

/** Short units by whole days waited (since the order date), over the short lines of the filtered rows. */
export function readShortByAge(tx: Tx, tenantId: string, f: ReportFilters) {
  const channelFilter = f.channelId
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM sales_orders o WHERE o.tenant_id = l.tenant_id AND o.id = l.order_id AND o.channel_id = ${f.channelId}::uuid)`
    : Prisma.empty;
  return tx.$queryRaw<{ days: number; units: number }[]>`
    WITH keys AS (SELECT x.warehouse_id::uuid AS warehouse_id, x.product_id::uuid AS product_id FROM (${reportRowsSql(tenantId, { ...f, reorder: "exclude" }, "net_need")}) x)
    SELECT greatest(0, floor(extract(epoch FROM (now() - l.rank_order_date)) / 86400))::int AS days, sum(${SHORT})::float8 AS units
    FROM keys k
    JOIN sales_order_lines l ON l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = k.warehouse_id AND l.product_id = k.product_id
    WHERE l.is_active AND ${SHORT} > 0 ${channelFilter}
    GROUP BY 1`;
}

/** The SKUs with the most units short over the filtered rows (all warehouses summed). */
export function readTopShortSkus(tx: Tx, tenantId: string, f: ReportFilters, limit: number) {
  return tx.$queryRaw<{ product_id: string; sku: string; name: string; units_short: number }[]>`
    SELECT x.product_id, x.sku, x.name, sum(x.shortfall)::float8 AS units_short
    FROM (${reportRowsSql(tenantId, { ...f, reorder: "exclude" }, "net_need")}) x
    GROUP BY x.product_id, x.sku, x.name
    ORDER BY units_short DESC, x.sku
    LIMIT ${limit}`;
}

export interface WaitingOrderRecord {
  order_id: string;
  number: string;
  customer_name: string;
  order_date: Date;
  ship_by: Date | null;
  priority: number;
  tags: string[];
  remaining: number;
  allocated: number;
  projected_date: Date | null;
}

/** The orders with short lines at one key, in rank order (priority desc, ship-by asc none last, order date, id). */
export function readWaitingOrders(tx: Tx, tenantId: string, warehouseId: string, productId: string, limit: number) {
  return tx.$queryRaw<WaitingOrderRecord[]>`
    SELECT o.id::text AS order_id, o.number, o.customer_name, o.order_date, o.ship_by, o.priority, o.tags,
      sum(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled)::float8 AS remaining,
      sum(l.quantity_allocated)::float8 AS allocated,
      CASE WHEN bool_or(l.projected_date IS NULL) THEN NULL ELSE max(l.projected_date) END AS projected_date
    FROM sales_order_lines l
    JOIN sales_orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
    WHERE l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = ${warehouseId}::uuid AND l.product_id = ${productId}::uuid
      AND l.is_active AND ${SHORT} > 0
    GROUP BY o.id, o.number, o.customer_name, o.order_date, o.ship_by, o.priority, o.tags, l.rank_priority, l.rank_ship_by, l.rank_order_date
    ORDER BY l.rank_priority DESC, l.rank_ship_by ASC NULLS LAST, l.rank_order_date ASC, o.id
    LIMIT ${limit}`;
}
