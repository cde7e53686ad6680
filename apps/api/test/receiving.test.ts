// Receiving against purchase orders: stock through the ledger, the PO's quantities and
// status, the waiting orders taking the new units by rank (and the response naming them),
// over-receipt, idempotent retries, and a receipt racing with shipments on real PostgreSQL.
import { describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildProduct } from "./builders.ts";
import { buildPurchasingShop, onHand, poRow, sql } from "./purchasing-builders.ts";

const numbers = (refs: { number: string }[]) => refs.map((r) => r.number);
const check = async (client: ApiClient) => (await client.get("/api/v1/admin/allocations/check")).body;

describe("receiving a purchase order", () => {
  it("a partial receipt makes the top-ranked waiting orders fulfillable and says which; a second completes the PO", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const b = await shop.product(0);
    const o1 = await shop.order([{ productId: a.id, quantity: 2 }], { priority: 2 });
    const o2 = await shop.order([{ productId: a.id, quantity: 3 }], { priority: 1 });
    const o3 = await shop.order([{ productId: a.id, quantity: 4 }], { priority: 0 });
    const o4 = await shop.order([{ productId: a.id, quantity: 1 }, { productId: b.id, quantity: 1 }], { priority: 3 });
    const po = await shop.po([{ productId: a.id, quantity: 10 }]);

    const first = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: a.id, quantity: 4 }] });
    expect(first.status).toBe(201);
    expect(numbers(first.body.ordersNowFulfillable)).toEqual([o1.number]);
    expect(numbers(first.body.ordersNowPartiallyFulfillable).sort()).toEqual([o2.number, o4.number].sort());
    expect(first.body.receipt.lines).toEqual([{ productId: a.id, sku: a.sku, quantity: 4 }]);
    expect(first.body.purchaseOrder).toMatchObject({ status: "partially_received" });
    expect(first.body.purchaseOrder.lines[0]).toMatchObject({ quantityOrdered: 10, quantityReceived: 4, remaining: 6 });
    expect(first.body.purchaseOrder.receipts).toHaveLength(1);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(4);
    const movements = await sql(`SELECT kind::text, quantity, cause_type, cause_id::text FROM stock_movements WHERE product_id = $1`, [a.id]);
    expect(movements).toEqual([{ kind: "receipt", quantity: 4, cause_type: "receipt", cause_id: first.body.receipt.id }]);
    expect((await shop.admin.get(`/api/v1/orders/${o3.id}`)).body.fulfillability).toBe("backordered");

    const second = await shop.purchaser.post(`/api/v1/purchase-orders/${po.id}/receipts`, { receiveAllRemaining: true });
    expect(second.status).toBe(201);
    expect(numbers(second.body.ordersNowFulfillable)).toEqual([o2.number, o3.number]);
    expect(second.body.ordersNowPartiallyFulfillable).toEqual([]);
    expect(second.body.purchaseOrder.status).toBe("received");
    expect(second.body.purchaseOrder.lines[0]).toMatchObject({ quantityReceived: 10, remaining: 0 });
    expect(await onHand(shop.warehouse.id, a.id)).toBe(10);
    expect((await check(shop.admin)).ok).toBe(true);

    const third = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { receiveAllRemaining: true });
    expect(third.status).toBe(422);
    const report = await shop.purchaser.get(`/api/v1/reports/backorders`);
    expect(report.body.items.map((r: any) => r.sku)).toEqual([b.sku]);
  });

  it("receives by SKU or barcode; a SKU not on the PO is 422 naming it", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0, {}, { barcode: `BC-${Date.now()}` });
    const other = await shop.product(0);
    const po = await shop.po([{ productId: a.id, quantity: 5 }]);
    const bySku = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ sku: a.sku.toLowerCase(), quantity: 1 }, { barcode: (a as any).barcode, quantity: 2 }] });
    expect(bySku.status).toBe(201);
    expect(bySku.body.receipt.lines).toEqual([{ productId: a.id, sku: a.sku, quantity: 3 }]);
    const notOnPo = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ sku: other.sku, quantity: 1 }] });
    expect(notOnPo.status).toBe(422);
    expect(notOnPo.body.error.message).toContain(other.sku);
    expect(notOnPo.body.error.details[0].path).toBe("lines.0.sku");
    expect(await onHand(shop.warehouse.id, a.id)).toBe(3);
  });

  it("over-receipt needs allowOverReceipt", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const po = await shop.po([{ productId: a.id, quantity: 2 }]);
    const before = await poRow(po.id);
    const over = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: a.id, quantity: 3 }] });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("rule_violation");
    expect(over.body.error.message).toContain(a.sku);
    expect(over.body.error.details[0]).toMatchObject({ path: "lines.0.quantity", sku: a.sku, remaining: 2, requested: 3 });
    expect(await poRow(po.id)).toEqual(before);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(0);

    const allowed = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: a.id, quantity: 3 }], allowOverReceipt: true });
    expect(allowed.status).toBe(201);
    expect(allowed.body.purchaseOrder).toMatchObject({ status: "received" });
    expect(allowed.body.purchaseOrder.lines[0]).toMatchObject({ quantityOrdered: 2, quantityReceived: 3, remaining: 0 });
    expect(await onHand(shop.warehouse.id, a.id)).toBe(3);
  });

  it("refuses drafts, cancelled and closed POs (422)", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const draft = await shop.po([{ productId: a.id, quantity: 2 }], { status: "draft" });
    const draftRes = await shop.staff.post(`/api/v1/purchase-orders/${draft.id}/receipts`, { receiveAllRemaining: true });
    expect(draftRes.status).toBe(422);
    expect(draftRes.body.error.message).toMatch(/draft/);
    const cancelled = await shop.po([{ productId: a.id, quantity: 2 }]);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${cancelled.id}/cancel`, {})).status).toBe(200);
    expect((await shop.staff.post(`/api/v1/purchase-orders/${cancelled.id}/receipts`, { receiveAllRemaining: true })).status).toBe(422);
    const closed = await shop.po([{ productId: a.id, quantity: 2 }]);
    expect((await shop.staff.post(`/api/v1/purchase-orders/${closed.id}/receipts`, { lines: [{ productId: a.id, quantity: 1 }] })).status).toBe(201);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${closed.id}/close`, {})).status).toBe(200);
    expect((await shop.staff.post(`/api/v1/purchase-orders/${closed.id}/receipts`, { receiveAllRemaining: true })).status).toBe(422);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(1);
  });

  it("an Idempotency-Key retry returns the first receipt and moves stock once", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    await shop.order([{ productId: a.id, quantity: 2 }]);
    const po = await shop.po([{ productId: a.id, quantity: 5 }]);
    const body = { lines: [{ productId: a.id, quantity: 2 }] };
    const headers = { "Idempotency-Key": "receipt-1" };
    const first = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, body, headers);
    const retry = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, body, headers);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.receipt.id).toBe(first.body.receipt.id);
    expect(retry.body.ordersNowFulfillable).toEqual(first.body.ordersNowFulfillable);
    expect(first.body.ordersNowFulfillable).toHaveLength(1);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(2);
    expect(await sql(`SELECT count(*)::int AS n FROM receipts WHERE purchase_order_id = $1`, [po.id])).toEqual([{ n: 1 }]);
    expect((await poRow(po.id)).lines).toEqual([{ ordered: 5, received: 2 }]);
    const mismatch = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: a.id, quantity: 1 }] }, headers);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe("idempotency_mismatch");
  });

  it("400 with the field named, 401 signed out, 404 for another company's PO with nothing moved", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const po = await shop.po([{ productId: a.id, quantity: 5 }]);
    const url = `/api/v1/purchase-orders/${po.id}/receipts`;
    const cases: [unknown, string][] = [
      [{ lines: [{ productId: a.id, quantity: 0 }] }, "lines.0.quantity"],
      [{ lines: [{ productId: a.id, quantity: -1 }] }, "lines.0.quantity"],
      [{ lines: [{ sku: a.sku, productId: a.id, quantity: 1 }] }, "lines.0.productId"],
      [{ lines: [{ quantity: 1 }] }, "lines.0.productId"],
      [{ lines: [{ productId: a.id, quantity: 1 }], receiveAllRemaining: true }, "lines"],
      [{}, "lines"],
      [{ receiveAllRemaining: true, signedBy: "me" }, ""],
      [{ lines: [{ productId: a.id, quantity: 1, lot: "x" }] }, "lines.0"],
    ];
    for (const [body, path] of cases) {
      const res = await shop.staff.post(url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    }
    expect((await new ApiClient().post(url, { receiveAllRemaining: true })).status).toBe(401);

    const before = await poRow(po.id);
    const outsider = await signUpCompany("Outsider Co");
    const theirs = await outsider.post(url, { receiveAllRemaining: true });
    expect(theirs.status).toBe(404);
    expect(await poRow(po.id)).toEqual(before);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(0);
    // An outsider's own product id does not reach this PO either.
    const p = await buildProduct(outsider);
    expect((await shop.staff.post(url, { lines: [{ productId: p.id, quantity: 1 }] })).status).toBe(422);
  });
});

