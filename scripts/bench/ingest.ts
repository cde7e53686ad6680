/**
 * Orders arriving from a store: signed Shopify `orders/create` webhooks from a separate process
 * (ingest-load.ts) at a steady rate into a company of 20,000 products, through the real API
 * server process (verify, inbox, job — 200) and worker processes (`npm run worker`: the order
 * created, allocated, its fulfillability stored). Reports webhooks acknowledged per second with
 * ack p50/p95, and orders fully processed per second over the sending window and until the
 * backlog is drained. The floor, measured in the same run: orders created per second by calling
 * the create-order service directly in this process (no HTTP, no queue) on one connection.
 *
 *   npm run bench:ingest [-- --rate 1000 --seconds 60 --warmup 10 --workers 2 --concurrency 4]
 *
 * Database bod_bench_ingest on the local server (BENCH_INGEST_DATABASE_URL), made afresh each
 * run. The last line printed is one JSON object.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inTenant } from "../../apps/api/src/db/client.ts";
import { migrateDatabase } from "../../apps/api/src/db/migrations.ts";
import { generateTenant } from "../../apps/api/src/demo/generate.ts";
import { createChannel } from "../../apps/api/src/features/channels/service.ts";
import { createOrderInTx } from "../../apps/api/src/features/orders/create.ts";
import { systemContext } from "../../apps/api/src/http/types.ts";
import { configureSecretsKey, parseSecretsKey } from "../../apps/api/src/security/secret-box.ts";
import { openDb, setDb } from "../../apps/api/src/db/client.ts";
import { machineLine, withDatabase } from "./bench-db.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RATE = arg("rate", 1000);
const SECONDS = arg("seconds", 60);
const WARMUP = arg("warmup", 10);
const WORKERS = arg("workers", 2);
const CONCURRENCY = arg("concurrency", 4);
const PRODUCTS = arg("products", 20_000);
const URL_ = process.env.BENCH_INGEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_bench_ingest";
const SECRETS_KEY = "62656e63682073656372657473206b657920666f7220696e676573742072756e";
const WEBHOOK_SECRET = "bench-shopify-app-secret";
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const log = (s: string) => console.log(s);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

// BENCH_PROFILE=dir: CPU profiles of the server and workers (node --cpu-prof) to look into.
const profileArgs = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];

/** CPU seconds a process has used so far (Linux /proc; clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
/** CPU seconds of every PostgreSQL process of the local server, and of the whole machine. */
function cpuNow(): { postgres: number; machine: number } {
  let postgres = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres") postgres += cpuOf(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  const [user, nice, system, , , irq, softirq] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  return { postgres, machine: (user! + nice! + system! + irq! + softirq!) / 100 };
}

function startProcess(name: string, script: string, env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...profileArgs, "--import", "tsx", path.join(root, script)], { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      out += d;
      if (ready.test(out)) resolve(child);
    });
    child.stderr!.on("data", (d) => (out += d));
    child.on("exit", (code) => reject(new Error(`${name} exited (${code}): ${out.slice(-2000)}`)));
  });
}

log(machineLine());
configureSecretsKey(parseSecretsKey(SECRETS_KEY));

