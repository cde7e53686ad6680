// Guards of the integration endpoints: 401 without a session, 403 for a role without the right,
// 404 for another company's ids with the rows unchanged, 400 naming the field.
import { afterAll, describe, expect, it } from "vitest";
import { inTenant } from "../src/db/client.ts";
import { enqueueOutboxEvent } from "../src/features/outbox/enqueue.ts";
import { buildChannel, buildProduct, buildStockedProduct, buildWarehouse, created } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";
import { closeFakes, startShopify } from "./store-builders.ts";

afterAll(closeFakes);

interface Fixture {
  tenants: TenantPair;
  channelId: string;
  secretId: string;
  orderId: string;
  eventId: string;
  inboxId: string;
  jobId: string;
  productId: string;
  targetId: string;
}

const channelRow = (f: Fixture) => dbRows(`SELECT name, enabled, store_url, access_token_ciphertext, reconcile_cursor FROM sales_channels WHERE id = $1`, [f.channelId]);
const secretRows = (f: Fixture) => dbRows(`SELECT id, ciphertext, expires_at FROM channel_secrets WHERE channel_id = $1 ORDER BY id`, [f.channelId]);
const eventRow = (f: Fixture) => dbRows(`SELECT status, attempts, available_at, outcome FROM outbox_events WHERE id = $1`, [f.eventId]);
const inboxRow = (f: Fixture) => dbRows(`SELECT status, attempts, outcome FROM channel_inbox_events WHERE id = $1`, [f.inboxId]);
const productRow = (f: Fixture) => dbRows(`SELECT sku, needs_review FROM products WHERE id = $1`, [f.productId]);
const pendingPush = (f: Fixture) => dbRows(`SELECT count(*)::int AS n FROM outbox_events WHERE channel_id = $1 AND type = 'stock.push'`, [f.channelId]);
const queuedJobs = () => dbRows(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`);

async function setup(): Promise<Fixture> {
  const tenants = await tenantPair();
  const { owner } = tenants;
  const fake = await startShopify();
  const { warehouse, product } = await buildStockedProduct(owner, 3);
  const channel = await buildChannel(owner, { defaultWarehouseId: warehouse.id, storeUrl: fake.url, accessToken: fake.accessToken, webhookSecret: fake.webhookSecret, pushStock: true });
  const order = await buildOrder(owner, { channelId: channel.id, externalId: "9001", lines: [{ productId: product.id, quantity: 1 }] });
  const eventId = await inTenant({ tenantId: owner.tenantId! }, (tx) => enqueueOutboxEvent(tx, owner.tenantId!, "order.edited", { orderId: order.id, diff: {} }));
  await dbRows(`UPDATE outbox_events SET status = 'failed', attempts = 4 WHERE id = $1`, [eventId]);
  const [inbox] = await dbRows(
    `INSERT INTO channel_inbox_events (tenant_id, channel_id, source, topic, dedupe_key, payload, status, last_error) VALUES ($1, $2, 'webhook', 'orders/create', 'guard-1', '{}', 'failed', 'bad payload') RETURNING id::text`,
    [owner.tenantId, channel.id],
  );
  const job = await owner.post("/api/v1/admin/allocations/recompute");
  const placeholder = await buildProduct(owner, { sku: "STORE-ONLY-1" });
  await dbRows(`UPDATE products SET needs_review = true WHERE id = $1`, [placeholder.id]);
  return { tenants, channelId: channel.id, secretId: channel.connection.webhookSecrets[0]!.id, orderId: order.id, eventId, inboxId: String(inbox!.id), jobId: job.body.job.id, productId: placeholder.id, targetId: product.id };
}

describeGuards("integration endpoints", setup, [
  { name: "POST /channels/:id/webhook-secrets", call: (c, f) => c.post(`/api/v1/channels/${f.channelId}/webhook-secrets`, { secret: "another-secret-1" }), deniedRole: "manager", outsider: true, snapshot: secretRows },
  { name: "DELETE /channels/:id/webhook-secrets/:secretId", call: (c, f) => c.delete(`/api/v1/channels/${f.channelId}/webhook-secrets/${f.secretId}`), deniedRole: "manager", outsider: true, snapshot: secretRows },
  { name: "POST /channels/:id/stock-push", call: (c, f) => c.post(`/api/v1/channels/${f.channelId}/stock-push`), deniedRole: "manager", outsider: true, snapshot: pendingPush },
  { name: "POST /channels/:id/reconcile", call: (c, f) => c.post(`/api/v1/channels/${f.channelId}/reconcile`), deniedRole: "manager", outsider: true, snapshot: async (f) => [await channelRow(f), await queuedJobs()] },
  { name: "GET /integrations/summary", call: (c) => c.get(`/api/v1/integrations/summary`), deniedRole: "staff" },
  { name: "GET /integrations/outbox", call: (c) => c.get(`/api/v1/integrations/outbox`), deniedRole: "staff" },
  { name: "GET /integrations/outbox/:id", call: (c, f) => c.get(`/api/v1/integrations/outbox/${f.eventId}`), deniedRole: "purchaser", outsider: true, snapshot: eventRow },
  { name: "POST /integrations/outbox/:id/retry", call: (c, f) => c.post(`/api/v1/integrations/outbox/${f.eventId}/retry`), deniedRole: "manager", outsider: true, snapshot: eventRow },
  { name: "POST /integrations/outbox/:id/discard", call: (c, f) => c.post(`/api/v1/integrations/outbox/${f.eventId}/discard`), deniedRole: "manager", outsider: true, snapshot: eventRow },
  { name: "GET /integrations/inbox", call: (c) => c.get(`/api/v1/integrations/inbox`), deniedRole: "staff" },
  { name: "GET /integrations/inbox/:id", call: (c, f) => c.get(`/api/v1/integrations/inbox/${f.inboxId}`), deniedRole: "staff", outsider: true, snapshot: inboxRow },
  { name: "POST /integrations/inbox/:id/retry", call: (c, f) => c.post(`/api/v1/integrations/inbox/${f.inboxId}/retry`), deniedRole: "manager", outsider: true, snapshot: inboxRow },
  { name: "GET /orders/:id/outbox", call: (c, f) => c.get(`/api/v1/orders/${f.orderId}/outbox`), outsider: true, snapshot: eventRow },
  { name: "GET /jobs/:id", call: (c, f) => c.get(`/api/v1/jobs/${f.jobId}`), outsider: true, snapshot: (f) => dbRows(`SELECT status, kind FROM background_jobs WHERE id = $1`, [f.jobId]) },
  { name: "POST /products/:id/review", call: (c, f) => c.post(`/api/v1/products/${f.productId}/review`, { action: "confirm" }), deniedRole: "staff", outsider: true, snapshot: productRow },
]);

describe("integration endpoints: invalid input", () => {
  it("names the field, and changes nothing", async () => {
    const f = await setup();
    const { owner } = f.tenants;
    expectInvalid(await owner.post(`/api/v1/channels/${f.channelId}/webhook-secrets`, { secret: "short" }), "secret");
    expectInvalid(await owner.post(`/api/v1/channels/${f.channelId}/webhook-secrets`, { secret: "long-enough-secret", overlapHours: 9999 }), "overlapHours");
    expectInvalid(await owner.post(`/api/v1/products/${f.productId}/review`, { action: "merge" }), "action");
    expectInvalid(await owner.post(`/api/v1/products/${f.productId}/review`, { action: "map", productId: "not-a-uuid" }), "productId");
    expectInvalid(await owner.get(`/api/v1/integrations/outbox?status=lost`), "status");
    expectInvalid(await owner.get(`/api/v1/integrations/outbox?cursor=${Buffer.from('["x"]').toString("base64url")}`), "cursor");
    expectInvalid(await owner.get(`/api/v1/integrations/inbox?cursor=${Buffer.from('["", "00000000-0000-4000-8000-000000000000"]').toString("base64url")}`), "cursor");
    expectInvalid(await owner.patch(`/api/v1/channels/${f.channelId}`, { storeUrl: "ftp://shop.example" }), "storeUrl");
    expectInvalid(await owner.patch(`/api/v1/channels/${f.channelId}`, { stockBuffer: -1 }), "stockBuffer");
    // Mapping a product to itself or to another company's product names the field.
    expectInvalid(await owner.post(`/api/v1/products/${f.productId}/review`, { action: "map", productId: f.productId }), "productId");
    const outsiderProduct = await buildProduct(f.tenants.outsider);
    const mapped = await owner.post(`/api/v1/products/${f.productId}/review`, { action: "map", productId: outsiderProduct.id });
    expect(mapped.status).toBe(404);
    expect(mapped.body.error.details[0].path).toBe("productId");
    expect(await productRow(f)).toEqual([{ sku: "STORE-ONLY-1", needs_review: true }]);
  });

  it("secrets are write-only: never in an answer, sealed in the database", async () => {
    const f = await setup();
    const { owner } = f.tenants;
    const made = created("channel", await owner.post("/api/v1/channels", { name: "Sealed", kind: "woocommerce", defaultWarehouseId: (await buildWarehouse(owner)).id, storeUrl: "https://shop.example", accessToken: "ck_visible:cs_visible", webhookSecret: "webhook-visible" })) as any;
    for (const res of [made, (await owner.get(`/api/v1/channels/${made.id}`)).body, (await owner.get(`/api/v1/channels`)).body]) {
      expect(JSON.stringify(res)).not.toMatch(/visible/);
    }
    expect(made.connection).toMatchObject({ hasAccessToken: true, webhookSecrets: [expect.objectContaining({ expiresAt: null })], webhookUrl: expect.stringMatching(new RegExp(`/api/v1/webhooks/woocommerce/${made.id}$`)) });
    const [row] = await dbRows(`SELECT access_token_ciphertext FROM sales_channels WHERE id = $1`, [made.id]);
    expect(String(row!.access_token_ciphertext)).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(String(row!.access_token_ciphertext)).not.toMatch(/visible/);
    const cleared = await owner.patch(`/api/v1/channels/${made.id}`, { accessToken: null });
    expect(cleared.body.connection.hasAccessToken).toBe(false);
  });
});
