// Oversold by accident, through the API against a real PostgreSQL: the three guided choices
// (cancel and refund in full; refund the unavailable part and ship the rest; exchange), each one
// transaction with refund record, timeline, outbox and the engine handing released stock on.
// Bad input and races change nothing.
import { describe, expect, it } from "vitest";
import { buildProduct, buildStock, buildSupplier, buildSupplierTerms } from "./builders.ts";
import { buildShop, orderRow } from "./order-builders.ts";
import { dbRows } from "./guards.ts";
import { planTenant } from "../src/demo/plan.ts";

type Shop = Awaited<ReturnType<typeof buildShop>>;

/** Everything a choice may write, as the database holds it: a refused choice must leave all of it as it was. */
async function orderState(orderId: string) {
  const [money] = await dbRows(`SELECT paid_cents, refunded_cents, amount_due_cents, shipping_cents, tax_cents FROM sales_orders WHERE id = $1`, [orderId]);
  const refunds = await dbRows(`SELECT count(*)::int AS n FROM refunds WHERE order_id = $1`, [orderId]);
  const outbox = await dbRows(`SELECT count(*)::int AS n FROM outbox_events WHERE payload->>'orderId' = $1`, [orderId]);
  return { row: await orderRow(orderId), money, refunds: refunds[0]!.n, outbox: outbox[0]!.n };
}

async function outboxTypes(orderId: string) {
  // One transaction writes them all at the same now(): compare as a sorted list.
  return (await dbRows(`SELECT type FROM outbox_events WHERE payload->>'orderId' = $1 ORDER BY type`, [orderId])).map((r) => r.type);
}

/** Two lines: `product` (5 on hand) for 2 units, and an oversold `gadget` (1 on hand) for 3 units; shipping 5.00, tax 3.20. */
async function oversoldOrder(shop: Shop, gadgetOnHand = 1) {
  const gadget = await buildProduct(shop.admin);
  if (gadgetOnHand) await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: gadget.id, quantity: gadgetOnHand });
  const order = await shop.order(
    [
      { productId: shop.product.id, quantity: 2, unitPriceCents: 1500 },
      { productId: gadget.id, quantity: 3, unitPriceCents: 2000 },
    ],
    { shippingCents: 500, taxCents: 320, orderDate: "2030-01-01T00:00:00Z" },
  );
  return { order, gadget, widgetLine: order.lines[0]!, gadgetLine: order.lines[1]! };
}

describe("money on an order", () => {
  it("demo orders carry shipping and tax, and paid = lines + shipping + tax", () => {
    const plan = planTenant({ tenantName: "X", seed: 11, now: Date.UTC(2026, 0, 15), orders: 60, products: 20, warehouses: 1, suppliers: 2, days: 30, openOnly: false, hotProducts: [], events: false });
    const { shipping_cents: shipping, tax_cents: tax, paid_cents: paid, id } = plan.orders.columns;
    expect(shipping.filter((c) => c > 0).length).toBeGreaterThan(5);
    expect(tax.filter((c) => c > 0).length).toBeGreaterThan(5);
    const lines = new Map<string, number>();
    plan.lines.columns.order_id.forEach((o, i) => lines.set(o, (lines.get(o) ?? 0) + plan.lines.columns.quantity_ordered[i]! * plan.lines.columns.unit_price_cents[i]!));
    id.forEach((o, i) => expect(paid[i]).toBe(lines.get(o)! + shipping[i]! + tax[i]!));
  });

  it("paid is lines + shipping + tax as imported; nothing refunded yet", async () => {
    const shop = await buildShop(5);
    const { order } = await oversoldOrder(shop);
    expect(order.money).toEqual({ shippingCents: 500, taxCents: 320, paidCents: 2 * 1500 + 3 * 2000 + 500 + 320, refundedCents: 0, refundableCents: 9820, amountDueCents: 0 });
    expect(order.fulfillability).toBe("partially_fulfillable");
  });
});

