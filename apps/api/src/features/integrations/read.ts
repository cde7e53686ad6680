// Reading the outbox and the inbox: per order (the order page's "messages to the store"), and
// per channel for the Integrations screen (newest first, keyset pages), with every delivery
// attempt of a message.
import { z } from "zod";
import type { TPage } from "@bod/contracts/common";
import type { TInboxEvent, TInboxEventDetail, TInboxListQuery, TIntegrationSummary, TOutboxEvent, TOutboxEventDetail, TOutboxListQuery } from "@bod/contracts/integrations";
import type { Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { cursorPart, decodeCursor, encodeCursor, iso } from "../../http/pagination.ts";

interface OutboxRow {
  id: string;
  seq: bigint;
  stream: string;
  order_id: string | null;
  order_number: string | null;
  channel_id: string | null;
  channel_name: string | null;
  type: string;
  payload: unknown;
  status: TOutboxEvent["status"];
  attempts: number;
  available_at: Date;
  last_error: string | null;
  outcome: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

const toOutbox = (r: OutboxRow): TOutboxEvent => ({
  id: r.id,
  seq: Number(r.seq),
  stream: r.stream,
  orderId: r.order_id,
  orderNumber: r.order_number,
  channelId: r.channel_id,
  channelName: r.channel_name,
  type: r.type,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  availableAt: iso(r.available_at),
  lastError: r.last_error,
  outcome: r.outcome,
  createdAt: iso(r.created_at),
  deliveredAt: r.delivered_at ? iso(r.delivered_at) : null,
});

const OUTBOX_COLUMNS = `e.id::text, e.seq, e.stream, e.order_id::text, o.number AS order_number, e.channel_id::text, c.name AS channel_name, e.type, e.payload,
  e.status::text, e.attempts, e.available_at, e.last_error, e.outcome, e.created_at, e.delivered_at`;
const OUTBOX_FROM = `outbox_events e
  LEFT JOIN sales_orders o ON o.tenant_id = e.tenant_id AND o.id = e.order_id
  LEFT JOIN sales_channels c ON c.tenant_id = e.tenant_id AND c.id = e.channel_id`;

async function deliveriesOf(tx: Tx, tenantId: string, eventIds: string[]) {
  if (!eventIds.length) return new Map<string, TOutboxEventDetail["deliveries"]>();
  const rows = await tx.$queryRaw<any[]>`
    SELECT id::text, event_id::text, attempt, started_at, finished_at, outcome::text, http_status, error, retry_at, request, response
    FROM outbox_deliveries WHERE tenant_id = ${tenantId}::uuid AND event_id = ANY(${eventIds}::uuid[]) ORDER BY attempt, started_at`;
  const by = new Map<string, TOutboxEventDetail["deliveries"]>();
  for (const r of rows) {
    const list = by.get(r.event_id) ?? [];
    list.push({
      id: r.id,
      attempt: r.attempt,
      startedAt: iso(r.started_at),
      finishedAt: r.finished_at ? iso(r.finished_at) : null,
      outcome: r.outcome,
      httpStatus: r.http_status,
      error: r.error,
      retryAt: r.retry_at ? iso(r.retry_at) : null,
      request: r.request,
      response: r.response,
    });
    by.set(r.event_id, list);
  }
  return by;
}

/** An order's messages to its store, oldest first, each with its delivery attempts. */
export async function readOrderOutbox(tx: Tx, tenantId: string, orderId: string): Promise<TOutboxEventDetail[]> {
  const order = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId, id: orderId } }, select: { id: true } });
  if (!order) throw notFound("Order");
  const rows = await tx.$queryRawUnsafe<OutboxRow[]>(`SELECT ${OUTBOX_COLUMNS} FROM ${OUTBOX_FROM} WHERE e.tenant_id = $1::uuid AND e.order_id = $2::uuid ORDER BY e.seq`, tenantId, orderId);
  const deliveries = await deliveriesOf(tx, tenantId, rows.map((r) => r.id));
  return rows.map((r) => ({ ...toOutbox(r), deliveries: deliveries.get(r.id) ?? [] }));
}

