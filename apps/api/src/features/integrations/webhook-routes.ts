// Webhooks from stores: POST /api/v1/webhooks/shopify/:channelId and /woocommerce/:channelId.
// No session: the signature is the authentication. Before anything is parsed, the raw body's
// HMAC-SHA256 (base64) is compared in constant time with each webhook secret the channel
// accepts now (the current one and rotated ones inside their overlap window). An unknown,
// disabled or wrongly signed request is 401 in the one error shape and stores nothing. A
// verified one is stored in the inbox with its processing job in one transaction (inbox.ts),
// and answered 200 at once; duplicates (same event id, or for WooCommerce the same content)
// are answered 200 too and change nothing.
import crypto from "node:crypto";
import express, { Router, type Request, type Response } from "express";
import { inChannelTenant, type SqlExec } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { registry } from "../../http/endpoint.ts";
import { openSecret } from "../../security/secret-box.ts";
import { storeInboxMessage } from "./inbox.ts";

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
  id: string;
  kind: string;
  storeUrl: string | null;
}

const refused = (req: Request, why: string) => {
  req.log?.warn({ channelId: req.params.channelId, why }, "webhook refused");
  return new AppError("unauthenticated", "Webhook signature or channel not accepted");
};

/** The channel and the secrets it accepts now; undefined when the channel is unknown, of another kind or disabled. */
async function channelSecrets(sql: SqlExec, tenantId: string, channelId: string, kind: string): Promise<{ channel: VerifiedChannel; secrets: string[] } | undefined> {
  const rows = await sql<{ id: string; kind: string; enabled: boolean; store_url: string | null; ciphertext: string | null }>(
    `SELECT c.id::text, c.kind::text, c.enabled, c.store_url, s.ciphertext FROM sales_channels c
     LEFT JOIN channel_secrets s ON s.tenant_id = c.tenant_id AND s.channel_id = c.id AND (s.expires_at IS NULL OR s.expires_at > now())
     WHERE c.tenant_id = $1::uuid AND c.id = $2::uuid`,
    [tenantId, channelId],
  );
  const c = rows[0];
  if (!c || c.kind !== kind || !c.enabled) return undefined;
  return { channel: { id: c.id, kind: c.kind, storeUrl: c.store_url }, secrets: rows.flatMap((r) => (r.ciphertext ? [openSecret(r.ciphertext)] : [])) };
}

function requireHeaders(req: Request, names: string[]) {
  const missing = names.filter((n) => !req.get(n));
  if (missing.length) throw new AppError("invalid_input", "Missing webhook headers", missing.map((n) => ({ path: n, message: "Required header" })));
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
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
  const channelId = String(req.params.channelId);
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!UUID.test(channelId)) throw refused(req, "not a channel id");
  const result = await inChannelTenant(channelId, async (tx, tenantId) => {
    const found = await channelSecrets(tx, tenantId, channelId, "shopify");
    if (!found || !signatureMatches(req.get("x-shopify-hmac-sha256"), body, found.secrets)) throw refused(req, found ? "bad signature" : "unknown or disabled channel");
    requireHeaders(req, ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id"]);
    // A shop on Shopify's own domain must be the channel's shop (a custom store URL cannot be compared).
    const shop = req.get("x-shopify-shop-domain")!.toLowerCase();
    const expected = hostOf(found.channel.storeUrl);
    if (expected?.endsWith(".myshopify.com") && expected !== shop) throw refused(req, `shop ${shop} is not this channel's store (${expected})`);
    const topic = req.get("x-shopify-topic")!;
    const eventId = req.get("x-shopify-event-id");
    return storeInboxMessage(tx, tenantId, "shopify", {
      channelId,
      source: "webhook",
      topic,
      dedupeKey: eventId ? `event:${eventId}` : `webhook:${req.get("x-shopify-webhook-id")}`,
      payload: parseJson(body),
      headers: pick(req, ["x-shopify-topic", "x-shopify-shop-domain", "x-shopify-webhook-id", "x-shopify-event-id", "x-shopify-triggered-at", "x-shopify-api-version"]),
      requestId: String(req.id ?? ""),
    });
  });
  if (!result) throw refused(req, "unknown channel");
  res.status(200).json({ received: true, duplicate: result.duplicate });
});

webhookRouter.post("/woocommerce/:channelId", raw, async (req: Request, res: Response) => {
  const channelId = String(req.params.channelId);
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  if (!UUID.test(channelId)) throw refused(req, "not a channel id");
  const signature = req.get("x-wc-webhook-signature");
  const result = await inChannelTenant(channelId, async (tx, tenantId) => {
    const found = await channelSecrets(tx, tenantId, channelId, "woocommerce");
    if (!found) throw refused(req, "unknown or disabled channel");
    // WooCommerce pings a new webhook once, unsigned, with `webhook_id=<id>`: answered, not stored.
    if (!signature && /^webhook_id=\d+$/.test(body.toString("utf8").trim())) return { ping: true as const };
    if (!signatureMatches(signature, body, found.secrets)) throw refused(req, "bad signature");
    requireHeaders(req, ["X-WC-Webhook-Topic"]);
    const topic = req.get("x-wc-webhook-topic")!;
    // Its delivery id changes on every redelivery: the same content is the same message.
    const dedupeKey = `content:${crypto.createHash("sha256").update(topic).update("\n").update(body).digest("hex")}`;
    return storeInboxMessage(tx, tenantId, "woocommerce", {
      channelId,
      source: "webhook",
      topic,
      dedupeKey,
      payload: parseJson(body),
      headers: pick(req, ["x-wc-webhook-topic", "x-wc-webhook-source", "x-wc-webhook-id", "x-wc-webhook-delivery-id", "x-wc-webhook-resource", "x-wc-webhook-event"]),
      requestId: String(req.id ?? ""),
    });
  });
  if (!result) throw refused(req, "unknown channel");
  if ("ping" in result) res.status(200).json({ received: true, ping: true });
  else res.status(200).json({ received: true, duplicate: result.duplicate });
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
