// /metrics in Prometheus text format (prom-client), with a registry per app (tests create many).
// - HTTP: requests and a latency histogram by method, route pattern (`/api/v1/orders/:orderId`,
//   never the URL: bounded labels; anything unmatched under /api is "unmatched", everything else
//   the SPA's "spa") and status ("aborted" when the response never finished).
// - Database pool (the app's pg Pool): connections open, idle, and callers waiting for one.
// - Job queue and outbox, across every company, read at scrape time through app_queue_stats() and
//   app_outbox_stats(): SECURITY DEFINER functions owned by the tables' owner that return counts
//   only. A scrape has no tenant, and bod_app sees tenant rows only with one set (row-level
//   security), so it must not query the tables itself; and the web process holds no owner
//   connection (only the worker does, and it may run elsewhere). Both are one cheap query each;
//   when the database does not answer, bod_metrics_database_up is 0 and those gauges are left out.
// - The last allocation check this process ran (metrics/allocation-check.ts).
// - Node's default process metrics.
// Served only with `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time); without a
// configured token the route does not exist (404).
import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { db, poolCounts, transactionAborts } from "../db/client.ts";
import { AppError } from "../http/errors.ts";
import { allocationCheckRuns, DRIFT_KINDS, lastAllocationCheck } from "./allocation-check.ts";

const SCRAPE_QUERY_TIMEOUT_MS = 2_000;

export interface AppMetrics {
  /** Counts and times every request (mount first). */
  track: RequestHandler;
  /** GET /metrics. */
  serve: RequestHandler;
  registry: Registry;
}

export function createMetrics(token: string | undefined): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({ name: "bod_http_requests_total", help: "HTTP requests answered, by method, route pattern and status", labelNames, registers: [registry] });
  const duration = new Histogram({
    name: "bod_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by method, route pattern and status",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  new Gauge({
    name: "bod_db_pool_connections",
    help: "The process's database pool: connections open (total), idle, and requests waiting for one (waiting)",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const counts = poolCounts();
      if (!counts) return;
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: "bod_db_transaction_aborts",
    help: "Transactions of this process PostgreSQL aborted as a deadlock (40P01) or serialization failure (40001) since start (retried)",
    labelNames: ["code"],
    registers: [registry],
    collect() {
      for (const code of ["40P01", "40001"]) this.set({ code }, transactionAborts[code] ?? 0);
    },
  });

  const databaseUp = new Gauge({ name: "bod_metrics_database_up", help: "1 when the queue and outbox figures of this scrape could be read from the database", registers: [registry] });
  const queueWaiting = new Gauge({ name: "bod_job_queue_waiting", help: "Jobs due and waiting for a worker", registers: [registry] });
  const queueRunning = new Gauge({ name: "bod_job_queue_running", help: "Jobs a worker holds now", registers: [registry] });
  const queueFailed = new Gauge({ name: "bod_job_queue_failed", help: "Jobs that used up their attempts", registers: [registry] });
  const queueOldest = new Gauge({ name: "bod_job_queue_oldest_waiting_seconds", help: "Age of the oldest job due and waiting (0 when none waits)", registers: [registry] });
  const outboxFailing = new Gauge({ name: "bod_outbox_failing_messages", help: "Messages to stores whose last delivery attempt failed and that will be tried again", registers: [registry] });
  const outboxDead = new Gauge({ name: "bod_outbox_dead_messages", help: "Messages to stores that gave up after their last attempt (dead letters: a person retries or discards them)", registers: [registry] });
  const databaseGauges = [queueWaiting, queueRunning, queueFailed, queueOldest, outboxFailing, outboxDead];

  new Gauge({
    name: "bod_allocation_check_differences",
    help: "Differences the last allocation check in this process found, by kind (0 everywhere: stored allocations match a recompute)",
    labelNames: ["kind"],
    registers: [registry],
    collect() {
      const last = lastAllocationCheck();
      if (!last) return;
      for (const kind of DRIFT_KINDS) this.set({ kind }, last.differences[kind]);
    },
  });
  new Gauge({
    name: "bod_allocation_check_last_run_timestamp_seconds",
    help: "When the last allocation check in this process ran (Unix time)",
    registers: [registry],
    collect() {
      const last = lastAllocationCheck();
      if (last) this.set(last.at.getTime() / 1000);
    },
  });
  new Gauge({
    name: "bod_allocation_checks",
    help: "Allocation checks this process ran since start, by result (ok, differences)",
    labelNames: ["result"],
    registers: [registry],
    collect() {
      for (const [result, n] of Object.entries(allocationCheckRuns())) this.set({ result }, n);
    },
  });

  async function readDatabaseGauges() {
    for (const g of databaseGauges) g.reset();
    try {
      const [[q], [o]] = await withTimeout(
        Promise.all([
          db().$queryRaw<{ waiting: bigint; running: bigint; failed: bigint; oldest_waiting_seconds: number }[]>`SELECT * FROM app_queue_stats()`,
          db().$queryRaw<{ failing: bigint; dead: bigint }[]>`SELECT * FROM app_outbox_stats()`,
        ]),
      );
      queueWaiting.set(Number(q!.waiting));
      queueRunning.set(Number(q!.running));
      queueFailed.set(Number(q!.failed));
      queueOldest.set(Number(q!.oldest_waiting_seconds));
      outboxFailing.set(Number(o!.failing));
      outboxDead.set(Number(o!.dead));
      databaseUp.set(1);
    } catch {
      for (const g of databaseGauges) g.reset();
      databaseUp.set(0);
    }
  }

  const track: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    // "close" comes for every request; one whose response never finished (the client went away, or
    // a shutdown closed its connection) is counted with status "aborted".
    res.once("close", () => {
      const labels = { method: req.method, route: routeLabel(req, res), status: res.writableFinished ? String(res.statusCode) : "aborted" };
      requests.inc(labels);
      end(labels);
    });
    next();
  };

  const serve: RequestHandler = async (req, res, next) => {
    if (!token) return next(new AppError("not_found", "No route GET /metrics")); // no token configured: no /metrics
    if (!bearerMatches(req.headers.authorization, token)) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      return next(new AppError("unauthenticated", "Send Authorization: Bearer <METRICS_TOKEN>"));
    }
    await readDatabaseGauges();
    res.setHeader("Cache-Control", "no-store");
    res.type(registry.contentType).send(await registry.metrics());
  };

  return { track, serve, registry };
}

/** A bounded label: the matched route's pattern, else "unmatched" (API) or "spa" (the web app and its files). */
function routeLabel(req: Request, res: Response): string {
  const pattern = res.locals.routePattern as string | undefined;
  if (pattern) return pattern;
  if (req.route?.path && typeof req.route.path === "string") return (req.baseUrl ?? "") + req.route.path;
  return req.originalUrl.startsWith("/api") ? "unmatched" : "spa";
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? "");
  if (!m) return false;
  // Hashes of equal length, so the comparison takes as long whatever was sent.
  const a = crypto.createHash("sha256").update(m[1]!).digest();
  const b = crypto.createHash("sha256").update(token).digest();
  return crypto.timingSafeEqual(a, b);
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), SCRAPE_QUERY_TIMEOUT_MS)))]).finally(() => clearTimeout(timer));
}