export async function readOutboxEvent(tx: Tx, tenantId: string, eventId: string): Promise<TOutboxEventDetail> {
  const [row] = await tx.$queryRawUnsafe<OutboxRow[]>(`SELECT ${OUTBOX_COLUMNS} FROM ${OUTBOX_FROM} WHERE e.tenant_id = $1::uuid AND e.id = $2::uuid`, tenantId, eventId);
  if (!row) throw notFound("Message");
  return { ...toOutbox(row), deliveries: (await deliveriesOf(tx, tenantId, [row.id])).get(row.id) ?? [] };
}

/** Newest first; filters by channel, status, type, order. */
export async function listOutbox(tx: Tx, tenantId: string, q: TOutboxListQuery): Promise<TPage<TOutboxEvent>> {
  const cursor = decodeCursor(q.cursor, [z.string().regex(/^\d{1,18}$/)]);
  const where = ["e.tenant_id = $1::uuid"];
  const params: unknown[] = [tenantId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (q.channelId) add("e.channel_id = ?::uuid", q.channelId);
  if (q.status) add(`e.status = ?::"OutboxStatus"`, q.status);
  if (q.type) add("e.type = ?", q.type);
  if (q.orderId) add("e.order_id = ?::uuid", q.orderId);
  if (cursor) add("e.seq < ?::bigint", cursor[0]);
  params.push(q.limit + 1);
  const rows = await tx.$queryRawUnsafe<OutboxRow[]>(`SELECT ${OUTBOX_COLUMNS} FROM ${OUTBOX_FROM} WHERE ${where.join(" AND ")} ORDER BY e.seq DESC LIMIT $${params.length}`, ...params);
  const page = rows.slice(0, q.limit);
  return { items: page.map(toOutbox), nextCursor: rows.length > q.limit ? encodeCursor([String(page[page.length - 1]!.seq)]) : null };
}

interface InboxRow {
  id: string;
  channel_id: string;
  channel_name: string;
  source: string;
  topic: string;
  external_order_id: string | null;
  store_updated_at: Date | null;
  received_at: Date;
  status: TInboxEvent["status"];
  attempts: number;
  last_error: string | null;
  outcome: string | null;
  order_id: string | null;
  order_number: string | null;
  processed_at: Date | null;
  payload?: unknown;
  headers?: unknown;
}

const toInbox = (r: InboxRow): TInboxEvent => ({
  id: r.id,
  channelId: r.channel_id,
  channelName: r.channel_name,
  source: r.source,
  topic: r.topic,
  externalOrderId: r.external_order_id,
  storeUpdatedAt: r.store_updated_at ? iso(r.store_updated_at) : null,
  receivedAt: iso(r.received_at),
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  outcome: r.outcome,
  orderId: r.order_id,
  orderNumber: r.order_number,
  processedAt: r.processed_at ? iso(r.processed_at) : null,
});

const INBOX_COLUMNS = `i.id::text, i.channel_id::text, c.name AS channel_name, i.source, i.topic, i.external_order_id, i.store_updated_at, i.received_at,
  i.status::text, i.attempts, i.last_error, i.outcome, i.order_id::text, o.number AS order_number, i.processed_at`;
const INBOX_FROM = `channel_inbox_events i
  JOIN sales_channels c ON c.tenant_id = i.tenant_id AND c.id = i.channel_id
  LEFT JOIN sales_orders o ON o.tenant_id = i.tenant_id AND o.id = i.order_id`;

export async function listInbox(tx: Tx, tenantId: string, q: TInboxListQuery): Promise<TPage<TInboxEvent>> {
  const cursor = decodeCursor(q.cursor, [cursorPart.instant, cursorPart.id]);
  const where = ["i.tenant_id = $1::uuid"];
  const params: unknown[] = [tenantId];
  const add = (sql: string, ...values: unknown[]) => {
    let text = sql;
    for (const v of values) {
      params.push(v);
      text = text.replace("?", `$${params.length}`);
    }
    where.push(text);
  };
  if (q.channelId) add("i.channel_id = ?::uuid", q.channelId);
  if (q.status) add(`i.status = ?::"InboxStatus"`, q.status);
  if (q.topic) add("i.topic = ?", q.topic);
  if (cursor) add("(i.received_at, i.id) < (?::timestamptz, ?::uuid)", cursor[0], cursor[1]);
  params.push(q.limit + 1);
  const rows = await tx.$queryRawUnsafe<InboxRow[]>(`SELECT ${INBOX_COLUMNS} FROM ${INBOX_FROM} WHERE ${where.join(" AND ")} ORDER BY i.received_at DESC, i.id DESC LIMIT $${params.length}`, ...params);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map(toInbox), nextCursor: rows.length > q.limit && last ? encodeCursor([iso(last.received_at), last.id]) : null };
}

