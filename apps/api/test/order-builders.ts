// Builders for orders, through the real API. `buildOrder` makes a channel (and its default
// warehouse) when no channelId is given; pass warehouseId to take stock from another one.
import type { TOrderDetail } from "@bod/contracts/orders";
import { addMember, signUpCompany, type ApiClient } from "./client.ts";
import { buildChannel, buildStockedProduct, unique } from "./builders.ts";
import { testEnv } from "./env.ts";

export interface BuildOrderInput {
  channelId?: string;
  warehouseId?: string;
  externalId?: string;
  customerName?: string;
  lines: { productId: string; quantity: number; unitPriceCents?: number }[];
  shipBy?: string;
  orderDate?: string;
  priority?: number;
  tags?: string[];
  fulfillmentMode?: "ship_partial" | "ship_complete";
  shippingCents?: number;
  taxCents?: number;
}

export async function buildOrder(client: ApiClient, input: BuildOrderInput): Promise<TOrderDetail> {
  const { lines, channelId: givenChannel, warehouseId, ...rest } = input;
  const channelId = givenChannel ?? (await buildChannel(client, warehouseId ? { defaultWarehouseId: warehouseId } : {})).id;
  const res = await client.post("/api/v1/orders", {
    customerName: `Customer ${unique()}`,
    ...rest,
    channelId,
    ...(warehouseId ? { warehouseId } : {}),
    lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents ?? 1000 })),
  });
  if (res.status !== 201) throw new Error(`build order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A channel whose default warehouse is `warehouseId`, for several orders on the same stock. */
export async function buildChannelFor(client: ApiClient, warehouseId: string, overrides: Parameters<typeof buildChannel>[1] = {}) {
  return buildChannel(client, { defaultWarehouseId: warehouseId, ...overrides });
}

/** A company with a manager and staff member, one warehouse, a channel on it and a product with `stock` on hand. */
export async function buildShop(stock = 5, channelOverrides: Parameters<typeof buildChannel>[1] = {}) {
  const admin = await signUpCompany();
  const manager = await addMember(admin, "manager");
  const staff = await addMember(admin, "staff");
  const { warehouse, product } = await buildStockedProduct(admin, stock);
  const channel = await buildChannel(admin, { defaultWarehouseId: warehouse.id, ...channelOverrides });
  const order = (lines: BuildOrderInput["lines"], rest: Omit<BuildOrderInput, "lines"> = {}) => buildOrder(admin, { channelId: channel.id, ...rest, lines });
  return { admin, manager, staff, warehouse, product, channel, order };
}

/** The order's stored row as the database holds it (past the API), for "unchanged" checks. */
export async function orderRow(orderId: string) {
  const { rows } = await testEnv.superuser.query(
    `SELECT o.status::text, o.priority, o.version, o.tags, o.fulfillability::text, o.customer_name,
       (SELECT json_agg(json_build_object('ordered', l.quantity_ordered, 'shipped', l.quantity_shipped, 'cancelled', l.quantity_cancelled, 'allocated', l.quantity_allocated, 'hard', l.quantity_hard_allocated) ORDER BY l.line_no)
        FROM sales_order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id) AS lines,
       (SELECT count(*)::int FROM order_events e WHERE e.tenant_id = o.tenant_id AND e.order_id = o.id) AS events
     FROM sales_orders o WHERE o.id = $1`,
    [orderId],
  );
  return rows[0];
}