// A fresh database with a company of PRODUCTS products, stocked, and a Shopify channel whose webhooks are signed with WEBHOOK_SECRET.
const database = new URL(URL_).pathname.slice(1);
const server = new pg.Client({ connectionString: withDatabase(URL_, "postgres") });
await server.connect();
await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
await server.query(`CREATE DATABASE "${database}"`);
await server.end();
await migrateDatabase(URL_);
const appUrl = withDatabase(URL_, database, "bod_app");
const handle = openDb(appUrl, { max: 4 });
setDb(handle);
const t0 = performance.now();
const tenant = await generateTenant({ tenantName: "Ingest Bench", orders: 500, products: PRODUCTS, warehouses: 1, suppliers: 10, verify: false, events: false });
log(`company: ${PRODUCTS} products, loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const owner = new pg.Pool({ connectionString: URL_, max: 2 });
const ctx = systemContext(tenant.tenantId, "worker", "bench");
const [warehouse] = (await owner.query(`SELECT id::text FROM warehouses WHERE tenant_id = $1 LIMIT 1`, [tenant.tenantId])).rows;
const channel = await createChannel(ctx, {
  name: "Bench Shopify",
  kind: "shopify",
  defaultWarehouseId: warehouse.id,
  supportsOrderEdits: true,
  acceptsBackorders: true,
  notifyOnPartialShipment: true,
  notifyCustomers: true,
  defaultFulfillmentMode: null,
  enabled: true,
  pushStock: false,
  stockBuffer: 0,
  preorderCap: null,
  storeUrl: null,
  accessToken: null,
  storeLocationId: null,
  webhookSecret: WEBHOOK_SECRET,
});
const skus = (await owner.query(`SELECT sku FROM products WHERE tenant_id = $1 ORDER BY sku`, [tenant.tenantId])).rows.map((r) => r.sku as string);
await owner.end();

// The floor: the create-order service called directly, one connection, 3 seconds.
const floorStart = performance.now();
let floorOrders = 0;
while (performance.now() - floorStart < 3_000) {
  await inTenant(ctx, (tx) =>
    createOrderInTx(tx, ctx, {
      channelId: channel.id,
      externalId: `floor-${floorOrders}`,
      customerName: "Floor Buyer",
      priority: 0,
      lines: [0, 1].map((i) => ({ sku: skus[(floorOrders * 7 + i * 13) % skus.length]!, quantity: 1, unitPriceCents: 1250 })),
    }),
  );
  floorOrders++;
}
const floorPerSecond = Math.round(floorOrders / ((performance.now() - floorStart) / 1000));
log(`floor: ${floorPerSecond} orders/s through the create-order service on one connection`);
await handle.close();

// The API server (no worker in it) and the workers, each its own process.
const port = await freePort();
const env = {
  DATABASE_URL: appUrl,
  MIGRATION_DATABASE_URL: URL_,
  SECRETS_KEY,
  PORT: String(port),
  SEED_DEMO: "false",
  LOG_LEVEL: "warn",
  NODE_ENV: "production",
  DB_POOL_MAX: "10",
  WORKER_CONCURRENCY: String(CONCURRENCY),
};
const children: ChildProcess[] = [];

children.push(await startProcess("server", "apps/api/src/server.ts", { ...env, WORKER_IN_PROCESS: "false" }, /is running at/));
for (let i = 0; i < WORKERS; i++) children.push(await startProcess(`worker ${i + 1}`, "apps/api/src/worker.ts", env, /job worker running/));
log(`server on :${port}; ${WORKERS} worker process(es) × ${CONCURRENCY} jobs at a time`);

const monitor = new pg.Client({ connectionString: URL_ });
await monitor.connect();
const processed = async () => Number((await monitor.query(`SELECT count(*) AS n FROM channel_inbox_events WHERE channel_id = $1 AND status <> 'pending'`, [channel.id])).rows[0].n);
const samples: { at: number; processed: number }[] = [];

const configFile = path.join(os.tmpdir(), `bod-ingest-${process.pid}.json`);
fs.writeFileSync(configFile, JSON.stringify({ url: `http://127.0.0.1:${port}/api/v1/webhooks/shopify/${channel.id}`, secret: WEBHOOK_SECRET, shopDomain: "bench-shop.myshopify.com", skus, rate: RATE, seconds: SECONDS, warmupSeconds: WARMUP, firstOrderId: 1_000_000 }));
log(`sending ${RATE} webhooks/s for ${WARMUP} s of warm-up, then ${SECONDS} s measured, from a separate process`);
const started = performance.now();
const cpuAtStart = { ...cpuNow(), children: children.map((c) => cpuOf(c.pid!)) };
const sampler = setInterval(async () => samples.push({ at: (performance.now() - started) / 1000, processed: await processed() }), 1000);
const load = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/bench/ingest-load.ts"), configFile], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
let loadOut = "";
load.stdout!.on("data", (d) => (loadOut += d));
await new Promise((r) => load.on("exit", r));
const acks = JSON.parse(loadOut.trim().split("\n").pop()!);
const sendEnd = (performance.now() - started) / 1000;
const atSendEnd = await processed();

// Drain: wait until every stored webhook is processed (at most 10 minutes).
const stored = Number((await monitor.query(`SELECT count(*) AS n FROM channel_inbox_events WHERE channel_id = $1`, [channel.id])).rows[0].n);
while ((await processed()) < stored && (performance.now() - started) / 1000 < sendEnd + 600) await new Promise((r) => setTimeout(r, 500));
clearInterval(sampler);
const drained = (performance.now() - started) / 1000;
const total = await processed();
const [{ orders, failed }] = (await monitor.query(
  `SELECT (SELECT count(*)::int FROM sales_orders WHERE channel_id = $1 AND fulfillability IS NOT NULL) AS orders,
          (SELECT count(*)::int FROM channel_inbox_events WHERE channel_id = $1 AND status = 'failed') AS failed`,
  [channel.id],
)).rows;
// Steady state: the processing rate between 5 s after the warm-up and the end of sending.
const inWindow = samples.filter((s) => s.at >= WARMUP + 5 && s.at <= sendEnd);
const steady = inWindow.length >= 2 ? (inWindow[inWindow.length - 1]!.processed - inWindow[0]!.processed) / (inWindow[inWindow.length - 1]!.at - inWindow[0]!.at) : atSendEnd / sendEnd;
// CPU used from the start of sending until the backlog was drained, per order stored.
const cpuAtEnd = { ...cpuNow(), children: children.map((c) => cpuOf(c.pid!)) };
const perOrderMs = (seconds: number) => Math.round((seconds / Math.max(1, stored)) * 1000 * 100) / 100;
const cpu = {
  server_ms_per_order: perOrderMs(cpuAtEnd.children[0]! - cpuAtStart.children[0]!),
  workers_ms_per_order: perOrderMs(cpuAtEnd.children.slice(1).reduce((a, b) => a + b, 0) - cpuAtStart.children.slice(1).reduce((a, b) => a + b, 0)),
  postgres_ms_per_order: perOrderMs(cpuAtEnd.postgres - cpuAtStart.postgres),
  machine_ms_per_order: perOrderMs(cpuAtEnd.machine - cpuAtStart.machine),
  cores: os.cpus().length,
};
await monitor.end();
for (const c of children) c.kill("SIGTERM");
if (process.env.BENCH_PROFILE) await new Promise((r) => setTimeout(r, 3_000)); // profiles are written on exit
fs.rmSync(configFile, { force: true });

log(`warm-up: ${acks.warmupSent} webhooks, ack p95 ${acks.warmupP95Ms} ms (not counted below)`);
log(`acknowledged: ${acks.acksPerSecond}/s, p50 ${acks.ackP50Ms} ms, p95 ${acks.ackP95Ms} ms, p99 ${acks.ackP99Ms} ms, statuses ${JSON.stringify(acks.statuses)}`);
log(`slowest seconds of sending (p95 / max ms): ${acks.slowestSeconds.map((s: { second: number; p95Ms: number; maxMs: number }) => `${s.second}s ${s.p95Ms}/${s.maxMs}`).join(", ")}`);
log(`processed: ${Math.round(steady)}/s steady (${WARMUP + 5} s – end of sending), ${atSendEnd} of ${stored} stored when sending stopped, ${total} after ${(drained - sendEnd).toFixed(1)} s more; orders stored ${orders}, failed ${failed}`);
log(`CPU per order (sending to drained): server ${cpu.server_ms_per_order} ms, workers ${cpu.workers_ms_per_order} ms, PostgreSQL ${cpu.postgres_ms_per_order} ms; whole machine ${cpu.machine_ms_per_order} ms on ${cpu.cores} cores`);
console.log(
  JSON.stringify({
    rate: RATE,
    seconds: SECONDS,
    workers: WORKERS,
    concurrency: CONCURRENCY,
    sent: acks.sent,
    stored,
    acks_per_s: acks.acksPerSecond,
    ack_p50_ms: acks.ackP50Ms,
    ack_p95_ms: acks.ackP95Ms,
    warmup_s: WARMUP,
    warmup_ack_p95_ms: acks.warmupP95Ms,
    processed_per_s_steady: Math.round(steady),
    processed_per_s_overall: Math.round(total / drained),
    drain_s_after_send: Math.round((drained - sendEnd) * 10) / 10,
    orders_stored: orders,
    failed,
    floor_orders_per_s_direct: floorPerSecond,
    cpu,
    goal: { processed_per_s: 1000, ack_p95_ms: 20 },
  }),
);
process.exit(0);
