/**
 * The orders list at a million orders: p50/p95 of the real API (first page and a deep keyset
 * page per fulfillability tab, sorted by ship-by), the tab counts, the same page as a bare
 * indexed SQL query (the floor), and the same page computed at read time from stock and lines
 * (what a system without stored fulfillability does).
 *
 *   npm run bench:orders [-- --orders 1000000 --runs 50]
 *
 * Uses the database bod_bench on the local server (BENCH_DATABASE_URL to override), loaded
 * once and reused while the marker says the same size is loaded. The last line printed is one
 * JSON object.
 */
import type { AddressInfo } from "node:net";
import pg from "pg";
import { createApp } from "../../apps/api/src/app.ts";
import { BENCH_PASSWORD, ensureBenchTenant, ensureHeap, machineLine, percentile } from "./bench-db.ts";

ensureHeap(16_384);
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg("orders", 1_000_000);
const RUNS = arg("runs", 50);
const READTIME_RUNS = arg("readtime-runs", 5);
const DEPTH = arg("depth", 200);
const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_bench";
const TABS = ["fulfillable", "partially_fulfillable", "backordered"] as const;
const log = (s: string) => console.log(s);

log(machineLine());
const { rows: version } = await (async () => {
  const c = new pg.Client({ connectionString: URL_.replace(/\/[^/]*$/, "/postgres") });
  await c.connect();
  const r = await c.query(`SELECT version() AS v, current_setting('shared_buffers') AS sb, current_setting('work_mem') AS wm`);
  await c.end();
  return r;
})();
log(`database: ${version[0].v.split(" on ")[0]}, shared_buffers ${version[0].sb}, work_mem ${version[0].wm}`);

const { tenant, handle } = await ensureBenchTenant(
  URL_,
  `orders-${ORDERS}-v1`,
  { tenantName: "Bench Outfitters", slug: `bench-${ORDERS}`, emailDomain: `bench-${ORDERS}.backorder.test`, orders: ORDERS, products: Math.max(300, Math.round(ORDERS / 50)), suppliers: 40, events: false },
  log,
);

