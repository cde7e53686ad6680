/**
 * The orders desk's time to first rows in a real browser (Debian's Chromium through Playwright):
 * from the start of navigation to /orders until the first order row is in the page, on a tenant
 * with many orders, served by the product's own server (API + built SPA, http/web-static.ts).
 *
 * Each run opens a fresh browser context (cold cache: every asset fetched) and then reloads the
 * page (warm: hashed assets from the cache). Two networks: the local loopback as is, and a
 * warehouse tablet's Wi-Fi emulated by Chromium (40 ms round trip, 10 Mbit/s down, 5 up).
 *
 * Beside it, measured in the same run, the floor the desk cannot beat: the list request alone
 * (the same GET /api/v1/orders the desk makes, fetched from the page) and the document alone
 * (index.html's DOMContentLoaded, before any script runs the app).
 *
 *   npm run bench:web [-- --orders 100000 --runs 7 --dist apps/web/dist]
 *
 * Builds nothing: run `npm run build` first (npm run bench:web does). Uses the database
 * bod_bench on the local server (BENCH_DATABASE_URL to override), loaded once and reused. The
 * last line printed is one JSON object.
 */
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { createApp } from "../../apps/api/src/app.ts";
import { BENCH_PASSWORD, ensureBenchTenant, machineLine, percentile } from "./bench-db.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const ORDERS = Number(arg("orders", "100000"));
const RUNS = Number(arg("runs", "7"));
const DIST = path.resolve(arg("dist", process.env.WEB_DIST ?? "apps/web/dist"));
const URL_ = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_bench";
/** A data row of the orders desk (its first row with an order number). */
const ROW = `table[aria-label="Orders"] tbody tr:has(a[href^="/orders/"])`;
const NETWORKS = {
  local: null,
  tablet_wifi: { offline: false, latency: 40, downloadThroughput: (10 * 1_000_000) / 8, uploadThroughput: (5 * 1_000_000) / 8 },
} as const;
const log = (s: string) => console.log(s);

if (!fs.existsSync(path.join(DIST, "index.html"))) throw new Error(`${DIST}/index.html missing: run npm run build first`);
log(machineLine());

const { tenant, handle } = await ensureBenchTenant(
  URL_,
  `orders-${ORDERS}-v1`,
  { tenantName: "Bench Outfitters", slug: `bench-${ORDERS}`, emailDomain: `bench-${ORDERS}.backorder.test`, orders: ORDERS, products: Math.max(300, Math.round(ORDERS / 50)), suppliers: 40, events: false },
  log,
);

const server = createApp({ logLevel: "silent", webDist: DIST }).listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

/** Records, from the document's first byte, when the first order row enters the page. */
const OBSERVE_FIRST_ROW = `(() => {
  const selector = ${JSON.stringify(ROW)};
  const check = () => { if (window.__firstRowAt === undefined && document.querySelector(selector)) window.__firstRowAt = performance.now(); };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})();`;

async function signedInContext(network: keyof typeof NETWORKS): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  const login = await context.request.post("/api/v1/auth/login", { data: { email: tenant.adminEmail, password: BENCH_PASSWORD } });
  if (login.status() !== 200) throw new Error(`login: ${login.status()} ${await login.text()}`);
  await context.addInitScript(OBSERVE_FIRST_ROW);
  const page = await context.newPage();
  const conditions = NETWORKS[network];
  if (conditions) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", conditions);
  }
  return { context, page };
}

async function firstRowsMs(page: Page, load: () => Promise<unknown>): Promise<number> {
  await load();
  try {
    await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined, undefined, { timeout: 60_000 });
  } catch (e) {
    await page.screenshot({ path: "/tmp/web-first-rows-timeout.png" });
    throw new Error(`no order row within 60 s at ${page.url()} (screenshot /tmp/web-first-rows-timeout.png): ${(e as Error).message}`);
  }
  return page.evaluate(() => (window as unknown as { __firstRowAt: number }).__firstRowAt);
}

type Row = { cold_first_rows_ms: number; warm_first_rows_ms: number; list_request_ms: number; document_ms: number };
async function measure(network: keyof typeof NETWORKS): Promise<Row> {
  const cold: number[] = [];
  const warm: number[] = [];
  const list: number[] = [];
  const doc: number[] = [];
  for (let run = -1; run < RUNS; run++) {
    const { context, page } = await signedInContext(network);
    const c = await firstRowsMs(page, () => page.goto("/orders", { waitUntil: "commit" }));
    const w = await firstRowsMs(page, () => page.reload({ waitUntil: "commit" }));
    // The floors, from the same page: the desk's own list request, and the bare document.
    const query = new URL(page.url()).search || "";
    const l = await page.evaluate(async (q) => {
      const t0 = performance.now();
      const res = await fetch(`/api/v1/orders${q}`, { credentials: "same-origin" });
      await res.json();
      return performance.now() - t0;
    }, query);
    await page.goto("/orders", { waitUntil: "domcontentloaded" });
    const d = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventStart);
    await context.close();
    if (run < 0) continue; // the first run warms the server and the database
    cold.push(c);
    warm.push(w);
    list.push(l);
    doc.push(d);
  }
  const med = (t: number[]) => percentile(t, 50);
  log(`${network}: cold ${cold.map(Math.round).join(" ")} ms; warm ${warm.map(Math.round).join(" ")} ms; list request ${list.map(Math.round).join(" ")} ms; document ${doc.map(Math.round).join(" ")} ms`);
  return { cold_first_rows_ms: med(cold), warm_first_rows_ms: med(warm), list_request_ms: med(list), document_ms: med(doc) };
}

const result: Record<string, Row> = {};
const only = process.argv.includes("--network") ? [arg("network", "local") as keyof typeof NETWORKS] : (Object.keys(NETWORKS) as (keyof typeof NETWORKS)[]);
for (const network of only) result[network] = await measure(network);
await browser.close();
server.close();
await handle.close();
console.log(JSON.stringify({ orders: ORDERS, runs: RUNS, median: result }));
