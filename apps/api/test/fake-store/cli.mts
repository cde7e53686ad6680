// Starts one fake store as its own process for browser tests and benchmarks:
//   node --import tsx apps/api/test/fake-store/cli.mts shopify [--port 0] [--token T] [--webhook-url U] [--webhook-secret S] [--shop-domain D] [--seed]
//   node --import tsx apps/api/test/fake-store/cli.mts woocommerce [--port 0] [--key K] [--secret S] [--seed]
// Prints one JSON line with the URL and credentials, then serves until SIGINT/SIGTERM. Drive it
// over HTTP under <url>/_control/ (state, products, orders, webhooks, faults, requests, clock).
import { startFakeShopify } from "./shopify.ts";
import { startFakeWooCommerce } from "./woocommerce.ts";

function flags(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      out[arg.slice(2)] = next;
      i++;
    } else out[arg.slice(2)] = true;
  }
  return out;
}

const str = (v: string | true | undefined) => (typeof v === "string" ? v : undefined);

async function main() {
  const [kind, ...rest] = process.argv.slice(2);
  const f = flags(rest);
  const port = Number(str(f.port) ?? 0);
  let close: () => Promise<void>;
  if (kind === "shopify") {
    const fake = await startFakeShopify({
      port,
      accessToken: str(f.token),
      shopDomain: str(f["shop-domain"]),
      webhook: { url: str(f["webhook-url"]), secret: str(f["webhook-secret"]), onApiChanges: f["webhooks-on-api-changes"] === true },
      maxQueryCost: f["max-query-cost"] ? Number(f["max-query-cost"]) : undefined,
      rateLimit: f["no-rate-limit"] ? false : undefined,
    });
    if (f.seed) fake.store.createProduct({ title: "Demo widget", variants: [{ sku: "DEMO-1", price: "12.50", available: 10 }, { sku: "DEMO-2", price: "4.00", available: 0 }] });
    close = fake.close;
    console.log(JSON.stringify({ kind, url: fake.url, graphqlUrl: fake.graphqlUrl, accessToken: fake.accessToken, apiVersion: fake.apiVersion, shopDomain: fake.shopDomain, webhookSecret: fake.webhookSecret, controlUrl: `${fake.url}/_control` }));
  } else if (kind === "woocommerce") {
    const fake = await startFakeWooCommerce({ port, consumerKey: str(f.key), consumerSecret: str(f.secret) });
    if (f.seed) {
      fake.store.createProduct({ name: "Demo widget", sku: "DEMO-1", price: "12.50", stockQuantity: 10 });
      fake.store.createProduct({ name: "Demo gadget", sku: "DEMO-2", price: "4.00", stockQuantity: 0 });
    }
    close = fake.close;
    console.log(JSON.stringify({ kind, url: fake.url, apiUrl: fake.apiUrl, consumerKey: fake.consumerKey, consumerSecret: fake.consumerSecret, accessToken: fake.accessToken, controlUrl: `${fake.url}/_control` }));
  } else {
    console.error("usage: cli.mts shopify|woocommerce [--port N] [--seed] …");
    process.exit(2);
  }
  const stop = () => void close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
