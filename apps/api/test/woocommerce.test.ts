// A WooCommerce store: webhooks from a fake WooCommerce on 127.0.0.1 (WC_Webhook's headers,
// ping and signature), its REST API v3 for notes, status, refunds and polling — through the
// real job worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TChannel } from "@bod/contracts/channels";
import type { JobWorker } from "../src/jobs/runner.ts";
import { startFakeWooCommerce, type FakeWooCommerce } from "./fake-store/woocommerce.ts";
import { buildProduct, buildStock, buildWarehouse, created } from "./builders.ts";
import { addMember, signUpCompany, type ApiClient } from "./client.ts";
import { testEnv } from "./env.ts";
import { importedOrder, inboxRows, inboxSettled, outboxSettled, webhookUrl } from "./store-builders.ts";
import { eventually, startTestWorker } from "./worker.ts";

let worker: JobWorker;
const fakes: FakeWooCommerce[] = [];
beforeAll(async () => {
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker.stop();
  await Promise.all(fakes.map((f) => f.close()));
});

const SECRET = "woo-webhook-secret-1";

async function buildWooCompany(skus: Record<string, number>, channel: Record<string, unknown> = {}) {
  const admin = await signUpCompany("Woo Co");
  const manager = await addMember(admin, "manager");
  const warehouse = await buildWarehouse(admin);
  const fake = await startFakeWooCommerce();
  fakes.push(fake);
  const ch = created(
    "channel",
    await admin.post("/api/v1/channels", { name: "Woo store", kind: "woocommerce", defaultWarehouseId: warehouse.id, supportsOrderEdits: true, storeUrl: fake.url, accessToken: fake.accessToken, webhookSecret: SECRET, ...channel }),
  ) as TChannel;
  const products = new Map<string, { id: string }>();
  for (const [sku, stock] of Object.entries(skus)) {
    const p = await buildProduct(admin, { sku });
    products.set(sku, p);
    if (stock) await buildStock(admin, { warehouseId: warehouse.id, productId: p.id, quantity: stock });
    fake.store.createProduct({ name: `Item ${sku}`, sku, price: "10.00", stockQuantity: 50, manageStock: true });
  }
  const hooks: Record<string, number> = {};
  for (const topic of ["order.created", "order.updated"]) {
    const { webhook, ping } = await fake.createWebhook({ topic, deliveryUrl: webhookUrl(ch), secret: SECRET, ping: true });
    expect(ping?.status).toBe(200); // the unsigned ping is answered and stored nowhere
    hooks[topic] = webhook.id;
  }
  return { admin, manager, warehouse, channel: ch, fake, products, hooks };
}

const count = async (sql: string, params: unknown[]) => Number((await testEnv.superuser.query(sql, params)).rows[0].n);

