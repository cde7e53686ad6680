// Starts Backorder Desk: database (a server from DATABASE_URL, or embedded PGlite),
// migrations, demo data on first run, the API and the SPA on one port, and — unless
// WORKER_IN_PROCESS=false — a job worker in the same process (npm run worker runs more).
import { readConfig } from "./config.ts";
import { openDatabase, startWorkers } from "./boot.ts";
import { createApp } from "./app.ts";
import { seedDemoIfEmpty, DEMO_LOGINS } from "./demo/seed-demo.ts";

const config = readConfig();
const db = await openDatabase(config);
if (db.migrationsApplied.length) console.log(`migrations applied: ${db.migrationsApplied.join(", ")}`);
const seeded = process.env.SEED_DEMO === "false" ? false : await seedDemoIfEmpty();
const worker = config.workerInProcess ? await startWorkers(config, db) : undefined;

const app = createApp({ logLevel: config.logLevel, webDist: config.webDist, trustProxy: config.trustProxy });
const server = app.listen(config.port, config.host, () => {
  console.log(`\nBackorder Desk is running at http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`);
  console.log(`database: ${db.embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "DATABASE_URL"}${seeded ? " — demo data created" : ""}`);
  console.log(worker ? "job worker: running in this process" : "job worker: not in this process (run npm run worker)");
  if (process.env.SEED_DEMO !== "false") {
    console.log("demo logins (password for all: " + DEMO_LOGINS.password + "):");
    for (const l of DEMO_LOGINS.users) console.log(`  ${l.role.padEnd(9)} ${l.email}`);
  }
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await new Promise((resolve) => server.close(resolve));
  await worker?.stop();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
