// Pick lists and batch picking (issue 12, item 4): made from fulfillable orders of one
// warehouse (the others left out with why), grouped by bin and SKU in dealing order, picked by
// scan (a resent scan counts once), shipped order by order through the shipment service and
// the ledger; product bins; roles, another tenant's ids and bad input that changes nothing.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { addMember, type ApiClient } from "./client.ts";
import { buildLocation, buildProduct, buildStock, buildWarehouse, unique } from "./builders.ts";
import { buildOrder, buildShop, orderRow } from "./order-builders.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";

/** A shop with two binned products (A: 10 on hand in A-…-1, B: 10 in A-…-2) and a product C without a bin. */
async function buildPickShop() {
  const shop = await buildShop(0);
  const a = await buildProduct(shop.admin, { barcode: unique("BAR-") });
  await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: a.id, quantity: 10 });
  const b = await buildProduct(shop.admin, { barcode: unique("BAR-") });
  const c = await buildProduct(shop.admin, { barcode: unique("BAR-") });
  await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: b.id, quantity: 10 });
  await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: c.id, quantity: 10 });
  const stem = unique("A-");
  const binA = await buildLocation(shop.admin, { warehouseId: shop.warehouse.id, kind: "pick", code: `${stem}-1` });
  const binB = await buildLocation(shop.admin, { warehouseId: shop.warehouse.id, kind: "bulk", code: `${stem}-2` });
  for (const [product, bin] of [
    [a, binA],
    [b, binB],
  ] as const) {
    const set = await shop.manager.put(`/api/v1/products/${product.id}/locations/${shop.warehouse.id}`, { locationId: bin.id });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
  }
  return { ...shop, a, b, c, binA, binB };
}
type PickShop = Awaited<ReturnType<typeof buildPickShop>>;

const create = (client: ApiClient, orderIds: string[], key: string = crypto.randomUUID()) => client.post("/api/v1/pick-lists", { orderIds }, { "idempotency-key": key });
const scan = (client: ApiClient, listId: string, code: string, extra: { scanId?: string; locationCode?: string } = {}) =>
  client.post(`/api/v1/pick-lists/${listId}/scans`, { scanId: extra.scanId ?? crypto.randomUUID(), code, ...(extra.locationCode ? { locationCode: extra.locationCode } : {}) });

async function listRows(listId: string) {
  return {
    list: await dbRows("SELECT number, status::text, closed_at IS NULL AS open FROM pick_lists WHERE id = $1", [listId]),
    orders: await dbRows("SELECT order_id::text, state::text, shipment_id::text, note FROM pick_list_orders WHERE pick_list_id = $1 ORDER BY position", [listId]),
    lines: await dbRows("SELECT line_id::text, quantity, picked FROM pick_list_lines WHERE pick_list_id = $1 ORDER BY line_id", [listId]),
    scans: await dbRows("SELECT count(*)::int AS n FROM pick_list_scans WHERE pick_list_id = $1", [listId]),
  };
}

const movementCount = async (tenantId: string) => Number((await dbRows("SELECT count(*)::int AS n FROM stock_movements WHERE tenant_id = $1", [tenantId]))[0]!.n);

