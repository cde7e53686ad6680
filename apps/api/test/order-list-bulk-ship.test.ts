// POST /orders/bulk-ship: fulfillable orders ship whole through the shipment service; the rest are
// reported per order and left unchanged; an Idempotency-Key replays what shipped and moves no stock again.
import { describe, expect, it } from "vitest";
import { buildProduct, buildStock } from "./builders.ts";
import { dbRows, expectInvalid } from "./guards.ts";
import { addMember } from "./client.ts";
import { buildShop, orderRow } from "./order-builders.ts";

const onHand = async (tenantId: string, productId: string) =>
  (await dbRows("SELECT on_hand, (SELECT coalesce(sum(quantity), 0)::int FROM stock_movements m WHERE m.tenant_id = s.tenant_id AND m.product_id = s.product_id) AS ledger FROM stock_levels s WHERE tenant_id = $1 AND product_id = $2", [tenantId, productId]))[0];

describe("bulk ship", () => {
  it("ships fulfillable orders whole; partially fulfillable, backordered and held ones are reported and unchanged", async () => {
    const shop = await buildShop(5);
    const kettle = await buildProduct(shop.admin);
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: kettle.id, quantity: 1 });
    const a = await shop.order([{ productId: shop.product.id, quantity: 2 }]);
    const b = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    const partial = await shop.order([{ productId: shop.product.id, quantity: 1 }, { productId: kettle.id, quantity: 3 }]);
    const backordered = await shop.order([{ productId: shop.product.id, quantity: 9 }]);
    const held = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    expect((await shop.manager.post(`/api/v1/orders/${held.id}/hold`, { reason: "address check" })).status).toBe(200);
    const before = { partial: await orderRow(partial.id), backordered: await orderRow(backordered.id), held: await orderRow(held.id) };
    expect(before.partial.fulfillability).toBe("partially_fulfillable");

    const res = await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: [a.id, b.id, partial.id, backordered.id, held.id] }, { "Idempotency-Key": "ship-run-1" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.shipped.map((s: { orderId: string }) => s.orderId)).toEqual([a.id, b.id]);
    expect(res.body.shipped[0].shipmentNumber).toMatch(/^SH-/);
    expect(res.body.failed.map((f: { orderId: string; error: { code: string } }) => [f.orderId, f.error.code])).toEqual([
      [partial.id, "rule_violation"],
      [backordered.id, "rule_violation"],
      [held.id, "rule_violation"],
    ]);
    expect(res.body.failed[0].error.message).toMatch(/not fulfillable in full/);
    expect((await orderRow(a.id)).status).toBe("shipped");
    expect((await orderRow(b.id)).status).toBe("shipped");
    expect(await orderRow(partial.id)).toEqual(before.partial);
    expect(await orderRow(backordered.id)).toEqual(before.backordered);
    expect(await orderRow(held.id)).toEqual(before.held);
    expect(await onHand(shop.admin.tenantId!, shop.product.id)).toEqual({ on_hand: 2, ledger: 2 });

    // The retry with the same key answers the same shipments and moves nothing.
    const retry = await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: [a.id, b.id, partial.id, backordered.id, held.id] }, { "Idempotency-Key": "ship-run-1" });
    expect(retry.body.shipped).toEqual(res.body.shipped);
    expect(await onHand(shop.admin.tenantId!, shop.product.id)).toEqual({ on_hand: 2, ledger: 2 });
    expect(await dbRows("SELECT count(*)::int AS n FROM shipments WHERE order_id = ANY($1::uuid[])", [[a.id, b.id]])).toEqual([{ n: 2 }]);

    // Without a key, an already shipped order is refused, not shipped twice.
    const again = await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: [a.id] });
    expect(again.body.shipped).toEqual([]);
    expect(again.body.failed[0].orderId).toBe(a.id);
  });

  it("another tenant's order is not found and unchanged; purchasers may not ship; bad input is 400", async () => {
    const shop = await buildShop(5);
    const other = await buildShop(5);
    const theirs = await other.order([{ productId: other.product.id, quantity: 1 }]);
    const before = await orderRow(theirs.id);
    const res = await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: [theirs.id] });
    expect(res.status).toBe(200);
    expect(res.body.failed).toEqual([{ orderId: theirs.id, error: { code: "not_found", message: "Order not found" } }]);
    expect(await orderRow(theirs.id)).toEqual(before);

    const mine = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    const purchaser = await addMember(shop.admin, "purchaser");
    const mineBefore = await orderRow(mine.id);
    expect((await purchaser.post("/api/v1/orders/bulk-ship", { orderIds: [mine.id] })).status).toBe(403);
    expect(await orderRow(mine.id)).toEqual(mineBefore);

    expectInvalid(await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: [] }), "orderIds");
    expectInvalid(await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: ["nope"] }), "orderIds.0");
    expectInvalid(await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: Array.from({ length: 201 }, () => mine.id) }), "orderIds");
    expect((await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: [mine.id], all: true })).status).toBe(400);
    expectInvalid(await shop.staff.post("/api/v1/orders/bulk-ship", { orderIds: [mine.id] }, { "Idempotency-Key": "k".repeat(161) }), "Idempotency-Key");
    expect(await orderRow(mine.id)).toEqual(mineBefore);
  });
});
