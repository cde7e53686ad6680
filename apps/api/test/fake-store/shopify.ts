// A fake Shopify shop for tests: one shop per server on 127.0.0.1, speaking the Admin GraphQL
// API at POST /admin/api/2026-10/graphql.json with X-Shopify-Access-Token (401 otherwise; other
// versions 404), and sending Shopify's webhooks. Tests drive it in process through the returned
// object (typed state, faults, request log) or over HTTP through /_control (see cli.mts).
import crypto from "node:crypto";
import type http from "node:http";
import { FaultQueue, RequestLog, type Fault } from "./faults.ts";
import { headerMap, sendJson, startHttpServer, type RunningServer } from "./http-kit.ts";
import { CostBucket, MAX_SINGLE_QUERY_COST } from "./shopify-cost.ts";
import { ShopifyGraphqlExecutor, throttledBody, type GraphqlRequest } from "./shopify-graphql.ts";
import { handleShopifyControl } from "./shopify-control.ts";
import { restOrder, restShop } from "./shopify-rest.ts";
import type { NewOrder, ShopOrder } from "./shopify-model.ts";
import { ShopifyStore } from "./shopify-state.ts";
import { ShopifyWebhookSender, type PreparedShopifyWebhook, type ShopifySendOptions, type ShopifyTopic } from "./shopify-webhooks.ts";
import { gid } from "./shopify-gid.ts";
import type { WebhookDelivery } from "./webhooks.ts";

export const SHOPIFY_FAKE_API_VERSION = "2026-10";
export const INVALID_TOKEN_BODY = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

export interface FakeShopifyOptions {
  port?: number;
  accessToken?: string;
  /** X-Shopify-Shop-Domain (default fake-shop.myshopify.com); a function gets the fake's URL (e.g. `(url) => new URL(url).host`). */
  shopDomain?: string | ((url: string) => string);
  shopName?: string;
  currency?: string;
  /** The shop's IANA zone name and its fixed UTC offset in minutes (REST times carry it). */
  timezone?: string;
  offsetMinutes?: number;
  /** Location names (default one: "Main warehouse"). */
  locations?: string[];
  webhook?: {
    url?: string;
    /** The app's client secret that signs webhooks (default: random). */
    secret?: string;
    /** Also send orders/updated when the app's own mutations change an order (as Shopify does). */
    onApiChanges?: boolean;
  };
  /** The single query cost limit (Shopify: 1,000). */
  maxQueryCost?: number;
  /** The app's cost bucket; false: never throttle by cost. */
  rateLimit?: { maximumAvailable: number; restoreRate: number } | false;
}

