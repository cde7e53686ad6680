// The inbox_drain job: applies a channel's waiting store messages in batches, oldest first.
// One transaction per batch (up to BATCH messages, taken FOR UPDATE SKIP LOCKED, so drains of
// the same channel never take the same rows):
// - new orders (the first message of a store order not imported yet) are created together, in
//   one pass of set-based statements and one engine run (orders/create.ts insertOrders);
// - every other message (updates, cancellations, repeats of one order, uninstalls) is applied
//   one after the other, each inside a savepoint, in the order received;
// - a message that fails keeps its error and waits (backoff) for its next attempt, or is
//   `failed` after MAX_INBOX_ATTEMPTS; the others of the batch are not held up by it.
// Store orders are locked (advisory, sorted) before anything is read, so a message of an order
// processed by another drain waits for it; stale versions are then ignored (store-orders.ts).
// The job runs until the inbox is empty, then lowers the channel's `inbox_draining` flag under
// the inbox's exclusive lock (inbox.ts ensureDrain), or leaves itself a successor for messages
// waiting out a backoff.
import { z } from "zod";
import { inTenant, pinnedToIds, type Tx } from "../../db/client.ts";
import { systemContext, type RequestContext } from "../../http/types.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { insertOrders, type NewOrder } from "../orders/create.ts";
import { inboxBackoffMs, inboxLockKey, InvalidStorePayload, MAX_INBOX_ATTEMPTS, storeOrderOf, UNINSTALL_TOPIC } from "./inbox.ts";
import { applyStoreOrder, flagUnknownSkus, lockStoreOrders, mergeByProduct, resolveStoreLines, UNKNOWN_SKU_TAG, type ApplyOutcome, type StoreChannel } from "./store-orders.ts";
import type { StoreOrder } from "./stores/types.ts";
import { envValue } from "../../config.ts";

export const ZInboxDrainJob = z.object({ tenantId: z.uuid(), channelId: z.uuid() });
const BATCH = envValue("INBOX_BATCH");
/** One run drains for at most this long, then hands over to a successor job (others get their turn). */
const RUN_MS = 30_000;
/** A batch that was not full waits this long before the next (more messages in one transaction). */
const GATHER_MS = envValue("INBOX_GATHER_MS");

interface Row {
  id: string;
  topic: string;
  payload: unknown;
  attempts: number;
}

interface Outcome {
  id: string;
  status: "processed" | "ignored" | "failed" | "pending";
  outcome: string | null;
  orderId: string | null;
  error: string | null;
  retryAt: Date | null;
}

export async function drainInbox(payload: unknown, requestId: string): Promise<void> {
  const { tenantId, channelId } = ZInboxDrainJob.parse(payload);
  const ctx = systemContext(tenantId, "store", requestId);
  const started = Date.now();
  for (;;) {
    const taken = await inTenant(ctx, (tx) => drainBatch(tx, ctx, channelId));
    if (Date.now() - started > RUN_MS) {
      await inTenant(ctx, (tx) => enqueueJob(tx, "inbox_drain", { tenantId, channelId }, { maxAttempts: 1000 }));
      return;
    }
    if (taken > 0) {
      // Under a steady stream, let a few more messages gather rather than take them one by one.
      if (taken < BATCH) await new Promise((r) => setTimeout(r, GATHER_MS));
      continue;
    }
    // Nothing due: the last look, under the inbox's exclusive lock, only now (writers wait for it).
    if (await inTenant(ctx, (tx) => finish(tx, tenantId, channelId))) return;
  }
}

/**
 * The drain's last look, with the inbox locked exclusively (writers storing a message hold it
 * shared): nothing due → the flag goes down (or a successor waits for the earliest backoff);
 * something arrived meanwhile → false, drain on.
 */
