// Enqueueing a job in the caller's transaction: the job exists exactly when the change that
// asked for it commits (app_enqueue_job in the migration channels_and_job_queue checks the
// job is for the transaction's tenant). A `key` coalesces: while a job with that key waits,
// another enqueue adds nothing (docs/decisions/009).
import { sqlOf, type SqlExec, type Tx } from "../db/client.ts";

export interface EnqueueOptions {
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Returns the job's id, or null when a waiting job with the same key will do the work. */
export async function enqueueJob(tx: Tx | SqlExec, task: string, payload: { tenantId: string } & Record<string, unknown>, options: EnqueueOptions = {}): Promise<string | null> {
  const rows = await sqlOf(tx)<{ id: bigint | string | null }>(`SELECT app_enqueue_job($1, $2::jsonb, $3, $4::timestamptz, $5::int) AS id`, [
    task,
    JSON.stringify(payload),
    options.key ?? null,
    (options.runAt ?? new Date()).toISOString(),
    options.maxAttempts ?? 25,
  ]);
  const id = rows[0]?.id;
  return id === null || id === undefined ? null : String(id);
}
