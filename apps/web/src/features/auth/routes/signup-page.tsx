import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { PASSWORD_MIN_LENGTH } from "@bod/contracts/auth";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Alert, ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { AuthCard } from "../components/auth-card.tsx";
import { useSignup } from "../api/auth-api.ts";
import { useMe } from "../../../lib/session.ts";

export function SignupPage() {
  const me = useMe();
  const signup = useSignup();
  const navigate = useNavigate();
  const [form, setForm] = useState({ companyName: "", name: "", email: "", password: "" });
  const [tooShort, setTooShort] = useState(false);

  if (me.data && !signup.isSuccess && !signup.isPending) return <Navigate to="/" replace />;

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password.length < PASSWORD_MIN_LENGTH) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    signup.mutate(
      { companyName: form.companyName.trim(), name: form.name.trim(), email: form.email.trim(), password: form.password },
      { onSuccess: (signedIn) => signedIn && navigate("/", { replace: true }) },
    );
  }

  return (
    <AuthCard
      title="Create your company account"
      footer={
        <>
          Already have an account? <Link to="/login">Sign in</Link>
        </>
      }
    >
      <form onSubmit={submit} className="stack" noValidate>
        <FormField label="Company name" error={fieldError(signup.error, "companyName")}>
          <input value={form.companyName} onChange={set("companyName")} autoComplete="organization" required autoFocus />
        </FormField>
        <FormField label="Your name" error={fieldError(signup.error, "name")}>
          <input value={form.name} onChange={set("name")} autoComplete="name" required />
        </FormField>
        <FormField label="Email" error={fieldError(signup.error, "email")}>
          <input type="email" value={form.email} onChange={set("email")} autoComplete="email" required />
        </FormField>
        <FormField
          label="Password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters, not a common one (a few unrelated words work well).`}
          error={tooShort ? `Use at least ${PASSWORD_MIN_LENGTH} characters` : fieldError(signup.error, "password")}
        >
          <input type="password" value={form.password} onChange={set("password")} autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} />
        </FormField>
        {signup.data === null && (
          <Alert tone="warning">
            No company was created and you are not signed in. If this email already has an account, enter that account's password here to add a new
            company to it, or <Link to="/login">sign in</Link>.
          </Alert>
        )}
        <ErrorAlert error={signup.error} shownFields={["companyName", "name", "email", "password"]} />
        <Button type="submit" variant="primary" busy={signup.isPending}>
          Sign up
        </Button>
      </form>
    </AuthCard>
  );
}
