// The job worker: graphile-worker running the product's tasks (jobs/tasks.ts), plus what the
// library leaves to its user (docs/decisions/009):
// - takeover of a dead worker's jobs: each worker pool (graphile-worker locks jobs in the name
//   of its pool) heartbeats in bod_queue.workers; one that has not for STALE_AFTER_MS is
//   presumed dead and its jobs are unlocked for others (graphile-worker alone waits four hours);
// - a graceful stop: no new jobs, running ones finish (or are released after a deadline).
// It connects as the queue schema's owner; tasks open their own tenant transactions as bod_app.
import { EventEmitter } from "node:events";
import os from "node:os";
import pg from "pg";
import { run, type Runner, type TaskList } from "graphile-worker";
import type { Logger as PinoLogger } from "pino";
import { queueLogger } from "./logger.ts";
import { envValue } from "../config.ts";

export interface JobWorkerOptions {
  /** The queue schema's owner (MIGRATION_DATABASE_URL, else DATABASE_URL). */
  connectionString: string;
  tasks: TaskList;
  crontab?: string;
  concurrency?: number;
  /** The embedded database: one session shared by all connections (no prepared statements, small pool). */
  embedded?: boolean;
  logLevel?: string;
  logger: PinoLogger;
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** Called with the ids of workers found dead, after their jobs were unlocked (to free what else they held). */
  onTakeover?: (workerIds: string[]) => Promise<void>;
}

export interface JobWorker {
  runner: Runner;
  /** Stops taking jobs, lets running ones finish, then disconnects. */
  stop(): Promise<void>;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const concurrency = options.concurrency ?? 4;
  const heartbeatMs = options.heartbeatMs ?? envValue("WORKER_HEARTBEAT_MS");
  const staleAfterMs = options.staleAfterMs ?? envValue("WORKER_STALE_AFTER_MS");
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.embedded ? 3 : concurrency + 2 });
  const lost = (error: Error) => options.logger.warn({ err: error }, "job queue connection lost");
  pool.on("error", lost);
  pool.on("connect", (client) => client.on("error", lost));

  // Jobs are locked by the pool's id; subscribed before the runner starts, which is when it announces its pool.
  const workerIds = new Set<string>();
  const events = new EventEmitter();
  events.on("pool:create", ({ workerPool }) => workerIds.add(workerPool.id));
  const runner = await run({
    events: events as any,
    pgPool: pool,
    taskList: options.tasks,
    crontab: options.crontab ?? "",
    concurrency,
    noHandleSignals: true,
    noPreparedStatements: !!options.embedded,
    pollInterval: options.embedded ? 500 : 2_000,
    logger: queueLogger(options.logLevel ?? "info", options.logger),
  });

  const host = os.hostname();
  const beat = async () => {
    const ids = [...workerIds];
    if (ids.length) {
      await pool.query(
        `INSERT INTO bod_queue.workers (worker_id, pool_id, host, pid) SELECT id, $2, $3, $4 FROM unnest($1::text[]) AS id
         ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now()`,
        [ids, `pid-${process.pid}`, host, process.pid],
      );
    }
    // Workers that stopped beating died (killed, host lost): free their jobs for the living.
    const { rows } = await pool.query<{ ids: string[] | null }>(
      `WITH dead AS (DELETE FROM bod_queue.workers WHERE heartbeat_at < now() - $1::interval RETURNING worker_id)
       SELECT array_agg(worker_id) AS ids FROM dead`,
      [`${staleAfterMs} milliseconds`],
    );
    const dead = rows[0]?.ids;
    if (dead?.length) {
      await pool.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [dead]);
      await options.onTakeover?.(dead);
      options.logger.warn({ workers: dead }, "took over the jobs of workers that stopped");
    }
  };
  let beating = Promise.resolve();
  const timer = setInterval(() => {
    beating = beating.then(beat).catch((error) => options.logger.warn({ err: error }, "worker heartbeat failed"));
  }, heartbeatMs);
  timer.unref();
  await beat().catch((error) => options.logger.warn({ err: error }, "worker heartbeat failed"));

  let stopping: Promise<void> | undefined;
  return {
    runner,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await beating;
        const ids = [...workerIds];
        await runner.stop();
        await pool.query(`DELETE FROM bod_queue.workers WHERE worker_id = ANY($1::text[])`, [ids]).catch(() => {});
        await pool.end();
      })();
      return stopping;
    },
  };
}
