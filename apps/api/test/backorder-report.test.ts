// The backorder report on a small hand-built case: exact figures per row, filters, sorts,
// pages, waiting orders in rank order, the summary's age buckets, CSV, and the preview of
// purchase orders (MOQ and case-pack rounding, skipped rows). Preorders end to end.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildChannel, buildProduct, buildSupplier, buildSupplierTerms } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { buildPurchasingShop, daysAgo, inDays } from "./purchasing-builders.ts";

type Shop = Awaited<ReturnType<typeof buildPurchasingShop>>;

describe("backorder report: a hand-built case", () => {
  let shop: Shop;
  let a: { id: string; sku: string }; // short 8, 3 incoming: 5 to buy
  let b: { id: string; sku: string }; // short 2, no supplier
  let c: { id: string; sku: string }; // fully allocated: not in the report
  let o1: any, o2: any, o3: any, o5: any;
  const expectedDate = inDays(20);

  beforeAll(async () => {
    shop = await buildPurchasingShop();
    a = await shop.product(5, { unitCostCents: 250, leadTimeDays: 10, minOrderQty: 12, casePack: 6 });
    b = await shop.product(0, null);
    c = await shop.product(10);
    o1 = await shop.order([{ productId: a.id, quantity: 3 }], { orderDate: daysAgo(10) });
    o2 = await shop.order([{ productId: a.id, quantity: 4 }], { orderDate: daysAgo(5) });
    o3 = await shop.order([{ productId: a.id, quantity: 6 }], { orderDate: daysAgo(1) });
    o5 = await shop.order([{ productId: b.id, quantity: 2 }, { productId: c.id, quantity: 2 }], { orderDate: daysAgo(20) });
    // One unit of O1 set aside (hard allocation); 3 units of A already on order.
    const alloc = await shop.admin.post(`/api/v1/orders/${o1.id}/allocations`, { lines: [{ lineId: o1.lines[0].id, quantity: 1 }] });
    expect(alloc.status).toBe(201);
    await shop.po([{ productId: a.id, quantity: 3 }], { expectedDate });
  });

  it("gives exact figures per SKU and warehouse", async () => {
    const res = await shop.purchaser.get(`/api/v1/reports/backorders`);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((r: any) => r.sku)).toEqual([a.sku, b.sku]); // C has no shortfall
    const [rowA, rowB] = res.body.items;
    expect(rowA).toMatchObject({
      productId: a.id,
      isPreorder: false,
      warehouseId: shop.warehouse.id,
      warehouseCode: shop.warehouse.code,
      demand: 13,
      onHand: 5,
      hardAllocated: 1,
      available: 4,
      allocated: 5,
      shortfall: 8,
      incoming: 3,
      nearestExpectedDate: expectedDate,
      netToBuy: 5,
      waitingOrders: 2,
      oldestWaitingOrderDate: o2.orderDate,
      preferredSupplier: { id: shop.supplier.id, name: shop.supplier.name, unitCostCents: 250, leadTimeDays: 10, minOrderQty: 12, casePack: 6 },
      valueCents: 1250,
    });
    expect(rowB).toMatchObject({ demand: 2, onHand: 0, shortfall: 2, incoming: 0, netToBuy: 2, waitingOrders: 1, oldestWaitingOrderDate: o5.orderDate, preferredSupplier: null, valueCents: 0 });
  });

  it("sorts by net need, value or oldest waiting, and pages with a cursor", async () => {
    const skus = async (q: string) => (await shop.purchaser.get(`/api/v1/reports/backorders?${q}`)).body.items.map((r: any) => r.sku);
    expect(await skus("sort=net_need")).toEqual([a.sku, b.sku]);
    expect(await skus("sort=value")).toEqual([a.sku, b.sku]);
    expect(await skus("sort=oldest_waiting")).toEqual([b.sku, a.sku]);
    const first = await shop.purchaser.get(`/api/v1/reports/backorders?sort=oldest_waiting&limit=1`);
    expect(first.body.items.map((r: any) => r.sku)).toEqual([b.sku]);
    const second = await shop.purchaser.get(`/api/v1/reports/backorders?sort=oldest_waiting&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((r: any) => r.sku)).toEqual([a.sku]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("filters by supplier, warehouse, channel and net need", async () => {
    const skus = async (q: string) => (await shop.purchaser.get(`/api/v1/reports/backorders?${q}`)).body.items.map((r: any) => r.sku);
    expect(await skus(`supplierId=${shop.supplier.id}`)).toEqual([a.sku]);
    expect(await skus(`warehouseId=${shop.warehouse.id}&onlyNetNeed=true`)).toEqual([a.sku, b.sku]);
    const otherChannel = await buildChannel(shop.admin, { defaultWarehouseId: shop.warehouse.id });
    expect(await skus(`channelId=${otherChannel.id}`)).toEqual([]);
    await buildOrder(shop.admin, { channelId: otherChannel.id, lines: [{ productId: b.id, quantity: 1 }] });
    expect(await skus(`channelId=${otherChannel.id}`)).toEqual([b.sku]);
    expect(await skus(`preorderOnly=true`)).toEqual([]);
  });

  it("lists a row's waiting orders in rank order with what each is short", async () => {
    const res = await shop.purchaser.get(`/api/v1/reports/backorders/${a.id}/waiting-orders?warehouseId=${shop.warehouse.id}`);
    expect(res.status).toBe(200);
    expect(res.body.truncated).toBe(false);
    expect(res.body.items.map((w: any) => [w.number, w.remaining, w.allocated, w.short])).toEqual([
      [o2.number, 4, 2, 2],
      [o3.number, 6, 0, 6],
    ]);
    // The PO of 3 units was linked to O2 (2) and O3 (1): both carry its tag, and O2 is projected for its date.
    expect(res.body.items[0].tags.some((t: string) => t.startsWith("PO#PO-"))).toBe(true);
    expect(res.body.items[0].projectedDate?.slice(0, 10)).toBe(expectedDate);
    expect(res.body.items[1].projectedDate).toBeNull();
  });

  it("summarises short units by age bucket and the top SKUs", async () => {
    const res = await shop.purchaser.get(`/api/v1/reports/backorders/summary?warehouseId=${shop.warehouse.id}`);
    expect(res.status).toBe(200);
    const units = Object.fromEntries(res.body.byAge.map((x: any) => [x.bucket, x.units]));
    // O3 short 6 (1 day), O2 short 2 (5 days), O5 short 2 of B (20 days), plus 1 unit of B from the other channel today.
    expect(units).toEqual({ "0-2": 7, "3-7": 2, "8-14": 0, "15+": 2 });
    expect(res.body.topSkus.map((t: any) => [t.sku, t.unitsShort])).toEqual([
      [a.sku, 8],
      [b.sku, 3],
    ]);
  });

  it("exports the same rows as CSV with a header row", async () => {
    const res = await shop.purchaser.get(`/api/v1/reports/backorders.csv?sort=net_need`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = String(res.body).trim().split("\r\n");
    expect(lines[0]).toMatch(/^sku,name,preorder,warehouse,demand/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${a.sku},`);
    expect(lines[1]).toContain(",13,5,1,4,5,8,3,");
  });

  it("previews POs: net need rounded to MOQ and case pack, rows without supplier or need skipped", async () => {
    const res = await shop.purchaser.post(`/api/v1/purchase-orders/preview`, {
      rows: [a, b, c].map((p) => ({ productId: p.id, warehouseId: shop.warehouse.id })),
    });
    expect(res.status).toBe(200);
    expect(res.body.purchaseOrders).toEqual([
      {
        supplierId: shop.supplier.id,
        supplierName: shop.supplier.name,
        warehouseId: shop.warehouse.id,
        expectedDate: inDays(10),
        lines: [{ productId: a.id, sku: a.sku, name: expect.any(String), quantity: 12, unitCostCents: 250, netToBuy: 5, reorderNote: null, roundedUp: "5 rounded up to 12: minimum order 12" }],
      },
    ]);
    expect(res.body.skipped).toHaveLength(2);
    expect(res.body.skipped.find((s: any) => s.productId === b.id).reason).toMatch(/No supplier/);
    expect(res.body.skipped.find((s: any) => s.productId === c.id).reason).toMatch(/No net need/);
  });

  it("refuses bad input with the field named", async () => {
    const badSort = await shop.purchaser.get(`/api/v1/reports/backorders?sort=cheapest`);
    expect(badSort.status).toBe(400);
    expect(badSort.body.error.details.map((d: any) => d.path)).toContain("sort");
    const unknownField = await shop.purchaser.get(`/api/v1/reports/backorders?color=red`);
    expect(unknownField.status).toBe(400);
    const noWarehouse = await shop.purchaser.get(`/api/v1/reports/backorders/${a.id}/waiting-orders`);
    expect(noWarehouse.status).toBe(400);
    expect(noWarehouse.body.error.details.map((d: any) => d.path)).toContain("warehouseId");
    const badCursor = await shop.purchaser.get(`/api/v1/reports/backorders?cursor=nonsense`);
    expect(badCursor.status).toBe(400);
    const unknownSku = await shop.purchaser.post(`/api/v1/purchase-orders/preview`, { rows: [{ productId: crypto.randomUUID(), warehouseId: shop.warehouse.id }] });
    expect(unknownSku.status).toBe(400);
    expect(unknownSku.body.error.details.map((d: any) => d.path)).toContain("rows.0.productId");
    const empty = await shop.purchaser.post(`/api/v1/purchase-orders/preview`, { rows: [], extra: 1 });
    expect(empty.status).toBe(400);
  });

  it("is for purchasing roles: 401 signed out, 403 for staff", async () => {
    const anonymous = new ApiClient();
    for (const path of ["/api/v1/reports/backorders", "/api/v1/reports/backorders/summary", "/api/v1/reports/backorders.csv", `/api/v1/reports/backorders/${a.id}/waiting-orders?warehouseId=${shop.warehouse.id}`]) {
      expect((await anonymous.get(path)).status).toBe(401);
      expect((await shop.staff.get(path)).status).toBe(403);
    }
    expect((await anonymous.post("/api/v1/purchase-orders/preview", { rows: [] })).status).toBe(401);
    expect((await shop.staff.post("/api/v1/purchase-orders/preview", { rows: [{ productId: a.id, warehouseId: shop.warehouse.id }] })).status).toBe(403);
  });

  it("shows another company nothing of this one: empty report, 404 for its SKU's waiting orders", async () => {
    const outsider = await signUpCompany("Outsider Co");
    const res = await outsider.get(`/api/v1/reports/backorders`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect((await outsider.get(`/api/v1/reports/backorders/${a.id}/waiting-orders?warehouseId=${shop.warehouse.id}`)).status).toBe(404);
    const preview = await outsider.post(`/api/v1/purchase-orders/preview`, { rows: [{ productId: a.id, warehouseId: shop.warehouse.id }] });
    expect(preview.status).toBe(400);
  });
});

describe("preorders in the report", () => {
  it("a preorder SKU's waiting orders are backordered with its restock date, and the report shows it", async () => {
    const shop = await buildPurchasingShop();
    const restockDate = inDays(30);
    const pre = await buildProduct(shop.admin, { isPreorder: true, restockDate, restockQuantity: 50 });
    const supplier = await buildSupplier(shop.admin);
    await buildSupplierTerms(shop.admin, pre.id, supplier.id, { unitCostCents: 100, leadTimeDays: 3 });
    const order = await shop.order([{ productId: pre.id, quantity: 2 }]);
    expect(order.fulfillability).toBe("backordered");
    expect(order.projectedDate?.slice(0, 10)).toBe(restockDate);

    const res = await shop.purchaser.get(`/api/v1/reports/backorders?preorderOnly=true`);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ productId: pre.id, isPreorder: true, shortfall: 2, netToBuy: 2, preferredSupplier: { id: supplier.id, unitCostCents: 100 } });
    const waiting = await shop.purchaser.get(`/api/v1/reports/backorders/${pre.id}/waiting-orders?warehouseId=${shop.warehouse.id}`);
    expect(waiting.body.items[0].projectedDate.slice(0, 10)).toBe(restockDate);
  });
});
