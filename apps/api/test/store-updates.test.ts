// Order edits: in the app for channels whose store cannot edit orders (Amazon, eBay), and from
// the store by external id for channels that can (idempotent; conflicts with what shipped are
// recorded on the order, not dropped). After any edit the engine updates every affected order.
import { describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildProduct, buildStock } from "./builders.ts";
import { buildShop, orderRow } from "./order-builders.ts";
import { dbRows } from "./guards.ts";

async function integrationFor(admin: ApiClient) {
  const token = await admin.post("/api/v1/api-tokens", { name: "store sync", role: "staff" });
  expect(token.status).toBe(201);
  const client = new ApiClient();
  client.bearer = token.body.secret;
  return client;
}

describe("in-app edits (channel without store edits)", () => {
  it("changes quantities, adds and removes lines, ship-by and address; the timeline keeps before and after; the channel is told", async () => {
    const shop = await buildShop(3, { kind: "amazon", supportsOrderEdits: false });
    const extra = await buildProduct(shop.admin);
    const spare = await buildProduct(shop.admin);
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: extra.id, quantity: 2 });
    const order = await shop.order([
      { productId: shop.product.id, quantity: 2 },
      { productId: spare.id, quantity: 1 },
    ], { orderDate: "2030-01-01T00:00:00Z" });
    const waiting = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-02T00:00:00Z" });
    expect(waiting.fulfillability).toBe("partially_fulfillable");

    const res = await shop.manager.patch(`/api/v1/orders/${order.id}`, {
      version: order.version,
      shipBy: "2030-03-01",
      shippingAddress: "1 New Street",
      lines: [{ lineId: order.lines[0]!.id, quantity: 1 }],
      removeLines: [order.lines[1]!.id],
      addLines: [{ productId: extra.id, quantity: 2, unitPriceCents: 700 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lines.map((l: any) => [l.ordered, l.cancelled, l.remaining])).toEqual([
      [1, 0, 1],
      [1, 1, 0],
      [2, 0, 2],
    ]);
    const edited = res.body.events.find((e: any) => e.type === "edited");
    expect(edited.message).toBe("Edited shipping address, ship-by, removed lines, line quantities, added lines");
    expect(edited.data.diff).toMatchObject({
      shippingAddress: { from: null, to: "1 New Street" },
      shipBy: { from: null, to: "2030-03-01T00:00:00.000Z" },
      lines: { from: [{ quantity: 2 }], to: [{ quantity: 1 }] },
      removedLines: { from: [{ sku: spare.sku, quantity: 1 }], to: [{ sku: spare.sku, quantity: 0 }] },
      addedLines: { from: null, to: [{ sku: extra.sku, quantity: 2, unitPriceCents: 700 }] },
    });
    expect((await dbRows(`SELECT type FROM outbox_events WHERE payload->>'orderId' = $1`, [order.id])).map((r) => r.type)).toEqual(["order.edited"]);
    // The unit the edit released went to the next order by rank, in the same transaction.
    expect((await shop.staff.get(`/api/v1/orders/${waiting.id}`)).body.fulfillability).toBe("fulfillable");
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("a line cannot go below what shipped; a stale edit is 409; a channel that supports edits refuses in-app line edits", async () => {
    const shop = await buildShop(3);
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }]);
    const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] });
    const before = await orderRow(order.id);
    const below = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: shipped.body.order.version, lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] });
    expect(below.status).toBe(422);
    expect(below.body.error.details).toEqual([{ path: "lines.0.quantity", message: "At least 2" }]);
    const stale = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: order.version, shipBy: "2030-01-01" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect(await orderRow(order.id)).toEqual(before);

    const shopify = await buildShop(3, { kind: "shopify", supportsOrderEdits: true });
    const o2 = await shopify.order([{ productId: shopify.product.id, quantity: 1 }]);
    const refused = await shopify.manager.patch(`/api/v1/orders/${o2.id}`, { version: o2.version, lines: [{ lineId: o2.lines[0]!.id, quantity: 2 }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/change the lines in the store/);
    expect((await shopify.manager.patch(`/api/v1/orders/${o2.id}`, { version: o2.version, shipBy: "2030-01-01" })).status).toBe(200);
  });
});

