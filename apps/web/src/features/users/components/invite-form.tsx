import { useState, type FormEvent } from "react";
import type { TRole } from "@bod/contracts/common";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useInviteUser } from "../api/users-api.ts";
import { ROLES } from "./roles.ts";

export function InviteForm({ onDone }: { onDone: () => void }) {
  const invite = useInviteUser();
  const toast = useToast();
  const [v, setV] = useState({ email: "", name: "", role: "staff" as TRole, password: "" });
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((x) => ({ ...x, [k]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.email.includes("@")) errors.email = "Enter an email address";
    if (!v.name.trim()) errors.name = "Enter their name";
    if (v.password.length < 10) errors.password = "Use at least 10 characters";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    invite.mutate(
      { email: v.email.trim(), name: v.name.trim(), role: v.role, password: v.password },
      {
        onSuccess: (m) => {
          toast(`${m.email} added as ${m.role}`);
          onDone();
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(invite.error, f);
  return (
    <form onSubmit={submit} className="form-grid" noValidate onChange={() => Object.keys(local).length > 0 && setLocal({})}>
      <FormField label="Email" error={err("email")}>
        <input type="email" value={v.email} onChange={set("email")} autoComplete="off" autoFocus />
      </FormField>
      <FormField label="Name" error={err("name")}>
        <input value={v.name} onChange={set("name")} autoComplete="off" />
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
      <FormField label="Temporary password" hint="Share it privately; ignored if the person already has an account." error={err("password")}>
        <input type="password" value={v.password} onChange={set("password")} autoComplete="new-password" />
      </FormField>
      <div className="span-all">
        <ErrorAlert error={invite.error} shownFields={["email", "name", "role", "password"]} />
      </div>
      <div className="form-actions span-all">
        <Button type="submit" variant="primary" busy={invite.isPending}>
          Add user
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
