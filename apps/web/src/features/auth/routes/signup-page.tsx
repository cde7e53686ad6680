import { useState, type FormEvent } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { AuthCard } from "../components/auth-card.tsx";
import { useSignup } from "../api/auth-api.ts";
import { useMe } from "../../../lib/session.ts";

export function SignupPage() {
  const me = useMe();
  const signup = useSignup();
  const navigate = useNavigate();
  const [form, setForm] = useState({ companyName: "", name: "", email: "", password: "" });
  const [tooShort, setTooShort] = useState(false);

  if (me.data && !signup.isSuccess) return <Navigate to="/" replace />;

  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password.length < 10) {
      setTooShort(true);
      return;
    }
    setTooShort(false);
    signup.mutate(
      { companyName: form.companyName.trim(), name: form.name.trim(), email: form.email.trim(), password: form.password },
      { onSuccess: () => navigate("/", { replace: true }) },
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
        <FormField label="Password" hint="At least 10 characters." error={tooShort ? "Use at least 10 characters" : fieldError(signup.error, "password")}>
          <input type="password" value={form.password} onChange={set("password")} autoComplete="new-password" required minLength={10} />
        </FormField>
        <ErrorAlert error={signup.error} shownFields={["companyName", "name", "email", "password"]} />
        <Button type="submit" variant="primary" busy={signup.isPending}>
          Sign up
        </Button>
      </form>
    </AuthCard>
  );
}
