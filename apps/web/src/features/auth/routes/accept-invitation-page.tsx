// /accept-invitation#token=…: the link an admin passes on (the token stays in the fragment, so it
// is never sent in a request line or a Referer). A new person chooses a name and a password; a
// person whose email already has an account gives its password. The server answers the same
// either way, so whether it worked is read from who is signed in afterwards.
import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { PASSWORD_MIN_LENGTH } from "@bod/contracts/auth";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Alert, ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { AuthCard } from "../components/auth-card.tsx";
import { useAcceptInvitation, useInvitationPreview } from "../api/auth-api.ts";
import { useMe } from "../../../lib/session.ts";
import { formatDateTime } from "../../../lib/format.ts";

export function tokenFromHash(hash: string) {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? "";
}

export function AcceptInvitationPage() {
  // A browser already signed in sends its session cookie with these POSTs, so they need its CSRF token first.
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenFromHash(location.hash);
  const preview = useInvitationPreview(token, !me.isPending);
  const accept = useAcceptInvitation(preview.data?.email);
  const [form, setForm] = useState({ name: "", password: "" });
  const [tooShort, setTooShort] = useState(false);

  if (!token) {
    return (
      <AuthCard title="Invitation">
        <Alert tone="error">This page needs the whole invitation link. Ask the person who invited you to send it again.</Alert>
      </AuthCard>
    );
  }
  if (preview.isPending) return <Spinner label="Opening the invitation…" />;
  if (preview.isError)
    return (
      <AuthCard title="Invitation" footer={<Link to="/login">Sign in</Link>}>
        <ErrorAlert error={preview.error} />
      </AuthCard>
    );
  const inv = preview.data;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password.length < PASSWORD_MIN_LENGTH) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    accept.mutate({ token, name: form.name.trim(), password: form.password }, { onSuccess: (me) => me && navigate("/", { replace: true }) });
  }
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <AuthCard
      title={`Join ${inv.companyName}`}
      footer={
        <>
          Already use Backorder Desk with {inv.email}? You can also <Link to="/login">sign in</Link> and accept it from the company menu at the top.
        </>
      }
    >
      <p>
        You are invited as <strong>{inv.role}</strong> with <strong>{inv.email}</strong>, until {formatDateTime(inv.expiresAt)}.
      </p>
      <form onSubmit={submit} className="stack" noValidate>
        <FormField label="Your name" hint="Kept as it is if this email already has an account." error={fieldError(accept.error, "name")}>
          <input value={form.name} onChange={set("name")} autoComplete="name" required autoFocus />
        </FormField>
        <FormField
          label="Password"
          hint={`New here: choose one, at least ${PASSWORD_MIN_LENGTH} characters, not a common one (a few unrelated words work well). Already have an account with this email: its password.`}
          error={tooShort ? `Use at least ${PASSWORD_MIN_LENGTH} characters` : fieldError(accept.error, "password")}
        >
          <input type="password" value={form.password} onChange={set("password")} autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} />
        </FormField>
        {accept.data === null && (
          <Alert tone="warning">
            Not accepted. If {inv.email} already has an account, enter that account's password — or sign in and accept the invitation from the company menu.
          </Alert>
        )}
        <ErrorAlert error={accept.error} shownFields={["name", "password"]} />
        <Button type="submit" variant="primary" busy={accept.isPending}>
          Accept invitation
        </Button>
      </form>
    </AuthCard>
  );
}
