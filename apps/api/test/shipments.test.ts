// Shipments through the API: partial then complete shipping with a stock receipt between,
// other orders untouched, ship-complete orders, idempotent retries, packing slips, outbox.
import { describe, expect, it } from "vitest";
import { addMember, ApiClient, signUpCompany } from "./client.ts";
import { buildProduct, buildStock } from "./builders.ts";
import { buildShop, orderRow } from "./order-builders.ts";
import { testEnv } from "./env.ts";

const paths = (res: { body: any }) => (res.body.error?.details ?? []).map((d: any) => d.path);

async function stockOf(tenantId: string, productId: string) {
  const { rows } = await testEnv.superuser.query(
    `SELECT s.on_hand, s.allocated, (SELECT coalesce(sum(quantity), 0)::int FROM stock_movements m WHERE m.tenant_id = s.tenant_id AND m.product_id = s.product_id AND m.warehouse_id = s.warehouse_id) AS ledger
     FROM stock_levels s WHERE s.tenant_id = $1 AND s.product_id = $2`,
    [tenantId, productId],
  );
  return rows[0] as { on_hand: number; allocated: number; ledger: number };
}

describe("POST /api/v1/orders/:orderId/shipments", () => {
  it("ships in part, a receipt makes the rest fulfillable, the rest ships: two shipments, status shipped", async () => {
    const shop = await buildShop(2);
    const other = await buildProduct(shop.admin, { barcode: "5901234123457" });
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: other.id, quantity: 1 });
    const order = await shop.order([
      { productId: shop.product.id, quantity: 5 },
      { productId: other.id, quantity: 1 },
    ]);
    expect(order.fulfillability).toBe("partially_fulfillable");

    const first = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { carrier: "DHL", trackingNumber: "JD0001" });
    expect(first.status).toBe(201);
    expect(first.body.shipment).toMatchObject({ number: "SH-000001", carrier: "DHL", trackingNumber: "JD0001" });
    expect(first.body.shipment.lines.map((l: any) => [l.sku, l.quantity])).toEqual([
      [shop.product.sku, 2],
      [other.sku, 1],
    ]);
    expect(first.body.order).toMatchObject({ status: "partially_shipped", fulfillability: "backordered" });
    expect(first.body.order.lines.map((l: any) => [l.shipped, l.remaining, l.allocated])).toEqual([
      [2, 3, 0],
      [1, 0, 0],
    ]);
    expect(first.body.order.events.map((e: any) => e.type).slice(0, 2)).toEqual(["notification", "shipped"]);
    const stock = await stockOf(shop.admin.tenantId!, shop.product.id);
    expect(stock).toEqual({ on_hand: 0, allocated: 0, ledger: 0 });
    const { rows: moves } = await testEnv.superuser.query("SELECT kind::text, quantity, cause_type, cause_id::text FROM stock_movements WHERE product_id = $1 AND quantity < 0", [shop.product.id]);
    expect(moves).toEqual([{ kind: "shipment", quantity: -2, cause_type: "shipment", cause_id: first.body.shipment.id }]);

    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(422); // nothing allocated
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: shop.product.id, quantity: 3 });
    expect((await shop.staff.get(`/api/v1/orders/${order.id}`)).body.fulfillability).toBe("fulfillable");

    const second = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(second.status).toBe(201);
    expect(second.body.shipment.number).toBe("SH-000002");
    expect(second.body.order).toMatchObject({ status: "shipped", fulfillability: null });
    expect(second.body.order.shipments).toHaveLength(2);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(422);
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);

    const slip = await shop.staff.get(`/api/v1/shipments/${first.body.shipment.id}`);
    expect(slip.status).toBe(200);
    expect(slip.body).toMatchObject({ order: { number: order.number }, customer: { name: order.customer.name }, shipment: { number: "SH-000001", carrier: "DHL" } });
    expect(slip.body.shipment.lines[1]).toMatchObject({ sku: other.sku, barcode: "5901234123457", quantity: 1 });
    expect(slip.body.warehouse).toMatchObject({ id: order.warehouseId, address: null });
    expect((await shop.admin.patch(`/api/v1/warehouses/${order.warehouseId}`, { address: "1 Dock Road\nHull HU1 1AA" })).status).toBe(200);
    expect((await shop.staff.get(`/api/v1/shipments/${first.body.shipment.id}`)).body.warehouse).toMatchObject({ id: order.warehouseId, address: "1 Dock Road\nHull HU1 1AA" });
    const outsider = await signUpCompany();
    expect((await outsider.get(`/api/v1/shipments/${first.body.shipment.id}`)).status).toBe(404);
    expect((await new ApiClient().get(`/api/v1/shipments/${first.body.shipment.id}`)).status).toBe(401);
  });

  it("shipping an order's allocation leaves other orders' allocations as they were", async () => {
    const shop = await buildShop(3);
    const a = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-01T00:00:00Z" });
    const b = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-02T00:00:00Z" });
    const c = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-03T00:00:00Z" });
    const before = await Promise.all([b, c].map((o) => orderRow(o.id)));
    expect((await shop.staff.post(`/api/v1/orders/${a.id}/shipments`, {})).status).toBe(201);
    const after = await Promise.all([b, c].map((o) => orderRow(o.id)));
    expect(after.map((r) => [r.fulfillability, r.lines[0].allocated])).toEqual(before.map((r) => [r.fulfillability, r.lines[0].allocated]));
    expect(after.map((r) => r.lines[0].allocated)).toEqual([1, 0]);
  });

  it("never ships more than a line's allocation (409 naming the line), nor another order's lines", async () => {
    const shop = await buildShop(1);
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }]);
    const other = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    const lineId = order.lines[0]!.id;
    const over = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId, quantity: 2 }] });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: "insufficient_stock", details: { lineId, sku: shop.product.sku, requested: 2, allocated: 1 } });
    const foreign = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: other.lines[0]!.id, quantity: 1 }] });
    expect(foreign.status).toBe(404);
    for (const [body, path] of [
      [{ lines: [{ lineId, quantity: 0 }] }, "lines.0.quantity"],
      [{ lines: [{ lineId, quantity: -1 }] }, "lines.0.quantity"],
      [{ lines: [{ lineId, quantity: 1.5 }] }, "lines.0.quantity"],
      [{ lines: [{ lineId: "x", quantity: 1 }] }, "lines.0.lineId"],
      [{ parcel: 1 }, ""],
    ] as const) {
      const res = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, body);
      expect(res.status).toBe(400);
      expect(paths(res)).toContain(path);
    }
    expect((await new ApiClient().post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(401);
    const purchaser = await addMember(shop.admin, "purchaser");
    expect((await purchaser.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(403);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { version: 42 })).status).toBe(409);

    const before = await orderRow(order.id);
    const outsider = await signUpCompany();
    expect((await outsider.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(404);
    expect(await orderRow(order.id)).toEqual(before);
    expect((await stockOf(shop.admin.tenantId!, shop.product.id)).on_hand).toBe(1);
  });

  it("a ship-complete order refuses a partial shipment; after a manager changes its mode it ships in parts", async () => {
    const shop = await buildShop(1, { defaultFulfillmentMode: "ship_complete", notifyOnPartialShipment: false });
    const order = await shop.order([{ productId: shop.product.id, quantity: 2 }]);
    const refused = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: "rule_violation", details: { missing: [{ sku: shop.product.sku, quantity: 1 }] } });
    expect(refused.body.error.message).toMatch(/ships complete: it cannot ship without 1 × /);
    // The old escape hatch is gone: an unknown field.
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { allowPartial: true })).status).toBe(400);
    expect((await stockOf(shop.admin.tenantId!, shop.product.id)).on_hand).toBe(1);
    const changed = await shop.manager.post(`/api/v1/orders/${order.id}/fulfillment-mode`, { mode: "ship_partial", reason: "customer wants what we have" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const allowed = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(allowed.status).toBe(201);
    expect(allowed.body.order.status).toBe("partially_shipped");
    expect(allowed.body.order.events[0].message).toMatch(/will not notify the customer/);
    const outbox = await shop.staff.get(`/api/v1/orders/${order.id}/outbox`);
    expect(outbox.body.items).toMatchObject([{ type: "shipment.created", status: "pending", payload: { orderId: order.id, partial: true, notifyCustomer: false } }]);
  });

  it("consumes hard allocation first and refuses held orders", async () => {
    const shop = await buildShop(2);
    const order = await shop.order([{ productId: shop.product.id, quantity: 2 }]);
    const lineId = order.lines[0]!.id;
    await shop.staff.post(`/api/v1/orders/${order.id}/allocations`, { lines: [{ lineId, quantity: 1 }] });
    const res = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId, quantity: 1 }] });
    expect(res.status).toBe(201);
    expect(res.body.order.lines[0]).toMatchObject({ shipped: 1, hardAllocated: 0, allocated: 1 });
    expect(res.body.order.allocations).toEqual([]);
    await shop.manager.post(`/api/v1/orders/${order.id}/hold`, { reason: "x" });
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(422);
  });

  it("an Idempotency-Key retry returns the same shipment and moves stock once", async () => {
    const shop = await buildShop(3);
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    const headers = { "Idempotency-Key": "ship-once-1" };
    const first = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { carrier: "UPS" }, headers);
    const retry = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { carrier: "UPS" }, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.shipment.id).toBe(first.body.shipment.id);
    expect(await stockOf(shop.admin.tenantId!, shop.product.id)).toMatchObject({ on_hand: 2, ledger: 2 });
    const { rows } = await testEnv.superuser.query("SELECT count(*)::int AS n FROM shipments WHERE order_id = $1", [order.id]);
    expect(rows[0].n).toBe(1);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { carrier: "DHL" }, headers)).status).toBe(422);
  });
});
