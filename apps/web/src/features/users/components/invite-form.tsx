// Invites an email with a role. The answer never says whether the person already has an account;
// it carries a one-time link, shown once by InvitationLink (this product sends no e-mail yet).
import { useState, type FormEvent } from "react";
import type { TRole } from "@bod/contracts/common";
import type { TCreatedInvitation } from "@bod/contracts/invitations";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { CopyButton } from "../../../components/ui/copy-button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useCreateInvitation } from "../api/users-api.ts";
import { ROLES } from "./roles.ts";
import { formatDateTime } from "../../../lib/format.ts";

export function InviteForm({ onCreated, onCancel }: { onCreated: (invitation: TCreatedInvitation) => void; onCancel: () => void }) {
  const invite = useCreateInvitation();
  const [v, setV] = useState({ email: "", role: "staff" as TRole });
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.email.includes("@")) errors.email = "Enter an email address";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    invite.mutate({ email: v.email.trim(), role: v.role }, { onSuccess: onCreated });
  }
  const err = (f: string) => local[f] ?? fieldError(invite.error, f);
  return (
    <form onSubmit={submit} className="form-grid" noValidate onChange={() => Object.keys(local).length > 0 && setLocal({})}>
      <FormField label="Email" error={err("email")}>
        <input type="email" value={v.email} onChange={set("email")} autoComplete="off" autoFocus />
      </FormField>
      <FormField label="Role" hint={ROLES.find((r) => r.value === v.role)?.help} error={err("role")}>
        <select value={v.role} onChange={set("role")}>
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </FormField>
      <div className="span-all">
        <ErrorAlert error={invite.error} shownFields={["email", "role"]} />
      </div>
      <div className="form-actions span-all">
        <Button type="submit" variant="primary" busy={invite.isPending}>
          Create invitation
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

/** The invitation link, shown once right after inviting: the admin passes it on themselves. */
export function InvitationLink({ invitation, onDone }: { invitation: TCreatedInvitation; onDone: () => void }) {
  const link = `${window.location.origin}/accept-invitation#token=${encodeURIComponent(invitation.token)}`;
  return (
    <div className="stack">
      <p>
        Invitation for <strong>{invitation.email}</strong> as {invitation.role}, valid until {formatDateTime(invitation.expiresAt)}.
      </p>
      <p className="muted">
        Backorder Desk does not send e-mail yet: give this link to the person yourself, privately. It is shown only now and works once. If they already
        use Backorder Desk, they can also sign in and accept it from the company menu at the top.
      </p>
      <label className="field">
        <span>Invitation link</span>
        <input readOnly value={link} aria-label="Invitation link" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="form-actions">
        <CopyButton text={link} label="Copy link" />
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
