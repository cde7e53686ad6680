// npm run check:allocations [-- --tenant <id>]
// Recomputes every tenant's allocations (or one's) from scratch and reports differences
// from what is stored. Exit code 1 when anything differs.
import { config } from "../../start-config.ts"; // first: a bad environment stops here with one line (exit 2)
import { db, inTenant, openDb, setDb } from "../../db/client.ts";
import { checkAllocations } from "./check.ts";

if (!config.databaseUrl) {
  console.error("Set DATABASE_URL to the database to check (the embedded one is checked through the running app: GET /api/v1/admin/allocations/check).");
  process.exit(2);
}
const handle = openDb(config.databaseUrl, { max: 2 });
setDb(handle);
const tenantArg = process.argv.indexOf("--tenant");
const tenants = tenantArg > 0 ? [process.argv[tenantArg + 1]!] : (await db().$queryRaw<{ id: string }[]>`SELECT id::text FROM tenants`).map((t) => t.id);
let failed = false;
for (const tenantId of tenants) {
  const report = await inTenant({ tenantId }, (tx) => checkAllocations(tx, tenantId));
  failed ||= !report.ok;
  console.log(`${tenantId}: ${report.ok ? "OK" : "DIFFERENCES"} — ${report.linesChecked} lines, ${report.ordersChecked} orders`);
  if (!report.ok) console.log(JSON.stringify(report, null, 2));
}
await handle.close();
process.exit(failed ? 1 : 0);
