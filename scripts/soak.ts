/**
 * The soak: N random conflicting operations over HTTP from K clients at once (ship, receive,
 * stage, unstage, edit, cancel, refund, exchange, adjust, policy flip, plus new orders and POs)
 * against the API on a fresh PostgreSQL database, with a job worker running the whole-company
 * recomputes the policy flips queue; then the invariants of apps/api/test/soak/checks.ts
 * (allocation check clean, ledger = stock levels, nothing negative, no unit shipped twice,
 * refunds within what was paid, receipts in the ledger once, …). The last line printed is one
 * JSON object; the exit code is 1 on any 5xx, any 409 "conflicted with another change", any
 * idempotent retry answered with a second shipment, or any violated invariant.
 *
 *   npm run soak [-- --operations 10000 --clients 8 --products 12 --orders 400 --seed 1]
 *
 * Database bod_soak on the local server (SOAK_DATABASE_URL), made afresh each run. The API and
 * the worker run in this process (like the API tests), the clients too, over real HTTP.
 */
import type { AddressInfo } from "node:net";
import pg from "pg";
import { pino } from "pino";
import { openDb, setDb, transactionAborts } from "../apps/api/src/db/client.ts";
import { migrateDatabase } from "../apps/api/src/db/migrations.ts";
import { createApp } from "../apps/api/src/app.ts";
import { startJobWorker } from "../apps/api/src/jobs/runner.ts";
import { taskList } from "../apps/api/src/jobs/tasks.ts";
import { releaseStreamLeases } from "../apps/api/src/features/integrations/delivery.ts";
import { configureSecretsKey, parseSecretsKey } from "../apps/api/src/security/secret-box.ts";
import { testEnv } from "../apps/api/test/env.ts";
import { setupSoakCompany } from "../apps/api/test/soak/company.ts";
import { checkSoakInvariants, waitForRecomputes } from "../apps/api/test/soak/checks.ts";
import { runSoakOperations, summarizeRun } from "../apps/api/test/soak/operations.ts";
import { seededRandom } from "../apps/api/test/soak/random.ts";
import { machineLine, withDatabase } from "./bench/bench-db.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const OPERATIONS = arg("operations", 10_000);
const CLIENTS = arg("clients", 8);
const PRODUCTS = arg("products", 12);
const ORDERS = arg("orders", 400);
const PURCHASE_ORDERS = arg("purchase-orders", 16);
const SEED = arg("seed", 20261202);
const URL_ = process.env.SOAK_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_soak";
const log = (s: string) => console.log(s);

async function freshDatabase(url: string) {
  const database = new URL(url).pathname.slice(1);
  const server = new pg.Client({ connectionString: withDatabase(url, "postgres") });
  await server.connect();
  await server.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await server.query(`CREATE DATABASE "${database}"`);
  await server.end();
  await migrateDatabase(url);
  return database;
}

async function main() {
  log(machineLine());
  // The API's settings the tests use: several sign-ins from one address, a fixed sealing key.
  process.env.LOGIN_RATE_LIMIT ??= "1000";
  process.env.SECRETS_KEY ??= "736f616b2073656372657473206b657920666f7220746865206261636b6f7264";
  const database = await freshDatabase(URL_);
  log(`database ${database}: created and migrated`);
  configureSecretsKey(parseSecretsKey(process.env.SECRETS_KEY));
  const handle = openDb(withDatabase(URL_, database, "bod_app"), { max: 10 });
  setDb(handle);
  const superuser = new pg.Pool({ connectionString: URL_, max: 2 });
  const server = createApp({ logLevel: "silent" }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  testEnv.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const worker = await startJobWorker({ connectionString: URL_, tasks: taskList, onTakeover: releaseStreamLeases, concurrency: 2, logger: pino({ level: "silent" }), logLevel: "error" });

  const tSetup = performance.now();
  const company = await setupSoakCompany(seededRandom(SEED), { clients: CLIENTS, products: PRODUCTS, orders: ORDERS, purchaseOrders: PURCHASE_ORDERS }, log);
  log(`setup: ${((performance.now() - tSetup) / 1000).toFixed(1)} s`);
  const deadlocksBefore = transactionAborts["40P01"] ?? 0;
  const run = await runSoakOperations(company, { operations: OPERATIONS, seed: SEED, onProgress: (n) => log(`${n} operations (${((performance.now() - tSetup) / 1000).toFixed(0)} s since setup began)`) });
  await waitForRecomputes(superuser, company.tenantId, 600_000);
  const tChecks = performance.now();
  const checks = await checkSoakInvariants(superuser, company.admin, company.tenantId);
  const checksMs = performance.now() - tChecks;
  const { rows: sizes } = await superuser.query(
    `SELECT (SELECT count(*)::int FROM sales_orders WHERE tenant_id = $1) AS orders, (SELECT count(*)::int FROM shipments WHERE tenant_id = $1) AS shipments,
       (SELECT count(*)::int FROM stock_movements WHERE tenant_id = $1) AS movements, (SELECT count(*)::int FROM refunds WHERE tenant_id = $1) AS refunds,
       (SELECT count(*)::int FROM background_jobs WHERE tenant_id = $1 AND kind = 'allocation_recompute') AS recomputes`,
    [company.tenantId],
  );
  await worker.stop();
  await new Promise((resolve) => server.close(resolve));
  await handle.close();
  await superuser.end();

  const summary = summarizeRun(run);
  for (const e of run.serverErrors.slice(0, 10)) log(`5xx: ${e}`);
  for (const e of run.retriesExhausted.slice(0, 10)) log(`409 conflict: ${e}`);
  for (const e of run.duplicateMismatches.slice(0, 10)) log(`duplicate: ${e}`);
  for (const c of checks.filter((c) => !c.ok)) log(`violated: ${c.name} (${c.violations}): ${JSON.stringify(c.sample)}`);
  const failed = checks.filter((c) => !c.ok).map((c) => c.name);
  const ok = failed.length === 0 && run.serverErrors.length === 0 && run.retriesExhausted.length === 0 && run.duplicateMismatches.length === 0;
  console.log(
    JSON.stringify({
      ok,
      seed: SEED,
      clients: CLIENTS,
      ...summary,
      deadlocksRetried: (transactionAborts["40P01"] ?? 0) - deadlocksBefore,
      finalRows: sizes[0],
      checksMs: Math.round(checksMs),
      checks: Object.fromEntries(checks.map((c) => [c.name, c.ok ? "ok" : `${c.violations} violation(s)`])),
    }),
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
