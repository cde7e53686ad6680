// Messages to a Shopify store, delivered by the real job worker to a fake Shopify on 127.0.0.1
// (GraphQL Admin API validated against Shopify's schema): fulfillments with the channel's notify
// setting, retries and dead letters, order per order, a worker killed mid-delivery, holds,
// refunds and stock.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { JobWorker } from "../src/jobs/runner.ts";
import { buildShopifyCompany, closeFakes, importedOrder, outboxSettled, type ShopifyCompany } from "./store-builders.ts";
import { buildStock } from "./builders.ts";
import { eventually, startTestWorker, startWorkerProcess } from "./worker.ts";
import { testEnv } from "./env.ts";

const workers: JobWorker[] = [];
const worker = async () => {
  const w = await startTestWorker();
  workers.push(w);
  return w;
};
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});
afterAll(closeFakes);

/** A store order for `lines` imported into the company (through its webhook). */
async function storeOrder(co: ShopifyCompany, lines: { sku: string; quantity: number }[]) {
  const { order: placed } = await co.fake.createOrder({ lines }, { webhook: true });
  const order = await importedOrder(co.admin, co.channel.id, String(placed.id), (o) => o.fulfillability !== null);
  return { placed, order };
}

const fulfillmentsOf = (co: ShopifyCompany, orderId: number) => [...co.fake.store.fulfillments.values()].filter((f) => f.orderId === orderId);
const lineQty = (co: ShopifyCompany, f: { orderId: number; lineItems: { lineItemId: number; quantity: number }[] }) =>
  Object.fromEntries(f.lineItems.map((li) => [co.fake.store.orders.get(f.orderId)!.lineItems.find((l) => l.id === li.lineItemId)!.sku, li.quantity]));