describe("making a pick list", () => {
  it("takes fulfillable orders of one warehouse, leaves out the rest with why, and groups by bin and SKU in dealing order", async () => {
    const shop = await buildPickShop();
    const outsider = await buildShop(5);
    const late = await shop.order([{ productId: shop.a.id, quantity: 2 }, { productId: shop.c.id, quantity: 1 }], { shipBy: "2030-03-01T00:00:00.000Z" });
    const urgent = await shop.order([{ productId: shop.a.id, quantity: 1 }, { productId: shop.b.id, quantity: 3 }], { priority: 5 });
    const soon = await shop.order([{ productId: shop.a.id, quantity: 1 }], { shipBy: "2030-01-01T00:00:00.000Z" });
    const short = await shop.order([{ productId: shop.b.id, quantity: 50 }]); // partially fulfillable
    const otherWarehouse = await buildWarehouse(shop.admin);
    await buildStock(shop.admin, { warehouseId: otherWarehouse.id, productId: shop.a.id, quantity: 1 });
    const elsewhere = await buildOrder(shop.admin, { warehouseId: otherWarehouse.id, lines: [{ productId: shop.a.id, quantity: 1 }] });
    expect(elsewhere.fulfillability).toBe("fulfillable");
    const theirs = await outsider.order([{ productId: outsider.product.id, quantity: 1 }]);
    const unknown = crypto.randomUUID();

    const res = await create(shop.staff, [late.id, short.id, urgent.id, elsewhere.id, theirs.id, unknown, soon.id]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const list = res.body.pickList;
    expect(list.number).toMatch(/^PL-\d{6}$/);
    expect(list).toMatchObject({ status: "open", warehouse: { id: shop.warehouse.id }, orderCount: 3, openOrders: 3, units: 8, picked: 0 });
    // Dealing order: priority first, then the earliest ship-by.
    expect(list.orders.map((o: any) => o.number)).toEqual([urgent.number, soon.number, late.number]);
    expect(res.body.leftOut).toEqual([
      { orderId: short.id, number: short.number, reason: "not_fulfillable", message: expect.stringContaining("partially fulfillable") },
      { orderId: elsewhere.id, number: elsewhere.number, reason: "other_warehouse", message: expect.any(String) },
      // Another company's order reads exactly like an id that does not exist.
      { orderId: theirs.id, number: null, reason: "not_found", message: "Order not found" },
      { orderId: unknown, number: null, reason: "not_found", message: "Order not found" },
    ]);
    // By bin code (none last), then SKU; within a group the units go in dealing order.
    expect(list.groups.map((g: any) => [g.location?.code ?? null, g.sku, g.quantity])).toEqual([
      [shop.binA.code, shop.a.sku, 4],
      [shop.binB.code, shop.b.sku, 3],
      [null, shop.c.sku, 1],
    ]);
    expect(list.groups[0].drops.map((d: any) => [d.orderNumber, d.quantity])).toEqual([
      [urgent.number, 1],
      [soon.number, 1],
      [late.number, 2],
    ]);

    // The same orders cannot go on a second open list; the read answers the same as the create.
    const again = await create(shop.staff, [soon.id]);
    expect(again.status).toBe(422);
    expect(again.body.error.details).toEqual([expect.objectContaining({ path: "orderIds.0", reason: "on_open_pick_list", message: expect.stringContaining(list.number) })]);
    const read = await shop.staff.get(`/api/v1/pick-lists/${list.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(list);
  });

  it("is idempotent: a retry with the key returns the same list; the key with other orders is refused", async () => {
    const shop = await buildPickShop();
    const one = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    const two = await shop.order([{ productId: shop.b.id, quantity: 1 }]);
    const key = crypto.randomUUID();
    const first = await create(shop.staff, [one.id], key);
    const retry = await create(shop.staff, [one.id], key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.pickList.id).toBe(first.body.pickList.id);
    expect(await dbRows("SELECT count(*)::int AS n FROM pick_lists WHERE tenant_id = $1", [shop.admin.tenantId])).toEqual([{ n: 1 }]);
    const mismatch = await create(shop.staff, [two.id], key);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe("idempotency_mismatch");
    expect(await dbRows("SELECT count(*)::int AS n FROM pick_lists WHERE tenant_id = $1", [shop.admin.tenantId])).toEqual([{ n: 1 }]);
  });

  it("bad input is 400 naming the field and makes nothing", async () => {
    const shop = await buildPickShop();
    const order = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    expectInvalid(await shop.staff.post("/api/v1/pick-lists", { orderIds: [] }), "orderIds");
    expectInvalid(await shop.staff.post("/api/v1/pick-lists", { orderIds: ["SO-1"] }), "orderIds.0");
    expectInvalid(await shop.staff.post("/api/v1/pick-lists", { orderIds: [order.id, order.id] }), "orderIds");
    expectInvalid(await shop.staff.post("/api/v1/pick-lists", { orderIds: [order.id], warehouseId: shop.warehouse.id }), "");
    expectInvalid(await shop.staff.get("/api/v1/pick-lists/not-a-uuid"), "pickListId");
    expectInvalid(await shop.staff.get("/api/v1/pick-lists?status=done"), "status");
    expectInvalid(await shop.staff.get("/api/v1/pick-lists?cursor=zzz"), "cursor");
    expect(await dbRows("SELECT count(*)::int AS n FROM pick_lists WHERE tenant_id = $1", [shop.admin.tenantId])).toEqual([{ n: 0 }]);
    // Nothing that can go on a list: 422 naming each order, no list.
    const held = await shop.order([{ productId: shop.b.id, quantity: 99 }]);
    const none = await create(shop.staff, [held.id]);
    expect(none.status).toBe(422);
    expect(none.body.error.details).toEqual([expect.objectContaining({ path: "orderIds.0", reason: "not_fulfillable" })]);
    expect(await dbRows("SELECT count(*)::int AS n FROM pick_lists WHERE tenant_id = $1", [shop.admin.tenantId])).toEqual([{ n: 0 }]);
  });

  it("lists open lists first, then the newest, page by page", async () => {
    const shop = await buildPickShop();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const order = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
      ids.push((await create(shop.staff, [order.id])).body.pickList.id);
    }
    expect((await shop.staff.post(`/api/v1/pick-lists/${ids[1]}/cancel`, {})).status).toBe(200);
    const page1 = await shop.staff.get("/api/v1/pick-lists?limit=2");
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((l: any) => l.id)).toEqual([ids[2], ids[0]]);
    const page2 = await shop.staff.get(`/api/v1/pick-lists?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((l: any) => [l.id, l.status])).toEqual([[ids[1], "cancelled"]]);
    expect(page2.body.nextCursor).toBeNull();
    const open = await shop.staff.get("/api/v1/pick-lists?status=open");
    expect(open.body.items.map((l: any) => l.id)).toEqual([ids[2], ids[0]]);
  });
});

describe("picking by scan", () => {
  it("each scan records one unit for the first order waiting for it; a resent scan counts once; wrong and extra scans are refused", async () => {
    const shop = await buildPickShop();
    const first = await shop.order([{ productId: shop.a.id, quantity: 1 }], { priority: 9 });
    const second = await shop.order([{ productId: shop.a.id, quantity: 1 }, { productId: shop.b.id, quantity: 1 }]);
    const list = (await create(shop.staff, [second.id, first.id])).body.pickList;

    const byBarcode = await scan(shop.staff, list.id, shop.a.barcode!, { scanId: "scan-1" });
    expect(byBarcode.status, JSON.stringify(byBarcode.body)).toBe(200);
    expect(byBarcode.body.scan).toMatchObject({ sku: shop.a.sku, locationCode: shop.binA.code, orderNumber: first.number, repeated: false });
    const resent = await scan(shop.staff, list.id, shop.a.barcode!, { scanId: "scan-1" });
    expect(resent.status).toBe(200);
    expect(resent.body.scan).toMatchObject({ orderNumber: first.number, repeated: true });
    expect(resent.body.pickList.picked).toBe(1);

    // The SKU in any case, with the bin's code: the next unit goes to the second order.
    const bySku = await scan(shop.staff, list.id, shop.a.sku.toLowerCase(), { locationCode: shop.binA.code.toLowerCase() });
    expect(bySku.body.scan).toMatchObject({ orderNumber: second.number });
    const snapshot = await listRows(list.id);
    const extra = await scan(shop.staff, list.id, shop.a.barcode!);
    expect(extra.status).toBe(422);
    expect(extra.body.error.message).toContain("are picked");
    const wrong = await scan(shop.staff, list.id, "NOT-ON-LIST");
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain("is not on pick list");
    const wrongBin = await scan(shop.staff, list.id, shop.b.sku, { locationCode: shop.binA.code });
    expect(wrongBin.status).toBe(422);
    expect(wrongBin.body.error.message).toContain(shop.binB.code);
    expectInvalid(await shop.staff.post(`/api/v1/pick-lists/${list.id}/scans`, { code: shop.a.sku }), "scanId");
    expectInvalid(await shop.staff.post(`/api/v1/pick-lists/${list.id}/scans`, { scanId: "x", code: "" }), "code");
    expect(await listRows(list.id)).toEqual(snapshot);

    // Progress is on the server: a new read shows it.
    const read = await shop.staff.get(`/api/v1/pick-lists/${list.id}`);
    expect(read.body.picked).toBe(2);
    expect(read.body.orders.map((o: any) => [o.number, o.picked, o.units, o.complete])).toEqual([
      [first.number, 1, 1, true],
      [second.number, 1, 2, false],
    ]);
  });
});

describe("a resent scan", () => {
  it("after its order was released (and the list completed) reads back what it recorded and counts nothing", async () => {
    const shop = await buildPickShop();
    const order = await shop.order([{ productId: shop.a.id, quantity: 2 }]);
    const list = (await create(shop.staff, [order.id])).body.pickList;
    expect((await scan(shop.staff, list.id, shop.a.sku, { scanId: "once" })).status).toBe(200);
    expect((await shop.staff.post(`/api/v1/pick-lists/${list.id}/orders/${order.id}/release`, {})).body.status).toBe("completed");
    const before = await listRows(list.id);
    const resent = await scan(shop.staff, list.id, shop.a.sku, { scanId: "once" });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body.scan).toMatchObject({ lineId: order.lines[0]!.id, orderNumber: order.number, repeated: true });
    expect(await listRows(list.id)).toEqual(before);
  });
});

