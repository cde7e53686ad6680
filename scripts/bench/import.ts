/**
 * CSV imports end to end through the real API server process and its in-process job worker:
 * upload (streamed into the database), parse on the queue, confirm, apply in one transaction.
 * Files: 20,000 products, then stock counts of 20,000 and of 100,000 rows (5 warehouses). For
 * each: rows per second for parse and apply and overall, and how much the server's resident
 * memory grew while it ran (sampled every 50 ms), so a 5× larger file shows whether memory
 * follows file size. The floor, measured in the same run: the same 100,000 stock rows inserted
 * by one multi-row INSERT … SELECT FROM unnest into an unlogged table on the same server.
 *
 *   npm run bench:import [-- --products 20000 --warehouses 5]
 *
 * Database bod_bench_import on the local server (BENCH_IMPORT_DATABASE_URL), made afresh each
 * run. The last line printed is one JSON object.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../apps/api/src/db/migrations.ts";
import { machineLine, withDatabase } from "./bench-db.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PRODUCTS = arg("products", 20_000);
const WAREHOUSES = arg("warehouses", 5);
const GOAL_ROWS_PER_SECOND = 20_000;
const SERVER_URL = process.env.BENCH_IMPORT_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "bod_bench_import";
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

/** Resident memory of a process in MiB (Linux /proc). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

async function main() {
  log(machineLine());
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const dbUrl = withDatabase(SERVER_URL, DB_NAME);
  await migrateDatabase(dbUrl);

  const port = await freePort();
  // BENCH_PROFILE=dir: a CPU profile of the server (node --cpu-prof) to look into.
  const profileArgs = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const server = spawn(process.execPath, [...profileArgs, "--import", "tsx", path.join(root, "apps/api/src/server.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "false", WORKER_IN_PROCESS: "true", LOG_LEVEL: "warn", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
      if ((await fetch(`${base}/api/health`).catch(() => undefined))?.status === 200) break;
      if (i > 600) throw new Error(`server did not start: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // A company, signed in by cookie, with its warehouses.
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ companyName: "Import Bench Co", name: "Ivy Importer", email: `bench-${Date.now()}@example.test`, password: "bench import password" }),
    });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${await signup.text()}`);
    const cookie = /bod_session=[^;]+/.exec(signup.headers.get("set-cookie") ?? "")![0];
    const me = await (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).json();
    const headers = { cookie, "x-csrf-token": me.csrfToken as string };
    const call = async (method: string, p: string, body?: unknown, extra: Record<string, string> = {}) => {
      const res = await fetch(`${base}/api/v1${p}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : typeof body === "string" ? { "content-type": "text/csv" } : { "content-type": "application/json" }), ...extra },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : undefined;
    };
    const warehouseCodes = Array.from({ length: WAREHOUSES }, (_, i) => `W${i + 1}`);
    for (const code of warehouseCodes) await call("POST", "/warehouses", { code, name: `Warehouse ${code}` });

    /** Uploads `csv`, waits for the parse, confirms, waits for the write; timings and memory growth. */
    async function runImport(kind: "products" | "stock_counts", fileName: string, csv: string, rows: number) {
      const pid = server.pid!;
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
      const started = performance.now();
      const created = await call("POST", `/imports?kind=${kind}&fileName=${encodeURIComponent(fileName)}`, csv);
      const waitFor = async (done: (s: string) => boolean) => {
        for (;;) {
          const imp = await call("GET", `/imports/${created.id}`);
          if (imp.status === "failed" || imp.status === "cancelled") throw new Error(`${fileName}: ${imp.status} ${imp.error ?? JSON.stringify(imp.fileErrors)}`);
          if (done(imp.status)) return imp;
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const parsed = await waitFor((s) => s === "parsed");
      const parsedAt = performance.now();
      if (parsed.counts.rejected !== 0) throw new Error(`${fileName}: ${parsed.counts.rejected} rows rejected`);
      await call("POST", `/imports/${created.id}/confirm`, {});
      const result = await waitFor((s) => s === "succeeded");
      const finished = performance.now();
      clearInterval(sampler);
      const parseS = (parsedAt - started) / 1000;
      const applyS = (finished - parsedAt) / 1000;
      const figures = {
        rows,
        bytes: Buffer.byteLength(csv),
        parseSeconds: Math.round(parseS * 100) / 100,
        applySeconds: Math.round(applyS * 100) / 100,
        parseRowsPerSecond: Math.round(rows / parseS),
        applyRowsPerSecond: Math.round(rows / applyS),
        rowsPerSecond: Math.round(rows / (parseS + applyS)),
        serverRssGrowthMb: Math.round(peak - before),
        serverRssPeakMb: Math.round(peak),
        counts: result.counts,
      };
      log(`${fileName}: ${rows} rows, ${(figures.bytes / 2 ** 20).toFixed(1)} MiB — parse ${figures.parseSeconds} s (${figures.parseRowsPerSecond}/s), apply ${figures.applySeconds} s (${figures.applyRowsPerSecond}/s), overall ${figures.rowsPerSecond}/s; server RSS +${figures.serverRssGrowthMb} MiB (peak ${figures.serverRssPeakMb})`);
      return figures;
    }

    const sku = (i: number) => `BENCH-${String(i).padStart(6, "0")}`;
    const productCsv = ["sku,name,barcode,is_preorder,restock_date,restock_quantity", ...Array.from({ length: PRODUCTS }, (_, i) => `${sku(i)},Bench item ${i} with a name of ordinary length,${String(4000000000000 + i)},${i % 50 === 0},${i % 50 === 0 ? "2027-01-15" : ""},${i % 50 === 0 ? 100 : ""}`)].join("\n") + "\n";
    const products = await runImport("products", "products.csv", productCsv, PRODUCTS);

    const stockCsv = (codes: string[], seed: number) =>
      ["warehouse,location,sku,on_hand", ...codes.flatMap((code, w) => Array.from({ length: PRODUCTS }, (_, i) => `${code},,${sku(i)},${(i * 7 + w * 3 + seed) % 200}`))].join("\n") + "\n";
    const stockSmall = await runImport("stock_counts", "stock-1-warehouse.csv", stockCsv(warehouseCodes.slice(0, 1), 1), PRODUCTS);
    const largeRows = PRODUCTS * WAREHOUSES;
    const largeCsv = stockCsv(warehouseCodes, 2);
    const stockLarge = await runImport("stock_counts", `stock-${WAREHOUSES}-warehouses.csv`, largeCsv, largeRows);

    // The floor: the same rows written by the database alone, one statement, no parsing or checks.
    const floorClient = new pg.Client({ connectionString: dbUrl });
    await floorClient.connect();
    await floorClient.query(`CREATE UNLOGGED TABLE bench_floor (warehouse text, location text, sku text, on_hand int)`);
    const cols: [string[], string[], number[]] = [[], [], []];
    for (const line of largeCsv.trim().split("\n").slice(1)) {
      const [w, , s, q] = line.split(",");
      cols[0].push(w!);
      cols[1].push(s!);
      cols[2].push(Number(q));
    }
    const t0 = performance.now();
    await floorClient.query(`INSERT INTO bench_floor SELECT w, NULL, s, q FROM unnest($1::text[], $2::text[], $3::int[]) AS v(w, s, q)`, cols);
    const floorS = (performance.now() - t0) / 1000;
    await floorClient.end();
    const floor = { rows: largeRows, seconds: Math.round(floorS * 1000) / 1000, rowsPerSecond: Math.round(largeRows / floorS) };
    log(`floor: ${largeRows} rows by one INSERT … unnest in ${floor.seconds} s (${floor.rowsPerSecond}/s)`);
    const memoryRatio = stockSmall.serverRssGrowthMb > 0 ? Math.round((stockLarge.serverRssGrowthMb / stockSmall.serverRssGrowthMb) * 100) / 100 : null;
    log(`memory: ${WAREHOUSES}x the rows grew the server by ${stockLarge.serverRssGrowthMb} MiB against ${stockSmall.serverRssGrowthMb} MiB`);
    log(JSON.stringify({ bench: "import", goalRowsPerSecond: GOAL_ROWS_PER_SECOND, products, stockSmall, stockLarge, memoryGrowthRatioForFiveTimesTheRows: memoryRatio, floor }));
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
}

await main();
