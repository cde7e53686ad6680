// The inbox: what stores tell Backorder Desk. A verified webhook (or a polled order) is stored
// with its channel's drain job in one transaction and answered at once; the worker then applies
// the channel's waiting messages in batches (inbox-drain.ts, store-orders.ts) under the
// message's tenant. A message with the same dedupe key is stored once, so a store's duplicate
// delivery changes nothing. Failures are kept on the row and retried with backoff; after
// MAX_INBOX_ATTEMPTS the row is `failed` for a person to look at (Integrations), who can retry it.
import { z } from "zod";
import type pg from "pg";
import { sqlOf, type SqlExec, type Tx } from "../../db/client.ts";
import { fromShopifyWebhook, ZShopifyWebhookOrder } from "./stores/shopify/mapping.ts";
import type { StoreOrder } from "./stores/types.ts";
import { fromWooOrder, ZWooOrder } from "./stores/woocommerce/mapping.ts";

export const MAX_INBOX_ATTEMPTS = 6;
export const inboxBackoffMs = (attempts: number) => Math.min(3_600_000, 2_000 * 4 ** (attempts - 1));

/** An order read from the store by a reconciliation poll (payload: the StoreOrder itself). */
export const POLLED_ORDER_TOPIC = "reconcile/order";

const ZPolledOrder = z.object({
  externalId: z.string(),
  name: z.string().nullable(),
  createdAt: z.coerce.date(),
  updatedAt: z.coerce.date(),
  cancelled: z.boolean(),
  awaitingPayment: z.boolean(),
  customerName: z.string(),
  customerEmail: z.string().nullable(),
  shippingAddress: z.string().nullable(),
  shippingCents: z.number().int(),
  taxCents: z.number().int(),
  lines: z.array(
    z.object({ externalLineId: z.string(), sku: z.string().nullable(), variantId: z.string().nullable(), title: z.string(), quantity: z.number().int(), unitPriceCents: z.number().int() }),
  ),
});

/** Topics that carry an order, per store kind. */
const ORDER_TOPICS: Record<string, Set<string>> = {
  shopify: new Set(["orders/create", "orders/updated", "orders/cancelled", "orders/paid", POLLED_ORDER_TOPIC]),
  woocommerce: new Set(["order.created", "order.updated", "order.deleted", "order.restored", POLLED_ORDER_TOPIC]),
};
export const UNINSTALL_TOPIC = "app/uninstalled";

export function isHandledTopic(kind: string, topic: string) {
  return ORDER_TOPICS[kind]?.has(topic) || (kind === "shopify" && topic === UNINSTALL_TOPIC);
}

export interface InboxMessage {
  channelId: string;
  source: "webhook" | "poll";
  topic: string;
  dedupeKey: string;
  payload: unknown;
  headers?: Record<string, string>;
  requestId?: string;
}

/** The store order a message carries, for its high-water mark and external id (null: not an order). */
export function storeOrderOf(kind: string, topic: string, payload: unknown): StoreOrder | null {
  if (!ORDER_TOPICS[kind]?.has(topic)) return null;
  if (topic === POLLED_ORDER_TOPIC) {
    const parsed = ZPolledOrder.safeParse(payload);
    if (!parsed.success) throw new InvalidStorePayload(parsed.error);
    return parsed.data;
  }
  if (kind === "shopify") {
    const parsed = ZShopifyWebhookOrder.safeParse(payload);
    if (!parsed.success) throw new InvalidStorePayload(parsed.error);
    return fromShopifyWebhook(parsed.data);
  }
  const parsed = ZWooOrder.safeParse(payload);
  if (!parsed.success) throw new InvalidStorePayload(parsed.error);
  const order = fromWooOrder(parsed.data);
  // A deleted (trashed) order is closed, whatever status it had.
  return topic === "order.deleted" ? { ...order, cancelled: true } : order;
}

