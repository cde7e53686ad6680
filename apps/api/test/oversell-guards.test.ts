// Every oversell endpoint, table-driven: 401 without sign-in, 404 for another company's order
// with the order, its refunds and its outbox unchanged, 403 for staff, 409 for a stale version,
// 400 naming an unknown field.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildProduct, buildStock } from "./builders.ts";
import { buildShop, orderRow } from "./order-builders.ts";
import { dbRows } from "./guards.ts";

interface Ctx {
  orderId: string;
  lineId: string;
  otherProductId: string;
  conflictId: string;
  conflictOrderId: string;
}
interface Call {
  name: string;
  method: "get" | "post";
  path: (c: Ctx) => string;
  body?: (c: Ctx) => Record<string, unknown>;
  versioned?: boolean;
  /** The order the call targets (default: the open one). */
  subject?: (c: Ctx) => string;
}

const calls: Call[] = [
  { name: "cancel-refund", method: "post", path: (c) => `/api/v1/orders/${c.orderId}/oversell/cancel-refund`, body: () => ({ version: 1, reason: "x" }), versioned: true },
  {
    name: "refund-partial",
    method: "post",
    path: (c) => `/api/v1/orders/${c.orderId}/oversell/refund-partial`,
    body: (c) => ({ version: 1, reason: "x", lines: [{ lineId: c.lineId, quantity: 1 }] }),
    versioned: true,
  },
  {
    name: "exchange",
    method: "post",
    path: (c) => `/api/v1/orders/${c.orderId}/oversell/exchange`,
    body: (c) => ({ version: 1, reason: "x", lineId: c.lineId, quantity: 1, newProductId: c.otherProductId }),
    versioned: true,
  },
  { name: "exchange suggestions", method: "get", path: (c) => `/api/v1/orders/${c.orderId}/exchange-suggestions?lineId=${c.lineId}` },
  {
    name: "resolve conflict",
    method: "post",
    path: (c) => `/api/v1/orders/${c.conflictOrderId}/conflicts/${c.conflictId}/resolve`,
    body: () => ({}),
    subject: (c) => c.conflictOrderId,
  },
];

function send(client: ApiClient, call: Call, c: Ctx, body = call.body?.(c)) {
  return call.method === "get" ? client.get(call.path(c)) : client.post(call.path(c), body);
}

async function snapshot(orderId: string) {
  return {
    order: await orderRow(orderId),
    refunds: await dbRows(`SELECT * FROM refunds WHERE order_id = $1 ORDER BY id`, [orderId]),
    conflicts: await dbRows(`SELECT * FROM order_conflicts WHERE order_id = $1 ORDER BY id`, [orderId]),
    outbox: await dbRows(`SELECT id FROM outbox_events WHERE payload->>'orderId' = $1 ORDER BY id`, [orderId]),
  };
}

describe("oversell endpoints guard themselves", () => {
  let c: Ctx;
  let shop: Awaited<ReturnType<typeof buildShop>>;
  let outsider: ApiClient;

  beforeAll(async () => {
    shop = await buildShop(1, { supportsOrderEdits: true });
    const other = await buildProduct(shop.admin);
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: other.id, quantity: 5 });
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }]);
    // A conflict to resolve, on another order: 1 shipped, then the store asks for 0.
    const shipped = await shop.order([{ productId: other.id, quantity: 2 }], { externalId: "G-1" });
    await shop.staff.post(`/api/v1/orders/${shipped.id}/shipments`, { lines: [{ lineId: shipped.lines[0]!.id, quantity: 1 }] });
    await shop.manager.put(`/api/v1/channels/${shop.channel.id}/orders/G-1`, { lines: [{ sku: other.sku, quantity: 0, unitPriceCents: 1000 }] });
    const conflicts = await dbRows(`SELECT id::text FROM order_conflicts WHERE order_id = $1`, [shipped.id]);
    expect(conflicts).toHaveLength(1);
    c = { orderId: order.id, lineId: order.lines[0]!.id, otherProductId: other.id, conflictId: conflicts[0]!.id as string, conflictOrderId: shipped.id };
    outsider = await signUpCompany("Outsider Ltd");
  });

  it.each(calls)("$name: 401 without sign-in, 404 for another company with nothing changed", async (call) => {
    const before = await snapshot((call.subject ?? ((x: Ctx) => x.orderId))(c));
    expect((await send(new ApiClient(), call, c)).status).toBe(401);
    const res = await send(outsider, call, c);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(await snapshot((call.subject ?? ((x: Ctx) => x.orderId))(c))).toEqual(before);
  });

  it.each(calls)("$name: 403 for staff", async (call) => {
    const before = await snapshot((call.subject ?? ((x: Ctx) => x.orderId))(c));
    const res = await send(shop.staff, call, c);
    expect(res.status).toBe(403);
    expect(await snapshot((call.subject ?? ((x: Ctx) => x.orderId))(c))).toEqual(before);
  });

  it.each(calls.filter((x) => x.versioned))("$name: 409 stale_version, nothing changed", async (call) => {
    const before = await snapshot((call.subject ?? ((x: Ctx) => x.orderId))(c));
    const res = await send(shop.admin, call, c, { ...call.body!(c), version: before.order.version + 5 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("stale_version");
    expect(await snapshot((call.subject ?? ((x: Ctx) => x.orderId))(c))).toEqual(before);
  });

  it.each(calls.filter((x) => x.body))("$name: 400 naming an unknown field", async (call) => {
    const res = await send(shop.admin, call, c, { ...call.body!(c), surprise: true });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].message).toMatch(/surprise/);
  });
});
