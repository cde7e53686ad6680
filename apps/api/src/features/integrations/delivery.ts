// Delivering the outbox: the `outbox_deliver` job for one stream (`order:<id>`, one order's
// messages). docs/decisions/009.
//
// - One deliverer per stream: a lease row (outbox_streams). A second job of the same stream
//   finds it held and comes back shortly; a dead worker's lease runs out.
// - In order: the stream's messages go out one at a time by `seq`. A message backing off holds
//   the ones after it; one that gave up (dead letter, `failed`) blocks the stream until a person
//   retries or discards it.
// - Each attempt is a row in outbox_deliveries, written before the store is called and
//   finished after. An attempt that never finished (the worker died) or failed in a way that
//   may have reached the store makes the next one read the store first (the adapters), so a
//   fulfillment is never created twice: at-least-once delivery, effectively once.
// - No transaction is open while the store is called.
import { z } from "zod";
import { isStoreKind } from "@bod/contracts/channels";
import { asUser, inTenant, type Tx } from "../../db/client.ts";
import { systemContext } from "../../http/types.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { openSecret } from "../../security/secret-box.ts";
import { addOrderEvent } from "../orders/write.ts";
import { buildMessage, type PreparedMessage } from "./messages.ts";
import { rememberStoreIds } from "./stock-push.ts";
import { adapterFor } from "./stores/registry.ts";
import { StoreError, StoreThrottled, type DeliveryResult, type StoreCall, type StoreConnection } from "./stores/types.ts";
import { envValue } from "../../config.ts";

export const ZOutboxJob = z.object({ tenantId: z.uuid(), stream: z.string().min(1).max(200) });
export const MAX_DELIVERY_ATTEMPTS = envValue("OUTBOX_MAX_ATTEMPTS");
const BACKOFF_BASE_MS = envValue("OUTBOX_BACKOFF_MS");
/** 5 s, 15 s, 45 s … at most an hour (OUTBOX_BACKOFF_MS sets the first step). */
export const deliveryBackoffMs = (attempts: number) => Math.min(3_600_000, BACKOFF_BASE_MS * 3 ** Math.max(0, attempts - 1));
const LEASE_MS = 60_000;
/** Messages per job run; a longer stream continues in the next run. */
const BATCH = 50;

const storeNames: Record<string, string> = { shopify: "Shopify", woocommerce: "WooCommerce" };
export const streamJobKey = (tenantId: string, stream: string) => `outbox:${tenantId}:${stream}`;

export async function deliverStream(payload: unknown, workerId: string, requestId: string): Promise<void> {
  const { tenantId, stream } = ZOutboxJob.parse(payload);
  const scope = { tenantId };
  const lease = await inTenant(scope, (tx) => claimLease(tx, tenantId, stream, workerId));
  if (lease !== true) {
    // Another job delivers this stream now: come back shortly (or when its lease runs out).
    await inTenant(scope, (tx) => enqueueJob(tx, "outbox_deliver", { tenantId, stream }, { key: streamJobKey(tenantId, stream), runAt: new Date(Math.min(lease.getTime(), Date.now() + 2_000)) }));
    return;
  }
  let nextRun: Date | null = null;
  try {
    for (let n = 0; ; n++) {
      if (n === BATCH) {
        nextRun = new Date();
        break;
      }
      const step = await inTenant(scope, (tx) => nextMessage(tx, tenantId, stream, workerId));
      if (step.kind === "done") break;
      if (step.kind === "wait") {
        nextRun = step.until;
        break;
      }
      if (step.kind === "settled") continue;
      const { prepared, attemptId, attempt, counted } = step;
      let result: DeliveryResult | undefined;
      let error: unknown;
      try {
        result = await send(prepared);
      } catch (e) {
        error = e;
      }
      const retryAt = await inTenant(scope, (tx) => recordAttempt(tx, { tenantId, requestId, prepared, attemptId, attempt, counted, result, error }));
      if (retryAt) {
        nextRun = retryAt;
        break;
      }
    }
  } finally {
    await inTenant(scope, async (tx) => {
      await tx.$executeRaw`UPDATE outbox_streams SET leased_until = now() WHERE tenant_id = ${tenantId}::uuid AND stream = ${stream} AND leased_by = ${workerId}`;
      if (nextRun) await enqueueJob(tx, "outbox_deliver", { tenantId, stream }, { key: streamJobKey(tenantId, stream), runAt: nextRun });
    });
  }
}

