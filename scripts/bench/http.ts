/**
 * What a request costs around its own work: p50/p95 through HTTP of the orders list (first page
 * of each fulfillability tab, sorted by ship-by), GET /api/v1/auth/me by session cookie and by
 * API token, beside the floor — the same list page as a bare indexed query through `pg` as the
 * tables' owner — measured in the same run, sample by sample in turn (floor, list, me, token), so
 * a busy machine weighs on all of them alike.
 *
 *   npm run bench:http [-- --orders 100000 --runs 300]
 *
 * Uses the database and tenant of `npm run bench:orders` (bod_bench, BENCH_DATABASE_URL to
 * override; loaded when missing). The last line printed is one JSON object.
 */
import os from "node:os";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { createApp } from "../../apps/api/src/app.ts";
import { BENCH_PASSWORD, ensureBenchTenant, ensureHeap, machineLine, percentile } from "./bench-db.ts";

ensureHeap(16_384);
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg("orders", 100_000);
const RUNS = arg("runs", 300);
const WARMUP = arg("warmup", 30);
const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_bench";
const TABS = ["fulfillable", "partially_fulfillable", "backordered"] as const;
const log = (s: string) => console.log(s);

const loadAtStart = os.loadavg()[0]!;
log(machineLine());
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
const me = await (await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } })).json();
const created = await fetch(`${base}/api/v1/api-tokens`, {
  method: "POST",
  headers: { cookie, "x-csrf-token": me.csrfToken, "content-type": "application/json" },
  body: JSON.stringify({ name: `bench:http ${new Date().toISOString()}`, role: "admin" }),
});
if (created.status !== 201) throw new Error(`api token: ${created.status} ${await created.text()}`);
const bearer = `Bearer ${(await created.json()).secret}`;

async function get(path: string, headers: Record<string, string>): Promise<any> {
  const res = await fetch(base + path, { headers });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

const sql = new pg.Client({ connectionString: URL_ });
await sql.connect();
const ORDER_COLUMNS = `o.id, o.number, o.external_id, o.channel_id, o.warehouse_id, o.customer_name, o.order_date, o.ship_by, o.priority, o.status, o.fulfillability, o.projected_date, o.tags, o.version`;
const floorSql = `SELECT ${ORDER_COLUMNS} FROM sales_orders o WHERE o.tenant_id = $1 AND o.fulfillability = $2::"Fulfillability" ORDER BY o.ship_by, o.id LIMIT 50`;

const kinds = {
  floor: (tab: string) => sql.query(floorSql, [tenant.tenantId, tab]),
  list: (tab: string) => get(`/api/v1/orders?fulfillability=${tab}&sort=ship_by&limit=50`, { cookie }),
  me: () => get(`/api/v1/auth/me`, { cookie }),
  tokenMe: () => get(`/api/v1/auth/me`, { authorization: bearer }),
  tokenList: (tab: string) => get(`/api/v1/orders?fulfillability=${tab}&sort=ship_by&limit=50`, { authorization: bearer }),
};
type Kind = keyof typeof kinds;
const times: Record<Kind, number[]> = { floor: [], list: [], me: [], tokenMe: [], tokenList: [] };

// The API's page and the floor's are the same orders.
for (const tab of TABS) {
  const [api, floor] = [await kinds.list(tab), await kinds.floor(tab)];
  const same = api.items.map((i: { id: string }) => i.id).join() === floor.rows.map((r) => r.id).join();
  log(`${tab}: API first page = floor query: ${same}`);
  if (!same) throw new Error(`${tab}: the API's page is not the floor's`);
}

for (let i = 0; i < WARMUP + RUNS; i++) {
  const tab = TABS[i % TABS.length]!;
  for (const kind of Object.keys(kinds) as Kind[]) {
    const t0 = performance.now();
    await kinds[kind](tab);
    if (i >= WARMUP) times[kind].push(performance.now() - t0);
  }
}

const p = (kind: Kind, q: number) => percentile(times[kind], q);
for (const kind of Object.keys(kinds) as Kind[]) log(`${kind.padEnd(10)} p50 ${p(kind, 50)} ms, p95 ${p(kind, 95)} ms, p99 ${p(kind, 99)} ms (${times[kind].length} samples)`);
const { rows: total } = await sql.query(`SELECT count(*)::int AS n FROM sales_orders WHERE tenant_id = $1`, [tenant.tenantId]);
await sql.end();
await new Promise((resolve) => server.close(resolve));
await handle.close();
console.log(
  JSON.stringify({
    orders: total[0].n,
    load_average_start: Math.round(loadAtStart * 100) / 100,
    list_p50_ms: p("list", 50),
    list_p95_ms: p("list", 95),
    floor_p50_ms: p("floor", 50),
    floor_p95_ms: p("floor", 95),
    list_over_floor_p95: Math.round((p("list", 95) / p("floor", 95)) * 100) / 100,
    me_p50_ms: p("me", 50),
    me_p95_ms: p("me", 95),
    token_me_p95_ms: p("tokenMe", 95),
    token_list_p95_ms: p("tokenList", 95),
  }),
);
process.exit(0);