describe("a receipt racing with shipments (real PostgreSQL)", () => {
  it("never over-promises: afterwards the allocation check is ok, stock is never negative and the ledger matches", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(3);
    const orders = [];
    for (let i = 0; i < 12; i++) orders.push(await shop.order([{ productId: a.id, quantity: 1 }], { priority: i % 3 }));
    const po = await shop.po([{ productId: a.id, quantity: 9 }]);

    for (let round = 0; round < 3; round++) {
      const ship = (o: any) => shop.staff.post(`/api/v1/orders/${o.id}/shipments`, { lines: [{ lineId: o.lines[0].id, quantity: 1 }] });
      const receipt = shop.purchaser.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: a.id, quantity: 3 }] });
      const results = await Promise.all([...orders.map(ship), receipt]);
      const receiptRes = results.pop()!;
      expect(receiptRes.status).toBe(201);
      for (const r of results) expect([201, 409, 422]).toContain(r.status);

      const [level] = await sql(
        `SELECT s.on_hand, s.allocated, (SELECT coalesce(sum(quantity), 0)::int FROM stock_movements m WHERE m.tenant_id = s.tenant_id AND m.warehouse_id = s.warehouse_id AND m.product_id = s.product_id) AS ledger
         FROM stock_levels s WHERE s.warehouse_id = $1 AND s.product_id = $2`,
        [shop.warehouse.id, a.id],
      );
      expect(level.on_hand).toBeGreaterThanOrEqual(0);
      expect(level.allocated).toBeLessThanOrEqual(level.on_hand);
      expect(level.ledger).toBe(level.on_hand);
      const result = await check(shop.admin);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    // 3 on hand + 9 received; 12 orders of 1: everything shipped or promised, nothing twice.
    const [{ shipped }] = await sql(`SELECT coalesce(sum(sl.quantity), 0)::int AS shipped FROM shipment_lines sl JOIN sales_order_lines l ON l.id = sl.line_id WHERE l.product_id = $1`, [a.id]);
    expect(shipped + (await onHand(shop.warehouse.id, a.id))).toBe(12);
    const [{ negative }] = await sql(`SELECT count(*)::int AS negative FROM stock_levels WHERE on_hand < 0 OR allocated > on_hand`);
    expect(negative).toBe(0);
  });
});
