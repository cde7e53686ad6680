import { describe, expect, it } from "vitest";
import { buildChannel, buildProduct, buildStock, buildStockedProduct, buildWarehouse, unique } from "./builders.ts";
import { addMember, signUpCompany } from "./client.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";
import { insertOpenOrder, lineAllocated } from "./sql-fixtures.ts";

const ledger = (warehouseId: string, productId: string) =>
  dbRows("SELECT kind, quantity, reason FROM stock_movements WHERE warehouse_id = $1 AND product_id = $2 ORDER BY created_at, id", [warehouseId, productId]);
const level = async (warehouseId: string, productId: string) =>
  (await dbRows("SELECT on_hand, allocated FROM stock_levels WHERE warehouse_id = $1 AND product_id = $2", [warehouseId, productId]))[0];

describe("stock adjustments", () => {
  it("adjusts on hand through the ledger and answers with the movement and the level", async () => {
    const admin = await signUpCompany();
    const staff = await addMember(admin, "staff");
    const warehouse = await buildWarehouse(admin);
    const product = await buildProduct(admin);
    const res = await staff.post("/api/v1/stock/adjustments", { warehouseId: warehouse.id, productId: product.id, quantity: 10, reason: "found a pallet" });
    expect(res.status).toBe(201);
    expect(res.body.movement).toMatchObject({
      warehouseId: warehouse.id,
      warehouseCode: warehouse.code,
      productId: product.id,
      sku: product.sku,
      kind: "adjustment",
      quantity: 10,
      reason: "found a pallet",
      createdBy: { id: staff.userId, name: "staff person" },
    });
    expect(res.body.level).toMatchObject({ onHand: 10, allocated: 0, available: 10, sku: product.sku, warehouseCode: warehouse.code });

    const out = await staff.post("/api/v1/stock/adjustments", { warehouseId: warehouse.id, productId: product.id, quantity: -4, reason: "damaged" });
    expect(out.status).toBe(201);
    expect(out.body.level.onHand).toBe(6);
    expect(await ledger(warehouse.id, product.id)).toEqual([
      { kind: "adjustment", quantity: 10, reason: "found a pallet" },
      { kind: "adjustment", quantity: -4, reason: "damaged" },
    ]);
    expect(await level(warehouse.id, product.id)).toEqual({ on_hand: 6, allocated: 0 });
  });

  it("refuses taking more than is on hand (409) and changes nothing", async () => {
    const admin = await signUpCompany();
    const { warehouse, product } = await buildStockedProduct(admin, 3);
    const res = await admin.post("/api/v1/stock/adjustments", { warehouseId: warehouse.id, productId: product.id, quantity: -4, reason: "lost" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("insufficient_stock");
    expect(await ledger(warehouse.id, product.id)).toHaveLength(1);
    expect(await level(warehouse.id, product.id)).toEqual({ on_hand: 3, allocated: 0 });
  });

  it("with an Idempotency-Key, a retry returns the first result and moves nothing", async () => {
    const admin = await signUpCompany();
    const warehouse = await buildWarehouse(admin);
    const product = await buildProduct(admin);
    const body = { warehouseId: warehouse.id, productId: product.id, quantity: 5, reason: "receipt without PO" };
    const key = { "idempotency-key": unique("adj-") };
    const first = await admin.post("/api/v1/stock/adjustments", body, key);
    const retry = await admin.post("/api/v1/stock/adjustments", body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.movement.id).toBe(first.body.movement.id);
    expect(await ledger(warehouse.id, product.id)).toHaveLength(1);
    expect(await level(warehouse.id, product.id)).toEqual({ on_hand: 5, allocated: 0 });
  });

  it("lets the engine hand new stock to waiting orders in the same request", async () => {
    const admin = await signUpCompany();
    const warehouse = await buildWarehouse(admin);
    const product = await buildProduct(admin);
    const channel = await buildChannel(admin, { defaultWarehouseId: warehouse.id });
    const order = await insertOpenOrder({ tenantId: admin.tenantId!, channelId: channel.id, warehouseId: warehouse.id, lines: [{ productId: product.id, quantity: 3 }] });

    const res = await admin.post("/api/v1/stock/adjustments", { warehouseId: warehouse.id, productId: product.id, quantity: 2, reason: "found" });
    expect(res.status).toBe(201);
    expect(res.body.level).toMatchObject({ onHand: 2, allocated: 2, available: 0 });
    expect(await lineAllocated(order.lineIds[0]!)).toBe(2);
    const [row] = await dbRows("SELECT fulfillability FROM sales_orders WHERE id = $1", [order.orderId]);
    expect(row!.fulfillability).toBe("partially_fulfillable");
  });

  it("refuses another tenant's warehouse or product with 404 and moves nothing", async () => {
    const admin = await signUpCompany();
    const outsider = await signUpCompany();
    const { warehouse, product } = await buildStockedProduct(admin, 4);
    const ownWarehouse = await buildWarehouse(outsider);
    const ownProduct = await buildProduct(outsider);
    const a = await outsider.post("/api/v1/stock/adjustments", { warehouseId: warehouse.id, productId: ownProduct.id, quantity: 1, reason: "x" });
    expect(a.status).toBe(404);
    const b = await outsider.post("/api/v1/stock/counts", { warehouseId: ownWarehouse.id, productId: product.id, countedQuantity: 0 });
    expect(b.status).toBe(404);
    expect(await dbRows("SELECT 1 FROM stock_movements WHERE product_id = $1 OR warehouse_id = $2", [ownProduct.id, ownWarehouse.id])).toEqual([]);
    expect(await level(warehouse.id, product.id)).toEqual({ on_hand: 4, allocated: 0 });
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    const { warehouse, product } = await buildStockedProduct(admin, 0);
    const base = { warehouseId: warehouse.id, productId: product.id };
    expectInvalid(await admin.post("/api/v1/stock/adjustments", { ...base, quantity: 0, reason: "x" }), "quantity");
    expectInvalid(await admin.post("/api/v1/stock/adjustments", { ...base, quantity: 1.5, reason: "x" }), "quantity");
    expectInvalid(await admin.post("/api/v1/stock/adjustments", { ...base, quantity: 1 }), "reason");
    expectInvalid(await admin.post("/api/v1/stock/adjustments", { ...base, warehouseId: "w1", quantity: 1, reason: "x" }), "warehouseId");
    expect((await admin.post("/api/v1/stock/adjustments", { ...base, quantity: 1, reason: "x", onHand: 100 })).status).toBe(400);
    expectInvalid(await admin.post("/api/v1/stock/counts", { ...base, countedQuantity: -1 }), "countedQuantity");
    expectInvalid(await admin.post("/api/v1/stock/counts", { ...base }), "countedQuantity");
    expectInvalid(await admin.post("/api/v1/stock/counts", { warehouseId: warehouse.id, countedQuantity: 1 }), "productId");
    expect((await admin.post("/api/v1/stock/counts", { ...base, countedQuantity: 1, kind: "receipt" })).status).toBe(400);
    expectInvalid(await admin.get("/api/v1/stock?warehouseId=nope"), "warehouseId");
    expectInvalid(await admin.get("/api/v1/stock?cursor=abc"), "cursor");
    expectInvalid(await admin.get("/api/v1/stock/movements?productId=nope"), "productId");
    expectInvalid(await admin.get("/api/v1/stock/movements?cursor=abc"), "cursor");
    expect(await ledger(warehouse.id, product.id)).toEqual([]);
  });
});

describe("stock counts", () => {
  it("records the difference as a count movement, and none when the count agrees", async () => {
    const admin = await signUpCompany();
    const manager = await addMember(admin, "manager");
    const { warehouse, product } = await buildStockedProduct(admin, 10);
    const res = await manager.post("/api/v1/stock/counts", { warehouseId: warehouse.id, productId: product.id, countedQuantity: 7, reason: "cycle count" });
    expect(res.status).toBe(201);
    expect(res.body.movement).toMatchObject({ kind: "count", quantity: -3, reason: "cycle count", createdBy: { id: manager.userId } });
    expect(res.body.level).toMatchObject({ onHand: 7, available: 7 });

    const same = await manager.post("/api/v1/stock/counts", { warehouseId: warehouse.id, productId: product.id, countedQuantity: 7 });
    expect(same.status).toBe(201);
    expect(same.body.movement).toBeNull();
    expect(same.body.level.onHand).toBe(7);

    const fresh = await buildProduct(admin);
    const first = await manager.post("/api/v1/stock/counts", { warehouseId: warehouse.id, productId: fresh.id, countedQuantity: 4 });
    expect(first.body.movement).toMatchObject({ kind: "count", quantity: 4 });
    expect(await ledger(warehouse.id, product.id)).toEqual([
      { kind: "adjustment", quantity: 10, reason: "test stock" },
      { kind: "count", quantity: -3, reason: "cycle count" },
    ]);
    const [sum] = await dbRows("SELECT sum(quantity)::int AS total FROM stock_movements WHERE warehouse_id = $1 AND product_id = $2", [warehouse.id, product.id]);
    expect(sum!.total).toBe((await level(warehouse.id, product.id))!.on_hand);
  });
});

describe("stock levels and the ledger", () => {
  it("lists levels with sku, warehouse code and available, filtered and paged", async () => {
    const admin = await signUpCompany();
    const purchaser = await addMember(admin, "purchaser");
    const tag = unique("lv");
    const w1 = await buildWarehouse(admin, { code: `${tag}-1` });
    const w2 = await buildWarehouse(admin, { code: `${tag}-2` });
    const a = await buildProduct(admin, { sku: `${tag}-A`, name: "Apple" });
    const b = await buildProduct(admin, { sku: `${tag}-B`, name: "Banana" });
    await buildStock(admin, { warehouseId: w1.id, productId: a.id, quantity: 5 });
    await buildStock(admin, { warehouseId: w2.id, productId: a.id, quantity: 2 });
    await buildStock(admin, { warehouseId: w1.id, productId: b.id, quantity: 9 });
    const outsider = await signUpCompany();
    await buildStockedProduct(outsider, 1);

    const all = await purchaser.get(`/api/v1/stock?q=${tag}&limit=2`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((l: any) => [l.sku, l.warehouseCode, l.onHand, l.available])).toEqual([
      [a.sku, w1.code, 5, 5],
      [a.sku, w2.code, 2, 2],
    ]);
    const next = await purchaser.get(`/api/v1/stock?q=${tag}&limit=2&cursor=${all.body.nextCursor}`);
    expect(next.body.items.map((l: any) => [l.sku, l.warehouseCode])).toEqual([[b.sku, w1.code]]);
    expect(next.body.nextCursor).toBeNull();

    const inW2 = await purchaser.get(`/api/v1/stock?warehouseId=${w2.id}`);
    expect(inW2.body.items).toEqual([expect.objectContaining({ productId: a.id, productName: "Apple", warehouseId: w2.id, onHand: 2, allocated: 0 })]);
    expect((await outsider.get(`/api/v1/stock?warehouseId=${w2.id}`)).body.items).toEqual([]);
    expect((await purchaser.get("/api/v1/stock?q=Banana")).body.items.map((l: any) => l.productId)).toEqual([b.id]);
  });

  it("lists the ledger newest first with who and cause, filtered and paged", async () => {
    const admin = await signUpCompany();
    const staff = await addMember(admin, "staff");
    const { warehouse, product } = await buildStockedProduct(admin, 10);
    await staff.post("/api/v1/stock/adjustments", { warehouseId: warehouse.id, productId: product.id, quantity: -1, reason: "broken" });
    await staff.post("/api/v1/stock/counts", { warehouseId: warehouse.id, productId: product.id, countedQuantity: 8 });
    const other = await buildStockedProduct(admin, 1);

    const page1 = await staff.get(`/api/v1/stock/movements?productId=${product.id}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((m: any) => [m.kind, m.quantity])).toEqual([
      ["count", -1],
      ["adjustment", -1],
    ]);
    expect(page1.body.items[0]).toMatchObject({ createdBy: { id: staff.userId, name: "staff person" }, causeType: null, causeId: null, sku: product.sku });
    const page2 = await staff.get(`/api/v1/stock/movements?productId=${product.id}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((m: any) => [m.kind, m.quantity, m.createdBy.name])).toEqual([["adjustment", 10, "Ada Admin"]]);
    expect(page2.body.nextCursor).toBeNull();

    const byWarehouse = await staff.get(`/api/v1/stock/movements?warehouseId=${other.warehouse.id}`);
    expect(byWarehouse.body.items.map((m: any) => m.productId)).toEqual([other.product.id]);
    const outsider = await signUpCompany();
    expect((await outsider.get(`/api/v1/stock/movements?productId=${product.id}`)).body.items).toEqual([]);
  });
});

interface Fixture {
  tenants: TenantPair;
  warehouseId: string;
  productId: string;
}
const stockState = async (f: Fixture) => ({ level: await level(f.warehouseId, f.productId), ledger: await ledger(f.warehouseId, f.productId) });

describeGuards<Fixture>(
  "stock: guards",
  async () => {
    const tenants = await tenantPair();
    const { warehouse, product } = await buildStockedProduct(tenants.owner, 5);
    return { tenants, warehouseId: warehouse.id, productId: product.id };
  },
  [
    { name: "GET /stock", call: (c) => c.get("/api/v1/stock") },
    { name: "GET /stock/movements", call: (c) => c.get("/api/v1/stock/movements") },
    {
      name: "POST /stock/adjustments",
      call: (c, f) => c.post("/api/v1/stock/adjustments", { warehouseId: f.warehouseId, productId: f.productId, quantity: -5, reason: "x" }),
      deniedRole: "purchaser",
      outsider: true,
      snapshot: stockState,
    },
    {
      name: "POST /stock/counts",
      call: (c, f) => c.post("/api/v1/stock/counts", { warehouseId: f.warehouseId, productId: f.productId, countedQuantity: 0 }),
      deniedRole: "purchaser",
      outsider: true,
      snapshot: stockState,
    },
  ],
);
