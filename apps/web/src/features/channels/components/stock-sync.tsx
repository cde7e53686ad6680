// Keeping the store in step: stock pushed to it (buffer, preorder cap, Shopify location) and the
// two "now" actions — push every product's stock, and poll the store for orders a webhook missed.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import type { TChannel, TUpdateChannelRequest } from "@bod/contracts/channels";
import { Alert, ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { CheckboxField, FormField } from "../../../components/ui/form-field.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { parseIntOrUndefined } from "../../../lib/format.ts";
import { usePushAllStock, useReconcileNow, useUpdateChannel } from "../api/channels-api.ts";
import { LastPoll } from "./last-poll.tsx";

export const isConnected = (c: TChannel) => !!c.connection.storeUrl && c.connection.hasAccessToken;

export function StockPushForm({ channel }: { channel: TChannel }) {
  const update = useUpdateChannel(channel.id);
  const toast = useToast();
  const [pushStock, setPushStock] = useState(channel.pushStock);
  const [buffer, setBuffer] = useState(String(channel.stockBuffer));
  const [cap, setCap] = useState(channel.preorderCap === null ? "" : String(channel.preorderCap));
  const [location, setLocation] = useState(channel.connection.storeLocationId ?? "");
  const [local, setLocal] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const stockBuffer = parseIntOrUndefined(buffer);
    if (stockBuffer === undefined || stockBuffer < 0) errors.stockBuffer = "A whole number, 0 or more";
    const preorderCap = cap.trim() === "" ? null : parseIntOrUndefined(cap);
    if (preorderCap === undefined || (preorderCap !== null && preorderCap < 0)) errors.preorderCap = "A whole number, 0 or more (blank: no cap)";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body: TUpdateChannelRequest = { pushStock, stockBuffer: stockBuffer!, preorderCap: preorderCap! };
    if (channel.kind === "shopify") body.storeLocationId = location.trim() || null;
    update.mutate(body, { onSuccess: () => toast("Stock settings saved") });
  }
  const err = (f: string) => local[f] ?? fieldError(update.error, f);

  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label="Stock push settings">
      <div className="span-all">
        <CheckboxField label="Push stock to the store" description="After stock or promises change, the store's available quantity per SKU is set from Backorder Desk." checked={pushStock} onChange={setPushStock} />
      </div>
      <FormField label="Stock buffer" hint="Units held back from every quantity pushed." error={err("stockBuffer")}>
        <input type="number" min={0} value={buffer} onChange={(e) => setBuffer(e.target.value)} className="num" />
      </FormField>
      <FormField label="Preorder cap" hint="Preorder SKUs: at most this many restock units on top of free stock (blank: all)." error={err("preorderCap")}>
        <input type="number" min={0} value={cap} onChange={(e) => setCap(e.target.value)} className="num" />
      </FormField>
      {channel.kind === "shopify" && (
        <FormField label="Shopify location ID" hint="The store location whose inventory is set (blank: the store's only or primary location)." error={err("storeLocationId")}>
          <input value={location} onChange={(e) => setLocation(e.target.value)} className="mono" autoComplete="off" spellCheck={false} placeholder="e.g. 71234567890" />
        </FormField>
      )}
      <div className="span-all">
        <ErrorAlert error={update.error} shownFields={["stockBuffer", "preorderCap", "storeLocationId", "pushStock"]} />
      </div>
      <div className="form-actions span-all">
        <Button type="submit" busy={update.isPending}>
          Save stock settings
        </Button>
      </div>
    </form>
  );
}

export function SyncActions({ channel }: { channel: TChannel }) {
  const push = usePushAllStock(channel.id);
  const reconcile = useReconcileNow(channel.id);
  const connected = isConnected(channel);
  // The API pushes only to channels that are connected, switched on and set to push stock.
  const canPush = connected && channel.enabled && channel.pushStock;
  const follow = (tab: "outbox" | "inbox") => <Link to={`/integrations?tab=${tab}&channelId=${channel.id}`}>follow it on Integrations</Link>;
  return (
    <div className="stack sync-actions">
      {!connected ? (
        <p className="muted small">Connect the store first (store URL and credential) to push stock or poll it.</p>
      ) : !channel.enabled ? (
        <p className="muted small">The channel is switched off: switch it on to push stock.</p>
      ) : (
        !channel.pushStock && <p className="muted small">To push stock, tick “Push stock to the store” and save the stock settings.</p>
      )}
      <div className="form-actions wrap">
        <Button onClick={() => push.mutate()} busy={push.isPending} disabled={!canPush}>
          Push all stock now
        </Button>
        <Button onClick={() => reconcile.mutate()} busy={reconcile.isPending} disabled={!connected}>
          Check the store for missed orders now
        </Button>
      </div>
      {push.data &&
        (push.data.products > 0 ? (
          <Alert tone="success">
            Queued: the stock of {push.data.products} product(s) is being sent to the store — {follow("outbox")}.
          </Alert>
        ) : (
          <Alert tone="info">Nothing was queued: there is no product whose stock this channel pushes.</Alert>
        ))}
      {reconcile.data && (
        <Alert tone="success">
          Queued: the store is being asked for orders changed since {channel.connection.lastReconciledAt ? <DateTime value={channel.connection.lastReconciledAt} /> : "it was connected"} — {follow("inbox")}.
        </Alert>
      )}
      <ErrorAlert error={push.error} />
      <ErrorAlert error={reconcile.error} />
      <p className="muted small">
        Last poll of the store: <LastPoll at={channel.connection.lastReconciledAt} error={channel.connection.lastReconcileError} />
      </p>
    </div>
  );
}
