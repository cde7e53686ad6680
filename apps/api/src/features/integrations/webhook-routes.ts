// Webhooks from stores: POST /api/v1/webhooks/shopify/:channelId and /woocommerce/:channelId.
// No session: the signature is the authentication. Before anything is parsed, the raw body's
// HMAC-SHA256 (base64) is compared in constant time with each webhook secret the channel
// accepts now (the current one and rotated ones inside their overlap window). An unknown,
// disabled or wrongly signed request is 401 in the one error shape and stores nothing. A
// verified one is stored in the inbox with its drain job in one transaction (inbox.ts), and
// answered 200 at once; duplicates (same event id, or for WooCommerce the same content) are
// answered 200 too and change nothing.
//
// Two round trips at most: what verifying a channel needs (app_webhook_channel) is kept for a
// few seconds per process (WEBHOOK_CHANNEL_CACHE_MS, default 5 s: a rotated, revoked or switched-off secret takes
// that long to stop working), and the store is one statement.
import crypto from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import { withPoolClient } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { registry } from "../../http/endpoint.ts";
import { storableText } from "../../http/input.ts";
import { openSecret } from "../../security/secret-box.ts";
import { storeInboxMessageAtOnce, type InboxMessage } from "./inbox.ts";
import { envValue } from "../../config.ts";

export const webhookRouter = Router();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const raw = express.raw({ type: () => true, limit: "2mb" });

const hmac = (secret: string, body: Buffer) => crypto.createHmac("sha256", secret).update(body).digest();

/** Constant-time comparison of a base64 signature header with the HMAC of the body under each secret. */
export function signatureMatches(header: string | undefined, body: Buffer, secrets: string[]): boolean {
  if (!header) return false;
  const given = Buffer.from(header.trim(), "base64");
  let ok = false;
  for (const secret of secrets) {
    const expected = hmac(secret, body);
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) ok = true;
  }
  return ok;
}

interface VerifiedChannel {
  tenantId: string;
  kind: string;
  enabled: boolean;
  storeUrl: string | null;
  secrets: string[];
}

const refused = (req: Request, why: string) => {
  req.log?.warn({ channelId: req.params.channelId, why }, "webhook refused");
  return new AppError("unauthenticated", "Webhook signature or channel not accepted");
};

const cacheMs = () => envValue("WEBHOOK_CHANNEL_CACHE_MS");
const channels = new Map<string, { at: number; channel: VerifiedChannel | null }>();

/** The channel's tenant, kind, state and open webhook secrets; null when no channel has the id. */
async function verifiedChannel(client: import("pg").PoolClient, channelId: string): Promise<VerifiedChannel | null> {
  const cached = channels.get(channelId);
  if (cached && Date.now() - cached.at < cacheMs()) return cached.channel;
  const { rows } = await client.query<{ tenant_id: string; kind: string; enabled: boolean; store_url: string | null; secrets: string[] }>(
    `SELECT tenant_id::text, kind, enabled, store_url, secrets FROM app_webhook_channel($1::uuid) WHERE tenant_id IS NOT NULL`,
    [channelId],
  );
  const r = rows[0];
  const channel = r ? { tenantId: r.tenant_id, kind: r.kind, enabled: r.enabled, storeUrl: r.store_url, secrets: r.secrets.map(openSecret) } : null;
  if (channels.size > 10_000) channels.clear();
  channels.set(channelId, { at: Date.now(), channel });
  return channel;
}

/** Verifies the request for a channel of `kind` and stores the message the route builds; 401 (nothing stored) when it is not the channel's. */
async function receive(req: Request, kind: string, verify: (channel: VerifiedChannel, body: Buffer) => { ping: true } | Omit<InboxMessage, "channelId" | "source" | "requestId">) {
  const channelId = String(req.params.channelId);
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!UUID.test(channelId)) throw refused(req, "not a channel id");
  return withPoolClient(async (client) => {
    const channel = await verifiedChannel(client, channelId);
    if (!channel || channel.kind !== kind || !channel.enabled) throw refused(req, "unknown or disabled channel");
    const message = verify(channel, body);
    if ("ping" in message) return message;
    return storeInboxMessageAtOnce(client, channel.tenantId, kind, { ...message, channelId, source: "webhook", requestId: String(req.id ?? "") });
  });
}