describe("PUT /api/v1/channels/:channelId/orders/:externalId (store update)", () => {
  it("applies the store's new state; the same update again changes nothing", async () => {
    const shop = await buildShop(5, { kind: "shopify", supportsOrderEdits: true });
    const extra = await buildProduct(shop.admin);
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: extra.id, quantity: 1 });
    const order = await shop.order([{ productId: shop.product.id, quantity: 2, unitPriceCents: 1500 }], { externalId: "SHOP-1001" });
    const store = await integrationFor(shop.admin);
    const update = { shipBy: "2030-05-01", lines: [{ sku: shop.product.sku, quantity: 4, unitPriceCents: 1500 }, { sku: extra.sku, quantity: 1, unitPriceCents: 900 }] };

    const res = await store.put(`/api/v1/channels/${shop.channel.id}/orders/SHOP-1001`, update);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ changed: true, conflicts: 0 });
    expect(res.body.order.lines.map((l: any) => [l.sku, l.ordered, l.allocated, l.unitPriceCents])).toEqual([
      [shop.product.sku, 4, 4, 1500],
      [extra.sku, 1, 1, 900],
    ]);
    expect(res.body.order.version).toBe(order.version + 1);
    const edited = res.body.order.events.find((e: any) => e.type === "edited");
    expect(edited.message).toMatch(/^Edited in /);
    expect(edited.data).toMatchObject({ source: "store", diff: { lines: { from: [{ quantity: 2 }], to: [{ quantity: 4 }] }, shipBy: { from: null, to: "2030-05-01T00:00:00.000Z" } } });

    const before = await orderRow(order.id);
    // Replayed (a webhook delivered twice), with the lines in another order: nothing changes.
    const replay = await store.put(`/api/v1/channels/${shop.channel.id}/orders/SHOP-1001`, { lines: [...update.lines].reverse(), shipBy: "2030-05-01" });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ changed: false, conflicts: 0 });
    expect(await orderRow(order.id)).toEqual(before);

    // A line left out was removed in the store: its units are cancelled and go to others.
    const removed = await store.put(`/api/v1/channels/${shop.channel.id}/orders/SHOP-1001`, { lines: [{ sku: shop.product.sku, quantity: 4, unitPriceCents: 1500 }] });
    expect(removed.body.order.lines[1]).toMatchObject({ ordered: 1, cancelled: 1, remaining: 0 });
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("asks for fewer units than shipped: applies what it can, records a conflict on the order, shown until resolved", async () => {
    const shop = await buildShop(5, { supportsOrderEdits: true });
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }], { externalId: "SHOP-2002" });
    const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] });
    expect(shipped.status).toBe(201);

    const res = await shop.manager.put(`/api/v1/channels/${shop.channel.id}/orders/SHOP-2002`, { lines: [{ sku: shop.product.sku, quantity: 1, unitPriceCents: 1000 }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ changed: true, conflicts: 1 });
    expect(res.body.order.lines[0]).toMatchObject({ ordered: 3, shipped: 2, cancelled: 1, remaining: 0 });
    expect(res.body.order.status).toBe("shipped");
    expect(res.body.order.conflicts).toMatchObject([{ kind: "below_shipped", source: "store_update", resolvedAt: null, data: { requested: 1, shipped: 2 } }]);
    expect(res.body.order.conflicts[0].message).toMatch(/asks for 1 × .* but 2 already shipped/);
    expect(res.body.order.events.map((e: any) => e.type)).toContain("conflict");

    // A change to an order that is already shipped: nothing applied, recorded.
    const late = await shop.manager.put(`/api/v1/channels/${shop.channel.id}/orders/SHOP-2002`, { shippingAddress: "Elsewhere", lines: [{ sku: shop.product.sku, quantity: 2, unitPriceCents: 1000 }] });
    expect(late.body).toMatchObject({ changed: true, conflicts: 1 });
    expect(late.body.order.customer.shippingAddress).toBeNull();
    expect(late.body.order.conflicts.map((c: any) => c.kind)).toEqual(["order_closed", "below_shipped"]);

    const conflictId = res.body.order.conflicts[0].id;
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/conflicts/${conflictId}/resolve`, {})).status).toBe(403);
    const resolved = await shop.manager.post(`/api/v1/orders/${order.id}/conflicts/${conflictId}/resolve`, { note: "told the customer" });
    expect(resolved.status).toBe(200);
    expect(resolved.body.conflicts.find((c: any) => c.id === conflictId).resolvedAt).not.toBeNull();
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/conflicts/${conflictId}/resolve`, {})).status).toBe(422);
  });

  it("refuses bad input with nothing applied: unknown SKU, a channel without store edits, an unknown order, staff without a token", async () => {
    const shop = await buildShop(5, { supportsOrderEdits: true });
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }], { externalId: "SHOP-3003" });
    const before = await orderRow(order.id);
    const put = (client: ApiClient, body: unknown, ext = "SHOP-3003", channelId = shop.channel.id) => client.put(`/api/v1/channels/${channelId}/orders/${ext}`, body);

    const unknown = await put(shop.manager, { shipBy: "2030-01-01", lines: [{ sku: shop.product.sku, quantity: 2, unitPriceCents: 1 }, { sku: "NOPE", quantity: 1, unitPriceCents: 1 }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details[0].path).toBe("lines.1.sku");
    expect((await put(shop.manager, { lines: [] }, "SHOP-404")).status).toBe(404);
    expect((await put(shop.manager, { lines: [{ sku: shop.product.sku, quantity: -1, unitPriceCents: 1 }] })).status).toBe(400);
    expect((await put(shop.manager, { lines: [], discount: 1 })).status).toBe(400);
    expect((await put(shop.staff, { lines: [] })).status).toBe(403);
    expect(await orderRow(order.id)).toEqual(before);

    const amazon = await buildShop(5, { kind: "amazon", supportsOrderEdits: false });
    await amazon.order([{ productId: amazon.product.id, quantity: 1 }], { externalId: "AMZ-1" });
    const refused = await put(amazon.manager, { lines: [] }, "AMZ-1", amazon.channel.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/does not support order edits/);
  });
});

