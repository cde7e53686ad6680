// Orders written straight into the test database (as the superuser) with exactly the stored
// state a list test needs (status, fulfillability, ship-by, ties). The list only reads stored
// columns, so this is what it sees after any write path; writes through the orders API are
// tested where that API exists.
import crypto from "node:crypto";
import { testEnv } from "./env.ts";

export interface ListOrderInput {
  tenantId: string;
  channelId: string;
  warehouseId: string;
  number?: string;
  externalId?: string | null;
  customerName?: string;
  orderDate?: Date;
  shipBy?: Date | null;
  priority?: number;
  status?: "open" | "on_hold" | "partially_shipped" | "shipped" | "cancelled";
  fulfillability?: "fulfillable" | "partially_fulfillable" | "backordered" | null;
  tags?: string[];
  lines?: { productId: string; quantity: number; shipped?: number }[];
}

export async function insertListOrder(input: ListOrderInput): Promise<string> {
  const id = crypto.randomUUID();
  const status = input.status ?? "open";
  const fulfillability = input.fulfillability === undefined ? (status === "open" || status === "partially_shipped" ? "backordered" : null) : input.fulfillability;
  const orderDate = input.orderDate ?? new Date("2026-01-01T00:00:00Z");
  await testEnv.superuser.query(
    `INSERT INTO sales_orders (tenant_id, id, number, channel_id, external_id, warehouse_id, customer_name, order_date, ship_by, priority, status, fulfillability, tags, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, now())`,
    [input.tenantId, id, input.number ?? `SO-${id.slice(0, 8)}`, input.channelId, input.externalId ?? null, input.warehouseId, input.customerName ?? "Test Customer", orderDate, input.shipBy ?? null, input.priority ?? 0, status, fulfillability, input.tags ?? []],
  );
  for (const [i, line] of (input.lines ?? []).entries()) {
    await testEnv.superuser.query(
      `INSERT INTO sales_order_lines (tenant_id, order_id, line_no, product_id, warehouse_id, quantity_ordered, quantity_shipped, unit_price_cents, is_active, rank_priority, rank_order_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1000, false, $8, $9)`,
      [input.tenantId, id, i + 1, line.productId, input.warehouseId, line.quantity, line.shipped ?? 0, input.priority ?? 0, orderDate],
    );
  }
  return id;
}

/** What order_counts should hold for a tenant: the same grouping counted from sales_orders. */
export async function countsDrift(tenantId: string) {
  const { rows } = await testEnv.superuser.query(
    `SELECT coalesce(a.warehouse_id, b.warehouse_id) AS w, coalesce(a.status, b.status) AS s, coalesce(a.f, b.f) AS f, a.n AS kept, b.n AS actual
     FROM (SELECT warehouse_id, status, fulfillability AS f, sum(count)::int AS n FROM order_counts WHERE tenant_id = $1 GROUP BY 1, 2, 3 HAVING sum(count) <> 0) a
     FULL JOIN (SELECT warehouse_id, status, coalesce(fulfillability::text, 'none') AS f, count(*)::int AS n FROM sales_orders WHERE tenant_id = $1 GROUP BY 1, 2, 3) b
       ON a.warehouse_id = b.warehouse_id AND a.status = b.status AND a.f = b.f
     WHERE a.n IS DISTINCT FROM b.n`,
    [tenantId],
  );
  return rows;
}