describe("at the same time", () => {
  it("two lists made at once from the same order: one takes it, the other leaves it out", async () => {
    const shop = await buildPickShop();
    const order = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    const [one, two] = await Promise.all([create(shop.staff, [order.id]), create(shop.manager, [order.id])]);
    expect([one.status, two.status].sort()).toEqual([201, 422]);
    const refused = one.status === 422 ? one : two;
    expect(refused.body.error.details).toEqual([expect.objectContaining({ reason: "on_open_pick_list" })]);
    expect(await dbRows("SELECT count(*)::int AS n FROM pick_list_orders WHERE order_id = $1", [order.id])).toEqual([{ n: 1 }]);
  });

  it("scans sent together for the last units: each unit is counted once, the extra one refused", async () => {
    const shop = await buildPickShop();
    const order = await shop.order([{ productId: shop.a.id, quantity: 2 }]);
    const list = (await create(shop.staff, [order.id])).body.pickList;
    const results = await Promise.all([1, 2, 3].map(() => scan(shop.staff, list.id, shop.a.sku)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 422]);
    expect((await listRows(list.id)).lines).toEqual([{ line_id: order.lines[0]!.id, quantity: 2, picked: 2 }]);
  });
});

describe("shipping completed orders", () => {
  it("ships only the fully picked orders, through the ledger, once; reports what could not ship; completes when none is left open", async () => {
    const shop = await buildPickShop();
    const done = await shop.order([{ productId: shop.a.id, quantity: 2 }, { productId: shop.b.id, quantity: 1 }], { priority: 3 });
    const half = await shop.order([{ productId: shop.b.id, quantity: 2 }], { priority: 2 });
    const taken = await shop.order([{ productId: shop.c.id, quantity: 10 }], { priority: 1 });
    const list = (await create(shop.staff, [done.id, half.id, taken.id])).body.pickList;
    for (const code of [shop.a.barcode!, shop.a.sku, shop.b.barcode!, shop.b.barcode!]) expect((await scan(shop.staff, list.id, code)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await scan(shop.staff, list.id, shop.c.sku)).status).toBe(200);
    // Meanwhile stock of C is counted down: the picked order can no longer be promised.
    expect((await shop.admin.post("/api/v1/stock/adjustments", { warehouseId: shop.warehouse.id, productId: shop.c.id, quantity: -4, reason: "damaged" })).status).toBe(201);
    const takenBefore = await orderRow(taken.id);
    const halfBefore = await orderRow(half.id);
    const onHand = async (productId: string) => (await dbRows("SELECT on_hand FROM stock_levels WHERE product_id = $1", [productId]))[0]!.on_hand;
    const movementsBefore = await movementCount(shop.admin.tenantId!);

    const res = await shop.staff.post(`/api/v1/pick-lists/${list.id}/ship`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.shipped).toEqual([{ orderId: done.id, number: done.number, shipmentId: expect.any(String), shipmentNumber: expect.stringMatching(/^SH-/) }]);
    expect(res.body.notShipped).toEqual([{ orderId: taken.id, number: taken.number, message: expect.stringContaining("allocated") }]);
    expect(res.body.notPicked).toBe(1);
    expect(res.body.pickList.status).toBe("open");
    expect(res.body.pickList.orders.find((o: any) => o.orderId === done.id)).toMatchObject({ state: "shipped", shipmentNumber: res.body.shipped[0].shipmentNumber });
    expect(res.body.pickList.orders.find((o: any) => o.orderId === taken.id)).toMatchObject({ state: "open", note: expect.stringContaining("allocated") });

    // The shipped order went through the shipment service and the ledger; the others are untouched.
    expect((await orderRow(done.id)).status).toBe("shipped");
    expect(await onHand(shop.a.id)).toBe(8);
    expect(await onHand(shop.b.id)).toBe(9);
    expect(await movementCount(shop.admin.tenantId!)).toBe(movementsBefore + 2);
    expect(await dbRows("SELECT kind::text, quantity, cause_type FROM stock_movements WHERE cause_id = $1 ORDER BY quantity", [res.body.shipped[0].shipmentId])).toEqual([
      { kind: "shipment", quantity: -2, cause_type: "shipment" },
      { kind: "shipment", quantity: -1, cause_type: "shipment" },
    ]);
    expect(await orderRow(taken.id)).toEqual(takenBefore);
    expect(await orderRow(half.id)).toEqual(halfBefore);
    // One key per order, derived from the list.
    expect(await dbRows("SELECT key FROM idempotency_keys WHERE tenant_id = $1 AND key LIKE 'pick-list:%'", [shop.admin.tenantId])).toEqual([{ key: `pick-list:${list.id}:ship:${done.id}` }]);

    // Again: nothing ships twice.
    const again = await shop.staff.post(`/api/v1/pick-lists/${list.id}/ship`, {});
    expect(again.status).toBe(200);
    expect(again.body.shipped).toEqual([]);
    expect(await movementCount(shop.admin.tenantId!)).toBe(movementsBefore + 2);
    expect(await dbRows("SELECT count(*)::int AS n FROM shipments WHERE order_id = $1", [done.id])).toEqual([{ n: 1 }]);

    // Released orders leave the list; with none open it is completed.
    const released = await shop.staff.post(`/api/v1/pick-lists/${list.id}/orders/${taken.id}/release`, { reason: "short after the count" });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe("open");
    const last = await shop.staff.post(`/api/v1/pick-lists/${list.id}/orders/${half.id}/release`, {});
    expect(last.body.status).toBe("completed");
    expect(last.body.closedAt).not.toBeNull();
    expect((await shop.staff.post(`/api/v1/pick-lists/${list.id}/orders/${half.id}/release`, {})).status).toBe(422);
    expect((await scan(shop.staff, list.id, shop.b.sku)).status).toBe(422);
    // The released orders may go on a new list.
    expect((await create(shop.staff, [half.id])).status).toBe(201);
  });

  it("nothing fully picked: 422 and nothing moves; a cancelled list frees its orders", async () => {
    const shop = await buildPickShop();
    const order = await shop.order([{ productId: shop.a.id, quantity: 2 }]);
    const list = (await create(shop.staff, [order.id])).body.pickList;
    await scan(shop.staff, list.id, shop.a.sku);
    const before = await movementCount(shop.admin.tenantId!);
    const res = await shop.staff.post(`/api/v1/pick-lists/${list.id}/ship`, {});
    expect(res.status).toBe(422);
    expect(await movementCount(shop.admin.tenantId!)).toBe(before);
    const cancelled = await shop.staff.post(`/api/v1/pick-lists/${list.id}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", openOrders: 0 });
    expect((await shop.staff.post(`/api/v1/pick-lists/${list.id}/cancel`, {})).status).toBe(422);
    expect((await shop.staff.post(`/api/v1/pick-lists/${list.id}/ship`, {})).status).toBe(422);
    expect((await create(shop.staff, [order.id])).status).toBe(201);
  });
});

describe("product bins", () => {
  it("managers set a pick or bulk location of the warehouse; it shows per order line; wrong places are refused", async () => {
    const shop = await buildPickShop();
    const bins = await shop.staff.get(`/api/v1/products/${shop.a.id}/locations`);
    expect(bins.status).toBe(200);
    expect(bins.body.items).toEqual([{ warehouse: { id: shop.warehouse.id, code: shop.warehouse.code, name: shop.warehouse.name }, location: { id: shop.binA.id, code: shop.binA.code, kind: "pick" } }]);
    const order = await shop.order([{ productId: shop.a.id, quantity: 1 }, { productId: shop.c.id, quantity: 1 }]);
    const perLine = await shop.staff.get(`/api/v1/orders/${order.id}/pick-locations`);
    expect(perLine.body.items).toEqual([
      { lineId: order.lines[0]!.id, productId: shop.a.id, location: { id: shop.binA.id, code: shop.binA.code } },
      { lineId: order.lines[1]!.id, productId: shop.c.id, location: null },
    ]);

    const staging = await buildLocation(shop.admin, { warehouseId: shop.warehouse.id, kind: "staging" });
    const otherWarehouseBin = await buildLocation(shop.admin, { kind: "pick" });
    const url = `/api/v1/products/${shop.c.id}/locations/${shop.warehouse.id}`;
    expect((await shop.manager.put(url, { locationId: staging.id })).status).toBe(422);
    expect((await shop.manager.put(url, { locationId: otherWarehouseBin.id })).status).toBe(422);
    expect((await shop.manager.put(url, { locationId: crypto.randomUUID() })).status).toBe(404);
    expectInvalid(await shop.manager.put(url, { locationId: "A-01" }), "locationId");
    expectInvalid(await shop.manager.put(url, {}), "locationId");
    expect((await shop.staff.put(url, { locationId: shop.binB.id })).status).toBe(403);
    expect(await dbRows("SELECT count(*)::int AS n FROM product_locations WHERE product_id = $1", [shop.c.id])).toEqual([{ n: 0 }]);
    expect((await shop.manager.put(url, { locationId: shop.binB.id })).body.location).toEqual({ id: shop.binB.id, code: shop.binB.code, kind: "bulk" });
    expect((await shop.manager.put(url, { locationId: null })).body.location).toBeNull();
    expect(await dbRows("SELECT count(*)::int AS n FROM product_locations WHERE product_id = $1", [shop.c.id])).toEqual([{ n: 0 }]);
  });
});

interface GuardFixture {
  tenants: TenantPair;
  shop: PickShop;
  listId: string;
  orderId: string;
}

describeGuards<GuardFixture>(
  "pick list guards",
  async () => {
    const tenants = await tenantPair();
    const shop = await buildPickShop();
    // The pair's owner is the shop's admin, so members and outsiders compare against the shop's rows.
    const owner: TenantPair = { owner: shop.admin, outsider: tenants.outsider, member: (role) => (role === "staff" ? Promise.resolve(shop.staff) : role === "manager" ? Promise.resolve(shop.manager) : addMember(shop.admin, role)) };
    const order = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    const list = (await create(shop.staff, [order.id])).body.pickList;
    return { tenants: owner, shop, listId: list.id, orderId: order.id };
  },
  [
    { name: "POST /pick-lists", call: (c, f) => create(c, [f.orderId]), deniedRole: "purchaser", snapshot: (f) => listRows(f.listId) },
    { name: "GET /pick-lists", call: (c) => c.get("/api/v1/pick-lists") },
    { name: "GET /pick-lists/:id", call: (c, f) => c.get(`/api/v1/pick-lists/${f.listId}`), outsider: true, snapshot: (f) => listRows(f.listId) },
    { name: "POST /pick-lists/:id/scans", call: (c, f) => scan(c, f.listId, f.shop.a.sku), deniedRole: "purchaser", outsider: true, snapshot: (f) => listRows(f.listId) },
    { name: "POST /pick-lists/:id/ship", call: (c, f) => c.post(`/api/v1/pick-lists/${f.listId}/ship`, {}), deniedRole: "purchaser", outsider: true, snapshot: (f) => listRows(f.listId) },
    { name: "POST /pick-lists/:id/orders/:orderId/release", call: (c, f) => c.post(`/api/v1/pick-lists/${f.listId}/orders/${f.orderId}/release`, {}), deniedRole: "purchaser", outsider: true, snapshot: (f) => listRows(f.listId) },
    { name: "POST /pick-lists/:id/cancel", call: (c, f) => c.post(`/api/v1/pick-lists/${f.listId}/cancel`, {}), deniedRole: "purchaser", outsider: true, snapshot: (f) => listRows(f.listId) },
    { name: "GET /products/:id/locations", call: (c, f) => c.get(`/api/v1/products/${f.shop.a.id}/locations`), outsider: true, snapshot: (f) => dbRows("SELECT location_id::text FROM product_locations WHERE product_id = $1", [f.shop.a.id]) },
    {
      name: "PUT /products/:id/locations/:warehouseId",
      call: (c, f) => c.put(`/api/v1/products/${f.shop.a.id}/locations/${f.shop.warehouse.id}`, { locationId: f.shop.binB.id }),
      deniedRole: "staff",
      outsider: true,
      snapshot: (f) => dbRows("SELECT location_id::text FROM product_locations WHERE product_id = $1", [f.shop.a.id]),
    },
    { name: "GET /orders/:id/pick-locations", call: (c, f) => c.get(`/api/v1/orders/${f.orderId}/pick-locations`), outsider: true, snapshot: (f) => orderRow(f.orderId).then((r) => [r]) },
  ],
);

describe("another tenant's orders", () => {
  it("an outsider naming the owner's orders makes no list and learns nothing but not found", async () => {
    const shop = await buildPickShop();
    const outsider = await buildShop(1);
    const order = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    const before = await orderRow(order.id);
    const res = await create(outsider.staff, [order.id]);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ reason: "not_found", message: "Order not found" })]);
    expect(await dbRows("SELECT count(*)::int AS n FROM pick_lists WHERE tenant_id = $1", [outsider.admin.tenantId])).toEqual([{ n: 0 }]);
    expect(await orderRow(order.id)).toEqual(before);
  });
});
