// GET /api/health: the database and the job queue, answered within a second whatever the
// database does. A probe that has not answered in HEALTH_TIMEOUT_MS is reported as a timeout
// (503) and left to finish on its own; while it is still out, later checks report the same at
// once instead of sending another query, so a frozen database holds one connection, not one per check.
import type { RequestHandler } from "express";
import { db } from "../db/client.ts";
import { RETRY_AFTER_SECONDS } from "./errors.ts";

const HEALTH_TIMEOUT_MS = 800;

interface QueueStats {
  waiting: bigint;
  running: bigint;
  failed: bigint;
  oldest_waiting_seconds: number;
}

let probe: Promise<QueueStats> | undefined;

function startProbe(): Promise<QueueStats> {
  const p = db()
    .$queryRaw<QueueStats[]>`SELECT * FROM app_queue_stats()`
    .then((rows) => rows[0]!)
    .finally(() => {
      if (probe === p) probe = undefined;
    });
  probe = p;
  return p;
}

export const health: RequestHandler = async (_req, res) => {
  res.setHeader("Cache-Control", "no-store");
  const running = probe ?? startProbe();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    running.then((q) => ({ q }), () => ({ q: undefined, down: "unreachable" as const })),
    new Promise<{ q: undefined; down: "timeout" }>((resolve) => (timer = setTimeout(() => resolve({ q: undefined, down: "timeout" }), HEALTH_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (!outcome.q) {
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
    res.status(503).json({ status: "degraded", database: "down" in outcome ? outcome.down : "unreachable" });
    return;
  }
  const q = outcome.q;
  res.json({
    status: "ok",
    database: "ok",
    queue: { waiting: Number(q.waiting), running: Number(q.running), failed: Number(q.failed), oldestWaitingSeconds: Math.round(q.oldest_waiting_seconds) },
  });
};