describe("shipments to Shopify", () => {
  it.each([true, false])("a partial shipment is fulfilled in the store for exactly its units, notifying the customer when the channel says so (%s); the last one always notifies", async (notifyOnPartial) => {
    const co = await buildShopifyCompany({ "SKU-A": 3, "SKU-B": 0 }, { notifyOnPartialShipment: notifyOnPartial });
    await worker();
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 3 }, { sku: "SKU-B", quantity: 1 }]);
    const lineA = order.lines.find((l: any) => l.sku === "SKU-A");
    const shipped = await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: order.version, lines: [{ lineId: lineA.id, quantity: 2 }], carrier: "UPS", trackingNumber: "1Z999" });
    expect(shipped.status).toBe(201);
    const messages = await outboxSettled(co.admin, order.id);
    const sent = messages.find((m) => m.type === "shipment.created");
    expect(sent).toMatchObject({ status: "delivered", attempts: 1 });
    expect(sent.deliveries).toEqual([expect.objectContaining({ attempt: 1, outcome: "sent", httpStatus: 200 })]);
    const [fulfillment] = fulfillmentsOf(co, placed.id);
    expect(fulfillmentsOf(co, placed.id)).toHaveLength(1);
    expect(lineQty(co, fulfillment!)).toEqual({ "SKU-A": 2 });
    expect(fulfillment).toMatchObject({ notifyCustomer: notifyOnPartial, tracking: [expect.objectContaining({ number: "1Z999", company: "UPS" })] });

    // The rest arrives; the shipment that completes the order notifies whatever the partial setting.
    await buildStock(co.admin, { warehouseId: co.warehouse.id, productId: co.products.get("SKU-B")!.id, quantity: 1 });
    const rest = (await co.admin.get(`/api/v1/orders/${order.id}`)).body;
    expect((await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: rest.version })).status).toBe(201);
    await eventually(async () => fulfillmentsOf(co, placed.id).length === 2, 20_000, "the second fulfillment");
    const second = fulfillmentsOf(co, placed.id)[1]!;
    expect(lineQty(co, second)).toEqual({ "SKU-A": 1, "SKU-B": 1 });
    expect(second.notifyCustomer).toBe(true);
    await outboxSettled(co.admin, order.id);
    const timeline = (await co.admin.get(`/api/v1/orders/${order.id}`)).body.events.map((e: any) => e.message);
    expect(timeline.filter((m: string) => m.startsWith("Sent to Shopify ✓ Shopify fulfillment"))).toHaveLength(2);
  });

  it("a channel that never notifies: not even the shipment that completes the order", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 1 }, { notifyCustomers: false });
    await worker();
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 1 }]);
    await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: order.version });
    await eventually(async () => fulfillmentsOf(co, placed.id).length === 1, 20_000, "the fulfillment");
    expect(fulfillmentsOf(co, placed.id)[0]!.notifyCustomer).toBe(false);
  });

  it("the store down for a while, then up: every message arrives once, in the order written", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 4 });
    const w = await worker();
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 4 }]);
    const line = order.lines[0];
    await outboxSettled(co.admin, order.id);
    await w.stop();
    co.fake.faults.failNext(3, { status: 503 });
    let version = order.version;
    for (let i = 0; i < 3; i++) {
      const res = await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version, lines: [{ lineId: line.id, quantity: 1 }], trackingNumber: `T${i + 1}` });
      expect(res.status).toBe(201);
      version = res.body.order.version;
    }
    await worker();
    const messages = await outboxSettled(co.admin, order.id, 40_000);
    const shipments = messages.filter((m) => m.type === "shipment.created");
    expect(shipments.map((m) => m.status)).toEqual(["delivered", "delivered", "delivered"]);
    expect(shipments[0].deliveries.map((d: any) => d.outcome)).toEqual(expect.arrayContaining(["failed", "sent"]));
    const fulfillments = fulfillmentsOf(co, placed.id);
    expect(fulfillments.map((f) => f.tracking[0]?.number)).toEqual(["T1", "T2", "T3"]);
    expect(fulfillments.map((f) => lineQty(co, f))).toEqual([{ "SKU-A": 1 }, { "SKU-A": 1 }, { "SKU-A": 1 }]);
  });

  it("gives up after the maximum attempts (dead letter): later messages of the order wait; a retry sends it, then the rest", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 2 });
    await worker();
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 2 }]);
    co.fake.faults.failNext(50, { status: 500, match: { operationName: "FulfillmentCreate" } });
    const first = await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: order.version, lines: [{ lineId: order.lines[0].id, quantity: 1 }] });
    await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: first.body.order.version });
    const dead = await eventually(async () => {
      const items = (await co.admin.get(`/api/v1/orders/${order.id}/outbox`)).body.items.filter((m: any) => m.type === "shipment.created");
      return items[0]?.status === "failed" ? items : undefined;
    }, 40_000, "the first shipment message to give up");
    expect(dead[0].attempts).toBe(Number(process.env.OUTBOX_MAX_ATTEMPTS));
    expect(dead[0].outcome).toMatch(/^Gave up/);
    expect(dead[1]).toMatchObject({ status: "pending", attempts: 0 });
    expect((await co.admin.get(`/api/v1/orders/${order.id}`)).body.events.map((e: any) => e.message)).toContainEqual(expect.stringMatching(/gave up after/));
    expect(fulfillmentsOf(co, placed.id)).toHaveLength(0);

    co.fake.faults.clear();
    expect((await co.manager.post(`/api/v1/integrations/outbox/${dead[0].id}/retry`)).status).toBe(403);
    const retried = await co.admin.post(`/api/v1/integrations/outbox/${dead[0].id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    const after = await outboxSettled(co.admin, order.id);
    expect(after.filter((m) => m.type === "shipment.created").map((m) => m.status)).toEqual(["delivered", "delivered"]);
    // The log of attempts runs on across the retry: the failed ones, then the one that was sent.
    const max = Number(process.env.OUTBOX_MAX_ATTEMPTS);
    const resent = after.find((m) => m.id === dead[0].id);
    expect(resent.deliveries.map((d: any) => [d.attempt, d.outcome])).toEqual([...Array.from({ length: max }, (_, i) => [i + 1, "failed"]), [max + 1, "sent"]]);
    expect(resent).toMatchObject({ attempts: 1, lastError: null });
    expect(fulfillmentsOf(co, placed.id)).toHaveLength(2);
  });

  it("a worker killed (SIGKILL) while the store applies the fulfillment: another worker takes over, reads the store, and nothing is fulfilled twice", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 2 });
    // The store applies the fulfillment and never answers: the worker is mid-call when it dies.
    co.fake.faults.hangNext(1, { apply: true, match: { operationName: "FulfillmentCreate" } });
    const child = await startWorkerProcess({ STORE_TIMEOUT_MS: "60000" });
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 2 }]);
    expect((await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: order.version })).status).toBe(201);
    await eventually(async () => fulfillmentsOf(co, placed.id).length === 1, 20_000, "the store to apply the fulfillment");
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const [attempt] = (await testEnv.superuser.query(`SELECT d.outcome FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id WHERE e.order_id = $1 AND e.type = 'shipment.created'`, [order.id])).rows;
    expect(attempt.outcome).toBeNull(); // it died before it could record anything

    await worker();
    const messages = await outboxSettled(co.admin, order.id, 40_000);
    const sent = messages.find((m) => m.type === "shipment.created");
    expect(sent.status).toBe("delivered");
    expect(sent.deliveries.map((d: any) => d.outcome)).toEqual(["unknown", "already_applied"]);
    expect(fulfillmentsOf(co, placed.id)).toHaveLength(1);
  });

  it("backordered lines are held in the store (out of stock), exactly the unallocated units; receiving stock releases the hold", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 1, "SKU-B": 0 });
    await worker();
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 3 }, { sku: "SKU-B", quantity: 2 }]);
    const held = () =>
      co.fake.store.fulfillmentOrdersOf(placed.id).flatMap((fo) => (fo.holds.some((h) => h.handle === "backorder-desk") ? fo.lineItems.map((li) => [placed.lineItems.find((l) => l.id === li.lineItemId)!.sku, li.remainingQuantity, fo.holds[0]!.reason]) : []));
    await eventually(async () => held().length === 2, 20_000, "the hold");
    expect(held().sort()).toEqual([
      ["SKU-A", 2, "INVENTORY_OUT_OF_STOCK"],
      ["SKU-B", 2, "INVENTORY_OUT_OF_STOCK"],
    ]);
    await buildStock(co.admin, { warehouseId: co.warehouse.id, productId: co.products.get("SKU-A")!.id, quantity: 2 });
    await buildStock(co.admin, { warehouseId: co.warehouse.id, productId: co.products.get("SKU-B")!.id, quantity: 2 });
    await eventually(async () => held().length === 0, 20_000, "the hold to be released");
    const now = (await co.admin.get(`/api/v1/orders/${order.id}`)).body;
    expect(now.fulfillability).toBe("fulfillable");
    // Shipping the whole order works on the released fulfillment orders.
    expect((await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: now.version })).status).toBe(201);
    await eventually(async () => fulfillmentsOf(co, placed.id).length === 1, 20_000, "the fulfillment");
    expect(lineQty(co, fulfillmentsOf(co, placed.id)[0]!)).toEqual({ "SKU-A": 3, "SKU-B": 2 });
  });

  it("a refund reaches the store once, even when the first call applied and failed", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 0 });
    await worker();
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 2 }]);
    await outboxSettled(co.admin, order.id);
    co.fake.faults.applyThenFail(1, { status: 502, match: { operationName: "RefundCreate" } });
    const refunded = await co.manager.post(`/api/v1/orders/${order.id}/oversell/cancel-refund`, { version: (await co.admin.get(`/api/v1/orders/${order.id}`)).body.version, reason: "out of stock" });
    expect(refunded.status).toBe(200);
    const messages = await outboxSettled(co.admin, order.id, 30_000);
    const refund = messages.find((m) => m.type === "refund.requested");
    expect(refund).toMatchObject({ status: "delivered" });
    expect(refund.deliveries.map((d: any) => d.outcome)).toEqual(["failed", "sent"]);
    const refunds = [...co.fake.store.refunds.values()].filter((r) => r.orderId === placed.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]!.lineItems.map((l) => l.quantity)).toEqual([2]);
  });

  it("throttled by the store: the message waits as long as the store says and is sent, without using up attempts", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 1 });
    await worker();
    const { placed, order } = await storeOrder(co, [{ sku: "SKU-A", quantity: 1 }]);
    await outboxSettled(co.admin, order.id);
    co.fake.faults.throttleNext(1, { http429: true, retryAfterSeconds: 1, match: { operationName: "OrderFulfillmentState" } });
    co.fake.faults.throttleNext(1, { match: { operationName: "OrderFulfillmentState" } });
    await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: (await co.admin.get(`/api/v1/orders/${order.id}`)).body.version });
    const messages = await outboxSettled(co.admin, order.id, 30_000);
    const sent = messages.find((m) => m.type === "shipment.created");
    expect(sent.deliveries.map((d: any) => [d.attempt, d.outcome])).toEqual([[1, "throttled"], [2, "throttled"], [3, "sent"]]);
    expect(sent.attempts).toBe(1);
    expect(fulfillmentsOf(co, placed.id)).toHaveLength(1);
  });
});

describe("stock to Shopify", () => {
  it("free stock per SKU is pushed after it changes, coalesced, minus the channel's buffer", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 0, "SKU-B": 0 }, { pushStock: true, stockBuffer: 1 });
    await worker();
    const available = (sku: string) => {
      const variant = [...co.fake.store.variants.values()].find((v) => v.sku === sku)!;
      return [...co.fake.store.inventoryItems.get(variant.inventoryItemId)!.levels.values()][0]!.available;
    };
    for (let i = 0; i < 5; i++) await buildStock(co.admin, { warehouseId: co.warehouse.id, productId: co.products.get("SKU-A")!.id, quantity: 2 });
    await buildStock(co.admin, { warehouseId: co.warehouse.id, productId: co.products.get("SKU-B")!.id, quantity: 1 });
    await eventually(async () => available("SKU-A") === 9 && available("SKU-B") === 0, 20_000, "the pushed stock");
    // Six movements, coalesced into fewer pushes.
    const pushes = co.fake.requests.byOperation("InventorySetQuantities");
    expect(pushes.length).toBeGreaterThanOrEqual(1);
    expect(pushes.length).toBeLessThan(6);
    // An order takes units: the store is told what is still free.
    await storeOrder(co, [{ sku: "SKU-A", quantity: 4 }]);
    await eventually(async () => available("SKU-A") === 5, 20_000, "the push after the order");
  });

  it("a push asked of a channel that does not push stock is refused with the reason, and nothing is queued", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 3 });
    const queued = async () => (await testEnv.superuser.query(`SELECT count(*)::int AS n FROM outbox_events WHERE channel_id = $1 AND type = 'stock.push'`, [co.channel.id])).rows[0].n;
    const before = await queued();
    const off = await co.admin.post(`/api/v1/channels/${co.channel.id}/stock-push`);
    expect(off.status).toBe(422);
    expect(off.body.error).toMatchObject({ code: "rule_violation", message: expect.stringMatching(/Stock push is off/) });
    expect((await co.admin.patch(`/api/v1/channels/${co.channel.id}`, { pushStock: true, enabled: false })).status).toBe(200);
    const disabled = await co.admin.post(`/api/v1/channels/${co.channel.id}/stock-push`);
    expect(disabled.status).toBe(422);
    expect(disabled.body.error.message).toMatch(/switched off/);
    expect(await queued()).toBe(before);
  });
});