export async function readInboxEvent(tx: Tx, tenantId: string, id: string): Promise<TInboxEventDetail> {
  const [row] = await tx.$queryRawUnsafe<InboxRow[]>(`SELECT ${INBOX_COLUMNS}, i.payload, i.headers FROM ${INBOX_FROM} WHERE i.tenant_id = $1::uuid AND i.id = $2::uuid`, tenantId, id);
  if (!row) throw notFound("Store message");
  return { ...toInbox(row), payload: row.payload, headers: row.headers };
}

/** Per channel: what waits, what failed, what moved in the last day. */
export async function integrationSummary(tx: Tx, tenantId: string): Promise<TIntegrationSummary> {
  const rows = await tx.$queryRaw<any[]>`
    SELECT c.id::text, c.name, c.kind::text, c.enabled, (c.store_url IS NOT NULL AND c.access_token_ciphertext IS NOT NULL) AS connected, c.last_reconciled_at, c.reconcile_error,
      (SELECT count(*)::int FROM outbox_events e WHERE e.tenant_id = c.tenant_id AND e.channel_id = c.id AND e.status = 'pending') AS out_pending,
      (SELECT count(*)::int FROM outbox_events e WHERE e.tenant_id = c.tenant_id AND e.channel_id = c.id AND e.status = 'failed') AS out_failed,
      (SELECT count(*)::int FROM outbox_events e WHERE e.tenant_id = c.tenant_id AND e.channel_id = c.id AND e.status = 'delivered' AND e.delivered_at > now() - interval '1 day') AS out_day,
      (SELECT count(*)::int FROM channel_inbox_events i WHERE i.tenant_id = c.tenant_id AND i.channel_id = c.id AND i.status = 'pending') AS in_pending,
      (SELECT count(*)::int FROM channel_inbox_events i WHERE i.tenant_id = c.tenant_id AND i.channel_id = c.id AND i.status = 'failed') AS in_failed,
      (SELECT count(*)::int FROM channel_inbox_events i WHERE i.tenant_id = c.tenant_id AND i.channel_id = c.id AND i.received_at > now() - interval '1 day') AS in_day
    FROM sales_channels c WHERE c.tenant_id = ${tenantId}::uuid ORDER BY c.name, c.id`;
  return {
    channels: rows.map((r) => ({
      channelId: r.id,
      name: r.name,
      kind: r.kind,
      enabled: r.enabled,
      connected: r.connected,
      outbox: { pending: r.out_pending, failed: r.out_failed, deliveredLastDay: r.out_day },
      inbox: { pending: r.in_pending, failed: r.in_failed, receivedLastDay: r.in_day },
      lastReconciledAt: r.last_reconciled_at ? iso(r.last_reconciled_at) : null,
      lastReconcileError: r.reconcile_error,
    })),
  };
}
