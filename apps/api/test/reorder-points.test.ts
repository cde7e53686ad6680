// Reorder points (docs/decisions/019): set, read with the position they are compared with,
// suggested from velocity × lead time + safety stock; the backorder report lists keys below their
// point that are not short yet (kind "reorder") beside today's backorders, buys whole reorder
// quantities under the (s, nQ) rule (held to the domain's reorderNeed), and the preview says why.
// Guards: 401, 403 for staff, 404 for another company with the row unchanged, 400 naming the field.
import { reorderNeed } from "@bod/domain/reorder";
import { beforeAll, describe, expect, it } from "vitest";
import { buildPurchasingShop, daysAgo, sql } from "./purchasing-builders.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";
import { buildChannel, buildProduct, buildWarehouse } from "./builders.ts";

type Shop = Awaited<ReturnType<typeof buildPurchasingShop>>;

const rowOf = (items: any[], productId: string) => items.find((r) => r.productId === productId);

describe("reorder points in the backorder report", () => {
  let shop: Shop;
  let r: { id: string; sku: string }; // not short: 10 on hand, 4 ordered (allocated), 5 incoming
  let s: { id: string; sku: string }; // short 3 today, with a reorder point
  let t: { id: string; sku: string }; // well above its reorder point
  const put = (productId: string, body: Record<string, unknown>) => shop.purchaser.put(`/api/v1/products/${productId}/reorder-points/${shop.warehouse.id}`, body);

  beforeAll(async () => {
    shop = await buildPurchasingShop();
    r = await shop.product(10, { leadTimeDays: 7, minOrderQty: 1, casePack: 1 });
    s = await shop.product(2, { leadTimeDays: 5, minOrderQty: 1, casePack: 10 });
    t = await shop.product(50, {});
    await shop.order([{ productId: r.id, quantity: 4 }]);
    await shop.order([{ productId: s.id, quantity: 5 }]);
    await shop.po([{ productId: r.id, quantity: 5 }]);
  });

  it("a key not short today appears once its projected position is below the point, and buys whole reorder quantities", async () => {
    const before = await shop.purchaser.get(`/api/v1/reports/backorders`);
    expect(before.status).toBe(200);
    expect(rowOf(before.body.items, r.id)).toBeUndefined(); // no reorder point yet: nothing short

    const set = await put(r.id, { reorderPoint: 15, reorderQuantity: 20 });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    // 10 on hand + 5 incoming − 4 demand = 11 < 15: one quantity of 20 brings it to 31.
    expect(set.body).toMatchObject({
      warehouse: { id: shop.warehouse.id, code: shop.warehouse.code },
      setting: { reorderPoint: 15, reorderQuantity: 20, source: "manual", windowDays: null, safetyStock: null },
      position: { onHand: 10, incoming: 5, demand: 4, projectedPosition: 11 },
      reorderNeed: 20,
    });
    expect(await put(t.id, { reorderPoint: 10, reorderQuantity: 5 })).toMatchObject({ status: 200, body: { reorderNeed: 0 } });

    const res = await shop.purchaser.get(`/api/v1/reports/backorders`);
    expect(rowOf(res.body.items, r.id)).toMatchObject({
      kind: "reorder",
      demand: 4,
      onHand: 10,
      allocated: 4,
      shortfall: 0,
      incoming: 5,
      waitingOrders: 0,
      reorderPoint: 15,
      reorderQuantity: 20,
      projectedPosition: 11,
      netToBuy: 20,
      valueCents: 20 * 1250,
    });
    expect(rowOf(res.body.items, t.id)).toBeUndefined(); // 50 ≥ 10

    // A higher point needs several quantities: 11 + 3 × 10 = 41 ≥ 40.
    await put(r.id, { reorderPoint: 40, reorderQuantity: 10 });
    const again = await shop.purchaser.get(`/api/v1/reports/backorders`);
    expect(rowOf(again.body.items, r.id)).toMatchObject({ kind: "reorder", netToBuy: 30, projectedPosition: 11 });
  });

  it("a key short today buys its shortfall and the refill together; exclude shows the report as without reorder points", async () => {
    await put(s.id, { reorderPoint: 10, reorderQuantity: 12 });
    const res = await shop.purchaser.get(`/api/v1/reports/backorders`);
    // 2 on hand − 5 demand = −3: 2 × 12 = 24 brings it to 21 ≥ 10 (3 short + refill).
    expect(rowOf(res.body.items, s.id)).toMatchObject({ kind: "backorder", shortfall: 3, projectedPosition: -3, reorderPoint: 10, netToBuy: 24 });

    const only = await shop.purchaser.get(`/api/v1/reports/backorders?reorder=only`);
    expect(only.body.items.map((x: any) => x.productId)).toEqual([r.id]);
    const exclude = await shop.purchaser.get(`/api/v1/reports/backorders?reorder=exclude`);
    expect(exclude.body.items.map((x: any) => x.productId)).toEqual([s.id]);
    expect(exclude.body.items[0]).toMatchObject({ kind: "backorder", netToBuy: 3, reorderPoint: null, projectedPosition: -3 });
    // Reorder rows are no channel's demand.
    const byChannel = await shop.purchaser.get(`/api/v1/reports/backorders?channelId=${shop.channel.id}`);
    expect(byChannel.body.items.map((x: any) => x.productId)).toEqual([s.id]);
    // The charts count today's short units only.
    const summary = await shop.purchaser.get(`/api/v1/reports/backorders/summary`);
    expect(summary.body.topSkus.map((x: any) => x.productId)).toEqual([s.id]);
    // So does the dashboard: one SKU short by 3, 3 to buy for today's backorders.
    const dashboard = await shop.purchaser.get(`/api/v1/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.shortfall.days.at(-1)).toMatchObject({ unitsShort: 3, netToBuy: 3, skusShort: 1 });
  });

  it("the SQL's net to buy is the domain's (s, nQ) rule for every row with a reorder point", async () => {
    const res = await shop.purchaser.get(`/api/v1/reports/backorders`);
    const withPoint = res.body.items.filter((x: any) => x.reorderPoint !== null);
    expect(withPoint.length).toBe(2);
    for (const row of withPoint) {
      expect(row.projectedPosition).toBe(row.onHand + row.incoming - row.demand);
      expect(row.netToBuy).toBe(Math.max(0, row.shortfall - row.incoming, reorderNeed(row.projectedPosition, row.reorderPoint, row.reorderQuantity)));
    }
  });

  it("the CSV carries the kind and the reorder figures", async () => {
    const res = await shop.purchaser.get(`/api/v1/reports/backorders.csv`);
    expect(res.status).toBe(200);
    const [header, ...lines] = String(res.body).trim().split("\r\n");
    expect(header!.split(",").slice(-4)).toEqual(["kind", "reorder_point", "reorder_quantity", "projected_position"]);
    const line = lines.find((l) => l.startsWith(`${r.sku},`))!;
    expect(line.split(",").slice(-4)).toEqual(["reorder", "40", "10", "11"]);
  });

  it("the preview says why: the reorder point set the need, the case pack rounded it", async () => {
    const res = await shop.purchaser.post(`/api/v1/purchase-orders/preview`, { rows: [r, s].map((p) => ({ productId: p.id, warehouseId: shop.warehouse.id })) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const lines = res.body.purchaseOrders.flatMap((po: any) => po.lines);
    expect(rowOf(lines, r.id)).toMatchObject({
      netToBuy: 30,
      quantity: 30,
      roundedUp: null,
      reorderNote: "Projected 11 (on hand 10 + incoming 5 − demand 4) is below the reorder point 40: 3 × reorder quantity 10 = 30",
    });
    expect(rowOf(lines, s.id)).toMatchObject({ netToBuy: 24, quantity: 30, roundedUp: "24 rounded up to 30: case pack 10" });
    expect(rowOf(lines, s.id).reorderNote).toContain("below the reorder point 10: 2 × reorder quantity 12 = 24");
  });

  it("a purchase order raised from a reorder row (no waiting orders) lifts the key back above its point", async () => {
    const res = await shop.purchaser.post(`/api/v1/purchase-orders/from-report`, {
      pos: [{ supplierId: shop.supplier.id, warehouseId: shop.warehouse.id, lines: [{ productId: r.id, quantity: 30, unitCostCents: 1250 }] }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const report = await shop.purchaser.get(`/api/v1/reports/backorders`);
    expect(rowOf(report.body.items, r.id)).toBeUndefined(); // 10 + 35 − 4 = 41 ≥ 40
    const points = await shop.purchaser.get(`/api/v1/products/${r.id}/reorder-points`);
    expect(points.body.items[0]).toMatchObject({ position: { incoming: 35, projectedPosition: 41 }, reorderNeed: 0 });
  });

  it("removing the point takes the key out of the report", async () => {
    const res = await shop.purchaser.delete(`/api/v1/products/${s.id}/reorder-points/${shop.warehouse.id}`);
    expect(res.status).toBe(200);
    expect(res.body.setting).toBeNull();
    const report = await shop.purchaser.get(`/api/v1/reports/backorders`);
    expect(rowOf(report.body.items, s.id)).toMatchObject({ kind: "backorder", netToBuy: 3, reorderPoint: null });
  });
});

describe("reorder point suggestions", () => {
  it("is velocity over the window × the preferred supplier's lead time + safety stock, and velocity × cover days", async () => {
    const shop = await buildPurchasingShop();
    const v = await shop.product(100, { leadTimeDays: 10 });
    await shop.order([{ productId: v.id, quantity: 9 }], { orderDate: daysAgo(5) });
    await shop.order([{ productId: v.id, quantity: 6 }], { orderDate: daysAgo(20) });
    await shop.order([{ productId: v.id, quantity: 45 }], { orderDate: daysAgo(45) }); // outside 30 days, inside 60
    const url = (q: string) => `/api/v1/products/${v.id}/reorder-points/${shop.warehouse.id}/suggestion${q}`;

    // 15 units in 30 days = 0.5 a day: 0.5 × 10 + 3 = 8; 0.5 × 30 = 15.
    const thirty = await shop.purchaser.get(url("?safetyStock=3"));
    expect(thirty.status, JSON.stringify(thirty.body)).toBe(200);
    expect(thirty.body).toEqual({
      windowDays: 30,
      coverDays: 30,
      unitsInWindow: 15,
      dailyVelocity: 0.5,
      leadTimeDays: 10,
      supplier: { id: shop.supplier.id, name: shop.supplier.name },
      safetyStock: 3,
      reorderPoint: 8,
      reorderQuantity: 15,
    });
    // 60 units in 60 days = 1 a day: 1 × 10 + 0 = 10; 14 days' cover = 14.
    expect((await shop.purchaser.get(url("?windowDays=60&coverDays=14"))).body).toMatchObject({ unitsInWindow: 60, dailyVelocity: 1, reorderPoint: 10, reorderQuantity: 14 });

    // Taking the suggestion records where it came from; nothing is stored by suggesting.
    expect(await sql(`SELECT 1 FROM reorder_points WHERE product_id = $1`, [v.id])).toEqual([]);
    const saved = await shop.purchaser.put(`/api/v1/products/${v.id}/reorder-points/${shop.warehouse.id}`, { reorderPoint: 8, reorderQuantity: 15, source: "suggested", windowDays: 30, safetyStock: 3 });
    expect(saved.body.setting).toMatchObject({ reorderPoint: 8, reorderQuantity: 15, source: "suggested", windowDays: 30, safetyStock: 3 });
  });

  it("without a supplier the lead time is 0 and the point is the safety stock", async () => {
    const shop = await buildPurchasingShop();
    const w = await shop.product(0, null);
    const res = await shop.purchaser.get(`/api/v1/products/${w.id}/reorder-points/${shop.warehouse.id}/suggestion?safetyStock=4`);
    expect(res.body).toMatchObject({ unitsInWindow: 0, leadTimeDays: 0, supplier: null, reorderPoint: 4, reorderQuantity: 1 });
  });
});

interface Fixture {
  tenants: TenantPair;
  productId: string;
  warehouseId: string;
}
const pointRow = (f: Fixture) => dbRows(`SELECT reorder_point, reorder_quantity, source FROM reorder_points WHERE product_id = $1 AND warehouse_id = $2`, [f.productId, f.warehouseId]);

async function setup(): Promise<Fixture> {
  const tenants = await tenantPair();
  const warehouse = await buildWarehouse(tenants.owner);
  await buildChannel(tenants.owner, { defaultWarehouseId: warehouse.id });
  const product = await buildProduct(tenants.owner);
  const res = await tenants.owner.put(`/api/v1/products/${product.id}/reorder-points/${warehouse.id}`, { reorderPoint: 5, reorderQuantity: 10 });
  expect(res.status).toBe(200);
  return { tenants, productId: product.id, warehouseId: warehouse.id };
}

describeGuards("reorder point endpoints", setup, [
  { name: "GET /products/:id/reorder-points", call: (c, f) => c.get(`/api/v1/products/${f.productId}/reorder-points`), outsider: true, snapshot: pointRow },
  { name: "GET /products/:id/reorder-points/:warehouseId/suggestion", call: (c, f) => c.get(`/api/v1/products/${f.productId}/reorder-points/${f.warehouseId}/suggestion`), deniedRole: "staff", outsider: true, snapshot: pointRow },
  { name: "PUT /products/:id/reorder-points/:warehouseId", call: (c, f) => c.put(`/api/v1/products/${f.productId}/reorder-points/${f.warehouseId}`, { reorderPoint: 99, reorderQuantity: 1 }), deniedRole: "staff", outsider: true, snapshot: pointRow },
  { name: "DELETE /products/:id/reorder-points/:warehouseId", call: (c, f) => c.delete(`/api/v1/products/${f.productId}/reorder-points/${f.warehouseId}`), deniedRole: "staff", outsider: true, snapshot: pointRow },
]);

describe("reorder point endpoints: invalid input", () => {
  it("names the field and changes nothing; another company's warehouse is 404", async () => {
    const f = await setup();
    const { owner, outsider } = f.tenants;
    const url = `/api/v1/products/${f.productId}/reorder-points/${f.warehouseId}`;
    const before = await pointRow(f);
    expectInvalid(await owner.put(url, { reorderPoint: 5, reorderQuantity: 0 }), "reorderQuantity");
    expectInvalid(await owner.put(url, { reorderPoint: -1, reorderQuantity: 3 }), "reorderPoint");
    expectInvalid(await owner.put(url, { reorderPoint: 1.5, reorderQuantity: 3 }), "reorderPoint");
    expectInvalid(await owner.put(url, { reorderPoint: 5, reorderQuantity: 3, source: "guessed" }), "source");
    expectInvalid(await owner.get(`${url}/suggestion?windowDays=0`), "windowDays");
    expectInvalid(await owner.get(`${url}/suggestion?safetyStock=lots`), "safetyStock");
    expectInvalid(await owner.get(`/api/v1/reports/backorders?reorder=maybe`), "reorder");
    expectInvalid(await owner.put(`/api/v1/products/not-an-id/reorder-points/${f.warehouseId}`, { reorderPoint: 1, reorderQuantity: 1 }), "productId");
    expect(await pointRow(f)).toEqual(before);
    // The owner's product with the outsider's warehouse: 404, nothing written for either company.
    const theirs = await buildWarehouse(outsider);
    const res = await owner.put(`/api/v1/products/${f.productId}/reorder-points/${theirs.id}`, { reorderPoint: 1, reorderQuantity: 1 });
    expect(res.status).toBe(404);
    expect(await dbRows(`SELECT 1 FROM reorder_points WHERE warehouse_id = $1`, [theirs.id])).toEqual([]);
  });
});
