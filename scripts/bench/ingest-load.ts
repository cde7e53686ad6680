/**
 * The load side of `npm run bench:ingest`, in its own process: Shopify `orders/create`
 * webhooks, signed like Shopify signs them (base64 HMAC-SHA256 of the raw body), posted at a
 * steady rate for a while; prints one JSON line with the acknowledgement figures. The first
 * `warmupSeconds` send at the same rate but are reported apart (a cold server opens its database
 * connections and compiles its code then: seconds of latency no running server has).
 *
 *   node --import tsx scripts/bench/ingest-load.ts <config.json>
 *
 * config: { url, secret, shopDomain, skus: string[], rate, seconds, warmupSeconds, firstOrderId }
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";

interface Config {
  url: string;
  secret: string;
  shopDomain: string;
  skus: string[];
  rate: number;
  seconds: number;
  warmupSeconds: number;
  firstOrderId: number;
}

const config: Config = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8"));
// Plain node:http with kept-alive connections: lighter than fetch, so the sender is not what limits the rate.
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const target = new URL(config.url);

function post(headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

let nextId = config.firstOrderId;
function payload() {
  const id = nextId++;
  const now = new Date().toISOString();
  const lines = 1 + (id % 3);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    order_number: id,
    email: `buyer${id}@example.test`,
    created_at: now,
    updated_at: now,
    cancelled_at: null,
    financial_status: "paid",
    currency: "USD",
    customer: { id: 50_000 + id, first_name: "Bench", last_name: `Buyer ${id}`, email: `buyer${id}@example.test` },
    shipping_address: { name: `Bench Buyer ${id}`, address1: "1 Load Street", city: "Springfield", zip: "12345", country: "United States" },
    total_shipping_price_set: { shop_money: { amount: "4.90", currency_code: "USD" } },
    total_tax: "1.20",
    line_items: Array.from({ length: lines }, (_, i) => {
      const sku = config.skus[(id * 7 + i * 13) % config.skus.length]!;
      return { id: id * 10 + i, admin_graphql_api_id: `gid://shopify/LineItem/${id * 10 + i}`, sku, title: `Item ${sku}`, quantity: 1 + ((id + i) % 2), current_quantity: 1 + ((id + i) % 2), price: "12.50", variant_id: 100_000 + i };
    }),
  };
}

const acks: number[] = [];
const warmupAcks: number[] = [];
/** Acknowledgement times by the second they were sent in: where the slow ones cluster. */
const bySecond = new Map<number, number[]>();
let startedAt = 0;
const statuses: Record<string, number> = {};
let inFlight = 0;

async function send() {
  const body = JSON.stringify(payload());
  const headers = {
    "content-type": "application/json",
    "x-shopify-topic": "orders/create",
    "x-shopify-hmac-sha256": crypto.createHmac("sha256", config.secret).update(body).digest("base64"),
    "x-shopify-shop-domain": config.shopDomain,
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": crypto.randomUUID(),
    "x-shopify-event-id": crypto.randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
  };
  const t0 = performance.now();
  const second = Math.floor((t0 - startedAt) / 1000);
  inFlight++;
  try {
    const status = await post(headers, body);
    statuses[status] = (statuses[status] ?? 0) + 1;
  } catch (error) {
    statuses.error = (statuses.error ?? 0) + 1;
  } finally {
    inFlight--;
    const ms = performance.now() - t0;
    if (second < config.warmupSeconds) warmupAcks.push(ms);
    else {
      acks.push(ms);
      (bySecond.get(second) ?? bySecond.set(second, []).get(second)!).push(ms);
    }
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! * 100) / 100;
};

async function main() {
  // Open loop: every 10 ms, send what the rate asks for since the start (late sends catch up).
  const started = performance.now();
  startedAt = started;
  let sent = 0;
  const pending: Promise<void>[] = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      if (elapsed >= config.warmupSeconds + config.seconds) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(elapsed * config.rate);
      while (sent < due) {
        sent++;
        pending.push(send());
      }
    }, 10);
  });
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  const ackSeconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      sent: sent - warmupAcks.length,
      warmupSent: warmupAcks.length,
      warmupP95Ms: pct(warmupAcks, 95),
      sendSeconds: Math.round(sendSeconds * 10) / 10,
      ackSeconds: Math.round(ackSeconds * 10) / 10,
      acksPerSecond: Math.round(acks.length / (ackSeconds - config.warmupSeconds)),
      ackP50Ms: pct(acks, 50),
      ackP95Ms: pct(acks, 95),
      ackP99Ms: pct(acks, 99),
      statuses,
      maxInFlightAtEnd: inFlight,
      slowestSeconds: [...bySecond]
        .map(([second, ms]) => ({ second, p95Ms: pct(ms, 95), maxMs: pct(ms, 100) }))
        .sort((a, b) => b.p95Ms - a.p95Ms)
        .slice(0, 6),
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
