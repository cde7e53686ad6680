// Rows written straight into the test database (as the superuser) for what the API cannot
// create yet. Stopgap: once the orders API exists, build orders through it instead.
import crypto from "node:crypto";
import { testEnv } from "./env.ts";

export interface OpenOrderInput {
  tenantId: string;
  channelId: string;
  warehouseId: string;
  priority?: number;
  orderDate?: Date;
  lines: { productId: string; quantity: number; allocated?: number }[];
}

/** An open sales order with its lines (rank keys copied onto the lines, as the engine reads them). Returns order and line ids. */
export async function insertOpenOrder(input: OpenOrderInput): Promise<{ orderId: string; lineIds: string[] }> {
  const orderId = crypto.randomUUID();
  const orderDate = input.orderDate ?? new Date();
  const priority = input.priority ?? 0;
  await testEnv.superuser.query(
    `INSERT INTO sales_orders (tenant_id, id, number, channel_id, warehouse_id, customer_name, order_date, priority, status, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'Test Customer', $6, $7, 'open', now())`,
    [input.tenantId, orderId, `SO-${orderId.slice(0, 8)}`, input.channelId, input.warehouseId, orderDate, priority],
  );
  const lineIds: string[] = [];
  for (const [i, line] of input.lines.entries()) {
    const id = crypto.randomUUID();
    lineIds.push(id);
    await testEnv.superuser.query(
      `INSERT INTO sales_order_lines (tenant_id, id, order_id, line_no, product_id, warehouse_id, quantity_ordered, quantity_allocated, unit_price_cents, is_active, rank_priority, rank_order_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1000, true, $9, $10)`,
      [input.tenantId, id, orderId, i + 1, line.productId, input.warehouseId, line.quantity, line.allocated ?? 0, priority, orderDate],
    );
  }
  return { orderId, lineIds };
}

export async function lineAllocated(lineId: string): Promise<number> {
  const { rows } = await testEnv.superuser.query("SELECT quantity_allocated FROM sales_order_lines WHERE id = $1", [lineId]);
  return rows[0]?.quantity_allocated;
}
