// Starts Backorder Desk: database (a server from DATABASE_URL, or embedded PGlite),
// migrations, demo data on first run, then the API and the SPA on one port.
import pg from "pg";
import { readConfig } from "./config.ts";
import { applyMigrations } from "./db/migrations.ts";
import { openDb, setDb } from "./db/client.ts";
import { startEmbeddedDatabase } from "./db/embedded.ts";
import { createApp } from "./app.ts";
import { seedDemoIfEmpty, DEMO_LOGINS } from "./demo/seed-demo.ts";

const config = readConfig();
const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
const url = config.databaseUrl ?? embedded!.url;

const migrator = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL ?? url });
await migrator.connect();
const applied = await applyMigrations(migrator);
await migrator.end();
if (applied.length) console.log(`migrations applied: ${applied.join(", ")}`);

const handle = openDb(url, { max: embedded ? 1 : Number(process.env.DB_POOL_MAX ?? 10) });
setDb(handle);
const seeded = process.env.SEED_DEMO === "false" ? false : await seedDemoIfEmpty();

const app = createApp({ logLevel: config.logLevel, webDist: config.webDist });
const server = app.listen(config.port, config.host, () => {
  console.log(`\nBackorder Desk is running at http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`);
  console.log(`database: ${embedded ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : "DATABASE_URL"}${seeded ? " — demo data created" : ""}`);
  if (process.env.SEED_DEMO !== "false") {
    console.log("demo logins (password for all: " + DEMO_LOGINS.password + "):");
    for (const l of DEMO_LOGINS.users) console.log(`  ${l.role.padEnd(9)} ${l.email}`);
  }
});

async function shutdown() {
  server.close();
  await handle.close();
  await embedded?.stop();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
