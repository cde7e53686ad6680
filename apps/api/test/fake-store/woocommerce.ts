// A fake WooCommerce site for tests: the REST API v3 under /wp-json/wc/v3 on 127.0.0.1 with
// consumer key/secret authentication as WC_REST_Authentication does it over HTTPS (HTTP Basic,
// or consumer_key/consumer_secret in the query string), WordPress's error bodies, and
// WC_Webhook deliveries for registered webhooks. Tests drive it in process through the returned
// object or over HTTP through /_control (see cli.mts).
import crypto from "node:crypto";
import type http from "node:http";
import { FaultQueue, RequestLog, type Fault } from "./faults.ts";
import { headerMap, sendRaw, startHttpServer, type RunningServer } from "./http-kit.ts";
import { orderJson, productJson, type WooSite } from "./woocommerce-json.ts";
import { orderRoutes, type Permission, type WooHooks, type WooRoute } from "./woocommerce-routes.ts";
import { productRoutes } from "./woocommerce-products.ts";
import { wpError, type WpError } from "./woocommerce-params.ts";
import { handleWooControl } from "./woocommerce-control.ts";
import { WooStore, type NewWooOrder, type WooOrder, type WooOrderStatus } from "./woocommerce-state.ts";
import { WooWebhookSender, type WooSendOptions, type WooWebhook } from "./woocommerce-webhooks.ts";
import { phpJsonEncode, type WebhookDelivery } from "./webhooks.ts";

export interface FakeWooOptions {
  port?: number;
  consumerKey?: string;
  consumerSecret?: string;
  /** The key's permissions (WooCommerce: read, write or read_write). */
  keyPermissions?: "read" | "write" | "read_write";
  /** The site's fixed UTC offset in minutes (local dates use it; default +120). */
  offsetMinutes?: number;
  /** Deliver webhooks for changes made through the REST API (WooCommerce does; default true). */
  webhooksOnApiChanges?: boolean;
  /**
   * Behave as a site served over plain HTTP: WooCommerce then ignores Basic and query-string
   * credentials (it accepts them only when is_ssl()) and expects OAuth 1.0a, which the fake does
   * not implement — so every request is anonymous. Default false: the fake acts as if behind HTTPS.
   */
  plainHttp?: boolean;
}

export interface FakeWooCommerce {
  /** The site URL (the store URL for the product), e.g. http://127.0.0.1:41235 */
  url: string;
  apiUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /** "consumer_key:consumer_secret", the product's credential format. */
  accessToken: string;
  store: WooStore;
  requests: RequestLog;
  faults: FaultQueue;
  webhooks: WooWebhookSender;
  /** Adds a webhook as an admin would (an active one is pinged: unsigned `webhook_id=<id>`). */
  createWebhook(input: { topic: string; deliveryUrl: string; secret?: string; name?: string; ping?: boolean }): Promise<{ webhook: WooWebhook; ping: WebhookDelivery | null }>;
  /** A customer checks out; active order.created webhooks are delivered unless webhook: false. */
  createOrder(input: NewWooOrder, options?: { webhook?: boolean | WooSendOptions }): Promise<{ order: WooOrder; deliveries: WebhookDelivery[] }>;
  /** A merchant edit (status, addresses, customer note); order.updated is delivered unless webhook: false. */
  updateOrder(orderId: number, patch: { status?: WooOrderStatus; billing?: Record<string, string>; shipping?: Record<string, string>; customerNote?: string }, options?: { webhook?: boolean | WooSendOptions }): Promise<{ order: WooOrder; deliveries: WebhookDelivery[] }>;
  cancelOrder(orderId: number, options?: { webhook?: boolean | WooSendOptions }): Promise<{ order: WooOrder; deliveries: WebhookDelivery[] }>;
  /** The v3 order resource as GET /orders/:id (and webhooks) carry it now. */
  orderPayload(orderId: number): ReturnType<typeof orderJson>;
  /** Delivers a payload (default: the order's current JSON) to one webhook, with copies, delay or another secret. */
  sendWebhook(webhookId: number, orderIdOrPayload: number | Record<string, unknown>, options?: WooSendOptions): Promise<WebhookDelivery[]>;
  /** Calls the fake's REST API (auth: the configured key unless given; false: none). */
  request(method: string, path: string, body?: unknown, options?: { auth?: { key: string; secret: string } | false; query?: boolean }): Promise<{ status: number; body: any; headers: Headers }>;
  idle(): Promise<void>;
  close(): Promise<void>;
}

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const PERMISSION_ERRORS: Record<Permission, [string, string]> = {
  list: ["woocommerce_rest_cannot_view", "Sorry, you cannot list resources."],
  view: ["woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."],
  create: ["woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."],
  edit: ["woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."],
  batch: ["woocommerce_rest_cannot_batch", "Sorry, you are not allowed to batch manipulate this resource."],
  delete: ["woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource."],
};

