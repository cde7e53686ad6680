// What an admin types into the store so it tells Backorder Desk about orders: the webhook
// address (with a copy button) and the topics to subscribe to.
import type { TChannel } from "@bod/contracts/channels";
import { CopyButton } from "../../../components/ui/copy-button.tsx";
import { SUBSCRIBE_TOPICS } from "../../../lib/store-topics.ts";

const WHERE: Record<string, string> = {
  shopify: "In the store's admin: Settings → Notifications → Webhooks (or the app's webhook subscriptions), format JSON, for each topic:",
  woocommerce: "In WordPress: WooCommerce → Settings → Advanced → Webhooks, one webhook per topic, status Active, with the secret below:",
};

export function WebhookSetup({ channel }: { channel: TChannel }) {
  const url = channel.connection.webhookUrl;
  const topics = SUBSCRIBE_TOPICS[channel.kind] ?? [];
  if (!url) return null;
  return (
    <div className="webhook-setup">
      <div className="field">
        <span className="field-label" id={`webhook-url-${channel.id}`}>
          Webhook URL
        </span>
        <div className="copy-row">
          <code className="mono copy-value" aria-labelledby={`webhook-url-${channel.id}`}>
            {url}
          </code>
          <CopyButton text={url} label="Copy URL" />
        </div>
      </div>
      <p className="small">{WHERE[channel.kind]}</p>
      <ul className="topic-list" aria-label="Topics to subscribe to">
        {topics.map((t) => (
          <li key={t.topic}>
            <code>{t.label}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
