// The dashboard's SQL, one typed read per section, each scoped by tenant (and row-level security)
// and optionally by warehouse. Counts of orders come from the trigger-kept order_counts; the
// overdue rule is the orders desk's own filter (order-list/query.ts), so the numbers match its tabs.
import { Prisma, type Tx } from "../../db/client.ts";
import { filterConditions } from "../order-list/query.ts";

const byWarehouse = (column: string, warehouseId: string | undefined) => (warehouseId ? Prisma.sql`AND ${Prisma.raw(column)} = ${warehouseId}::uuid` : Prisma.empty);
const REMAINING = Prisma.sql`(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled)`;

export function readWarehouses(tx: Tx, tenantId: string, warehouseId?: string) {
  return tx.$queryRaw<{ id: string; code: string; name: string }[]>`
    SELECT id::text, code, name FROM warehouses WHERE tenant_id = ${tenantId}::uuid ${byWarehouse("id", warehouseId)} ORDER BY code, id`;
}

/** Open orders (open, partially shipped) per warehouse and fulfillability, from the counters. */
export function readOpenOrderCounts(tx: Tx, tenantId: string, warehouseId?: string) {
  return tx.$queryRaw<{ warehouse_id: string; fulfillability: string; n: number }[]>`
    SELECT warehouse_id::text, fulfillability, sum(count)::float8 AS n FROM order_counts
    WHERE tenant_id = ${tenantId}::uuid AND status IN ('open', 'partially_shipped') ${byWarehouse("warehouse_id", warehouseId)}
    GROUP BY 1, 2`;
}

/** Remaining and allocated units of the fulfillable and partially fulfillable open orders, per warehouse. */
export function readShippableUnits(tx: Tx, tenantId: string, warehouseId?: string) {
  return tx.$queryRaw<{ warehouse_id: string; fulfillability: "fulfillable" | "partially_fulfillable"; remaining: number; allocated: number }[]>`
    SELECT o.warehouse_id::text, o.fulfillability::text,
      coalesce(sum(${REMAINING}), 0)::float8 AS remaining,
      coalesce(sum(least(l.quantity_allocated, ${REMAINING})), 0)::float8 AS allocated
    FROM sales_orders o
    JOIN sales_order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
    WHERE o.tenant_id = ${tenantId}::uuid AND o.fulfillability IN ('fulfillable', 'partially_fulfillable') AND o.status IN ('open', 'partially_shipped')
      AND ${REMAINING} > 0 ${byWarehouse("o.warehouse_id", warehouseId)}
    GROUP BY 1, 2`;
}

export async function readOverdueCounts(tx: Tx, tenantId: string, now: Date, warehouseId?: string) {
  const where = Prisma.join(filterConditions(tenantId, { shipBy: "overdue", warehouseId }, now), " AND ");
  const [row] = await tx.$queryRaw<{ total: number; fulfillable: number; partially_fulfillable: number; backordered: number; on_hold: number }[]>`
    SELECT count(*)::int AS total,
      count(*) FILTER (WHERE o.status IN ('open', 'partially_shipped') AND o.fulfillability = 'fulfillable')::int AS fulfillable,
      count(*) FILTER (WHERE o.status IN ('open', 'partially_shipped') AND o.fulfillability = 'partially_fulfillable')::int AS partially_fulfillable,
      count(*) FILTER (WHERE o.status IN ('open', 'partially_shipped') AND o.fulfillability = 'backordered')::int AS backordered,
      count(*) FILTER (WHERE o.status = 'on_hold')::int AS on_hold
    FROM sales_orders o WHERE ${where}`;
  return row!;
}

export function readOldestOverdue(tx: Tx, tenantId: string, now: Date, warehouseId: string | undefined, limit: number) {
  const where = Prisma.join(filterConditions(tenantId, { shipBy: "overdue", warehouseId }, now), " AND ");
  return tx.$queryRaw<{ id: string; number: string; customer_name: string; warehouse_id: string; ship_by: Date; status: string; fulfillability: string | null }[]>`
    SELECT o.id::text, o.number, o.customer_name, o.warehouse_id::text, o.ship_by, o.status::text, o.fulfillability::text
    FROM sales_orders o WHERE ${where}
    ORDER BY o.ship_by, o.id LIMIT ${limit}`;
}

const OPEN_PO = Prisma.sql`p.status IN ('ordered', 'partially_received')`;
const PO_REMAINING = Prisma.sql`(SELECT coalesce(sum(greatest(0, pol.quantity_ordered - pol.quantity_received)), 0)
  FROM purchase_order_lines pol WHERE pol.tenant_id = p.tenant_id AND pol.purchase_order_id = p.id)`;