export class InvalidStorePayload extends Error {
  constructor(readonly error: z.ZodError) {
    super(`The store's message is not an order as expected: ${error.issues.slice(0, 3).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  }
}

/** The inbox row a message becomes: its order's id and version read from it, and whether there is anything to apply. */
function inboxRow(tenantId: string, kind: string, m: InboxMessage): unknown[] {
  const handled = isHandledTopic(kind, m.topic);
  let order: StoreOrder | null = null;
  let error: string | null = null;
  try {
    order = handled ? storeOrderOf(kind, m.topic, m.payload) : null;
  } catch (e) {
    if (!(e instanceof InvalidStorePayload)) throw e;
    error = e.message;
  }
  const status = !handled ? "ignored" : error ? "failed" : "pending";
  return [
    tenantId,
    m.channelId,
    m.source,
    m.topic,
    m.dedupeKey,
    order?.externalId ?? null,
    order?.updatedAt?.toISOString() ?? null,
    JSON.stringify(m.payload),
    m.headers ? JSON.stringify(m.headers) : null,
    m.requestId ?? null,
    status,
    error,
    handled ? null : `topic ${m.topic} is not one Backorder Desk acts on`,
  ];
}

const STORE_CALL = `app_store_inbox_message($1::uuid, $2::uuid, $3, $4, $5, $6, $7::timestamptz, $8::jsonb, $9::jsonb, $10, $11, $12, $13)`;

/**
 * Stores the message in the caller's transaction, with the channel's drain job when it has
 * none (app_store_inbox_message in the migration channels_and_job_queue). Returns whether it
 * was new (false: a duplicate of one already stored, nothing done).
 */
export async function storeInboxMessage(tx: Tx | SqlExec, tenantId: string, kind: string, m: InboxMessage): Promise<{ id: string | null; duplicate: boolean }> {
  const rows = await sqlOf(tx)<{ id: string | null }>(`SELECT ${STORE_CALL}::text AS id`, inboxRow(tenantId, kind, m));
  const id = rows[0]?.id ?? null;
  return { id, duplicate: !id };
}

/**
 * The same in one round trip on a bare connection (a webhook's acknowledgement): the
 * transaction, the role and tenant for row-level security and the store call sent as one simple
 * query, its values escaped by the driver.
 */
export async function storeInboxMessageAtOnce(client: pg.PoolClient, tenantId: string, kind: string, m: InboxMessage): Promise<{ id: string | null; duplicate: boolean }> {
  const values = inboxRow(tenantId, kind, m).map((v) => (v === null ? "NULL" : client.escapeLiteral(String(v))));
  const call = STORE_CALL.replace(/\$(\d+)/g, (_, n) => values[Number(n) - 1]!);
  const results = (await client.query(
    `BEGIN; SELECT set_config('role', 'bod_app', true), set_config('app.user_id', '', true), set_config('app.tenant_id', ${client.escapeLiteral(tenantId)}, true); SELECT ${call}::text AS id; COMMIT`,
  )) as unknown as pg.QueryResult<{ id: string | null }>[];
  const id = results[2]?.rows[0]?.id ?? null;
  return { id, duplicate: !id };
}

/** Makes sure the channel's inbox has a drain job (app_ensure_inbox_drain). */
export async function ensureDrain(tx: Tx | SqlExec, tenantId: string, channelId: string) {
  await sqlOf(tx)(`SELECT 1 AS ensured FROM (SELECT app_ensure_inbox_drain($1::uuid, $2::uuid)) d`, [tenantId, channelId]);
}

export const inboxLockKey = (tenantId: string, channelId: string) => `inbox:${tenantId}:${channelId}`;

/** A person asks for a failed or ignored message to be applied again (Integrations screen). */
export async function retryInboxMessage(tx: Tx, tenantId: string, inboxId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ channel_id: string }[]>`
    UPDATE channel_inbox_events SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, outcome = NULL
    WHERE tenant_id = ${tenantId}::uuid AND id = ${inboxId}::uuid AND status IN ('failed', 'ignored') RETURNING channel_id::text`;
  if (row) await ensureDrain(tx, tenantId, row.channel_id);
  return !!row;
}
