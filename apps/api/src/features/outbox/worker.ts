// Delivers outbox events (messages to sales channels) written in the same transaction as
// the change they announce.
//
// Connection: the worker claims events across tenants, which row-level security forbids
// the API's role (bod_app sees one tenant per transaction). So it runs on its own pool
// connected as the tables' owner (the role migrations run as; it is not subject to the
// policies), passed in by whoever runs it — never the API's request path. Every statement
// still names tenant_id with the id, so it touches only the rows it claimed.
//
// Claiming: `FOR UPDATE SKIP LOCKED` inside one transaction per batch: concurrent workers
// take disjoint events and an event is delivered by one worker at a time. The row lock is
// held while the adapter runs; fine for today's adapter, and for slow channel APIs a
// lease column (claimed_until) would replace it.
//
// Failure: attempts + 1, the error kept, and the event waits (exponential backoff, capped)
// until `available_at`; after MAX_ATTEMPTS it is marked `failed` for a person to look at.
import type pg from "pg";

export interface OutboxMessage {
  id: string;
  tenantId: string;
  type: string;
  payload: unknown;
  /** Deliveries tried before this one. */
  attempts: number;
}

/** Where a message goes. Real channel APIs (Shopify, Amazon, eBay) get adapters later. */
export interface ChannelAdapter {
  deliver(message: OutboxMessage): Promise<void>;
}

/**
 * The only adapter today: it records the delivery (in memory, and the worker marks the row
 * delivered). It calls no channel; no network request is made or pretended.
 */
export class RecordingChannelAdapter implements ChannelAdapter {
  readonly delivered: OutboxMessage[] = [];
  async deliver(message: OutboxMessage) {
    this.delivered.push(message);
  }
}

export const MAX_ATTEMPTS = 10;
/** 2^attempts seconds, at most one hour. */
export const backoffMs = (attempts: number) => Math.min(3_600_000, 1000 * 2 ** attempts);

export interface DeliverOptions {
  /** A pool connected as the tables' owner (see above). */
  pool: pg.Pool;
  adapter?: ChannelAdapter;
}

export interface BatchOutcome {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

const defaultAdapter = new RecordingChannelAdapter();

export async function deliverOutboxBatch(limit: number, options: DeliverOptions): Promise<BatchOutcome> {
  const adapter = options.adapter ?? defaultAdapter;
  const client = await options.pool.connect();
  const outcome: BatchOutcome = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ tenant_id: string; id: string; type: string; payload: unknown; attempts: number }>(
      `SELECT tenant_id::text, id::text, type, payload, attempts FROM outbox_events
       WHERE status = 'pending' AND available_at <= now()
       ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    outcome.claimed = rows.length;
    for (const row of rows) {
      try {
        await adapter.deliver({ id: row.id, tenantId: row.tenant_id, type: row.type, payload: row.payload, attempts: row.attempts });
        await client.query(`UPDATE outbox_events SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = NULL WHERE tenant_id = $1 AND id = $2`, [
          row.tenant_id,
          row.id,
        ]);
        outcome.delivered++;
      } catch (error) {
        const attempts = row.attempts + 1;
        const failed = attempts >= MAX_ATTEMPTS;
        await client.query(
          `UPDATE outbox_events SET attempts = $3, last_error = $4, status = $5::"OutboxStatus", available_at = now() + ($6 || ' milliseconds')::interval
           WHERE tenant_id = $1 AND id = $2`,
          [row.tenant_id, row.id, attempts, String((error as Error)?.message ?? error).slice(0, 1000), failed ? "failed" : "pending", String(backoffMs(attempts))],
        );
        if (failed) outcome.failed++;
        else outcome.retried++;
      }
    }
    await client.query("COMMIT");
    return outcome;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
