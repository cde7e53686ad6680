// Starts Backorder Desk: database (a server from DATABASE_URL, or embedded PGlite),
// migrations, demo data on first run, the API and the SPA on one port, and — unless
// WORKER_IN_PROCESS=false — a job worker in the same process (npm run worker runs more).
import { config } from "./start-config.ts";
import { openDatabase, startWorkers } from "./boot.ts";
import { createApp } from "./app.ts";
import { seedDemoIfEmpty, DEMO_LOGINS } from "./demo/seed-demo.ts";

const db = await openDatabase(config);
if (db.migrationsApplied.length) console.log(`migrations applied: ${db.migrationsApplied.join(", ")}`);
const seeded = config.seedDemo ? await seedDemoIfEmpty() : false;
const worker = config.workerInProcess ? await startWorkers(config, db) : undefined;

const app = createApp({ logLevel: config.logLevel, webDist: config.webDist, trustProxy: config.trustProxy, metricsToken: config.metricsToken });
const server = app.listen(config.port, config.host, () => {
  console.log(`\nBackorder Desk is running at http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`);
  console.log(`database: ${db.embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "DATABASE_URL"}${seeded ? " — demo data created" : ""}`);
  console.log(worker ? "job worker: running in this process" : "job worker: not in this process (run npm run worker)");
  if (config.seedDemo) {
    console.log("demo logins (password for all: " + DEMO_LOGINS.password + "):");
    for (const l of DEMO_LOGINS.users) console.log(`  ${l.role.padEnd(9)} ${l.email}`);
  }
});

// SIGTERM (or Ctrl-C): stop accepting connections, let requests in flight finish within
// SHUTDOWN_TIMEOUT_MS (then close what is left), stop the worker (its running jobs finish or are
// released), close the pool, exit 0. A second signal exits at once.
const FORCED_EXIT_AFTER_MS = 5_000;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    console.error(`${signal} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  console.log(`${signal}: finishing requests in flight (at most ${config.shutdownTimeoutMs} ms), then stopping`);
  const closed = new Promise((resolve) => server.close(resolve));
  const deadline = setTimeout(() => {
    console.error(`requests still running after ${config.shutdownTimeoutMs} ms: closing their connections`);
    server.closeAllConnections();
    // Their database work may still wait (on a lock): the pool cannot close while it does. Leaving
    // ends those sessions, and PostgreSQL rolls back what they had not committed.
    setTimeout(() => {
      console.error("database work of closed requests still running: exiting without waiting for it");
      process.exit(1);
    }, FORCED_EXIT_AFTER_MS).unref();
  }, config.shutdownTimeoutMs);
  deadline.unref();
  server.closeIdleConnections();
  await closed;
  clearTimeout(deadline);
  await worker?.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