/** true when this worker now holds the stream; otherwise when the holder's lease ends. */
async function claimLease(tx: Tx, tenantId: string, stream: string, workerId: string): Promise<true | Date> {
  const rows = await tx.$queryRaw<{ leased_by: string; leased_until: Date }[]>`
    INSERT INTO outbox_streams (tenant_id, stream, leased_until, leased_by) VALUES (${tenantId}::uuid, ${stream}, now() + ${`${LEASE_MS} milliseconds`}::interval, ${workerId})
    ON CONFLICT (tenant_id, stream) DO UPDATE SET leased_until = EXCLUDED.leased_until, leased_by = EXCLUDED.leased_by
      WHERE outbox_streams.leased_until <= now() OR outbox_streams.leased_by = EXCLUDED.leased_by
    RETURNING leased_by, leased_until`;
  if (rows[0]) return true;
  const [held] = await tx.$queryRaw<{ leased_until: Date }[]>`SELECT leased_until FROM outbox_streams WHERE tenant_id = ${tenantId}::uuid AND stream = ${stream}`;
  return held?.leased_until ?? new Date();
}

type Step =
  | { kind: "done" }
  | { kind: "wait"; until: Date }
  | { kind: "settled" }
  | { kind: "send"; prepared: PreparedMessage; attemptId: string; attempt: number; counted: number };

/**
 * The stream's next message: its head (lowest seq still pending or failed). Messages that need
 * no store call are settled here (skipped); otherwise the attempt row is written and the
 * message returned to be sent.
 */
