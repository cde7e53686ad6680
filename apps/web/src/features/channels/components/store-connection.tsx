// The "Store connection" section of a Shopify or WooCommerce channel: connection, webhooks and
// their secrets, the on/off switch, stock push. Admins edit; everyone else reads what is set.
import type { TChannel } from "@bod/contracts/channels";
import { Badge } from "../../../components/ui/badge.tsx";
import { FactList } from "../../../components/ui/fact-list.tsx";
import { channelKindLabel } from "../../../lib/channel-kinds.ts";
import { ConnectionForm } from "./connection-form.tsx";
import { ChannelSwitch, DisabledNotice } from "./channel-switch.tsx";
import { RotateSecretForm, WebhookSecretsList } from "./webhook-secrets.tsx";
import { WebhookSetup } from "./webhook-setup.tsx";
import { isConnected, StockPushForm, SyncActions } from "./stock-sync.tsx";
import { LastPoll } from "./last-poll.tsx";

function ConnectionBadge({ channel }: { channel: TChannel }) {
  if (!channel.enabled) return <Badge tone="warning">Switched off</Badge>;
  return isConnected(channel) ? <Badge tone="success">Connected</Badge> : <Badge tone="neutral">Not connected</Badge>;
}

/** What a non-admin sees: the same facts, no controls. */
function ConnectionFacts({ channel }: { channel: TChannel }) {
  const c = channel.connection;
  return (
    <FactList
      facts={[
        ["Store URL", c.storeUrl ?? <span className="muted">not set</span>],
        ["Access token", c.hasAccessToken ? "set" : "not set"],
        ["Push stock", channel.pushStock ? `yes, buffer ${channel.stockBuffer}${channel.preorderCap !== null ? `, preorder cap ${channel.preorderCap}` : ""}` : "no"],
        ["Last poll", <LastPoll key="poll" at={c.lastReconciledAt} error={c.lastReconcileError} />],
      ]}
    />
  );
}

export function StoreConnection({ channel, canEdit }: { channel: TChannel; canEdit: boolean }) {
  const store = channelKindLabel(channel.kind);
  return (
    <section className="card store-connection" aria-labelledby="store-connection-title">
      <h2 id="store-connection-title" className="section-title">
        Store connection <ConnectionBadge channel={channel} />
      </h2>
      <DisabledNotice channel={channel} />
      {canEdit ? (
        <>
          <ChannelSwitch channel={channel} />
          <h3>{store} store</h3>
          <ConnectionForm channel={channel} />
          <h3>Webhooks</h3>
          <WebhookSetup channel={channel} />
          <h4 className="subhead">Webhook secrets</h4>
          <WebhookSecretsList channel={channel} canEdit />
          <RotateSecretForm channel={channel} />
          <h3>Stock and orders</h3>
          <StockPushForm channel={channel} />
          <h4 className="subhead">Now</h4>
          <SyncActions channel={channel} />
        </>
      ) : (
        <>
          <ConnectionFacts channel={channel} />
          <WebhookSetup channel={channel} />
          <h4 className="subhead">Webhook secrets</h4>
          <WebhookSecretsList channel={channel} canEdit={false} />
          <p className="muted small">Only an admin can change the connection.</p>
        </>
      )}
    </section>
  );
}
