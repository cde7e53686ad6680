// Builders for tests with a store: a fake Shopify or WooCommerce on 127.0.0.1 (apps/api/test/
// fake-store), a company whose channel is connected to it, products the store and the company
// share by SKU, and waiting for what the worker does with a message.
import type { TChannel } from "@bod/contracts/channels";
import { startFakeShopify, type FakeShopify, type FakeShopifyOptions } from "./fake-store/shopify.ts";
import { buildProduct, buildStock, buildWarehouse, created } from "./builders.ts";
import { addMember, type ApiClient, signUpCompany } from "./client.ts";
import { testEnv } from "./env.ts";
import { eventually } from "./worker.ts";

const fakes = new Set<{ close(): Promise<void> }>();
export async function closeFakes() {
  await Promise.all([...fakes].map((f) => f.close()));
  fakes.clear();
}

export async function startShopify(options: FakeShopifyOptions = {}): Promise<FakeShopify> {
  const fake = await startFakeShopify({ rateLimit: false, ...options });
  fakes.add(fake);
  return fake;
}

export const webhookUrl = (channel: TChannel) => `${testEnv.baseUrl}/api/v1/webhooks/${channel.kind}/${channel.id}`;

export interface ShopifyCompany {
  admin: ApiClient;
  manager: ApiClient;
  staff: ApiClient;
  warehouse: { id: string };
  channel: TChannel;
  fake: FakeShopify;
  /** Our product of each SKU. */
  products: Map<string, { id: string; sku: string }>;
}

/**
 * A company with a Shopify channel connected to a fake shop (webhooks signed with the shop's
 * secret, posted to this test's API), and `skus` as products on both sides with `stock` on hand.
 */
export async function buildShopifyCompany(skus: Record<string, number>, channel: Record<string, unknown> = {}, fakeOptions: FakeShopifyOptions = {}): Promise<ShopifyCompany> {
  const admin = await signUpCompany("Store Co");
  const [manager, staff] = [await addMember(admin, "manager"), await addMember(admin, "staff")];
  const warehouse = await buildWarehouse(admin);
  const fake = await startShopify(fakeOptions);
  const created_ = created(
    "channel",
    await admin.post("/api/v1/channels", {
      name: `Shopify ${fake.shopDomain}`,
      kind: "shopify",
      defaultWarehouseId: warehouse.id,
      supportsOrderEdits: true,
      storeUrl: fake.url,
      accessToken: fake.accessToken,
      webhookSecret: fake.webhookSecret,
      ...channel,
    }),
  ) as TChannel;
  fake.webhooks.config.url = webhookUrl(created_);
  const products = new Map<string, { id: string; sku: string }>();
  for (const [sku, stock] of Object.entries(skus)) {
    const p = await buildProduct(admin, { sku });
    products.set(sku, p);
    if (stock > 0) await buildStock(admin, { warehouseId: warehouse.id, productId: p.id, quantity: stock });
    fake.store.createProduct({ title: `Item ${sku}`, variants: [{ sku, price: "10.00", available: 100 }] });
  }
  return { admin, manager, staff, warehouse, channel: created_, fake, products };
}

/** The order imported from the store order `externalId`, once the worker has applied it. */
export async function importedOrder(client: ApiClient, channelId: string, externalId: string, until?: (order: any) => boolean) {
  return eventually(async () => {
    const { rows } = await testEnv.superuser.query(`SELECT id FROM sales_orders WHERE channel_id = $1 AND external_id = $2`, [channelId, externalId]);
    if (!rows[0]) return undefined;
    const order = (await client.get(`/api/v1/orders/${rows[0].id}`)).body;
    return !until || until(order) ? order : undefined;
  }, 20_000, `order ${externalId} from the store`);
}

/** Inbox rows of a channel, oldest first, as stored. */
export async function inboxRows(channelId: string) {
  const { rows } = await testEnv.superuser.query(`SELECT topic, source, status::text, outcome, last_error, external_order_id FROM channel_inbox_events WHERE channel_id = $1 ORDER BY received_at, id`, [channelId]);
  return rows;
}

/** Waits until no message of the channel is pending in the inbox. */
export async function inboxSettled(channelId: string) {
  await eventually(async () => (await testEnv.superuser.query(`SELECT 1 FROM channel_inbox_events WHERE channel_id = $1 AND status = 'pending'`, [channelId])).rowCount === 0, 20_000, "the inbox to settle");
}

/** Waits until the order's outbox messages are all settled (delivered, failed, skipped or discarded) and returns them. */
export async function outboxSettled(client: ApiClient, orderId: string, timeoutMs = 20_000) {
  return eventually(async () => {
    const items = (await client.get(`/api/v1/orders/${orderId}/outbox`)).body.items as any[];
    return items.every((m) => m.status !== "pending") ? items : undefined;
  }, timeoutMs, "the order's messages to settle");
}

export { buildStock };