async function nextMessage(tx: Tx, tenantId: string, stream: string, workerId: string): Promise<Step> {
  await tx.$executeRaw`UPDATE outbox_streams SET leased_until = now() + ${`${LEASE_MS} milliseconds`}::interval WHERE tenant_id = ${tenantId}::uuid AND stream = ${stream} AND leased_by = ${workerId}`;
  const [head] = await tx.$queryRaw<{ id: string; seq: bigint; type: string; payload: any; status: string; attempts: number; available_at: Date; channel_id: string | null; order_id: string | null }[]>`
    SELECT id::text, seq, type, payload, status::text, attempts, available_at, channel_id::text, order_id::text FROM outbox_events
    WHERE tenant_id = ${tenantId}::uuid AND stream = ${stream} AND status IN ('pending', 'failed')
    ORDER BY seq LIMIT 1 FOR UPDATE`;
  if (!head || head.status === "failed") return { kind: "done" }; // nothing to do, or blocked by a dead letter
  if (head.available_at > new Date()) return { kind: "wait", until: head.available_at };

  const channel = head.channel_id
    ? await tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId, id: head.channel_id } }, select: { id: true, name: true, kind: true, enabled: true, storeUrl: true, accessTokenCiphertext: true, storeLocationId: true } })
    : null;
  const skip = async (outcome: string) => {
    await tx.$executeRaw`UPDATE outbox_events SET status = 'skipped', outcome = ${outcome}, delivered_at = now() WHERE tenant_id = ${tenantId}::uuid AND id = ${head.id}::uuid`;
    return { kind: "settled" } as const;
  };
  if (!channel || !isStoreKind(channel.kind)) return skip(`${channel?.name ?? "The channel"} has no store API: nothing to send`);
  // Not connected or switched off: the messages wait; connecting or enabling the channel sends them (channels/service.ts).
  if (!channel.enabled || !channel.storeUrl || !channel.accessTokenCiphertext) return { kind: "done" };

  const built = await buildMessage(tx, tenantId, { ...head, seq: Number(head.seq) });
  if (!built.message) return skip(built.skip);
  const previous = await tx.$queryRaw<{ attempt: number; outcome: string | null; http_status: number | null }[]>`
    SELECT attempt, outcome::text, http_status FROM outbox_deliveries WHERE tenant_id = ${tenantId}::uuid AND event_id = ${head.id}::uuid ORDER BY attempt DESC LIMIT 1`;
  // The last attempt may have reached the store: it never finished, or failed without a clear refusal.
  const last = previous[0];
  const mayHaveApplied = !!last && (last.outcome === null || last.outcome === "unknown" || (last.outcome === "failed" && (last.http_status === null || last.http_status >= 500)));
  await tx.$executeRaw`UPDATE outbox_deliveries SET outcome = 'unknown', finished_at = now(), error = 'The worker stopped before the store answered'
    WHERE tenant_id = ${tenantId}::uuid AND event_id = ${head.id}::uuid AND outcome IS NULL`;
  // The attempt's number in the log runs on across retries by a person and throttling; the
  // message's `attempts` are those counted towards giving up (a retry starts them afresh).
  const attempt = (last?.attempt ?? 0) + 1;
  const counted = head.attempts + 1;
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO outbox_deliveries (tenant_id, event_id, attempt) VALUES (${tenantId}::uuid, ${head.id}::uuid, ${attempt}) RETURNING id::text`;
  await tx.$executeRaw`UPDATE outbox_events SET attempts = ${counted} WHERE tenant_id = ${tenantId}::uuid AND id = ${head.id}::uuid`;
  const conn: StoreConnection = { storeUrl: channel.storeUrl, accessToken: openSecret(channel.accessTokenCiphertext), locationId: channel.storeLocationId };
  return {
    kind: "send",
    attemptId: row!.id,
    attempt,
    counted,
    prepared: { ...built.message, mayHaveApplied, eventId: head.id, orderId: head.order_id, type: head.type, channel: { id: channel.id, name: channel.name, kind: channel.kind }, conn },
  };
}

async function send(p: PreparedMessage): Promise<DeliveryResult> {
  const adapter = adapterFor(p.channel.kind);
  switch (p.action) {
    case "fulfill":
      return adapter.fulfill(p.conn, { ...p.shipment, mayHaveApplied: p.mayHaveApplied });
    case "hold":
      return adapter.hold(p.conn, { ...p.hold, mayHaveApplied: p.mayHaveApplied });
    case "refund":
      return adapter.refund(p.conn, { ...p.refund, mayHaveApplied: p.mayHaveApplied });
    case "note":
      return adapter.note(p.conn, p.note.orderExternalId, p.note.text, p.note.marker);
    case "stock": {
      const r = await adapter.pushStock(p.conn, p.stock.levels, p.stock.key);
      const unknown = r.unknown.length ? `; the store has no product for ${r.unknown.length} SKU(s): ${r.unknown.slice(0, 5).join(", ")}${r.unknown.length > 5 ? "…" : ""}` : "";
      return { outcome: "sent", summary: `Stock of ${r.pushed} product(s) set in the store${unknown}`, calls: r.calls, learned: r.learned };
    }
  }
}

interface AttemptRecord {
  tenantId: string;
  requestId: string;
  prepared: PreparedMessage;
  attemptId: string;
  /** Its number in the message's log of attempts. */
  attempt: number;
  /** Attempts counted towards giving up, this one included. */
  counted: number;
  result?: DeliveryResult;
  error?: unknown;
}

const lastCall = (calls: StoreCall[] | undefined) => calls?.[calls.length - 1];
const summarise = (calls: StoreCall[] | undefined) => (calls?.length ? { request: calls.map((c) => c.request), response: calls.map((c) => c.response) } : { request: null, response: null });

/** Finishes the attempt and moves the message on. Returns when the stream should be tried again, if it failed. */
async function recordAttempt(tx: Tx, r: AttemptRecord): Promise<Date | null> {
  const { tenantId, prepared: p } = r;
  const store = storeNames[p.channel.kind] ?? p.channel.name;
  const ctx = systemContext(tenantId, "worker", r.requestId);
  if (r.result) {
    const { request, response } = summarise(r.result.calls);
    await tx.$executeRaw`
      UPDATE outbox_deliveries SET finished_at = now(), outcome = ${r.result.outcome === "already_applied" ? "already_applied" : "sent"}::"DeliveryOutcome",
        http_status = ${lastCall(r.result.calls)?.httpStatus ?? null}, request = ${JSON.stringify(request)}::jsonb, response = ${JSON.stringify(response)}::jsonb
      WHERE tenant_id = ${tenantId}::uuid AND id = ${r.attemptId}::uuid`;
    await tx.$executeRaw`
      UPDATE outbox_events SET status = 'delivered', delivered_at = now(), last_error = NULL, outcome = ${r.result.summary}
      WHERE tenant_id = ${tenantId}::uuid AND id = ${p.eventId}::uuid`;
    if (p.orderId) await addOrderEvent(tx, ctx, p.orderId, "store_delivery", `Sent to ${store} ✓ ${r.result.summary}`, { eventId: p.eventId, type: p.type, outcome: r.result.outcome, attempt: r.attempt });
    if (r.result.learned?.length) await rememberStoreIds(tx, tenantId, p.channel.id, r.result.learned);
    return null;
  }

  const e = r.error;
  const throttled = e instanceof StoreThrottled;
  const storeError = e instanceof StoreError ? e : undefined;
  const calls = throttled ? e.calls : storeError?.calls;
  const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
  const permanent = storeError?.permanent ?? false;
  // Throttling does not count against the message: it is the store asking to wait.
  const attemptsUsed = throttled ? r.counted - 1 : r.counted;
  const giveUp = !throttled && (permanent || attemptsUsed >= MAX_DELIVERY_ATTEMPTS);
  const retryAt = giveUp ? null : new Date(Date.now() + (throttled ? e.retryAfterMs : deliveryBackoffMs(attemptsUsed)));
  const { request, response } = summarise(calls);
  await tx.$executeRaw`
    UPDATE outbox_deliveries SET finished_at = now(), outcome = ${throttled ? "throttled" : "failed"}::"DeliveryOutcome", http_status = ${lastCall(calls)?.httpStatus ?? null},
      error = ${message}, retry_at = ${retryAt}, request = ${JSON.stringify(request)}::jsonb, response = ${JSON.stringify(response)}::jsonb
    WHERE tenant_id = ${tenantId}::uuid AND id = ${r.attemptId}::uuid`;
  await tx.$executeRaw`
    UPDATE outbox_events SET attempts = ${attemptsUsed}, last_error = ${message}, status = ${giveUp ? "failed" : "pending"}::"OutboxStatus",
      available_at = ${retryAt ?? new Date()}, outcome = ${giveUp ? `Gave up: ${message}` : null}
    WHERE tenant_id = ${tenantId}::uuid AND id = ${p.eventId}::uuid`;
  if (p.orderId && (giveUp || attemptsUsed === 1)) {
    const text = giveUp
      ? `Sending to ${store} gave up after ${r.attempt} attempt(s): ${message}. Later messages of this order wait until it is retried or discarded (Integrations).`
      : `Sending to ${store} failed, retrying at ${retryAt!.toISOString().slice(11, 16)} UTC: ${message}`;
    await addOrderEvent(tx, ctx, p.orderId, "store_delivery", text, { eventId: p.eventId, type: p.type, outcome: giveUp ? "gave_up" : "retrying", attempt: r.attempt, retryAt });
  }
  return retryAt;
}

/** The streams a dead worker was delivering are free at once (jobs/runner.ts calls this when it takes over its jobs). */
export async function releaseStreamLeases(workerIds: string[]): Promise<void> {
  await asUser(undefined, (tx) => tx.$executeRaw`SELECT app_release_stream_leases(${workerIds}::text[])`);
}

/** A person sends a message that gave up (or retries a pending one now). */
export async function retryOutboxEvent(tx: Tx, tenantId: string, eventId: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ stream: string }[]>`
    UPDATE outbox_events SET status = 'pending', attempts = 0, available_at = now(), outcome = NULL, last_error = NULL
    WHERE tenant_id = ${tenantId}::uuid AND id = ${eventId}::uuid AND status IN ('failed', 'pending') RETURNING stream`;
  if (!row) return false;
  await enqueueJob(tx, "outbox_deliver", { tenantId, stream: row.stream }, { key: streamJobKey(tenantId, row.stream) });
  return true;
}

/** A person gives up on a message: it is never sent, and the stream moves on. */
export async function discardOutboxEvent(tx: Tx, tenantId: string, eventId: string, userName: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ stream: string }[]>`
    UPDATE outbox_events SET status = 'discarded', outcome = ${`Discarded by ${userName}`}, delivered_at = now()
    WHERE tenant_id = ${tenantId}::uuid AND id = ${eventId}::uuid AND status IN ('failed', 'pending') RETURNING stream`;
  if (!row) return false;
  await enqueueJob(tx, "outbox_deliver", { tenantId, stream: row.stream }, { key: streamJobKey(tenantId, row.stream) });
  return true;
}
