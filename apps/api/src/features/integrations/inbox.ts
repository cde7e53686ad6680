// The inbox: what stores tell Backorder Desk. A verified webhook (or a polled order) is stored
// with its channel's drain job in one transaction and answered at once; the worker then applies
// the channel's waiting messages in batches (inbox-drain.ts, store-orders.ts) under the
// message's tenant. A message with the same dedupe key is stored once, so a store's duplicate
// delivery changes nothing. Failures are kept on the row and retried with backoff; after
// MAX_INBOX_ATTEMPTS the row is `failed` for a person to look at (Integrations), who can retry it.
import { z } from "zod";
import { sqlOf, type SqlExec, type Tx } from "../../db/client.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
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

/**
 * Stores the message and its job in the caller's transaction. Returns whether it was new
 * (false: a duplicate of one already stored, nothing done).
 */
export async function storeInboxMessage(tx: Tx | SqlExec, tenantId: string, kind: string, m: InboxMessage): Promise<{ id: string | null; duplicate: boolean }> {
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
  const sql = sqlOf(tx);
  const rows = await sql<{ id: string }>(
    `INSERT INTO channel_inbox_events (tenant_id, channel_id, source, topic, dedupe_key, external_order_id, store_updated_at, payload, headers, request_id, status, last_error, outcome)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7::timestamptz, $8::jsonb, $9::jsonb, $10, $11::"InboxStatus", $12, $13)
     ON CONFLICT (tenant_id, channel_id, dedupe_key) DO NOTHING
     RETURNING id::text`,
    [
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
    ],
  );
  const id = rows[0]?.id ?? null;
  if (id && status === "pending") await ensureDrain(sql, tenantId, m.channelId);
  return { id, duplicate: !id };
}

/**
 * Makes sure the channel's inbox has a drain job, without making writers queue on one row:
 * `inbox_draining` says a drain job exists. Writers hold a shared advisory lock on the
 * channel's inbox until they commit; the drain takes it exclusively for its final look, so it
 * cannot finish while a message it has not seen is being stored. Only the writer that finds
 * the flag down raises it and enqueues the job (inbox-drain.ts lowers it).
 */
export async function ensureDrain(tx: Tx | SqlExec, tenantId: string, channelId: string) {
  const sql = sqlOf(tx);
  await sql(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))) l`, [inboxLockKey(tenantId, channelId)]);
  const raised = await sql(`UPDATE sales_channels SET inbox_draining = true WHERE tenant_id = $1::uuid AND id = $2::uuid AND NOT inbox_draining RETURNING 1`, [tenantId, channelId]);
  if (raised.length) await enqueueJob(sql, "inbox_drain", { tenantId, channelId }, { maxAttempts: 1000 });
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
