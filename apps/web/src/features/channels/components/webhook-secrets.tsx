// The secrets the store signs its webhooks with: which are accepted now (the current one and
// rotated ones until their overlap ends), rotating to a new one, and revoking a leaked one.
import { useState, type FormEvent } from "react";
import type { TChannel } from "@bod/contracts/channels";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { formatDateTime, parseIntOrUndefined } from "../../../lib/format.ts";
import { useRevokeWebhookSecret, useRotateWebhookSecret } from "../api/channels-api.ts";

const SECRET_HINT: Record<string, string> = {
  shopify: "The key Shopify signs webhooks with: the app's client secret, or the signing key shown under Settings → Notifications → Webhooks.",
  woocommerce: "The secret typed into each WooCommerce webhook (the same for all of them).",
};

export function WebhookSecretsList({ channel, canEdit }: { channel: TChannel; canEdit: boolean }) {
  const revoke = useRevokeWebhookSecret(channel.id);
  const toast = useToast();
  const [confirm, setConfirm] = useState<string>();
  const secrets = channel.connection.webhookSecrets;
  if (secrets.length === 0) return <p className="muted small">No webhook secret yet: the store's webhooks are refused until one is set.</p>;
  return (
    <>
      <ul className="secret-list" aria-label="Webhook secrets">
        {secrets.map((s) => (
          <li key={s.id}>
            {s.expiresAt ? <Badge tone="neutral">Previous</Badge> : <Badge tone="success">Current</Badge>}
            <span className="small">
              added <DateTime value={s.createdAt} />
            </span>
            <span className="small">{s.expiresAt ? <>valid until <DateTime value={s.expiresAt} /></> : <span className="muted">valid until rotated</span>}</span>
            {canEdit && (
              <Button variant="ghost" className="secret-revoke" onClick={() => setConfirm(s.id)} aria-label={`Revoke the ${s.expiresAt ? "previous" : "current"} secret added ${formatDateTime(s.createdAt)}`}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={!!confirm}
        title="Revoke this webhook secret?"
        body="Webhooks signed with it are refused from now on. If the store still signs with it, orders arrive only through the store poll until the store has the new secret."
        confirmLabel="Revoke"
        busy={revoke.isPending}
        error={<ErrorAlert error={revoke.error} />}
        onCancel={() => {
          setConfirm(undefined);
          revoke.reset();
        }}
        onConfirm={() =>
          revoke.mutate(confirm!, {
            onSuccess: () => {
              setConfirm(undefined);
              toast("Webhook secret revoked");
            },
          })
        }
      />
    </>
  );
}

/** A new current secret; with one already set, the previous stays valid for the overlap. */
export function RotateSecretForm({ channel }: { channel: TChannel }) {
  const rotate = useRotateWebhookSecret(channel.id);
  const toast = useToast();
  const [secret, setSecret] = useState("");
  const [overlap, setOverlap] = useState("24");
  const [local, setLocal] = useState<Record<string, string>>({});
  const first = channel.connection.webhookSecrets.length === 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (secret.length < 8) errors.secret = "Paste the whole secret (at least 8 characters)";
    const hours = first ? 0 : parseIntOrUndefined(overlap);
    if (hours === undefined || hours < 0 || hours > 720) errors.overlapHours = "From 0 to 720 hours";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    rotate.mutate(
      { secret, overlapHours: hours },
      {
        onSuccess: () => {
          setSecret("");
          toast(first ? "Webhook secret saved" : hours ? `Secret rotated; the previous one is accepted for ${hours} more hour(s)` : "Secret rotated; the previous one is no longer accepted");
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(rotate.error, f);

  return (
    <form className={`rotate-form${first ? " is-first" : ""}`} onSubmit={submit} noValidate aria-label={first ? "Set the webhook secret" : "Rotate the webhook secret"}>
      <FormField label={first ? "Webhook secret" : "New webhook secret"} hint={SECRET_HINT[channel.kind]} error={err("secret")}>
        <input type="password" className="mono" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" spellCheck={false} />
      </FormField>
      {!first && (
        <FormField label="Overlap (hours)" hint="The previous secret is still accepted this long." error={err("overlapHours")}>
          <input type="number" min={0} max={720} value={overlap} onChange={(e) => setOverlap(e.target.value)} className="num" size={5} />
        </FormField>
      )}
      <Button type="submit" className="rotate-submit" variant={first ? "primary" : "secondary"} busy={rotate.isPending}>
        {first ? "Save secret" : "Rotate secret"}
      </Button>
      <div className="span-all">
        <ErrorAlert error={rotate.error} shownFields={["secret", "overlapHours"]} />
      </div>
    </form>
  );
}