describe("another company's ids", () => {
  it("store update and conflict resolve are 404 for an outsider; the order is unchanged", async () => {
    const shop = await buildShop(5, { supportsOrderEdits: true });
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }], { externalId: "SHOP-4004" });
    await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] });
    const res = await shop.manager.put(`/api/v1/channels/${shop.channel.id}/orders/SHOP-4004`, { lines: [{ sku: shop.product.sku, quantity: 1, unitPriceCents: 1 }] });
    const conflictId = res.body.order.conflicts[0].id;
    const outsider = await signUpCompany("Outsider Ltd");
    const before = await orderRow(order.id);
    const conflictsBefore = await dbRows(`SELECT * FROM order_conflicts WHERE order_id = $1 ORDER BY id`, [order.id]);
    expect((await outsider.put(`/api/v1/channels/${shop.channel.id}/orders/SHOP-4004`, { lines: [] })).status).toBe(404);
    expect((await outsider.post(`/api/v1/orders/${order.id}/conflicts/${conflictId}/resolve`, {})).status).toBe(404);
    expect(await orderRow(order.id)).toEqual(before);
    expect(await dbRows(`SELECT * FROM order_conflicts WHERE order_id = $1 ORDER BY id`, [order.id])).toEqual(conflictsBefore);
  });
});
