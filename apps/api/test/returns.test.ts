// Returns on real PostgreSQL: authorising (never more than shipped minus returned, 422 naming the
// line), receiving restocked units into the ledger so a waiting backorder takes them by rank at
// once (and is named), damaged units kept out of stock, Idempotency-Key retries, two receipts of
// one return racing, refunds and exchanges linked, the timeline, the outbox and the order detail.
import { describe, expect, it } from "vitest";
import { addMember, type ApiClient } from "./client.ts";
import { buildPurchasingShop, onHand, sql } from "./purchasing-builders.ts";

const check = async (client: ApiClient) => (await client.get("/api/v1/admin/allocations/check")).body;
const numbers = (refs: { number: string }[]) => refs.map((r) => r.number);

/** A shop with a manager; `shipped(product, qty)` is an order of `qty` units that has shipped them all. */
async function buildReturnShop() {
  const shop = await buildPurchasingShop();
  const manager = await addMember(shop.admin, "manager");
  const shipped = async (lines: { productId: string; quantity: number }[], priority = 9) => {
    const order = await shop.order(lines, { priority });
    const res = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    if (res.status !== 201) throw new Error(`ship: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.order;
  };
  const createReturn = (orderId: string, lines: { lineId: string; quantity: number; condition: string }[], client: ApiClient = manager) =>
    client.post(`/api/v1/orders/${orderId}/returns`, { reason: "defective", note: "Box crushed", lines });
  return { ...shop, manager, shipped, createReturn };
}

describe("returns", () => {
  it("receiving restocked units makes a waiting backorder fulfillable at once and names it; damaged units never become available", async () => {
    const shop = await buildReturnShop();
    const a = await shop.product(3);
    const sold = await shop.shipped([{ productId: a.id, quantity: 3 }]);
    expect(sold.status).toBe("shipped");
    const first = await shop.order([{ productId: a.id, quantity: 1 }], { priority: 5 });
    const second = await shop.order([{ productId: a.id, quantity: 1 }], { priority: 1 });
    expect(await onHand(shop.warehouse.id, a.id)).toBe(0);

    const created = await shop.createReturn(sold.id, [
      { lineId: sold.lines[0].id, quantity: 1, condition: "restock" },
      { lineId: sold.lines[0].id, quantity: 2, condition: "damaged" },
    ]);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: "open", reason: "defective", note: "Box crushed", order: { id: sold.id } });
    expect(created.body.number).toMatch(/^RMA-\d+$/);
    expect(created.body.allowedActions).toEqual(["receive", "cancel", "link_exchange"]);
    const [restockLine, damagedLine] = created.body.lines;
    expect(restockLine).toMatchObject({ condition: "restock", quantity: 1, quantityReceived: 0, remaining: 1 });
    expect(damagedLine).toMatchObject({ condition: "damaged", quantity: 2, remaining: 2 });

    // Damaged units first: nothing becomes available, nobody is named.
    const damaged = await shop.staff.post(`/api/v1/returns/${created.body.id}/receipts`, { lines: [{ returnLineId: damagedLine.id, quantity: 2 }] });
    expect(damaged.status, JSON.stringify(damaged.body)).toBe(201);
    expect(damaged.body.ordersNowFulfillable).toEqual([]);
    expect(damaged.body.ordersNowPartiallyFulfillable).toEqual([]);
    expect(damaged.body.return.status).toBe("partially_received");
    expect(await onHand(shop.warehouse.id, a.id)).toBe(0);
    expect((await shop.admin.get(`/api/v1/orders/${first.id}`)).body.fulfillability).toBe("backordered");
    expect(await sql(`SELECT condition::text, quantity FROM return_receipt_lines WHERE product_id = $1`, [a.id])).toEqual([{ condition: "damaged", quantity: 2 }]);

    const restock = await shop.staff.post(`/api/v1/returns/${created.body.id}/receipts`, { lines: [{ returnLineId: restockLine.id, quantity: 1 }] });
    expect(restock.status, JSON.stringify(restock.body)).toBe(201);
    expect(numbers(restock.body.ordersNowFulfillable)).toEqual([first.number]);
    expect(restock.body.ordersNowPartiallyFulfillable).toEqual([]);
    expect(restock.body.return.status).toBe("received");
    expect(restock.body.return.receipts).toHaveLength(2);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(1);
    expect((await shop.admin.get(`/api/v1/orders/${first.id}`)).body.fulfillability).toBe("fulfillable");
    expect((await shop.admin.get(`/api/v1/orders/${second.id}`)).body.fulfillability).toBe("backordered");
    const movements = await sql(`SELECT kind::text, quantity, cause_type FROM stock_movements WHERE product_id = $1 AND cause_type = 'return_receipt'`, [a.id]);
    expect(movements).toEqual([{ kind: "receipt", quantity: 1, cause_type: "return_receipt" }]);
    const verdict = await check(shop.admin);
    expect(verdict.ledgerMismatches).toEqual([]);
    expect(verdict.ok).toBe(true);

    // The timeline, the order's returns and the channel's message.
    const detail = (await shop.manager.get(`/api/v1/orders/${sold.id}`)).body;
    expect(detail.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(["return_created", "return_received"]));
    expect(detail.returns.items).toEqual([expect.objectContaining({ id: created.body.id, number: created.body.number, status: "received", units: 3, unitsReceived: 3 })]);
    expect(detail.returns.returnable).toEqual([{ lineId: sold.lines[0].id, quantity: 0 }]);
    expect(detail.returns.allowedActions).toEqual([]);
    const outbox = await sql(`SELECT type, payload->>'returnNumber' AS number FROM outbox_events WHERE order_id = $1 AND type = 'return.received'`, [sold.id]);
    expect(outbox).toEqual([
      { type: "return.received", number: created.body.number },
      { type: "return.received", number: created.body.number },
    ]);
  });

  it("refuses more than shipped minus already returned with 422 naming the line; a cancelled return frees its units; numbers count per company", async () => {
    const shop = await buildReturnShop();
    const a = await shop.product(4);
    const sold = await shop.shipped([{ productId: a.id, quantity: 2 }]);
    const line = sold.lines[0];
    const first = await shop.createReturn(sold.id, [{ lineId: line.id, quantity: 2, condition: "restock" }]);
    expect(first.status).toBe(201);
    const before = await sql(`SELECT count(*)::int AS n FROM returns WHERE order_id = $1`, [sold.id]);
    const over = await shop.createReturn(sold.id, [{ lineId: line.id, quantity: 1, condition: "quarantine" }]);
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("rule_violation");
    expect(over.body.error.message).toContain(`Line ${line.lineNo} (${a.sku})`);
    expect(over.body.error.details[0]).toMatchObject({ path: "lines.0.quantity", lineId: line.id, shipped: 2, returned: 2, returnable: 0, requested: 1 });
    expect(await sql(`SELECT count(*)::int AS n FROM returns WHERE order_id = $1`, [sold.id])).toEqual(before);

    // Two conditions of one line add up.
    const cancelled = await shop.manager.post(`/api/v1/returns/${first.body.id}/cancel`, { version: first.body.version });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const split = await shop.createReturn(sold.id, [
      { lineId: line.id, quantity: 2, condition: "restock" },
      { lineId: line.id, quantity: 1, condition: "damaged" },
    ]);
    expect(split.status).toBe(422);
    expect(split.body.error.details[0].path).toBe("lines.1.quantity");
    const again = await shop.createReturn(sold.id, [{ lineId: line.id, quantity: 1, condition: "restock" }]);
    const third = await shop.createReturn(sold.id, [{ lineId: line.id, quantity: 1, condition: "damaged" }]);
    expect([again.status, third.status]).toEqual([201, 201]);
    const n = (s: string) => Number(s.slice(4));
    expect(n(again.body.number)).toBe(n(first.body.number) + 1);
    expect(n(third.body.number)).toBe(n(first.body.number) + 2);

    // A line that has not shipped, and a receipt above what is expected.
    const open = await shop.order([{ productId: a.id, quantity: 1 }]);
    const unshipped = await shop.createReturn(open.id, [{ lineId: open.lines[0]!.id, quantity: 1, condition: "restock" }]);
    expect(unshipped.status).toBe(422);
    expect(unshipped.body.error.details[0].path).toBe("lines.0.quantity");
    const tooMany = await shop.staff.post(`/api/v1/returns/${again.body.id}/receipts`, { lines: [{ returnLineId: again.body.lines[0].id, quantity: 2 }] });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0]).toMatchObject({ path: "lines.0.quantity", remaining: 1, requested: 2 });
    expect(await onHand(shop.warehouse.id, a.id)).toBe(2);
  });

  it("a receipt retried with the same Idempotency-Key applies once", async () => {
    const shop = await buildReturnShop();
    const a = await shop.product(2);
    const sold = await shop.shipped([{ productId: a.id, quantity: 2 }]);
    const waiting = await shop.order([{ productId: a.id, quantity: 2 }]);
    const rma = (await shop.createReturn(sold.id, [{ lineId: sold.lines[0].id, quantity: 2, condition: "restock" }])).body;
    const body = { lines: [{ returnLineId: rma.lines[0].id, quantity: 1 }] };
    const headers = { "Idempotency-Key": `rma-${rma.id}` };
    const first = await shop.staff.post(`/api/v1/returns/${rma.id}/receipts`, body, headers);
    const retry = await shop.staff.post(`/api/v1/returns/${rma.id}/receipts`, body, headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body).toEqual(first.body);
    expect(numbers(first.body.ordersNowPartiallyFulfillable)).toEqual([waiting.number]);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(1);
    expect(await sql(`SELECT count(*)::int AS n FROM return_receipts WHERE return_id = $1`, [rma.id])).toEqual([{ n: 1 }]);
    expect(await sql(`SELECT quantity_received FROM return_lines WHERE return_id = $1`, [rma.id])).toEqual([{ quantity_received: 1 }]);
    const mismatch = await shop.staff.post(`/api/v1/returns/${rma.id}/receipts`, { receiveAllRemaining: true }, headers);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe("idempotency_mismatch");
    expect((await check(shop.admin)).ok).toBe(true);
  });

  it("two receipts of the same return at once serialise: never more received than authorised, stock moved once per unit", async () => {
    const shop = await buildReturnShop();
    const a = await shop.product(3);
    const sold = await shop.shipped([{ productId: a.id, quantity: 3 }]);
    await shop.order([{ productId: a.id, quantity: 5 }]);
    const rma = (await shop.createReturn(sold.id, [{ lineId: sold.lines[0].id, quantity: 3, condition: "restock" }])).body;
    const all = () => shop.staff.post(`/api/v1/returns/${rma.id}/receipts`, { receiveAllRemaining: true });
    const results = await Promise.all([all(), all(), all()]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(3);

    expect(await sql(`SELECT quantity_received FROM return_lines WHERE return_id = $1`, [rma.id])).toEqual([{ quantity_received: 3 }]);

    // Two receipts of one unit each out of two: both apply, one after the other.
    const b = await shop.product(2);
    const soldB = await shop.shipped([{ productId: b.id, quantity: 2 }]);
    const rmaB = (await shop.createReturn(soldB.id, [{ lineId: soldB.lines[0].id, quantity: 2, condition: "restock" }])).body;
    const one = () => shop.staff.post(`/api/v1/returns/${rmaB.id}/receipts`, { lines: [{ returnLineId: rmaB.lines[0].id, quantity: 1 }] });
    const pair = await Promise.all([one(), one()]);
    expect(pair.map((r) => r.status)).toEqual([201, 201]);
    expect(pair.map((r) => r.body.return.status).sort()).toEqual(["partially_received", "received"]);
    expect(await onHand(shop.warehouse.id, b.id)).toBe(2);
    const verdict = await check(shop.admin);
    expect(verdict.ledgerMismatches).toEqual([]);
    expect(verdict.ok).toBe(true);
  });
});