/** Open purchase orders' totals: how many, how many late, units still to arrive by week of their expected date. */
export function readPurchaseOrderArrivals(tx: Tx, tenantId: string, today: string, warehouseId?: string) {
  return tx.$queryRaw<{ week_start: string | null; is_late: boolean; pos: number; units: number }[]>`
    SELECT CASE WHEN p.expected_date >= ${today}::date THEN date_trunc('week', p.expected_date)::date::text END AS week_start,
      coalesce(p.expected_date < ${today}::date, false) AS is_late,
      count(*)::int AS pos, coalesce(sum(${PO_REMAINING}), 0)::float8 AS units
    FROM purchase_orders p
    WHERE p.tenant_id = ${tenantId}::uuid AND ${OPEN_PO} ${byWarehouse("p.warehouse_id", warehouseId)}
    GROUP BY 1, 2`;
}

/** The first open purchase orders by expected date (late first, undated last) with the orders still waiting on them. */
export function readOpenPurchaseOrders(tx: Tx, tenantId: string, limit: number, warehouseId?: string) {
  return tx.$queryRaw<
    { id: string; number: string; status: string; supplier_name: string; warehouse_id: string; warehouse_code: string; expected_date: string | null; units_remaining: number; waiting_orders: number; waiting_units: number }[]
  >`
    SELECT p.id::text, p.number, p.status::text, s.name AS supplier_name, p.warehouse_id::text, w.code AS warehouse_code, p.expected_date::text,
      ${PO_REMAINING}::float8 AS units_remaining, coalesce(k.orders, 0)::int AS waiting_orders, coalesce(k.units, 0)::float8 AS waiting_units
    FROM purchase_orders p
    JOIN suppliers s ON s.tenant_id = p.tenant_id AND s.id = p.supplier_id
    JOIN warehouses w ON w.tenant_id = p.tenant_id AND w.id = p.warehouse_id
    LEFT JOIN LATERAL (
      SELECT count(DISTINCT l.order_id) AS orders,
        sum(least(k.quantity, l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled - l.quantity_allocated)) AS units
      FROM purchase_order_lines pol
      JOIN purchase_order_line_links k ON k.tenant_id = pol.tenant_id AND k.purchase_order_line_id = pol.id
      JOIN sales_order_lines l ON l.tenant_id = k.tenant_id AND l.id = k.sales_order_line_id
      WHERE pol.tenant_id = p.tenant_id AND pol.purchase_order_id = p.id
        AND l.is_active AND l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled > l.quantity_allocated
    ) k ON true
    WHERE p.tenant_id = ${tenantId}::uuid AND ${OPEN_PO} ${byWarehouse("p.warehouse_id", warehouseId)}
    ORDER BY p.expected_date ASC NULLS LAST, p.number, p.id
    LIMIT ${limit}`;
}

/** Saved daily snapshots, summed over warehouses, from `from` up to (not including) `to`. */
export function readSnapshots(tx: Tx, tenantId: string, from: string, to: string, warehouseId?: string) {
  return tx.$queryRaw<{ day: string; units_short: number; net_to_buy: number; skus_short: number; backordered_orders: number }[]>`
    SELECT day::text, sum(units_short)::float8 AS units_short, sum(net_to_buy)::float8 AS net_to_buy,
      sum(skus_short)::float8 AS skus_short, sum(backordered_orders)::float8 AS backordered_orders
    FROM shortfall_snapshots
    WHERE tenant_id = ${tenantId}::uuid AND day >= ${from}::date AND day < ${to}::date ${byWarehouse("warehouse_id", warehouseId)}
    GROUP BY day ORDER BY day`;
}

/** Failed delivery attempts of messages to stores since `since`, per channel. */
export function readFailedDeliveries(tx: Tx, tenantId: string, since: Date) {
  return tx.$queryRaw<{ channel_id: string | null; name: string | null; kind: string | null; gave_up: number; retrying: number; failed_attempts: number; last_failed_at: Date }[]>`
    SELECT e.channel_id::text, c.name, c.kind::text,
      count(DISTINCT e.id) FILTER (WHERE e.status = 'failed')::int AS gave_up,
      count(DISTINCT e.id) FILTER (WHERE e.status = 'pending')::int AS retrying,
      count(*)::int AS failed_attempts,
      max(d.started_at) AS last_failed_at
    FROM outbox_deliveries d
    JOIN outbox_events e ON e.tenant_id = d.tenant_id AND e.id = d.event_id
    LEFT JOIN sales_channels c ON c.tenant_id = e.tenant_id AND c.id = e.channel_id
    WHERE d.tenant_id = ${tenantId}::uuid AND d.started_at >= ${since} AND d.outcome = 'failed'
    GROUP BY e.channel_id, c.name, c.kind
    ORDER BY gave_up DESC, failed_attempts DESC, c.name`;
}

export async function countGaveUp(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = ${tenantId}::uuid AND status = 'failed'`;
  return row!.n;
}
