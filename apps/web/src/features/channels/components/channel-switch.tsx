// Whether the channel talks to its store at all: off, webhooks are refused and nothing is sent
// (messages wait); the reason it went off (an admin, or the app uninstalled) is shown.
import type { TChannel } from "@bod/contracts/channels";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useUpdateChannel } from "../api/channels-api.ts";

export function DisabledNotice({ channel }: { channel: TChannel }) {
  if (channel.enabled) return null;
  return (
    <Alert tone="warning">
      <strong>This channel is switched off{channel.disabledReason ? `: ${channel.disabledReason}` : ""}.</strong> Its webhooks are refused and nothing is sent to the store; messages wait until it is switched on again.
    </Alert>
  );
}

export function ChannelSwitch({ channel }: { channel: TChannel }) {
  const update = useUpdateChannel(channel.id);
  const toast = useToast();
  const id = `enabled-${channel.id}`;
  return (
    <div className="switch-field">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={channel.enabled}
        disabled={update.isPending}
        aria-describedby={`${id}-desc`}
        onChange={(e) => update.mutate({ enabled: e.target.checked }, { onSuccess: (c) => toast(c.enabled ? `${c.name} switched on: waiting messages are sent now` : `${c.name} switched off`) })}
      />
      <label htmlFor={id}>Channel enabled</label>
      <div className="field-hint" id={`${id}-desc`}>
        {channel.enabled ? "Orders arrive from the store and updates are sent to it." : "Switch on to accept the store's webhooks and send what waited."}
      </div>
      <ErrorAlert error={update.error} />
    </div>
  );
}