const CRITICAL_ERROR = {
  code: "internal_server_error",
  message: '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
  additional_errors: [],
};

export async function startFakeWooCommerce(options: FakeWooOptions = {}): Promise<FakeWooCommerce> {
  const store = new WooStore();
  const consumerKey = options.consumerKey ?? `ck_${crypto.randomBytes(20).toString("hex")}`;
  const consumerSecret = options.consumerSecret ?? `cs_${crypto.randomBytes(20).toString("hex")}`;
  const permissions = options.keyPermissions ?? "read_write";
  const requests = new RequestLog();
  const faults = new FaultQueue();
  let server: RunningServer;
  const site: WooSite = { url: "", offsetMinutes: options.offsetMinutes ?? 120 };
  const webhooks = new WooWebhookSender(() => site.url);
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  /** Changes made while answering one request, delivered once each after it (WC_Webhook::is_already_processed). */
  let pending: Map<string, () => Promise<unknown>> | null = null;
  const schedule = (key: string, send: () => Promise<unknown>) => (pending ? pending.set(key, send) : void track(send()));
  const hooks: WooHooks = {
    orderChanged: (orderId, event) => options.webhooksOnApiChanges !== false && schedule(`order.${event}.${orderId}`, () => webhooks.trigger("order", event, () => orderJson(store, site, store.mustOrder(orderId)))),
    productChanged: (productId) => options.webhooksOnApiChanges !== false && schedule(`product.updated.${productId}`, () => webhooks.trigger("product", "updated", () => productPayload(productId))),
  };
  const productPayload = (productId: number) => (store.products.has(productId) ? productJson(store, site, store.products.get(productId)!) : { id: productId });
  const routes: WooRoute[] = [...orderRoutes(store, site, hooks), ...productRoutes(store, site, hooks)];

  const respond = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    sendRaw(res, status, phpJsonEncode(body), {
      "Content-Type": "application/json; charset=UTF-8",
      "X-Robots-Tag": "noindex",
      Link: [`<${site.url}/wp-json/>; rel="https://api.w.org/"`, ...(headers.Link ? [headers.Link] : [])].join(", "),
      "X-Content-Type-Options": "nosniff",
      "Access-Control-Expose-Headers": "X-WP-Total, X-WP-TotalPages, Link",
      "Access-Control-Allow-Headers": "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type",
      ...Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "Link")),
    });

  /** WC_REST_Authentication: the user for the request's key, an authentication error, or neither (anonymous). */
  function authenticate(req: http.IncomingMessage, url: URL): { user: boolean; error: WpError | null; basic: boolean } {
    if (options.plainHttp) return { user: false, error: null, basic: false };
    let key = url.searchParams.get("consumer_key") ?? "";
    let secret = url.searchParams.get("consumer_secret") ?? "";
    if (!key || !secret) {
      key = "";
      secret = "";
      const m = /^Basic\s+(.+)$/i.exec(headerMap(req).authorization ?? "");
      if (m) {
        const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
        const i = decoded.indexOf(":");
        if (i > 0) [key, secret] = [decoded.slice(0, i), decoded.slice(i + 1)];
      }
    }
    if (!key || !secret || key !== consumerKey) return { user: false, error: null, basic: true };
    if (secret !== consumerSecret) return { user: false, error: wpError("woocommerce_rest_authentication_error", "Consumer secret is invalid.", 401), basic: true };
    return { user: true, error: null, basic: true };
  }

  function keyAllows(method: string): WpError | null {
    if (method === "GET" || method === "HEAD") return permissions === "write" ? wpError("woocommerce_rest_authentication_error", "The API key provided does not have read permissions.", 401) : null;
    return permissions === "read" ? wpError("woocommerce_rest_authentication_error", "The API key provided does not have write permissions.", 401) : null;
  }

  async function handleRest(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer, url: URL) {
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/wp-json\/wc\/v3/, "").replace(/\/$/, "") || "/";
    const query = Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k).length > 1 ? url.searchParams.getAll(k) : url.searchParams.get(k)!]));
    const parsed = parseBody(req, raw);
    const log = (status: number | null, fault: Fault["kind"] | null = null) => requests.add({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: parsed.ok ? parsed.body : raw.toString("utf8"), status, fault });
    const fault = faults.take({ method, path: url.pathname, isWrite: WRITE.has(method) });
    if (fault?.kind === "status") {
      log(fault.status, fault.kind);
      return respond(res, fault.status, fault.body ?? (fault.status >= 500 ? CRITICAL_ERROR : { code: "rest_error", message: `HTTP ${fault.status}`, data: { status: fault.status } }), fault.headers);
    }
    if (fault?.kind === "throttle" || fault?.kind === "throttle-429") {
      log(429, fault.kind);
      return respond(res, 429, { code: "rest_too_many_requests", message: "Too many requests.", data: { status: 429 } }, { "Retry-After": String(fault.retryAfterSeconds ?? 2) });
    }
    if (fault?.kind === "hang" && !fault.apply) return void log(null, fault.kind);

    pending = new Map();
    const answer = dispatch(req, url, method, path, query, parsed);
    const toSend = [...pending.values()];
    pending = null;
    for (const send of toSend) void track(send());

    if (fault?.kind === "hang") return void log(null, fault.kind);
    if (fault?.kind === "apply-then-drop") {
      log(null, fault.kind);
      return void res.destroy();
    }
    if (fault?.kind === "apply-then-fail") {
      log(fault.status ?? 500, fault.kind);
      return respond(res, fault.status ?? 500, CRITICAL_ERROR);
    }
    log(answer.status, fault?.kind ?? null);
    if (fault?.kind === "delay") return void setTimeout(() => respond(res, answer.status, answer.body, answer.headers), fault.ms);
    respond(res, answer.status, answer.body, answer.headers);
  }

  function dispatch(req: http.IncomingMessage, url: URL, method: string, path: string, query: Record<string, unknown>, parsed: ReturnType<typeof parseBody>) {
    const auth = authenticate(req, url);
    const wwwAuth = { "WWW-Authenticate": 'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer secret in the password field."' };
    const error = (e: WpError, headers: Record<string, string> = {}) => ({ status: e.status, body: e.body as unknown, headers });
    if (auth.error) return error(auth.error, wwwAuth);
    if (auth.user) {
      const denied = keyAllows(method);
      if (denied) return error(denied);
    }
    const route = routes.find((r) => r.pattern.test(path) && r.methods.includes(method));
    if (!route) return error(wpError("rest_no_route", "No route was found matching the URL and request method.", 404));
    if (!parsed.ok) return error(wpError("rest_invalid_json", "Invalid JSON body passed.", 400, { json_error_code: 4, json_error_message: "Syntax error" }));
    if (!auth.user) {
      const [code, message] = PERMISSION_ERRORS[route.permission(method)];
      return error(wpError(code, message, 401));
    }
    const out = route.run(route.pattern.exec(path)!, { method, query, body: parsed.body });
    return { status: out.status, body: out.body as unknown, headers: "headers" in out ? (out.headers ?? {}) : {} };
  }

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? "/", server.url);
    if (url.pathname.startsWith("/_control/")) return handleWooControl(fake, req, res, body, url);
    if (url.pathname === "/wp-json/wc/v3" || url.pathname.startsWith("/wp-json/wc/v3/")) return handleRest(req, res, body, url);
    if (url.pathname.startsWith("/wp-json/")) return respond(res, 404, { code: "rest_no_route", message: "No route was found matching the URL and request method.", data: { status: 404 } });
    sendRaw(res, 404, "<!doctype html><title>Page not found</title>", { "Content-Type": "text/html; charset=UTF-8" });
  };

  server = await startHttpServer(handler, options.port ?? 0);
  site.url = server.url;
  const deliverOrder = async (orderId: number, event: "created" | "updated", webhook: boolean | WooSendOptions | undefined) =>
    webhook === false ? [] : track(webhooks.trigger("order", event, () => orderJson(store, site, store.mustOrder(orderId)), webhook === true || webhook === undefined ? {} : webhook));

  const fake: FakeWooCommerce = {
    url: server.url,
    apiUrl: `${server.url}/wp-json/wc/v3`,
    consumerKey,
    consumerSecret,
    accessToken: `${consumerKey}:${consumerSecret}`,
    store,
    requests,
    faults,
    webhooks,
    createWebhook: (input) => track(webhooks.create(input)),
    async createOrder(input, opts = {}) {
      const order = store.createOrder(input);
      return { order, deliveries: await deliverOrder(order.id, "created", opts.webhook) };
    },
    async updateOrder(orderId, patch, opts = {}) {
      const order = store.mustOrder(orderId);
      if (patch.billing) order.billing = { ...order.billing, ...patch.billing };
      if (patch.shipping) order.shipping = { ...order.shipping, ...patch.shipping };
      if (patch.customerNote !== undefined) order.customerNote = patch.customerNote;
      store.touch(order);
      if (patch.status) store.setStatus(order, patch.status);
      return { order, deliveries: await deliverOrder(orderId, "updated", opts.webhook) };
    },
    async cancelOrder(orderId, opts = {}) {
      const order = store.mustOrder(orderId);
      store.setStatus(order, "cancelled");
      return { order, deliveries: await deliverOrder(orderId, "updated", opts.webhook) };
    },
    orderPayload: (orderId) => orderJson(store, site, store.mustOrder(orderId)),
    sendWebhook(webhookId, what, opts = {}) {
      const webhook = webhooks.webhooks.get(webhookId);
      if (!webhook) throw new Error(`no webhook ${webhookId}`);
      return track(webhooks.deliver(webhook, typeof what === "number" ? orderJson(store, site, store.mustOrder(what)) : what, opts));
    },
    async request(method, path, body, opts = {}) {
      const target = new URL(`${fake.apiUrl}${path}`);
      const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": "application/json" };
      const auth = opts.auth === undefined ? { key: consumerKey, secret: consumerSecret } : opts.auth;
      if (auth && opts.query) {
        target.searchParams.set("consumer_key", auth.key);
        target.searchParams.set("consumer_secret", auth.secret);
      } else if (auth) headers.Authorization = `Basic ${Buffer.from(`${auth.key}:${auth.secret}`).toString("base64")}`;
      const res = await fetch(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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

function parseBody(req: http.IncomingMessage, raw: Buffer): { ok: true; body: Record<string, any> } | { ok: false } {
  const text = raw.toString("utf8");
  if (!text.trim()) return { ok: true, body: {} };
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (type.includes("application/x-www-form-urlencoded")) return { ok: true, body: Object.fromEntries(new URLSearchParams(text)) };
  try {
    const parsed = JSON.parse(text);
    return { ok: true, body: parsed && typeof parsed === "object" ? parsed : {} };
  } catch {
    return { ok: false };
  }
}
