/**
 * The orders list's search (`q`: prefix of order number, external id, customer name or a word
 * of it) on the 1,000,000-order tenant that `npm run bench:orders` loads (run that first).
 * Calls the list service as the app does (bod_app, row-level security on) for a few searches
 * that match many, some or no orders, with and without a tab and sort; prints p50/p95 of 7 runs
 * after one warm-up, and as its last line one JSON object.
 *
 *   npm run bench:search
 */
import { ZOrderListQuery } from "@bod/contracts/order-list";
import pg from "pg";
import { openDb, setDb } from "../../apps/api/src/db/client.ts";
import { listOrders } from "../../apps/api/src/features/order-list/service.ts";
import type { RequestContext } from "../../apps/api/src/http/types.ts";
import { machineLine, percentile } from "./bench-db.ts";

const ownerUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_bench";
const slug = `bench-${process.env.BENCH_ORDERS ?? 1_000_000}`;
console.log(machineLine());

// Found as the owner (companies are not visible to bod_app without one set): the tenant, a
// customer surname and an order-number prefix that exist; "zzzz" matches nothing.
const owner = new pg.Client({ connectionString: ownerUrl });
await owner.connect();
const { rows: found } = await owner.query<{ id: string; surname: string; number: string }>(
  `SELECT t.id::text, split_part(o.customer_name, ' ', 2) AS surname, left(o.number, 7) AS number
   FROM tenants t JOIN LATERAL (SELECT customer_name, number FROM sales_orders WHERE tenant_id = t.id ORDER BY id LIMIT 1) o ON true
   WHERE t.slug = $1`,
  [slug],
);
await owner.end();
const sample = found[0];
if (!sample) {
  console.error(`no tenant ${slug}: run npm run bench:orders first`);
  process.exit(1);
}
const url = new URL(ownerUrl);
url.username = "bod_app";
url.password = "";
const handle = openDb(url.toString(), { max: 2 });
setDb(handle);
const tenant = { id: sample.id };
const ctx: RequestContext = { tenantId: tenant.id, userId: "00000000-0000-0000-0000-000000000000", role: "staff", requestId: "bench-search", via: "session" };

const all: number[] = [];
const rows: string[] = [];
for (const q of [sample.surname, sample.number, "zzzz"]) {
  for (const extra of [{}, { fulfillability: "backordered" }, { sort: "ship_by" }]) {
    const query = ZOrderListQuery.parse({ q, ...extra });
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < 8; r++) {
      const t0 = performance.now();
      found = (await listOrders(ctx, query)).items.length;
      if (r > 0) times.push(performance.now() - t0);
    }
    all.push(...times);
    rows.push(`| \`q=${q}\` ${Object.entries(extra).map(([k, v]) => `${k}=${v}`).join(" ")} | ${found} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
  }
}
console.log("| search | rows on page | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |\n" + rows.join("\n"));
await handle.close();
console.log(JSON.stringify({ search_p50_ms: percentile(all, 50), search_p95_ms: percentile(all, 95) }));
process.exit(0);