async function finish(tx: Tx, tenantId: string, channelId: string): Promise<boolean> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${inboxLockKey(tenantId, channelId)}, 0))`;
  const [next] = await tx.$queryRaw<{ due: boolean; at: Date }[]>`
    SELECT next_attempt_at <= now() AS due, next_attempt_at AS at FROM channel_inbox_events
    WHERE tenant_id = ${tenantId}::uuid AND channel_id = ${channelId}::uuid AND status = 'pending' ORDER BY next_attempt_at LIMIT 1`;
  if (next?.due) return false;
  if (next) await enqueueJob(tx, "inbox_drain", { tenantId, channelId }, { runAt: next.at, maxAttempts: 1000 });
  else await tx.$executeRaw`UPDATE sales_channels SET inbox_draining = false WHERE tenant_id = ${tenantId}::uuid AND id = ${channelId}::uuid`;
  return true;
}

/** Applies one batch; returns how many messages it took. */
async function drainBatch(tx: Tx, ctx: RequestContext, channelId: string): Promise<number> {
  const { tenantId } = ctx;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT id::text, topic, payload, attempts FROM channel_inbox_events
    WHERE tenant_id = ${tenantId}::uuid AND channel_id = ${channelId}::uuid AND status = 'pending' AND next_attempt_at <= now()
    ORDER BY received_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
  if (!rows.length) return 0;
  const channel = await tx.salesChannel.findUniqueOrThrow({
    where: { tenantId_id: { tenantId, id: channelId } },
    select: { id: true, name: true, kind: true, supportsOrderEdits: true, enabled: true, acceptsBackorders: true, defaultFulfillmentMode: true, defaultWarehouseId: true },
  });
  const outcomes = new Map<string, Outcome>();
  const done = (id: string, o: Partial<Outcome> & Pick<Outcome, "status">) => outcomes.set(id, { id, outcome: null, orderId: null, error: null, retryAt: null, ...o });

  // Read every message; what cannot be read fails now.
  const parsed: { row: Row; order: StoreOrder | null }[] = [];
  for (const row of rows) {
    if (!channel.enabled) {
      done(row.id, { status: "ignored", outcome: `${channel.name} is disabled` });
      continue;
    }
    try {
      parsed.push({ row, order: row.topic === UNINSTALL_TOPIC ? null : storeOrderOf(channel.kind, row.topic, row.payload) });
    } catch (error) {
      if (!(error instanceof InvalidStorePayload)) throw error;
      done(row.id, { status: "failed", error: error.message });
    }
  }
  const orders = parsed.flatMap((p) => (p.order ? [p.order] : []));
  await lockStoreOrders(tx, tenantId, channel.id, orders.map((o) => o.externalId));
  const existing = new Set(
    (
      await tx.$queryRaw<{ external_id: string }[]>`
        SELECT external_id FROM sales_orders WHERE tenant_id = ${tenantId}::uuid AND channel_id = ${channel.id}::uuid AND external_id = ANY(${orders.map((o) => o.externalId)}::text[])`
    ).map((r) => r.external_id),
  );

  // New orders together: the first message of each store order that is not imported yet.
  const seen = new Set<string>();
  const fresh: { row: Row; order: StoreOrder }[] = [];
  const oneByOne: { row: Row; order: StoreOrder | null }[] = [];
  for (const p of parsed) {
    const ext = p.order?.externalId;
    if (p.order && ext && !existing.has(ext) && !seen.has(ext) && !p.order.cancelled && !p.order.awaitingPayment) fresh.push({ row: p.row, order: p.order });
    else oneByOne.push(p);
    if (ext) seen.add(ext);
  }
  if (fresh.length) {
    await savepoint(tx, "fresh", async () => {
      for (const o of await createFreshOrders(tx, ctx, channel, fresh)) done(o.rowId, { status: o.orderId ? "processed" : "ignored", outcome: o.outcome, orderId: o.orderId });
    }).catch(() => {
      // Something in the batch failed as a whole: apply those messages one by one instead, to find the culprit.
      oneByOne.unshift(...fresh);
    });
  }

  for (const p of oneByOne) {
    try {
      const result = await savepoint(tx, "one", () => applyOne(tx, ctx, channel, p.row, p.order));
      done(p.row.id, { status: result.status, outcome: result.outcome, orderId: result.orderId });
    } catch (error) {
      const attempts = p.row.attempts + 1;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      if (attempts >= MAX_INBOX_ATTEMPTS) done(p.row.id, { status: "failed", error: message });
      else done(p.row.id, { status: "pending", error: message, retryAt: new Date(Date.now() + inboxBackoffMs(attempts)) });
    }
  }

  const list = [...outcomes.values()];
  await tx.$executeRaw`
    UPDATE channel_inbox_events e SET status = v.status::"InboxStatus", outcome = v.outcome, order_id = v.order_id, last_error = v.error,
      attempts = e.attempts + 1, next_attempt_at = coalesce(v.retry_at, e.next_attempt_at), processed_at = CASE WHEN v.status = 'pending' THEN NULL ELSE now() END
    FROM unnest(${list.map((o) => o.id)}::uuid[], ${list.map((o) => o.status)}::text[], ${list.map((o) => o.outcome)}::text[], ${list.map((o) => o.orderId)}::uuid[],
      ${list.map((o) => o.error)}::text[], ${list.map((o) => o.retryAt)}::timestamptz[]) AS v(id, status, outcome, order_id, error, retry_at)
    WHERE e.tenant_id = ${tenantId}::uuid ${pinnedToIds("e.id", list.map((o) => o.id))} AND e.id = v.id`;
  return rows.length;
}

/** Runs `fn` inside a savepoint: its writes are undone, and the error rethrown, when it fails. */
async function savepoint<T>(tx: Tx, name: string, fn: () => Promise<T>): Promise<T> {
  await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await fn();
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

async function applyOne(tx: Tx, ctx: RequestContext, channel: StoreChannel & { enabled: boolean }, row: Row, order: StoreOrder | null): Promise<ApplyOutcome> {
  if (row.topic === UNINSTALL_TOPIC) {
    await tx.salesChannel.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: channel.id } }, data: { enabled: false, disabledReason: "The app was uninstalled from the store" } });
    return { status: "processed", outcome: `${channel.name} disabled: the app was uninstalled from the store`, orderId: null };
  }
  return applyStoreOrder(tx, ctx, channel, order!);
}

interface FreshChannel extends StoreChannel {
  acceptsBackorders: boolean;
  defaultFulfillmentMode: "ship_partial" | "ship_complete" | null;
  defaultWarehouseId: string;
}

/** New store orders of one channel created in one pass; returns what became of each message. */
async function createFreshOrders(tx: Tx, ctx: RequestContext, channel: FreshChannel, fresh: { row: Row; order: StoreOrder }[]) {
  const resolved = await resolveStoreLines(tx, ctx.tenantId, channel, fresh.flatMap((f) => f.order.lines));
  let at = 0;
  const perOrder = fresh.map((f) => {
    const lines = mergeByProduct(resolved.slice(at, (at += f.order.lines.length))).filter((l) => l.quantity > 0);
    return { ...f, lines };
  });
  const writable = perOrder.filter((p) => p.lines.length);
  const ids = await insertOrders(
    tx,
    ctx,
    channel,
    writable.map(
      (p): NewOrder => ({
        externalId: p.order.externalId,
        warehouseId: channel.defaultWarehouseId,
        customerName: p.order.customerName,
        customerEmail: p.order.customerEmail,
        shippingAddress: p.order.shippingAddress,
        orderDate: p.order.createdAt,
        shipBy: null,
        priority: 0,
        fulfillmentMode: null,
        tags: p.lines.some((l) => l.needsReview) ? [UNKNOWN_SKU_TAG] : [],
        shippingCents: p.order.shippingCents,
        taxCents: p.order.taxCents,
        storeOrderName: p.order.name,
        storeUpdatedAt: p.order.updatedAt,
        lines: p.lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents, externalLineId: l.externalLineId })),
      }),
    ),
  );
  const numbers = new Map(
    (await tx.$queryRaw<{ id: string; number: string }[]>`SELECT id::text, number FROM sales_orders WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ANY(${ids}::uuid[])`).map((r) => [r.id, r.number]),
  );
  const results = perOrder.map((p) => ({ rowId: p.row.id, orderId: null as string | null, outcome: "no units to fulfil" }));
  for (const [i, p] of writable.entries()) {
    const result = results.find((r) => r.rowId === p.row.id)!;
    const unknown = p.lines.filter((l) => l.needsReview).length;
    result.orderId = ids[i]!;
    result.outcome = `created ${numbers.get(ids[i]!)}${unknown ? ` with ${unknown} unknown SKU(s) to review` : ""}`;
    if (unknown) await flagUnknownSkus(tx, ctx, ids[i]!, p.lines);
  }
  return results;
}
