import { inTenant, openDb, setDb } from "/work/main/apps/api/src/db/client.ts";
import { createOrderInTx } from "/work/main/apps/api/src/features/orders/create.ts";
import { systemContext } from "/work/main/apps/api/src/http/types.ts";
import pg from "pg";
const owner = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/bod_bench_ingest" });
await owner.connect();
const { rows: [t] } = await owner.query("select t.id::text as tenant, c.id::text as channel from tenants t join sales_channels c on c.tenant_id = t.id where c.name = 'Bench Shopify'");
const skus = (await owner.query("select sku from products where tenant_id = $1 limit 5000", [t.tenant])).rows.map((r: any) => r.sku);
await owner.end();
setDb(openDb("postgres://bod_app@127.0.0.1:5432/bod_bench_ingest", { max: 2 }));
const ctx = systemContext(t.tenant, "worker", "x");
let t0 = performance.now();
for (let i = 0; i < 200; i++) await inTenant(ctx, async (tx) => { await tx.$queryRaw`SELECT 1`; });
console.log("empty tx", ((performance.now() - t0) / 200).toFixed(2), "ms");
t0 = performance.now();
for (let i = 0; i < 100; i++) {
  await inTenant(ctx, (tx) => createOrderInTx(tx, ctx, { channelId: t.channel, externalId: `prof-${Date.now()}-${i}`, customerName: "x", priority: 0, lines: [{ sku: skus[i * 3], quantity: 1, unitPriceCents: 100 }, { sku: skus[i * 3 + 1], quantity: 1, unitPriceCents: 100 }] }));
}
console.log("create order", ((performance.now() - t0) / 100).toFixed(2), "ms");
process.exit(0);