describe("WooCommerce", () => {
  it("answers the unsigned ping, imports a signed order.created once however often it is delivered, and refuses a bad signature", async () => {
    const co = await buildWooCompany({ "W-1": 5 });
    expect(await count(`SELECT count(*) AS n FROM channel_inbox_events WHERE channel_id = $1`, [co.channel.id])).toBe(0);
    const { order: placed, deliveries } = await co.fake.createOrder({ lines: [{ sku: "W-1", quantity: 2, price: "12.00" }], status: "processing", billing: { first_name: "Alan", last_name: "Turing", email: "alan@example.test" } });
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    // WooCommerce redelivers with a new delivery id: the same content is the same message.
    const again = await co.fake.sendWebhook(co.hooks["order.created"]!, placed.id, { duplicate: 1 });
    expect(again.map((d) => JSON.parse(d.responseBody).duplicate)).toEqual([true, true]);
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id));
    expect(order).toMatchObject({ customer: { name: "Alan Turing", email: "alan@example.test" }, lines: [expect.objectContaining({ sku: "W-1", ordered: 2, allocated: 2 })] });
    await inboxSettled(co.channel.id);
    expect(await inboxRows(co.channel.id)).toMatchObject([{ topic: "order.created", status: "processed" }]);
    const forged = await co.fake.sendWebhook(co.hooks["order.created"]!, placed.id, { secret: "not-the-secret" });
    expect(forged[0]!.status).toBe(401);
  });

  it("a pending (unpaid) order waits until the store marks it processing", async () => {
    const co = await buildWooCompany({ "W-1": 5 });
    const { order: placed } = await co.fake.createOrder({ lines: [{ sku: "W-1", quantity: 1 }], status: "pending" });
    await inboxSettled(co.channel.id);
    expect(await count(`SELECT count(*) AS n FROM sales_orders WHERE channel_id = $1`, [co.channel.id])).toBe(0);
    expect((await inboxRows(co.channel.id))[0]).toMatchObject({ status: "ignored", outcome: expect.stringMatching(/not paid/) });
    co.fake.store.clock.advance(1_000);
    await co.fake.updateOrder(placed.id, { status: "processing" });
    await importedOrder(co.admin, co.channel.id, String(placed.id));
  });

  it("a partial shipment becomes a customer note when the channel notifies; the last one completes the order", async () => {
    const co = await buildWooCompany({ "W-1": 1, "W-2": 0 });
    const { order: placed } = await co.fake.createOrder({ lines: [{ sku: "W-1", quantity: 1 }, { sku: "W-2", quantity: 1 }], status: "processing" });
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id), (o) => o.fulfillability === "partially_fulfillable");
    const lineW1 = order.lines.find((l: any) => l.sku === "W-1");
    await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: order.version, lines: [{ lineId: lineW1.id, quantity: 1 }], trackingNumber: "TRK1" });
    await outboxSettled(co.admin, order.id);
    const notes = () => [...co.fake.store.notes.values()].filter((n) => n.orderId === placed.id && n.author !== "system");
    expect(notes().find((n) => n.note.includes("TRK1"))).toMatchObject({ customerNote: true });
    expect(co.fake.store.orders.get(placed.id)!.status).toBe("processing");

    await buildStock(co.admin, { warehouseId: co.warehouse.id, productId: co.products.get("W-2")!.id, quantity: 1 });
    const rest = (await co.admin.get(`/api/v1/orders/${order.id}`)).body;
    await co.manager.post(`/api/v1/orders/${order.id}/shipments`, { version: rest.version });
    await eventually(async () => co.fake.store.orders.get(placed.id)!.status === "completed", 20_000, "the order to be completed in the store");
    // Each shipment's note exactly once (markers), whatever retries happened.
    expect(notes().filter((n) => /\[bod:shipment:/.test(n.note))).toHaveLength(2);
  });

  it("a refund the store refuses (its gateway cannot refund) gives up at once, with the store's reason", async () => {
    const co = await buildWooCompany({ "W-1": 0 });
    const { order: placed } = await co.fake.createOrder({ lines: [{ sku: "W-1", quantity: 1, price: "20.00" }], status: "processing", gatewaySupportsRefunds: false });
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id));
    await outboxSettled(co.admin, order.id);
    const res = await co.manager.post(`/api/v1/orders/${order.id}/oversell/cancel-refund`, { version: (await co.admin.get(`/api/v1/orders/${order.id}`)).body.version, reason: "out of stock" });
    expect(res.status).toBe(200);
    const refund = await eventually(async () => {
      const items = (await co.admin.get(`/api/v1/orders/${order.id}/outbox`)).body.items;
      return items.find((m: any) => m.type === "refund.requested" && m.status === "failed");
    }, 20_000, "the refund to give up");
    expect(refund).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/WooCommerce refused the refund: The payment gateway/) });
    // The order's next message waits behind it until an admin decides; discarding it lets the cancellation note go.
    const waiting = (await co.admin.get(`/api/v1/orders/${order.id}/outbox`)).body.items.find((m: any) => m.type === "order.cancelled");
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    expect((await co.admin.post(`/api/v1/integrations/outbox/${refund.id}/discard`)).body).toMatchObject({ status: "discarded" });
    const settled = await outboxSettled(co.admin, order.id);
    expect(settled.find((m) => m.type === "order.cancelled")).toMatchObject({ status: "delivered" });
    expect([...co.fake.store.notes.values()].some((n) => n.orderId === placed.id && n.note.includes("cancelled"))).toBe(true);
  });

  it("reconciliation polls orders modified since the cursor and imports what the webhooks missed", async () => {
    const co = await buildWooCompany({ "W-1": 5 });
    const missed = co.fake.store.createOrder({ lines: [{ sku: "W-1", quantity: 3 }], status: "processing" });
    await co.admin.post(`/api/v1/channels/${co.channel.id}/reconcile`);
    const order = await importedOrder(co.admin, co.channel.id, String(missed.id));
    expect(order.lines[0]).toMatchObject({ ordered: 3 });
    expect((await inboxRows(co.channel.id)).find((r) => r.external_order_id === String(missed.id))).toMatchObject({ source: "poll", status: "processed" });
  });
});