function requireHeaders(req: Request, names: string[]) {
  const missing = names.filter((n) => !req.get(n));
  if (missing.length) throw new AppError("invalid_input", "Missing webhook headers", missing.map((n) => ({ path: n, message: "Required header" })));
}

function parseJson(body: Buffer): unknown {
  try {
    // A store's text is kept even when PostgreSQL could not store it as sent (a NUL in a note).
    return JSON.parse(body.toString("utf8"), (_key, value) => (typeof value === "string" ? storableText(value) : value));
  } catch {
    throw new AppError("invalid_input", "Webhook body is not valid JSON");
  }
}

const hostOf = (url: string | null) => {
  try {
    return url ? new URL(url).host.toLowerCase() : null;
  } catch {
    return null;
  }
};

webhookRouter.post("/shopify/:channelId", raw, async (req: Request, res: Response) => {
  const result = await receive(req, "shopify", (channel, body) => {
    if (!signatureMatches(req.get("x-shopify-hmac-sha256"), body, channel.secrets)) throw refused(req, "bad signature");
    requireHeaders(req, ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id"]);
    // A shop on Shopify's own domain must be the channel's shop (a custom store URL cannot be compared).
    const shop = req.get("x-shopify-shop-domain")!.toLowerCase();
    const expected = hostOf(channel.storeUrl);
    if (expected?.endsWith(".myshopify.com") && expected !== shop) throw refused(req, `shop ${shop} is not this channel's store (${expected})`);
    const eventId = req.get("x-shopify-event-id");
    return {
      topic: req.get("x-shopify-topic")!,
      dedupeKey: eventId ? `event:${eventId}` : `webhook:${req.get("x-shopify-webhook-id")}`,
      payload: parseJson(body),
      headers: pick(req, ["x-shopify-topic", "x-shopify-shop-domain", "x-shopify-webhook-id", "x-shopify-event-id", "x-shopify-triggered-at", "x-shopify-api-version"]),
    };
  });
  res.status(200).json("ping" in result ? { received: true } : { received: true, duplicate: result.duplicate });
});

webhookRouter.post("/woocommerce/:channelId", raw, async (req: Request, res: Response) => {
  const signature = req.get("x-wc-webhook-signature");
  const result = await receive(req, "woocommerce", (channel, body) => {
    // WooCommerce pings a new webhook once, unsigned, with `webhook_id=<id>`: answered, not stored.
    if (!signature && /^webhook_id=\d+$/.test(body.toString("utf8").trim())) return { ping: true as const };
    if (!signatureMatches(signature, body, channel.secrets)) throw refused(req, "bad signature");
    requireHeaders(req, ["X-WC-Webhook-Topic"]);
    const topic = req.get("x-wc-webhook-topic")!;
    return {
      topic,
      // Its delivery id changes on every redelivery: the same content is the same message.
      dedupeKey: `content:${crypto.createHash("sha256").update(topic).update("\n").update(body).digest("hex")}`,
      payload: parseJson(body),
      headers: pick(req, ["x-wc-webhook-topic", "x-wc-webhook-source", "x-wc-webhook-id", "x-wc-webhook-delivery-id", "x-wc-webhook-resource", "x-wc-webhook-event"]),
    };
  });
  res.status(200).json("ping" in result ? { received: true, ping: true } : { received: true, duplicate: result.duplicate });
});

function pick(req: Request, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (req.get(n) ? [[n, req.get(n)!]] : [])));
}

// In the OpenAPI document beside the other endpoints (they are plain Express routes: raw bodies).
for (const kind of ["shopify", "woocommerce"]) {
  registry.push({
    method: "post",
    path: `/api/v1/webhooks/${kind}/:channelId`,
    spec: { summary: `Webhook from a ${kind === "shopify" ? "Shopify" : "WooCommerce"} store (signed; no session)`, roles: "public" },
  });
}
