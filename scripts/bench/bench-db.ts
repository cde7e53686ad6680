// Shared by the database benchmarks: the machine line, percentiles, a dedicated benchmark
// database on the local server with a loaded tenant (reused when already loaded at the same
// size: a marker table records it), and the app's pool opened as the API role.
import os from "node:os";
import v8 from "node:v8";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { migrateDatabase } from "../../apps/api/src/db/migrations.ts";
import { openDb, setDb, type DbHandle } from "../../apps/api/src/db/client.ts";
import { generateTenant, type GenerateTenantOptions } from "../../apps/api/src/demo/generate.ts";

export const BENCH_PASSWORD = "bench-password";

export function machineLine(): string {
  const cpus = os.cpus();
  return `machine: ${cpus[0]?.model ?? "unknown cpu"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

/** Re-runs this script with a larger heap when the default one is too small for a million orders. */
export function ensureHeap(mb: number) {
  if (v8.getHeapStatistics().heap_size_limit / 2 ** 20 >= mb * 0.9) return;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${mb}`, ...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

export function withDatabase(url: string, database: string, user?: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = "";
  }
  return u.toString();
}

export interface BenchTenant {
  tenantId: string;
  adminEmail: string;
  /** the hot SKUs' open PO lines, when asked for */
  hotSupply: { purchaseOrderId: string; purchaseOrderLineId: string; productId: string; warehouseId: string; waitingLines: number }[];
  reused: boolean;
}

/**
 * The database at `url` (created when missing), migrated, holding one tenant generated with
 * `options`. When the marker says the same tenant is already loaded, it is reused; otherwise
 * the database is dropped and loaded afresh. While loading, the big tables' non-unique
 * indexes are dropped and rebuilt afterwards (the usual bulk-load practice; same definitions).
 */
export async function ensureBenchTenant(url: string, marker: string, options: GenerateTenantOptions, log: (s: string) => void): Promise<{ tenant: BenchTenant; handle: DbHandle }> {
  const database = new URL(url).pathname.slice(1);
  const server = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await server.connect();
  const exists = (await server.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database])).rowCount! > 0;
  let stored: BenchTenant | undefined;
  if (exists) {
    const probe = new pg.Client({ connectionString: url });
    await probe.connect();
    const found = await probe.query(`SELECT value FROM bench_marker WHERE name = $1`, [marker]).catch(() => ({ rows: [] as any[] }));
    await probe.end();
    stored = found.rows[0]?.value;
  }
  if (!stored) {
    log(`creating database ${database}`);
    await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await server.query(`CREATE DATABASE "${database}"`);
  }
  await server.end();

  await migrateDatabase(url);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const handle = openDb(withDatabase(url, database, "bod_app"), { max: 10 });
  setDb(handle);
  if (stored) {
    await owner.end();
    log(`reusing the loaded tenant (${marker})`);
    return { tenant: { ...stored, reused: true }, handle };
  }

  const tables = ["sales_orders", "sales_order_lines", "order_events", "stock_movements", "shipment_lines", "shipments"];
  const { rows: indexes } = await owner.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisunique AND NOT x.indisprimary`,
    [tables],
  );
  log(`dropping ${indexes.length} non-unique indexes of ${tables.join(", ")} for the load`);
  for (const i of indexes) await owner.query(`DROP INDEX "${i.indexname}"`);

  const t0 = performance.now();
  const generated = await generateTenant({ ...options, password: BENCH_PASSWORD, log });
  log(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  await owner.query(`SET maintenance_work_mem = '1GB'`);
  for (const i of indexes) await owner.query(i.indexdef);
  log(`rebuilt ${indexes.length} indexes in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  await owner.query(`VACUUM ANALYZE`);
  const tenant: BenchTenant = { tenantId: generated.tenantId, adminEmail: generated.users[0]!.email, hotSupply: generated.hotSupply, reused: false };
  await owner.query(`CREATE TABLE IF NOT EXISTS bench_marker (name text PRIMARY KEY, value jsonb NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`);
  await owner.query(`INSERT INTO bench_marker (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, loaded_at = now()`, [marker, JSON.stringify(tenant)]);
  await owner.end();
  log(`tenant loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s in all`);
  return { tenant, handle };
}
