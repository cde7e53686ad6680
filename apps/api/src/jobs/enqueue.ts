// Enqueueing a job in the caller's transaction: the job exists exactly when the change that
// asked for it commits (app_enqueue_job in the migration channels_and_job_queue checks the
// job is for the transaction's tenant). A `key` coalesces: while a job with that key waits,
// another enqueue adds nothing (docs/decisions/009).
import type { Tx } from "../db/client.ts";

export interface EnqueueOptions {
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** Returns the job's id, or null when a waiting job with the same key will do the work. */
export async function enqueueJob(tx: Tx, task: string, payload: { tenantId: string } & Record<string, unknown>, options: EnqueueOptions = {}): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: bigint | null }[]>`
    SELECT app_enqueue_job(${task}, ${JSON.stringify(payload)}::jsonb, ${options.key ?? null}, ${options.runAt ?? new Date()}::timestamptz, ${options.maxAttempts ?? 25}) AS id`;
  const id = rows[0]?.id;
  return id === null || id === undefined ? null : String(id);
}