describe("choice 1: cancel and refund in full", () => {
  it("cancels the order, refunds lines + shipping + tax, tells the channel, and hands the stock to the next order by rank", async () => {
    const shop = await buildShop(2);
    const { order } = await oversoldOrder(shop, 0);
    const next = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-05T00:00:00Z" });
    expect(next.fulfillability).toBe("backordered");

    const res = await shop.manager.post(`/api/v1/orders/${order.id}/oversell/cancel-refund`, { version: order.version, reason: "oversold: supplier discontinued" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", fulfillability: null, version: order.version + 1 });
    expect(res.body.lines.map((l: any) => [l.cancelled, l.remaining, l.allocated])).toEqual([
      [2, 0, 0],
      [3, 0, 0],
    ]);
    expect(res.body.money).toMatchObject({ paidCents: 9820, refundedCents: 9820, refundableCents: 0 });
    expect(res.body.refunds).toHaveLength(1);
    expect(res.body.refunds[0]).toMatchObject({
      kind: "order_cancelled",
      amountCents: 9820,
      shippingCents: 500,
      taxCents: 320,
      reason: "oversold: supplier discontinued",
      channelStatus: "pending",
      lines: [
        { lineId: order.lines[0]!.id, quantity: 2, amountCents: 3000 },
        { lineId: order.lines[1]!.id, quantity: 3, amountCents: 6000 },
      ],
    });
    expect(res.body.events.map((e: any) => e.type).slice(0, 2)).toEqual(["refunded", "cancelled"]);
    expect(await outboxTypes(order.id)).toEqual(["order.cancelled", "refund.requested"]);
    const [requested] = await dbRows(`SELECT payload FROM outbox_events WHERE payload->>'refundId' = $1`, [res.body.refunds[0].id]);
    expect(requested!.payload).toMatchObject({ amountCents: 9820, externalId: null, channelId: shop.channel.id });

    // The engine reallocated in the same transaction.
    expect((await shop.staff.get(`/api/v1/orders/${next.id}`)).body.fulfillability).toBe("fulfillable");
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
    // Done once: a second time is a rule violation and refunds nothing more.
    const again = await shop.manager.post(`/api/v1/orders/${order.id}/oversell/cancel-refund`, { version: res.body.version, reason: "again" });
    expect(again.status).toBe(422);
  });

  it("after an earlier partial refund, refunds only what is left; refused once anything shipped", async () => {
    const shop = await buildShop(5);
    const { order, gadgetLine } = await oversoldOrder(shop);
    const partial = await shop.manager.post(`/api/v1/orders/${order.id}/oversell/refund-partial`, { version: order.version, reason: "oversold", lines: [{ lineId: gadgetLine.id, quantity: 2 }] });
    expect(partial.status).toBe(200);
    const full = await shop.manager.post(`/api/v1/orders/${order.id}/oversell/cancel-refund`, { version: partial.body.version, reason: "customer gave up" });
    expect(full.status).toBe(200);
    expect(full.body.refunds.map((r: any) => r.amountCents)).toEqual([4000, 9820 - 4000]);
    expect(full.body.refunds[1].lines).toMatchObject([
      { lineId: order.lines[0]!.id, quantity: 2, amountCents: 3000 },
      { lineId: gadgetLine.id, quantity: 1, amountCents: 2000 },
    ]);
    expect(full.body.money).toMatchObject({ refundedCents: 9820, refundableCents: 0 });

    const shop2 = await buildShop(5);
    const second = await oversoldOrder(shop2);
    const shipped = await shop2.staff.post(`/api/v1/orders/${second.order.id}/shipments`, { lines: [{ lineId: second.widgetLine.id, quantity: 1 }] });
    expect(shipped.status).toBe(201);
    const before = await orderState(second.order.id);
    const refused = await shop2.manager.post(`/api/v1/orders/${second.order.id}/oversell/cancel-refund`, { version: shipped.body.order.version, reason: "x" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/has shipped/);
    expect(await orderState(second.order.id)).toEqual(before);
  });
});

describe("choice 2: refund the unavailable part, ship the rest", () => {
  it("cancels the unavailable units, refunds their amount, and the rest ships: the order is shipped", async () => {
    const shop = await buildShop(5);
    const { order, widgetLine, gadgetLine } = await oversoldOrder(shop, 1);
    const res = await shop.manager.post(
      `/api/v1/orders/${order.id}/oversell/refund-partial`,
      { version: order.version, reason: "gadget oversold", lines: [{ lineId: gadgetLine.id, quantity: 2 }] },
      { "idempotency-key": "refund-partial-1" },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lines[1]).toMatchObject({ ordered: 3, cancelled: 2, remaining: 1, allocated: 1 });
    expect(res.body).toMatchObject({ status: "open", fulfillability: "fulfillable" });
    expect(res.body.refunds).toMatchObject([{ kind: "units_cancelled", amountCents: 4000, shippingCents: 0, taxCents: 0, lines: [{ lineId: gadgetLine.id, quantity: 2, amountCents: 4000 }] }]);
    expect(res.body.money).toMatchObject({ refundedCents: 4000, refundableCents: 9820 - 4000 });
    expect(await outboxTypes(order.id)).toEqual(["order.units_cancelled", "refund.requested"]);

    // A retry with the same Idempotency-Key returns the first result and refunds nothing again.
    const retry = await shop.manager.post(
      `/api/v1/orders/${order.id}/oversell/refund-partial`,
      { version: order.version, reason: "gadget oversold", lines: [{ lineId: gadgetLine.id, quantity: 2 }] },
      { "idempotency-key": "refund-partial-1" },
    );
    expect(retry.status).toBe(200);
    expect(retry.body.refunds).toHaveLength(1);
    expect((await dbRows(`SELECT count(*)::int AS n FROM refunds WHERE order_id = $1`, [order.id]))[0]!.n).toBe(1);

    const shipment = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { version: res.body.version });
    expect(shipment.status).toBe(201);
    expect(shipment.body.shipment.lines.map((l: any) => [l.lineId, l.quantity])).toEqual([
      [widgetLine.id, 2],
      [gadgetLine.id, 1],
    ]);
    expect(shipment.body.order.status).toBe("shipped");
    expect(shipment.body.order.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(["refunded", "cancelled", "shipped"]));
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("bad input changes nothing: cancelling shipped units, an unknown line, 0 units, a stale version", async () => {
    const shop = await buildShop(5);
    const { order, widgetLine, gadgetLine } = await oversoldOrder(shop);
    const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: widgetLine.id, quantity: 2 }] });
    const version = shipped.body.order.version;
    const before = await orderState(order.id);
    const post = (body: unknown) => shop.manager.post(`/api/v1/orders/${order.id}/oversell/refund-partial`, body);

    const shippedUnits = await post({ version, reason: "x", lines: [{ lineId: gadgetLine.id, quantity: 1 }, { lineId: widgetLine.id, quantity: 1 }] });
    expect(shippedUnits.status).toBe(422);
    expect(shippedUnits.body.error.details[0].path).toBe("lines.1.quantity");
    expect(shippedUnits.body.error.message).toMatch(/2 already shipped/);
    const unknown = await post({ version, reason: "x", lines: [{ lineId: crypto.randomUUID(), quantity: 1 }] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.details[0].path).toBe("lines.0.lineId");
    const zero = await post({ version, reason: "x", lines: [{ lineId: gadgetLine.id, quantity: 0 }] });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details.map((d: any) => d.path)).toContain("lines.0.quantity");
    expect((await post({ version, lines: [{ lineId: gadgetLine.id, quantity: 1 }] })).body.error.details.map((d: any) => d.path)).toContain("reason");
    expect((await post({ reason: "x", lines: [{ lineId: gadgetLine.id, quantity: 1 }] })).body.error.details.map((d: any) => d.path)).toContain("version");
    const stale = await post({ version: version - 1, reason: "x", lines: [{ lineId: gadgetLine.id, quantity: 1 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect(await orderState(order.id)).toEqual(before);
  });

  it("a refund never exceeds what was paid minus earlier refunds (a line priced above the payment)", async () => {
    const shop = await buildShop(5);
    const { order, gadgetLine } = await oversoldOrder(shop);
    // Earlier refunds (the older cancel-line endpoint with an explicit amount) took most of the money back.
    const first = await shop.manager.post(`/api/v1/orders/${order.id}/lines/${order.lines[0]!.id}/cancel`, { quantity: 1, reason: "goodwill", refundCents: 9000 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.money.refundableCents).toBe(820);
    const before = await orderState(order.id);
    const res = await shop.manager.post(`/api/v1/orders/${order.id}/oversell/refund-partial`, { version: first.body.version, reason: "x", lines: [{ lineId: gadgetLine.id, quantity: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "rule_violation", details: { amountCents: 2000, refundableCents: 820 } });
    expect(await orderState(order.id)).toEqual(before);
    // And the database refuses it too, whoever writes.
    await expect(dbRows(`UPDATE sales_orders SET refunded_cents = paid_cents + 1 WHERE id = $1`, [order.id])).rejects.toThrow(/sales_orders_money_check/);
  });
});

describe("choice 3: exchange", () => {
  it("suggests alternatives available now from the same supplier, and by search", async () => {
    const shop = await buildShop(5);
    const { order, gadget, gadgetLine } = await oversoldOrder(shop, 0);
    const supplier = await buildSupplier(shop.admin, { name: "Acme Gadgets" });
    const sibling = await buildProduct(shop.admin, { name: "Gadget Pro" });
    const siblingNoStock = await buildProduct(shop.admin);
    const stranger = await buildProduct(shop.admin, { name: "Unrelated thing" });
    for (const p of [gadget, sibling, siblingNoStock]) await buildSupplierTerms(shop.admin, p.id, supplier.id, { isPreferred: true });
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: sibling.id, quantity: 4 });
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: stranger.id, quantity: 4 });

    const res = await shop.manager.get(`/api/v1/orders/${order.id}/exchange-suggestions?lineId=${gadgetLine.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.line).toMatchObject({ id: gadgetLine.id, unitPriceCents: 2000, unavailable: 3 });
    expect(res.body.items.map((i: any) => i.productId)).toEqual([sibling.id]);
    expect(res.body.items[0]).toMatchObject({ available: 4, why: "same_supplier", supplierName: "Acme Gadgets", unitPriceCents: 2000, priceDifferenceCents: 0 });

    const search = await shop.manager.get(`/api/v1/orders/${order.id}/exchange-suggestions?lineId=${gadgetLine.id}&q=unrelated`);
    expect(search.body.items.map((i: any) => [i.productId, i.why])).toEqual([[stranger.id, "search"]]);
    expect((await shop.manager.get(`/api/v1/orders/${order.id}/exchange-suggestions?lineId=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await shop.manager.get(`/api/v1/orders/${order.id}/exchange-suggestions`)).body.error.details[0].path).toBe("lineId");
    expect((await shop.staff.get(`/api/v1/orders/${order.id}/exchange-suggestions?lineId=${gadgetLine.id}`)).status).toBe(403);
  });

  it("a cheaper replacement refunds the difference; a dearer one records an amount due; both ship", async () => {
    const shop = await buildShop(5);
    const { order, gadgetLine } = await oversoldOrder(shop, 0);
    const cheaper = await buildProduct(shop.admin);
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: cheaper.id, quantity: 10 });

    const res = await shop.manager.post(`/api/v1/orders/${order.id}/oversell/exchange`, {
      version: order.version,
      reason: "gadget oversold; customer agreed",
      lineId: gadgetLine.id,
      quantity: 3,
      newProductId: cheaper.id,
      unitPriceCents: 1800,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.lines.map((l: any) => [l.productId, l.ordered, l.cancelled, l.remaining, l.allocated, l.unitPriceCents])).toEqual([
      [shop.product.id, 2, 0, 2, 2, 1500],
      [order.lines[1]!.productId, 3, 3, 0, 0, 2000],
      [cheaper.id, 3, 0, 3, 3, 1800],
    ]);
    expect(res.body.fulfillability).toBe("fulfillable");
    expect(res.body.refunds).toMatchObject([{ kind: "exchange", amountCents: 600, lines: [{ lineId: gadgetLine.id, quantity: 3, amountCents: 600 }] }]);
    expect(res.body.events.find((e: any) => e.type === "exchanged")).toMatchObject({ data: { differenceCents: -600, fromUnitPriceCents: 2000, unitPriceCents: 1800 } });
    expect(await outboxTypes(order.id)).toEqual(["order.line_exchanged", "refund.requested"]);
    const ship = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(ship.status).toBe(201);
    expect(ship.body.order.status).toBe("shipped");

    const shop2 = await buildShop(5);
    const o2 = await oversoldOrder(shop2, 0);
    const dearer = await buildProduct(shop2.admin);
    await buildStock(shop2.admin, { warehouseId: shop2.warehouse.id, productId: dearer.id, quantity: 1 });
    const up = await shop2.manager.post(`/api/v1/orders/${o2.order.id}/oversell/exchange`, { version: 1, reason: "upgrade", lineId: o2.gadgetLine.id, quantity: 1, newProductId: dearer.id, unitPriceCents: 2500 });
    expect(up.status).toBe(200);
    expect(up.body.money).toMatchObject({ amountDueCents: 500, refundedCents: 0 });
    expect(up.body.refunds).toEqual([]);
    expect(await outboxTypes(o2.order.id)).toEqual(["order.line_exchanged", "payment.requested"]);
    expect(up.body.lines[1]).toMatchObject({ cancelled: 1, remaining: 2 });
  });

  it("refuses an unknown product, another company's product, the line's own product and more units than remain; nothing changes", async () => {
    const shop = await buildShop(5);
    const other = await buildShop(5);
    const { order, gadgetLine, gadget } = await oversoldOrder(shop);
    const before = await orderState(order.id);
    const post = (body: Record<string, unknown>) =>
      shop.manager.post(`/api/v1/orders/${order.id}/oversell/exchange`, { version: order.version, reason: "x", lineId: gadgetLine.id, quantity: 1, ...body });

    for (const productId of [crypto.randomUUID(), other.product.id]) {
      const res = await post({ newProductId: productId });
      expect(res.status).toBe(404);
      expect(res.body.error.details).toEqual([{ path: "newProductId", message: "No such product" }]);
    }
    expect((await post({ newProductId: gadget.id })).status).toBe(422);
    const spare = await buildProduct(shop.admin);
    const tooMany = await post({ newProductId: spare.id, quantity: 4 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.message).toMatch(/remain/);
    expect((await post({ newProductId: spare.id, unitPriceCents: -1 })).status).toBe(400);
    expect(await orderState(order.id)).toEqual(before);
  });
});
