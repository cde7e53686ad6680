// Webhook delivery shared by both fake stores: the HMAC-SHA256 signature both stores put in a
// header (base64 of the HMAC of the raw body with the webhook's secret), one POST per attempt,
// and a log of what was sent and what the receiver answered.
import crypto from "node:crypto";
import { sleep } from "./http-kit.ts";

/** base64(HMAC-SHA256(secret, raw body)) — Shopify's X-Shopify-Hmac-Sha256 and WooCommerce's X-WC-Webhook-Signature. */
export function signBody(secret: string, body: string | Buffer): string {
  return crypto.createHmac("sha256", secret).update(body).digest("base64");
}

export interface WebhookDelivery {
  url: string;
  topic: string;
  headers: Record<string, string>;
  body: string;
  /** The receiver's answer; null when it could not be reached. */
  status: number | null;
  responseBody: string;
  error?: string;
  sentAt: string;
}

/** One POST of a prepared body; never throws (an unreachable receiver is recorded). */
export async function postWebhook(url: string, topic: string, headers: Record<string, string>, body: string, timeoutMs = 10_000): Promise<WebhookDelivery> {
  const sentAt = new Date().toISOString();
  try {
    const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(timeoutMs) });
    return { url, topic, headers, body, status: res.status, responseBody: await res.text(), sentAt };
  } catch (error) {
    return { url, topic, headers, body, status: null, responseBody: "", error: (error as Error).message, sentAt };
  }
}

export interface RepeatOptions {
  /** Extra copies after the first (a store redelivering or duplicating). */
  duplicate?: number;
  /** Wait this long before the first attempt (and between copies). */
  delayMs?: number;
}

/** Sends attempt 0..duplicate in order, each built by `attempt(i)` (headers may differ per attempt). */
export async function deliverRepeatedly(options: RepeatOptions, attempt: (index: number) => Promise<WebhookDelivery>): Promise<WebhookDelivery[]> {
  const out: WebhookDelivery[] = [];
  for (let i = 0; i <= (options.duplicate ?? 0); i++) {
    if (options.delayMs) await sleep(options.delayMs);
    out.push(await attempt(i));
  }
  return out;
}

/** PHP's json_encode with default flags, as wp_json_encode sends it: "/" as "\/" and non-ASCII as \uXXXX. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
