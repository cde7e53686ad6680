/**
 * Adds a generated company to the database (DATABASE_URL, or the embedded one under DATA_DIR).
 *
 *   npm run seed -- --orders 2000 [--tenant-name "Demo Outfitters"] [--products 300] [--seed 20240601]
 *
 * Users are `<role>@<tenant-slug>.backorder.test` (for "Demo Outfitters": @demo.backorder.test),
 * password `demo-password`; users that already exist are reused and keep their password.
 */
import pg from "pg";
import { readConfig } from "../apps/api/src/config.ts";
import { migrateDatabase } from "../apps/api/src/db/migrations.ts";
import { openDb, setDb } from "../apps/api/src/db/client.ts";
import { startEmbeddedDatabase } from "../apps/api/src/db/embedded.ts";
import { generateTenant } from "../apps/api/src/demo/generate.ts";
import { DEMO_EMAIL_DOMAIN, DEMO_LOGINS, DEMO_TENANT_NAME } from "../apps/api/src/demo/seed-demo.ts";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const orders = Number(option("orders") ?? 2_000);
const products = option("products") ? Number(option("products")) : Math.max(300, Math.round(orders / 50));
const tenantName = option("tenant-name") ?? DEMO_TENANT_NAME;
if (!Number.isInteger(orders) || orders < 1) {
  console.error("--orders must be a positive whole number");
  process.exit(2);
}

const config = readConfig();
const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase(config.dataDir);
const url = config.databaseUrl ?? embedded!.url;
await migrateDatabase(process.env.MIGRATION_DATABASE_URL ?? url);

const handle = openDb(url, { max: embedded ? 1 : 4 });
setDb(handle);
try {
  const started = performance.now();
  const result = await generateTenant({
    tenantName,
    emailDomain: tenantName === DEMO_TENANT_NAME ? DEMO_EMAIL_DOMAIN : undefined,
    password: DEMO_LOGINS.password,
    orders,
    products,
    seed: option("seed") ? Number(option("seed")) : undefined,
    log: (line) => console.log(line),
  });
  console.log(`\nseeded "${result.tenantName}" (${result.tenantId}) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(result.rows)}`);
  console.log(`open orders: ${JSON.stringify(result.fulfillability)}; allocation check ok: ${result.check?.ok}`);
  console.log(`logins (password ${DEMO_LOGINS.password} unless the user existed before):`);
  for (const u of result.users) console.log(`  ${u.role.padEnd(9)} ${u.email}`);
} finally {
  await handle.close();
  await embedded?.stop();
}
