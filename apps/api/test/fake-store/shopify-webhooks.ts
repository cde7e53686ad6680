// Webhooks out of the fake Shopify, per Shopify's delivery contract: POST of the REST resource
// as JSON with X-Shopify-Topic, X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with
// the app's secret), X-Shopify-Shop-Domain, X-Shopify-API-Version, X-Shopify-Webhook-Id,
// X-Shopify-Event-Id (the event: the same on every copy), X-Shopify-Triggered-At. A payload can
// be built now and sent later, so tests can deliver events out of order, twice, late, or
// signed with a wrong or rotated secret.
import crypto from "node:crypto";
import { deliverRepeatedly, postWebhook, signBody, type RepeatOptions, type WebhookDelivery } from "./webhooks.ts";

export type ShopifyTopic = "orders/create" | "orders/updated" | "orders/cancelled" | "orders/fulfilled" | "orders/paid" | "app/uninstalled" | (string & {});

/** One event, frozen when built: the body and its event id and trigger time. */
export interface PreparedShopifyWebhook {
  topic: ShopifyTopic;
  body: string;
  eventId: string;
  triggeredAt: string;
}

export interface ShopifySendOptions extends RepeatOptions {
  /** Sign with this secret instead (a rotated or wrong one). */
  secret?: string;
  /** Send to this URL instead of the configured one. */
  url?: string;
  /** The event id every copy carries (default: a new one per event). */
  eventId?: string;
  /**
   * Shopify's docs call X-Shopify-Webhook-Id the delivery's id; by default each copy gets a new one
   * (a receiver must dedupe by X-Shopify-Event-Id). true: every copy repeats the first's.
   */
  sameWebhookId?: boolean;
  /** Leave out these headers (to test a receiver's checks). */
  omitHeaders?: string[];
}

export interface ShopifyWebhookConfig {
  url: string | null;
  secret: string;
  apiVersion: string;
  shopDomain: string;
}

export class ShopifyWebhookSender {
  readonly deliveries: WebhookDelivery[] = [];

  constructor(readonly config: ShopifyWebhookConfig) {}

  prepare(topic: ShopifyTopic, payload: unknown, eventId: string = crypto.randomUUID()): PreparedShopifyWebhook {
    return { topic, body: JSON.stringify(payload), eventId, triggeredAt: new Date().toISOString() };
  }

  async send(event: PreparedShopifyWebhook, options: ShopifySendOptions = {}): Promise<WebhookDelivery[]> {
    const url = options.url ?? this.config.url;
    if (!url) throw new Error("no webhook URL: configure webhook.url or pass { url }");
    const eventId = options.eventId ?? event.eventId;
    const firstWebhookId = crypto.randomUUID();
    const sent = await deliverRepeatedly(options, (i) => {
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "User-Agent": "Shopify-Captain-Hook",
        "X-Shopify-Topic": event.topic,
        "X-Shopify-Hmac-Sha256": signBody(options.secret ?? this.config.secret, event.body),
        "X-Shopify-Shop-Domain": this.config.shopDomain,
        "X-Shopify-API-Version": this.config.apiVersion,
        "X-Shopify-Webhook-Id": options.sameWebhookId || i === 0 ? firstWebhookId : crypto.randomUUID(),
        "X-Shopify-Event-Id": eventId,
        "X-Shopify-Triggered-At": event.triggeredAt,
      };
      for (const name of options.omitHeaders ?? []) for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      return postWebhook(url, event.topic, headers, event.body);
    });
    this.deliveries.push(...sent);
    return sent;
  }
}
