// Webhooks out of the fake WooCommerce, as WC_Webhook delivers them: POST of the v3 resource
// (wp_json_encode: "/" escaped) with Content-Type application/json, a Hookshot User-Agent and
// X-WC-Webhook-Source (home URL with a trailing slash), -Topic, -Resource, -Event, -Signature
// (base64 HMAC-SHA256 of the body with the webhook's secret), -ID and -Delivery-ID (a hash of the
// webhook id and the current second). Creating an active webhook first sends WooCommerce's ping:
// an unsigned form POST whose body is `webhook_id=<id>`. After more than 5 consecutive failed
// deliveries a webhook is disabled.
import crypto from "node:crypto";
import { sleep } from "./http-kit.ts";
import { deliverRepeatedly, phpJsonEncode, postWebhook, signBody, type RepeatOptions, type WebhookDelivery } from "./webhooks.ts";

export const WOO_USER_AGENT = "WooCommerce/10.3.0 Hookshot (WordPress/6.8.3)";

export interface WooWebhook {
  id: number;
  name: string;
  status: "active" | "paused" | "disabled";
  topic: string;
  resource: string;
  event: string;
  deliveryUrl: string;
  secret: string;
  failureCount: number;
  pendingDelivery: boolean;
  createdAt: Date;
}

export interface WooSendOptions extends RepeatOptions {
  /** Sign with this secret instead of the webhook's. */
  secret?: string;
  /** Leave out these headers. */
  omitHeaders?: string[];
}

export class WooWebhookSender {
  readonly webhooks = new Map<number, WooWebhook>();
  readonly deliveries: WebhookDelivery[] = [];
  private seq = 0;
  private readonly salt = crypto.randomBytes(16).toString("hex");

  constructor(private readonly siteUrl: () => string) {}

  /** Adds a webhook as the admin screen does; an active one is pinged first. */
  async create(input: { topic: string; deliveryUrl: string; secret?: string; name?: string; status?: WooWebhook["status"]; ping?: boolean }): Promise<{ webhook: WooWebhook; ping: WebhookDelivery | null }> {
    const m = /^(\w+)\.(\w+)$/.exec(input.topic);
    if (!m) throw new Error(`not a WooCommerce webhook topic: ${input.topic}`);
    const webhook: WooWebhook = {
      id: ++this.seq,
      name: input.name ?? `Webhook ${input.topic}`,
      status: input.status ?? "active",
      topic: input.topic,
      resource: m[1]!,
      event: m[2]!,
      deliveryUrl: input.deliveryUrl,
      secret: input.secret ?? crypto.randomBytes(24).toString("base64"),
      failureCount: 0,
      pendingDelivery: true,
      createdAt: new Date(),
    };
    this.webhooks.set(webhook.id, webhook);
    const ping = webhook.status === "active" && input.ping !== false ? await this.ping(webhook) : null;
    return { webhook, ping };
  }

  /** WC_Webhook::deliver_ping: unsigned, form-encoded `webhook_id=<id>`; a 200 clears pending_delivery. */
  async ping(webhook: WooWebhook): Promise<WebhookDelivery> {
    const headers = { "User-Agent": WOO_USER_AGENT, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" };
    const sent = await postWebhook(webhook.deliveryUrl, "ping", headers, `webhook_id=${webhook.id}`);
    if (sent.status === 200) webhook.pendingDelivery = false;
    this.deliveries.push(sent);
    return sent;
  }

  /** wp_hash( id . strtotime('now') ): the same within one second. */
  private deliveryId(webhook: WooWebhook): string {
    return crypto.createHmac("md5", this.salt).update(`${webhook.id}${Math.floor(Date.now() / 1000)}`).digest("hex");
  }

  /** Sends `payload` to one webhook (copies and delays as asked). */
  async deliver(webhook: WooWebhook, payload: unknown, options: WooSendOptions = {}): Promise<WebhookDelivery[]> {
    const body = phpJsonEncode(payload).trim();
    const sent = await deliverRepeatedly(options, async () => {
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "User-Agent": WOO_USER_AGENT,
        "X-WC-Webhook-Source": `${this.siteUrl()}/`,
        "X-WC-Webhook-Topic": webhook.topic,
        "X-WC-Webhook-Resource": webhook.resource,
        "X-WC-Webhook-Event": webhook.event,
        "X-WC-Webhook-Signature": signBody(options.secret ?? webhook.secret, body),
        "X-WC-Webhook-ID": String(webhook.id),
        "X-WC-Webhook-Delivery-ID": this.deliveryId(webhook),
      };
      for (const name of options.omitHeaders ?? []) for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
      const d = await postWebhook(webhook.deliveryUrl, webhook.topic, headers, body);
      this.recordOutcome(webhook, d.status);
      return d;
    });
    this.deliveries.push(...sent);
    return sent;
  }

  /** Every active webhook for resource.event gets `payload`. */
  async trigger(resource: string, event: string, payload: () => unknown, options: WooSendOptions = {}): Promise<WebhookDelivery[]> {
    const targets = [...this.webhooks.values()].filter((w) => w.status === "active" && w.resource === resource && w.event === event);
    const out: WebhookDelivery[] = [];
    for (const w of targets) out.push(...(await this.deliver(w, payload(), options)));
    return out;
  }

  private recordOutcome(webhook: WooWebhook, status: number | null) {
    if (status !== null && status >= 200 && status < 303) webhook.failureCount = 0;
    else if (webhook.failureCount > 5) webhook.status = "disabled";
    else webhook.failureCount += 1;
  }

  /** Lets a test wait out WooCommerce's one-second delivery-id granularity. */
  static nextSecond() {
    return sleep(1000 - (Date.now() % 1000) + 5);
  }
}