export interface FakeShopify {
  /** Base URL to use as the store URL, e.g. http://127.0.0.1:41234 */
  url: string;
  graphqlUrl: string;
  accessToken: string;
  apiVersion: string;
  shopDomain: string;
  webhookSecret: string;
  store: ShopifyStore;
  requests: RequestLog;
  faults: FaultQueue;
  bucket: CostBucket;
  webhooks: ShopifyWebhookSender;
  /** Places an order (and sends orders/create when asked). */
  createOrder(input: NewOrder, options?: { webhook?: boolean | ShopifySendOptions }): Promise<{ order: ShopOrder; gid: string; deliveries: WebhookDelivery[] }>;
  updateOrder(orderId: number, patch: Parameters<ShopifyStore["updateOrder"]>[1], options?: { webhook?: boolean | ShopifySendOptions }): Promise<{ order: ShopOrder; deliveries: WebhookDelivery[] }>;
  cancelOrder(orderId: number, options?: { reason?: Parameters<ShopifyStore["cancelOrder"]>[1]; webhook?: boolean | ShopifySendOptions }): Promise<{ order: ShopOrder; deliveries: WebhookDelivery[] }>;
  /** The REST Order resource a webhook would carry now. */
  orderPayload(orderId: number): ReturnType<typeof restOrder>;
  /** Freezes an event now (payload and event id) to send later — e.g. two orders/updated sent newest first. */
  buildWebhook(topic: ShopifyTopic, orderIdOrPayload: number | Record<string, unknown>): PreparedShopifyWebhook;
  /** Sends an event (built now from an order id or payload, or prepared earlier). */
  sendWebhook(topic: ShopifyTopic, orderOrPrepared: number | Record<string, unknown> | PreparedShopifyWebhook, options?: ShopifySendOptions): Promise<WebhookDelivery[]>;
  sendAppUninstalled(options?: ShopifySendOptions): Promise<WebhookDelivery[]>;
  /** POSTs a GraphQL document to the fake itself with the right token (for tests of the fake). */
  graphql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  /** Waits for webhooks the fake is still sending. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const isPrepared = (v: unknown): v is PreparedShopifyWebhook => !!v && typeof v === "object" && "body" in v && "eventId" in v && "topic" in v;

export async function startFakeShopify(options: FakeShopifyOptions = {}): Promise<FakeShopify> {
  const store = new ShopifyStore();
  for (const name of options.locations ?? ["Main warehouse"]) store.createLocation({ name });
  const shop = {
    name: options.shopName ?? "Fake Shop",
    domain: typeof options.shopDomain === "string" ? options.shopDomain : "fake-shop.myshopify.com",
    email: "owner@fake-shop.example",
    currency: options.currency ?? "USD",
    timezone: options.timezone ?? "America/New_York",
    offsetMinutes: options.offsetMinutes ?? -300,
  };
  const createdAt = store.clock.now();
  const accessToken = options.accessToken ?? `shpat_fake_${crypto.randomBytes(12).toString("hex")}`;
  const bucket = options.rateLimit === false ? new CostBucket(2_000, 100, false) : new CostBucket(options.rateLimit?.maximumAvailable, options.rateLimit?.restoreRate);
  const executor = new ShopifyGraphqlExecutor(store, shop, { maxQueryCost: options.maxQueryCost ?? MAX_SINGLE_QUERY_COST, bucket });
  const webhooks = new ShopifyWebhookSender({ url: options.webhook?.url ?? null, secret: options.webhook?.secret ?? crypto.randomBytes(16).toString("hex"), apiVersion: SHOPIFY_FAKE_API_VERSION, shopDomain: shop.domain });
  const requests = new RequestLog();
  const faults = new FaultQueue();
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  const orderPayload = (orderId: number) => restOrder(store, shop, store.mustOrder(orderId));
  const buildWebhook = (topic: ShopifyTopic, what: number | Record<string, unknown>) => webhooks.prepare(topic, typeof what === "number" ? orderPayload(what) : what);
  const sendWebhook = (topic: ShopifyTopic, what: number | Record<string, unknown> | PreparedShopifyWebhook, opts: ShopifySendOptions = {}) =>
    track(webhooks.send(isPrepared(what) ? what : buildWebhook(topic, what), opts));
  const maybeSend = async (topic: ShopifyTopic, orderId: number, webhook: boolean | ShopifySendOptions | undefined) =>
    webhook ? sendWebhook(topic, orderId, webhook === true ? {} : webhook) : [];

  let server: RunningServer;
  const handler = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? "/", server.url);
    if (url.pathname.startsWith("/_control/")) return handleShopifyControl(fake, req, res, body, url);
    await handleAdminApi(req, res, body, url);
  };

  async function handleAdminApi(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer, url: URL) {
    const requestId = crypto.randomUUID();
    const base = { "X-Request-Id": requestId };
    const query = Object.fromEntries(url.searchParams);
    const log = (status: number | null, extra: { operationName?: string | null; variables?: unknown; body?: unknown; fault?: Fault["kind"] | null } = {}) =>
      requests.add({ method: req.method ?? "GET", path: url.pathname, query, operationName: extra.operationName ?? null, variables: extra.variables, body: extra.body ?? raw.toString("utf8"), status, fault: extra.fault ?? null });
    const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
    if (!m || m[1] !== SHOPIFY_FAKE_API_VERSION || req.method !== "POST") {
      log(404);
      return sendJson(res, 404, { errors: "Not Found" }, base);
    }
    if (headerMap(req)["x-shopify-access-token"] !== accessToken) {
      log(401);
      return sendJson(res, 401, INVALID_TOKEN_BODY, base);
    }
    const request = parseGraphqlBody(req, raw);
    if (!request) {
      log(400);
      return sendJson(res, 400, { errors: { query: "Required parameter missing or invalid" } }, base);
    }
    const prepared = executor.prepare(request);
    const facts = { operationName: prepared.name, variables: request.variables, body: request.query };
    const fault = faults.take({ method: "POST", path: url.pathname, operationName: prepared.name, isWrite: prepared.isMutation });
    const headers = { ...base, "X-Shopify-API-Version": SHOPIFY_FAKE_API_VERSION };
    if (fault?.kind === "status") {
      log(fault.status, { ...facts, fault: fault.kind });
      return sendJson(res, fault.status, fault.body ?? errorBody(fault.status, requestId), { ...headers, ...fault.headers });
    }
    if (fault?.kind === "throttle") {
      log(200, { ...facts, fault: fault.kind });
      const status = bucket.status();
      return sendJson(res, 200, throttledBody(50, { ...status, currentlyAvailable: Math.min(status.currentlyAvailable, 10) }), headers);
    }
    if (fault?.kind === "throttle-429") {
      log(429, { ...facts, fault: fault.kind });
      return sendJson(res, 429, { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, { ...headers, "Retry-After": (fault.retryAfterSeconds ?? 2).toFixed(1) });
    }
    if (fault?.kind === "hang" && !fault.apply) {
      log(null, { ...facts, fault: fault.kind });
      return;
    }
    const answer = executor.run(prepared);
    if (options.webhook?.onApiChanges && webhooks.config.url) for (const id of answer.changedOrderIds) void sendWebhook("orders/updated", id);
    if (fault?.kind === "hang") return void log(null, { ...facts, fault: fault.kind });
    if (fault?.kind === "apply-then-drop") {
      log(null, { ...facts, fault: fault.kind });
      return void res.destroy();
    }
    if (fault?.kind === "apply-then-fail") {
      const status = fault.status ?? 500;
      log(status, { ...facts, fault: fault.kind });
      return sendJson(res, status, errorBody(status, requestId), headers);
    }
    if (fault?.kind === "delay") {
      log(200, { ...facts, fault: fault.kind });
      setTimeout(() => sendJson(res, 200, answer.body, headers), fault.ms);
      return;
    }
    log(200, facts);
    sendJson(res, 200, answer.body, headers);
  }

  server = await startHttpServer(handler, options.port ?? 0);
  if (typeof options.shopDomain === "function") shop.domain = webhooks.config.shopDomain = options.shopDomain(server.url);
  const fake: FakeShopify = {
    url: server.url,
    graphqlUrl: `${server.url}/admin/api/${SHOPIFY_FAKE_API_VERSION}/graphql.json`,
    accessToken,
    apiVersion: SHOPIFY_FAKE_API_VERSION,
    shopDomain: shop.domain,
    webhookSecret: webhooks.config.secret,
    store,
    requests,
    faults,
    bucket,
    webhooks,
    async createOrder(input, opts = {}) {
      const order = store.createOrder(input);
      return { order, gid: gid("Order", order.id), deliveries: await maybeSend("orders/create", order.id, opts.webhook) };
    },
    async updateOrder(orderId, patch, opts = {}) {
      const order = store.updateOrder(orderId, patch);
      return { order, deliveries: await maybeSend("orders/updated", orderId, opts.webhook) };
    },
    async cancelOrder(orderId, opts = {}) {
      const order = store.cancelOrder(orderId, opts.reason);
      return { order, deliveries: await maybeSend("orders/cancelled", orderId, opts.webhook) };
    },
    orderPayload,
    buildWebhook,
    sendWebhook,
    sendAppUninstalled: (opts = {}) => sendWebhook("app/uninstalled", restShop(shop, createdAt), opts),
    async graphql(query, variables = {}, headers = {}) {
      const res = await fetch(fake.graphqlUrl, { method: "POST", headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": accessToken, ...headers }, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async close() {
      await fake.idle();
      await server.close();
    },
  };
  return fake;
}

function parseGraphqlBody(req: http.IncomingMessage, raw: Buffer): GraphqlRequest | null {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  const text = raw.toString("utf8");
  if (type.startsWith("application/graphql")) return text.trim() ? { query: text, variables: {}, operationName: null } : null;
  try {
    const body = JSON.parse(text) as { query?: unknown; variables?: unknown; operationName?: unknown };
    if (typeof body.query !== "string" || !body.query.trim()) return null;
    const variables = typeof body.variables === "string" ? JSON.parse(body.variables || "{}") : (body.variables ?? {});
    return { query: body.query, variables: variables as Record<string, unknown>, operationName: typeof body.operationName === "string" ? body.operationName : null };
  } catch {
    return null;
  }
}

/** What Shopify answers when it fails: a GraphQL INTERNAL_SERVER_ERROR for 5xx, its status text otherwise. */
function errorBody(status: number, requestId: string) {
  if (status >= 500) {
    return { errors: [{ message: `Internal error. Looks like something went wrong on our end.\nRequest ID: ${requestId} (include this in support requests).`, extensions: { code: "INTERNAL_SERVER_ERROR", requestId } }] };
  }
  return { errors: status === 404 ? "Not Found" : status === 403 ? "Forbidden" : status === 402 ? "Unavailable Shop" : `HTTP ${status}` };
}
