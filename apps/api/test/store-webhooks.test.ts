// Orders from a Shopify store: signed webhooks from a fake Shopify on 127.0.0.1 (same headers,
// payloads and HMAC scheme as Shopify) into the inbox, applied by the real job worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { testEnv } from "./env.ts";
import { buildShopifyCompany, closeFakes, importedOrder, inboxRows, inboxSettled } from "./store-builders.ts";
import { signBody } from "./fake-store/webhooks.ts";
import { eventually, startTestWorker } from "./worker.ts";
import type { JobWorker } from "../src/jobs/runner.ts";

let worker: JobWorker;
beforeAll(async () => {
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker.stop();
  await closeFakes();
});

const count = async (sql: string, params: unknown[]) => Number((await testEnv.superuser.query(sql, params)).rows[0].n);

describe("Shopify webhooks in", () => {
  it("refuses a bad or missing signature, an unknown or another kind's channel: 401 in the error shape, nothing stored", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 5 });
    const placed = co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] });
    const good = co.fake.buildWebhook("orders/create", placed.id);
    const [wrong] = await co.fake.sendWebhook("orders/create", good, { secret: "not the shop's secret" });
    expect(wrong!.status).toBe(401);
    expect(JSON.parse(wrong!.responseBody)).toMatchObject({ error: { code: "unauthenticated", message: expect.any(String), requestId: expect.any(String) } });
    const [unsigned] = await co.fake.sendWebhook("orders/create", good, { omitHeaders: ["X-Shopify-Hmac-Sha256"] });
    expect(unsigned!.status).toBe(401);
    const unknownChannel = co.fake.webhooks.config.url!.replace(co.channel.id, "00000000-0000-4000-8000-000000000000");
    const [unknown] = await co.fake.sendWebhook("orders/create", good, { url: unknownChannel });
    expect(unknown!.status).toBe(401);
    const [garbage] = await co.fake.sendWebhook("orders/create", good, { url: co.fake.webhooks.config.url!.replace(co.channel.id, "%ZZ") });
    expect(garbage!.status).toBe(400); // not even a path: malformed
    const [asWoo] = await co.fake.sendWebhook("orders/create", good, { url: co.fake.webhooks.config.url!.replace("/shopify/", "/woocommerce/") });
    expect(asWoo!.status).toBe(401);
    // Signed, but without the headers Shopify always sends: 400 naming them.
    const [headless] = await co.fake.sendWebhook("orders/create", good, { omitHeaders: ["X-Shopify-Topic", "X-Shopify-Webhook-Id"] });
    expect(headless!.status).toBe(400);
    expect(JSON.parse(headless!.responseBody).error.details.map((d: any) => d.path).sort()).toEqual(["X-Shopify-Topic", "X-Shopify-Webhook-Id"]);
    expect(await count(`SELECT count(*) AS n FROM channel_inbox_events WHERE channel_id = $1`, [co.channel.id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM sales_orders WHERE channel_id = $1`, [co.channel.id])).toBe(0);
  });

  it("orders/create makes the order with its store ids; the same event delivered twice makes one", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 5, "SKU-B": 0 });
    const { order: placed, deliveries } = await co.fake.createOrder(
      { lines: [{ sku: "SKU-A", quantity: 2, price: "12.50" }, { sku: "SKU-B", quantity: 1 }], shippingPrice: "5.00", customer: { firstName: "Grace", lastName: "Hopper" } },
      { webhook: { duplicate: 2 } },
    );
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(deliveries.map((d) => JSON.parse(d.responseBody).duplicate)).toEqual([false, true, true]);
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id), (o) => o.fulfillability !== null);
    expect(order).toMatchObject({ externalId: String(placed.id), storeOrderName: placed.name, customer: { name: "Grace Hopper" }, fulfillability: "partially_fulfillable" });
    expect(order.lines.map((l: any) => [l.sku, l.ordered, l.allocated])).toEqual([
      ["SKU-A", 2, 2],
      ["SKU-B", 1, 0],
    ]);
    await inboxSettled(co.channel.id);
    expect(await count(`SELECT count(*) AS n FROM sales_orders WHERE channel_id = $1`, [co.channel.id])).toBe(1);
    expect(await inboxRows(co.channel.id)).toMatchObject([{ topic: "orders/create", source: "webhook", status: "processed", outcome: expect.stringMatching(/^created SO-/) }]);
    const { rows } = await testEnv.superuser.query(`SELECT external_line_id FROM sales_order_lines WHERE order_id = $1 ORDER BY line_no`, [order.id]);
    expect(rows.map((r) => r.external_line_id)).toEqual(placed.lineItems.map((l) => String(l.id)));
  });

  it("orders/updated delivered newest first ends in the newest state; the late older one is ignored as stale", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 10 });
    const { order: placed } = await co.fake.createOrder({ lines: [{ sku: "SKU-A", quantity: 4 }] }, { webhook: true });
    await importedOrder(co.admin, co.channel.id, String(placed.id));
    co.fake.store.clock.advance(2_000);
    co.fake.store.removeUnits(placed.id, placed.lineItems[0]!.id, 1);
    const older = co.fake.buildWebhook("orders/updated", placed.id); // 3 units
    co.fake.store.clock.advance(2_000);
    co.fake.store.removeUnits(placed.id, placed.lineItems[0]!.id, 1);
    const newer = co.fake.buildWebhook("orders/updated", placed.id); // 2 units
    await co.fake.sendWebhook("orders/updated", newer);
    await inboxSettled(co.channel.id);
    await co.fake.sendWebhook("orders/updated", older);
    await inboxSettled(co.channel.id);
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id));
    expect(order.lines[0]).toMatchObject({ ordered: 4, cancelled: 2, remaining: 2 });
    const rows = await inboxRows(co.channel.id);
    expect(rows.map((r) => [r.topic, r.status])).toEqual([
      ["orders/create", "processed"],
      ["orders/updated", "processed"],
      ["orders/updated", "ignored"],
    ]);
    expect(rows[2].outcome).toMatch(/^stale/);
  });

  it("a line whose SKU matches no product still imports the order, backordered and flagged; mapping the SKU moves the line", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 3 });
    co.fake.store.createProduct({ title: "Blue mug (store name)", variants: [{ sku: "STORE-MUG", price: "9.00" }] });
    const { order: placed } = await co.fake.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }, { sku: "STORE-MUG", quantity: 2 }] }, { webhook: true });
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id), (o) => o.fulfillability !== null);
    expect(order.fulfillability).toBe("partially_fulfillable");
    expect(order.tags).toContain("unknown-sku");
    const flagged = order.lines.find((l: any) => l.sku === "STORE-MUG");
    expect(flagged).toMatchObject({ ordered: 2, allocated: 0 });
    expect(order.conflicts).toEqual([expect.objectContaining({ kind: "unknown_sku", resolvedAt: null })]);
    const placeholder = (await co.admin.get(`/api/v1/products?needsReview=true`)).body.items;
    expect(placeholder).toEqual([expect.objectContaining({ sku: "STORE-MUG", needsReview: true, name: "Blue mug (store name)" })]);

    // The store's STORE-MUG is our SKU-A: the line moves there (and takes the free unit), the conflict is resolved.
    expect((await co.staff.post(`/api/v1/products/${placeholder[0].id}/review`, { action: "map", productId: co.products.get("SKU-A")!.id })).status).toBe(403);
    const mapped = await co.manager.post(`/api/v1/products/${placeholder[0].id}/review`, { action: "map", productId: co.products.get("SKU-A")!.id });
    expect(mapped.status).toBe(422); // the order already has a SKU-A line: the manager edits it first
    expect(mapped.body.error.message).toMatch(order.number);

    // Another order with only the unknown SKU maps cleanly; the next store order with that SKU maps by itself.
    const { order: second } = await co.fake.createOrder({ lines: [{ sku: "STORE-MUG", quantity: 1 }] }, { webhook: true });
    const secondOrder = await importedOrder(co.admin, co.channel.id, String(second.id));
    await co.manager.post(`/api/v1/orders/${order.id}/cancel`, { reason: "customer asked" });
    const ok = await co.manager.post(`/api/v1/products/${placeholder[0].id}/review`, { action: "map", productId: co.products.get("SKU-A")!.id });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ product: { sku: "SKU-A" }, linesMoved: 2, conflictsResolved: 2 });
    const moved = (await co.admin.get(`/api/v1/orders/${secondOrder.id}`)).body;
    expect(moved.lines[0]).toMatchObject({ sku: "SKU-A", allocated: 1 });
    expect(moved.conflicts[0].resolvedAt).not.toBeNull();
    const { order: third } = await co.fake.createOrder({ lines: [{ sku: "STORE-MUG", quantity: 1 }] }, { webhook: true });
    const thirdOrder = await importedOrder(co.admin, co.channel.id, String(third.id));
    expect(thirdOrder.lines[0].sku).toBe("SKU-A");
    expect(thirdOrder.tags).not.toContain("unknown-sku");
    expect((await co.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("orders/cancelled cancels what had not shipped; app/uninstalled disables the channel, then webhooks are refused", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 2 });
    const { order: placed } = await co.fake.createOrder({ lines: [{ sku: "SKU-A", quantity: 2 }] }, { webhook: true });
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id));
    co.fake.store.clock.advance(1_000);
    await co.fake.cancelOrder(placed.id, { webhook: true });
    const cancelled = await importedOrder(co.admin, co.channel.id, String(placed.id), (o) => o.status === "cancelled");
    expect(cancelled.lines[0]).toMatchObject({ cancelled: 2, allocated: 0 });
    expect(cancelled.events.map((e: any) => e.message)).toContainEqual(expect.stringMatching(/^Cancelled in Shopify/));
    expect(order.id).toBe(cancelled.id);

    await co.fake.sendAppUninstalled();
    await eventually(async () => (await co.admin.get(`/api/v1/channels/${co.channel.id}`)).body.enabled === false, 20_000, "the channel to be disabled");
    expect((await co.admin.get(`/api/v1/channels/${co.channel.id}`)).body.disabledReason).toMatch(/uninstalled/);
    const { deliveries } = await co.fake.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] }, { webhook: true });
    expect(deliveries[0]!.status).toBe(401);
  });

  it("a rotated secret: the old one still works inside the overlap, not after it is revoked", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 5 });
    const rotated = await co.admin.post(`/api/v1/channels/${co.channel.id}/webhook-secrets`, { secret: "the-new-app-secret", overlapHours: 1 });
    expect(rotated.status).toBe(201);
    expect(rotated.body.connection.webhookSecrets).toHaveLength(2);
    expect(JSON.stringify(rotated.body)).not.toContain("the-new-app-secret");
    expect(JSON.stringify(rotated.body)).not.toContain(co.fake.webhookSecret);
    const placed = co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] });
    expect((await co.fake.sendWebhook("orders/create", placed.id, { secret: "the-new-app-secret" }))[0]!.status).toBe(200);
    const again = co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] });
    expect((await co.fake.sendWebhook("orders/create", again.id))[0]!.status).toBe(200); // the old secret, still in its overlap
    const old = rotated.body.connection.webhookSecrets.find((s: any) => s.expiresAt !== null);
    expect((await co.admin.delete(`/api/v1/channels/${co.channel.id}/webhook-secrets/${old.id}`)).status).toBe(200);
    const third = co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] });
    expect((await co.fake.sendWebhook("orders/create", third.id))[0]!.status).toBe(401);
    expect((await co.fake.sendWebhook("orders/create", third.id, { secret: "the-new-app-secret" }))[0]!.status).toBe(200);
  });

  it("reconciliation: orders the webhooks missed are fetched from the store and imported once", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 5 });
    const missed = [co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] }), co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 2 }] })];
    const seen = co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] });
    await co.fake.sendWebhook("orders/create", seen.id);
    await importedOrder(co.admin, co.channel.id, String(seen.id));
    expect((await co.staff.post(`/api/v1/channels/${co.channel.id}/reconcile`)).status).toBe(403);
    expect((await co.admin.post(`/api/v1/channels/${co.channel.id}/reconcile`)).status).toBe(202);
    for (const m of missed) await importedOrder(co.admin, co.channel.id, String(m.id));
    await eventually(async () => (await co.admin.get(`/api/v1/channels/${co.channel.id}`)).body.connection.lastReconciledAt, 20_000, "the poll to finish");
    await inboxSettled(co.channel.id);
    expect(await count(`SELECT count(*) AS n FROM sales_orders WHERE channel_id = $1`, [co.channel.id])).toBe(3);
    // Polling again finds nothing new to do.
    expect((await co.admin.post(`/api/v1/channels/${co.channel.id}/reconcile`)).status).toBe(202);
    await eventually(async () => co.fake.requests.all().filter((r: any) => r.operationName === "OrdersUpdatedSince").length >= 2, 20_000, "the second poll");
    await inboxSettled(co.channel.id);
    expect(await count(`SELECT count(*) AS n FROM sales_orders WHERE channel_id = $1`, [co.channel.id])).toBe(3);
  });

  it("a poll the store refuses is kept on the channel with its reason, not a failed job; the next poll goes through and clears it", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 5 });
    const missed = co.fake.store.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] });
    co.fake.faults.failNext(1, { status: 503, match: { operationName: "OrdersUpdatedSince" } });
    expect((await co.admin.post(`/api/v1/channels/${co.channel.id}/reconcile`)).status).toBe(202);
    const failed = await eventually(async () => {
      const c = (await co.admin.get(`/api/v1/channels/${co.channel.id}`)).body.connection;
      return c.lastReconcileError ? c : undefined;
    }, 20_000, "the failed poll to be recorded");
    expect(failed.lastReconcileError).toMatch(/503/);
    expect(failed.lastReconciledAt).not.toBeNull();
    const summary = (await co.admin.get(`/api/v1/integrations/summary`)).body.channels.find((c: any) => c.channelId === co.channel.id);
    expect(summary.lastReconcileError).toBe(failed.lastReconcileError);
    // Not left to the queue's own retries: no failed or retrying reconcile job.
    const retrying = `SELECT count(*) AS n FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'channel_reconcile' AND j.last_error IS NOT NULL`;
    expect(await count(retrying, [])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM sales_orders WHERE channel_id = $1`, [co.channel.id])).toBe(0);

    expect((await co.admin.post(`/api/v1/channels/${co.channel.id}/reconcile`)).status).toBe(202);
    await importedOrder(co.admin, co.channel.id, String(missed.id));
    await eventually(async () => (await co.admin.get(`/api/v1/channels/${co.channel.id}`)).body.connection.lastReconcileError === null, 20_000, "the error to clear");
  });

  it("a burst is applied in batches: every order once, each update after its create, a broken message fails alone", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 30, "SKU-B": 5 });
    await worker.stop(); // the messages pile up in the inbox, then one drain takes them together
    const placed = [];
    for (let i = 0; i < 30; i++) placed.push((await co.fake.createOrder({ lines: [{ sku: "SKU-B", quantity: 1 }, { sku: "SKU-A", quantity: 1 + (i % 2) }] }, { webhook: true })).order);
    co.fake.store.clock.advance(2_000);
    for (const p of placed.slice(0, 5)) {
      co.fake.store.removeUnits(p.id, p.lineItems[1]!.id, 1); // the store takes the second line off
      await co.fake.sendWebhook("orders/updated", p.id);
    }
    const broken = co.fake.buildWebhook("orders/create", { id: 1, line_items: "not a list" });
    expect((await co.fake.sendWebhook("orders/create", broken))[0]!.status).toBe(200); // verified, stored; it fails when applied
    worker = await startTestWorker();
    await inboxSettled(co.channel.id);
    const rows = await inboxRows(co.channel.id);
    expect(rows.filter((r) => r.status === "processed")).toHaveLength(35);
    expect(rows.filter((r) => r.status === "failed")).toEqual([expect.objectContaining({ last_error: expect.stringMatching(/not an order/) })]);
    expect(await count(`SELECT count(*) AS n FROM sales_orders WHERE channel_id = $1`, [co.channel.id])).toBe(30);
    for (const [i, p] of placed.slice(0, 5).entries()) {
      const order = await importedOrder(co.admin, co.channel.id, String(p.id));
      expect(order.lines.map((l: any) => l.ordered - l.cancelled)).toEqual([1, i % 2]); // one unit of SKU-A taken off
    }
    expect((await co.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
    const numbers = (await testEnv.superuser.query(`SELECT number FROM sales_orders WHERE channel_id = $1 ORDER BY number`, [co.channel.id])).rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(30);
  });

  it("another company's user sees none of the channel's messages", async () => {
    const co = await buildShopifyCompany({ "SKU-A": 5 });
    await co.fake.createOrder({ lines: [{ sku: "SKU-A", quantity: 1 }] }, { webhook: true });
    await inboxSettled(co.channel.id);
    const [row] = (await testEnv.superuser.query(`SELECT id FROM channel_inbox_events WHERE channel_id = $1`, [co.channel.id])).rows;
    const outsider = await signUpCompany("Outsider Co");
    expect((await outsider.get(`/api/v1/integrations/inbox/${row.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/integrations/inbox?channelId=${co.channel.id}`)).body.items).toEqual([]);
    expect((await outsider.post(`/api/v1/integrations/inbox/${row.id}/retry`)).status).toBe(404);
    expect((await co.staff.get(`/api/v1/integrations/inbox`)).status).toBe(403);
    expect((await new ApiClient().get(`/api/v1/integrations/inbox`)).status).toBe(401);
    expect((await co.manager.get(`/api/v1/integrations/inbox/${row.id}`)).body).toMatchObject({ topic: "orders/create", status: "processed" });
    // The signature of a body is the body's own: a tampered body with the original signature is refused.
    const prepared = co.fake.buildWebhook("orders/create", co.fake.orderPayload([...co.fake.store.orders.keys()][0]!));
    const signature = signBody(co.fake.webhookSecret, prepared.body);
    const tampered = await fetch(co.fake.webhooks.config.url!, {
      method: "POST",
      headers: { "content-type": "application/json", "x-shopify-hmac-sha256": signature, "x-shopify-topic": "orders/create", "x-shopify-shop-domain": co.fake.shopDomain, "x-shopify-webhook-id": "w1" },
      body: prepared.body.replace('"quantity":1', '"quantity":100'),
    });
    expect(tampered.status).toBe(401);
  });
});
