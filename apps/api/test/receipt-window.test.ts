// Receipts recompute only the lines the new units can reach (allocation/increase.ts). Whatever
// the mix of purchase orders (dates, links, unknown dates, over-receipt), what they store must
// equal a full recompute: the allocation check compares the two after every receipt.
import { describe, expect, it } from "vitest";
import type { ApiClient } from "./client.ts";
import { buildChannel, buildStock, buildWarehouse } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { buildPurchasingShop, inDays, sql } from "./purchasing-builders.ts";

const check = async (client: ApiClient) => (await client.get("/api/v1/admin/allocations/check")).body;

describe("receipts with the bounded recompute", () => {
  it("store what a full recompute would, receipt after receipt, with linked, dated and undated POs", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(2);
    for (let i = 0; i < 30; i++) await shop.order([{ productId: a.id, quantity: 1 + (i % 3) }], { priority: i % 4 === 0 ? 1 : 0 });
    // linked to the first waiting lines in rank order
    const late = await shop.po([{ productId: a.id, quantity: 15 }], { expectedDate: inDays(20) });
    // later orders, some ranking above the linked ones, so linked lines sit deeper in the queue
    for (let i = 0; i < 10; i++) await shop.order([{ productId: a.id, quantity: 2 }], { priority: i % 2 === 0 ? 2 : 0 });
    const soon = await shop.po([{ productId: a.id, quantity: 10 }], { expectedDate: inDays(5), linkWaitingOrders: false });
    const undated = await shop.po([{ productId: a.id, quantity: 30 }]);
    expect((await check(shop.admin)).ok).toBe(true);

    const receipts: [string, Record<string, unknown>][] = [
      [late.id, { lines: [{ productId: a.id, quantity: 3 }] }],
      [soon.id, { lines: [{ productId: a.id, quantity: 4 }] }],
      [undated.id, { lines: [{ productId: a.id, quantity: 5 }] }],
      [late.id, { receiveAllRemaining: true }],
      [soon.id, { lines: [{ productId: a.id, quantity: 9 }], allowOverReceipt: true }],
      [undated.id, { lines: [{ productId: a.id, quantity: 1 }] }],
    ];
    for (const [i, [poId, body]] of receipts.entries()) {
      const res = await shop.purchaser.post(`/api/v1/purchase-orders/${poId}/receipts`, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const result = await check(shop.admin);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      // stock found on the shelf takes the same bounded path (an increase without a PO line)
      if (i % 2 === 1) {
        await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: a.id, quantity: 1, reason: "found on the shelf" });
        const afterAdjustment = await check(shop.admin);
        expect(afterAdjustment.ok, JSON.stringify(afterAdjustment)).toBe(true);
      }
    }
    const [level] = await sql(`SELECT on_hand, allocated FROM stock_levels WHERE warehouse_id = $1 AND product_id = $2`, [shop.warehouse.id, a.id]);
    // 2 + 3 + 4 + 5 + 12 + 9 + 1 received, 3 found; demand 30 lines of 1–3 (59) + 10 × 2 = 79 > 39: everything is allocated
    expect(level).toEqual({ on_hand: 39, allocated: 39 });
  });

  it("a receipt for a preorder product recomputes its keys whole and stays consistent", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0, {}, { isPreorder: true, restockDate: inDays(30), restockQuantity: 4 });
    for (let i = 0; i < 6; i++) await shop.order([{ productId: a.id, quantity: 2 }]);
    const po = await shop.po([{ productId: a.id, quantity: 5 }], { expectedDate: inDays(10) });
    const res = await shop.purchaser.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: a.id, quantity: 3 }] });
    expect(res.status).toBe(201);
    expect((await check(shop.admin)).ok).toBe(true);
  });
});

describe("preorder restocks are shared across warehouses", () => {
  it("a change in one warehouse re-dates the product's waiting lines in the other", async () => {
    const shop = await buildPurchasingShop();
    const second = await buildWarehouse(shop.admin);
    const secondChannel = await buildChannel(shop.admin, { defaultWarehouseId: second.id });
    // 3 units restock in 30 days, handed out by global rank across both warehouses
    const a = await shop.product(0, {}, { isPreorder: true, restockDate: inDays(30), restockQuantity: 3 });
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const first = await shop.order([{ productId: a.id, quantity: 2 }], { orderDate: day(5) });
    const other = await buildOrder(shop.admin, { channelId: secondChannel.id, orderDate: day(4), lines: [{ productId: a.id, quantity: 2 }] });
    expect((await check(shop.admin)).ok).toBe(true);
    const projected = async (id: string) => (await shop.admin.get(`/api/v1/orders/${id}`)).body.projectedDate;
    expect(await projected(first.id)).not.toBeNull();
    expect(await projected(other.id)).toBeNull(); // 2 of the 3 restock units go to the older order; 1 is not enough

    // stock found in the first warehouse: its order no longer needs the restock, the other one gets it
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: a.id, quantity: 2 });
    expect(await projected(other.id)).not.toBeNull();
    const result = await check(shop.admin);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });
});