const server = createApp({ logLevel: "silent" }).listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const login = await fetch(`${base}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: tenant.adminEmail, password: BENCH_PASSWORD }) });
if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = /bod_session=[^;]*/.exec(login.headers.get("set-cookie") ?? "")![0];

async function get(path: string): Promise<any> {
  const res = await fetch(base + path, { headers: { cookie } });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}
async function timeMany(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}
const fmt = (t: number[]) => `p50 ${percentile(t, 50)} ms, p95 ${percentile(t, 95)} ms`;

const sql = new pg.Client({ connectionString: URL_ });
await sql.connect();
const ORDER_COLUMNS = `o.id, o.number, o.external_id, o.channel_id, o.warehouse_id, o.customer_name, o.order_date, o.ship_by, o.priority, o.status, o.fulfillability, o.projected_date, o.tags, o.version`;
const floorFirst = `SELECT ${ORDER_COLUMNS} FROM sales_orders o WHERE o.tenant_id = $1 AND o.fulfillability = $2::"Fulfillability" ORDER BY o.ship_by, o.id LIMIT 50`;
const floorAfter = `SELECT ${ORDER_COLUMNS} FROM sales_orders o WHERE o.tenant_id = $1 AND o.fulfillability = $2::"Fulfillability"
  AND (o.ship_by, o.id) > ($3::timestamptz, $4::uuid)
  ORDER BY o.ship_by, o.id LIMIT 50`; // keyset inside the dated orders (deep pages here are; the undated come last)
// Read time: strict priority from stock and lines, per key with a running sum over the rank
// (priority desc, ship-by asc with none last, order date, order id), then per order.
const readTime = `
WITH lines AS (
  SELECT l.id AS line_id, l.order_id, l.warehouse_id, l.product_id,
         l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled AS remaining,
         LEAST(l.quantity_hard_allocated, l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled) AS hard,
         o.priority, o.ship_by, o.order_date
  FROM sales_orders o JOIN sales_order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
  WHERE o.tenant_id = $1 AND o.status IN ('open', 'partially_shipped') AND l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled > 0
), keys AS (
  SELECT s.warehouse_id, s.product_id, s.on_hand - coalesce(h.hard, 0) AS available
  FROM stock_levels s
  LEFT JOIN (SELECT warehouse_id, product_id, sum(quantity_hard_allocated) AS hard FROM sales_order_lines
             WHERE tenant_id = $1 AND quantity_hard_allocated > 0 GROUP BY 1, 2) h ON h.warehouse_id = s.warehouse_id AND h.product_id = s.product_id
  WHERE s.tenant_id = $1
), walked AS (
  SELECT li.order_id, li.remaining,
         li.hard + GREATEST(0, LEAST(li.remaining - li.hard, coalesce(k.available, 0) - (sum(li.remaining - li.hard) OVER w - (li.remaining - li.hard)))) AS allocated
  FROM lines li LEFT JOIN keys k ON k.warehouse_id = li.warehouse_id AND k.product_id = li.product_id
  WINDOW w AS (PARTITION BY li.warehouse_id, li.product_id ORDER BY li.priority DESC, li.ship_by ASC NULLS LAST, li.order_date, li.order_id, li.line_id ROWS UNBOUNDED PRECEDING)
), per_order AS (
  SELECT order_id, CASE WHEN bool_and(allocated >= remaining) THEN 'fulfillable' WHEN sum(allocated) = 0 THEN 'backordered' ELSE 'partially_fulfillable' END AS f
  FROM walked GROUP BY order_id
)
SELECT ${ORDER_COLUMNS} FROM per_order p JOIN sales_orders o ON o.tenant_id = $1 AND o.id = p.order_id
WHERE p.f = $2 ORDER BY o.ship_by ASC NULLS LAST, o.id LIMIT 50`;

const counts = await get(`/api/v1/orders/counts`);
log(`tab counts: ${JSON.stringify(counts)}`);

const all = { list: [] as number[], deep: [] as number[], floor: [] as number[], floorDeep: [] as number[], readtime: [] as number[] };
const rows: string[] = [];
for (const tab of TABS) {
  const first = `/api/v1/orders?fulfillability=${tab}&sort=ship_by&limit=50`;
  const page1 = await get(first);
  const list = await timeMany(RUNS, () => get(first));

  // follow the cursor DEPTH pages deep, then time that page
  let cursor: string | null = page1.nextCursor;
  let previous = page1;
  let depth = 1;
  while (cursor && depth < DEPTH) {
    previous = await get(`${first}&cursor=${encodeURIComponent(cursor)}`);
    cursor = previous.nextCursor;
    depth++;
  }
  const deepPath = cursor ? `${first}&cursor=${encodeURIComponent(cursor)}` : first;
  const deepPage = await get(deepPath);
  const deep = await timeMany(RUNS, () => get(deepPath));

  const floor = await timeMany(RUNS, () => sql.query(floorFirst, [tenant.tenantId, tab]));
  const last = previous.items[previous.items.length - 1];
  const floorDeepRows = await sql.query(floorAfter, [tenant.tenantId, tab, last?.shipBy ?? null, last?.id ?? "00000000-0000-0000-0000-000000000000"]);
  const floorDeep = await timeMany(RUNS, () => sql.query(floorAfter, [tenant.tenantId, tab, last?.shipBy ?? null, last?.id ?? "00000000-0000-0000-0000-000000000000"]));
  const floorRows = await sql.query(floorFirst, [tenant.tenantId, tab]);

  await sql.query(`SET work_mem = '256MB'`);
  const t0 = performance.now();
  const readRows = await sql.query(readTime, [tenant.tenantId, tab]);
  const readtime = [performance.now() - t0];
  for (let i = 1; i < READTIME_RUNS; i++) {
    const t = performance.now();
    await sql.query(readTime, [tenant.tenantId, tab]);
    readtime.push(performance.now() - t);
  }
  await sql.query(`RESET work_mem`);

  const ids = (items: { id: string }[]) => items.map((i) => i.id).join(",");
  const same = ids(page1.items) === ids(floorRows.rows) && ids(page1.items) === ids(readRows.rows);
  const sameDeep = ids(deepPage.items) === ids(floorDeepRows.rows);
  log(`${tab}: ${counts[tab]} orders`);
  log(`  API first page      ${fmt(list)}`);
  log(`  API page ${depth + 1} (cursor) ${fmt(deep)}`);
  log(`  SQL floor first     ${fmt(floor)}; deep ${fmt(floorDeep)}`);
  log(`  SQL at read time    ${fmt(readtime)} (${READTIME_RUNS} runs)`);
  log(`  same orders: API = floor = read time on page 1: ${same}; API = floor on the deep page: ${sameDeep}`);
  rows.push(`| ${tab} | ${counts[tab]} | ${percentile(list, 50)} / ${percentile(list, 95)} | ${percentile(deep, 50)} / ${percentile(deep, 95)} | ${percentile(floor, 50)} / ${percentile(floor, 95)} | ${percentile(floorDeep, 50)} / ${percentile(floorDeep, 95)} | ${percentile(readtime, 50)} / ${percentile(readtime, 95)} |`);
  all.list.push(...list);
  all.deep.push(...deep);
  all.floor.push(...floor);
  all.floorDeep.push(...floorDeep);
  all.readtime.push(...readtime);
}

const countTimes = await timeMany(RUNS, () => get(`/api/v1/orders/counts`));
log(`counts endpoint ${fmt(countTimes)}`);
// HTTP overhead: a signed-in request that does one small transaction (session, auth, JSON)
const overhead = await timeMany(RUNS, () => get(`/api/v1/auth/me`));
log(`HTTP overhead (GET /api/v1/auth/me) ${fmt(overhead)}`);
const plan = await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${floorFirst}`, [tenant.tenantId, "backordered"]);
log(`floor plan (backordered): ${plan.rows.map((r) => r["QUERY PLAN"].trim()).slice(0, 3).join(" | ")}`);
const { rows: total } = await sql.query(`SELECT count(*)::int AS n FROM sales_orders WHERE tenant_id = $1`, [tenant.tenantId]);
log("\n| tab | orders | API first p50 / p95 ms | API deep p50 / p95 | SQL floor first | SQL floor deep | read time |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) log(r);

await sql.end();
await new Promise((resolve) => server.close(resolve));
await handle.close();
console.log(
  JSON.stringify({
    orders: total[0].n,
    list_p95_ms: percentile(all.list, 95),
    deep_page_p95_ms: percentile(all.deep, 95),
    counts_p95_ms: percentile(countTimes, 95),
    floor_p95_ms: percentile(all.floor, 95),
    readtime_p95_ms: percentile(all.readtime, 95),
  }),
);
process.exit(0);
