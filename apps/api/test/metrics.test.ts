// GET /metrics: Prometheus text from the app's own registry. Requests are counted and timed by
// method, route pattern and status (never a raw id in a label); the pool, the job queue, the
// outbox's failing and dead messages and the last allocation check are read at scrape time; the
// route answers only with the configured Bearer token, and not at all (404) without one.
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app.ts";
import { signUpCompany, type ApiClient } from "./client.ts";
import { buildProduct } from "./builders.ts";
import { testEnv } from "./env.ts";

const TOKEN = "metrics-" + crypto.randomBytes(12).toString("hex");
const servers: ReturnType<ReturnType<typeof createApp>["listen"]>[] = [];
let metricsUrl = "";
let defaultUrl = "";

async function listen(options: Parameters<typeof createApp>[0]) {
  const server = createApp({ logLevel: "silent", ...options }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  defaultUrl = testEnv.baseUrl;
  metricsUrl = await listen({ metricsToken: TOKEN });
  // The test clients talk to the app that has /metrics (sessions live in PostgreSQL: any app serves them).
  testEnv.baseUrl = metricsUrl;
});
afterAll(async () => {
  testEnv.baseUrl = defaultUrl;
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

async function scrape(url = metricsUrl, token: string | null = TOKEN) {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

/** The value of one sample, e.g. sample(text, 'bod_http_requests_total{method="GET",route="/x",status="200"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
const requestsSeries = (method: string, route: string, status: number) => `bod_http_requests_total{method="${method}",route="${route}",status="${status}"}`;
const durationCount = (method: string, route: string, status: number) => `bod_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"}`;

describe("GET /metrics", () => {
  let admin: ApiClient;
  beforeAll(async () => {
    admin = await signUpCompany("Metrics Co");
  });

  it("answers 401 without the token or with a wrong one, and 404 on an app with no token configured", async () => {
    const none = await scrape(metricsUrl, null);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.text).error.code).toBe("unauthenticated");
    expect(none.text).not.toContain("bod_http_requests_total");
    const wrong = await scrape(metricsUrl, TOKEN.slice(0, -1) + (TOKEN.endsWith("a") ? "b" : "a"));
    expect(wrong.status).toBe(401);
    const basic = await fetch(`${metricsUrl}/metrics`, { headers: { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}` } });
    expect(basic.status).toBe(401);
    const unconfigured = await scrape(defaultUrl, TOKEN);
    expect(unconfigured.status).toBe(404);
    expect(JSON.parse(unconfigured.text).error.code).toBe("not_found");
  });

  it("counts and times requests by method, route pattern and status, with no raw id in a label", async () => {
    const product = await buildProduct(admin);
    const missing = crypto.randomUUID();
    const before = (await scrape()).text;
    const pattern = "/api/v1/products/:productId/suppliers";
    const was = (series: string) => sample(before, series) ?? 0;

    for (let i = 0; i < 3; i++) expect((await admin.get(`/api/v1/products/${product.id}/suppliers`)).status).toBe(200);
    expect((await admin.get(`/api/v1/products/${missing}/suppliers`)).status).toBe(404);
    expect((await admin.get(`/api/v1/products/not-a-uuid/suppliers`)).status).toBe(400);
    expect((await fetch(`${metricsUrl}/api/v1/products/${product.id}/suppliers`)).status).toBe(401); // signed out
    expect((await admin.get(`/api/v1/no-such-thing/${missing}`)).status).toBe(404);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toContain("text/plain");
    const text = res.text;
    expect(sample(text, requestsSeries("GET", pattern, 200))! - was(requestsSeries("GET", pattern, 200))).toBe(3);
    expect(sample(text, requestsSeries("GET", pattern, 404))! - was(requestsSeries("GET", pattern, 404))).toBe(1);
    expect(sample(text, requestsSeries("GET", pattern, 400))! - was(requestsSeries("GET", pattern, 400))).toBe(1);
    expect(sample(text, requestsSeries("GET", pattern, 401))! - was(requestsSeries("GET", pattern, 401))).toBe(1);
    expect(sample(text, requestsSeries("GET", "unmatched", 404))! - was(requestsSeries("GET", "unmatched", 404))).toBe(1);
    // The histogram counted the same requests, and its buckets are cumulative up to +Inf.
    expect(sample(text, durationCount("GET", pattern, 200))! - was(durationCount("GET", pattern, 200))).toBe(3);
    const inf = sample(text, `bod_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="${pattern}",status="200"}`);
    expect(inf).toBe(sample(text, durationCount("GET", pattern, 200)));
    expect(sample(text, `bod_http_request_duration_seconds_sum{method="GET",route="${pattern}",status="200"}`)).toBeGreaterThan(0);

    // Bounded labels: no id of a product, tenant or user appears anywhere in the output.
    for (const id of [product.id, missing, admin.tenantId!, admin.userId!]) expect(text).not.toContain(id);
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!));
    for (const r of routes) expect(r === "unmatched" || r === "spa" || r.startsWith("/")).toBe(true);
    for (const r of routes) expect(r).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it("counts a request whose client left before the answer as aborted", async () => {
    const pattern = "/api/v1/admin/allocations/check";
    const series = requestsSeries("GET", pattern, 0).replace('status="0"', 'status="aborted"');
    const before = sample((await scrape()).text, series) ?? 0;
    // The check holds its answer while a row it reads is locked: the client gives up first.
    const lock = await testEnv.superuser.connect();
    try {
      await lock.query("BEGIN");
      await lock.query("LOCK TABLE stock_levels IN ACCESS EXCLUSIVE MODE");
      const controller = new AbortController();
      const pending = fetch(`${metricsUrl}${pattern}`, { headers: { cookie: admin.cookie! }, signal: controller.signal }).catch((e: Error) => e);
      await new Promise((r) => setTimeout(r, 300));
      controller.abort();
      expect(await pending).toBeInstanceOf(Error);
    } finally {
      await lock.query("ROLLBACK");
      lock.release();
    }
    let after = before;
    for (let i = 0; i < 50 && after === before; i++) {
      after = sample((await scrape()).text, series) ?? 0;
      if (after === before) await new Promise((r) => setTimeout(r, 100));
    }
    expect(after).toBe(before + 1);
  });

  it("reads the pool, the job queue and the outbox at scrape time, across companies", async () => {
    const first = (await scrape()).text;
    expect(sample(first, "bod_metrics_database_up")).toBe(1);
    expect(sample(first, 'bod_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(first, 'bod_db_pool_connections{state="waiting"}')).toBe(0);
    const waiting = sample(first, "bod_job_queue_waiting")!;
    const dead = sample(first, "bod_outbox_dead_messages")!;
    const failing = sample(first, "bod_outbox_failing_messages")!;

    // A job due for a minute, and two messages of another company: one dead, one backing off.
    await testEnv.superuser.query(`SELECT graphile_worker.add_job('metrics_probe', '{}'::json, run_at => now() - interval '60 seconds')`);
    const other = await signUpCompany("Other Co");
    const client = await testEnv.superuser.connect();
    try {
      await client.query("BEGIN");
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [other.tenantId]);
      await client.query(
        `INSERT INTO outbox_events (tenant_id, stream, type, payload, status, attempts) VALUES ($1, 'channel:metrics', 'probe', '{}', 'failed', 8), ($1, 'channel:metrics', 'probe', '{}', 'pending', 2)`,
        [other.tenantId],
      );
      await client.query("COMMIT");
    } finally {
      client.release();
    }

    const after = (await scrape()).text;
    expect(sample(after, "bod_outbox_dead_messages")).toBe(dead + 1);
    expect(sample(after, "bod_outbox_failing_messages")).toBe(failing + 1);
    // The probe job, and the delivery job the two messages enqueued (no worker runs in this file).
    expect(sample(after, "bod_job_queue_waiting")).toBeGreaterThanOrEqual(waiting + 1);
    expect(sample(after, "bod_job_queue_oldest_waiting_seconds")).toBeGreaterThanOrEqual(59);
    expect(after).toContain("process_cpu_user_seconds_total");
    expect(after).toContain("nodejs_eventloop_lag_seconds");
  });

  it("shows the differences the last allocation check found", async () => {
    expect((await admin.get("/api/v1/admin/allocations/check")).status).toBe(200);
    const clean = (await scrape()).text;
    expect(sample(clean, 'bod_allocation_check_differences{kind="line_allocation"}')).toBe(0);
    expect(sample(clean, 'bod_allocation_check_differences{kind="ledger_mismatch"}')).toBe(0);
    const okRuns = sample(clean, 'bod_allocation_checks{result="ok"}')!;
    expect(okRuns).toBeGreaterThanOrEqual(1);
    expect(sample(clean, "bod_allocation_check_last_run_timestamp_seconds")).toBeGreaterThan(Date.now() / 1000 - 60);

    // Stock whose cached level disagrees with its ledger: the next check finds it.
    const product = await buildProduct(admin);
    const { rows } = await testEnv.superuser.query(`SELECT id FROM warehouses WHERE tenant_id = $1 LIMIT 1`, [admin.tenantId]);
    let warehouseId = rows[0]?.id as string | undefined;
    if (!warehouseId) {
      const w = await admin.post("/api/v1/warehouses", { code: "MET", name: "Metrics warehouse" });
      expect(w.status).toBe(201);
      warehouseId = w.body.id;
    }
    await testEnv.superuser.query(
      `INSERT INTO stock_levels (tenant_id, warehouse_id, product_id, on_hand, allocated) VALUES ($1, $2, $3, 5, 0)
       ON CONFLICT (tenant_id, warehouse_id, product_id) DO UPDATE SET on_hand = stock_levels.on_hand + 5`,
      [admin.tenantId, warehouseId, product.id],
    );
    const check = await admin.get("/api/v1/admin/allocations/check");
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    const drifted = (await scrape()).text;
    expect(sample(drifted, 'bod_allocation_check_differences{kind="ledger_mismatch"}')).toBe(check.body.ledgerMismatches.length);
    expect(sample(drifted, 'bod_allocation_check_differences{kind="ledger_mismatch"}')).toBeGreaterThanOrEqual(1);
    expect(sample(drifted, 'bod_allocation_checks{result="differences"}')).toBe((sample(clean, 'bod_allocation_checks{result="differences"}') ?? 0) + 1);
  });
});
