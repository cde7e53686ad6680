// Backorder policies per customer (by e-mail address): who accepts backorders, who refuses them
// (their short orders are tagged no-backorders on arrival), who wants one complete shipment. They
// override the channel's setting for orders that arrive from now on. Managers add, change and
// remove; everyone else reads.
import { useState, type FormEvent } from "react";
import { BACKORDER_POLICY_LABELS, ZBackorderPolicy, type TBackorderPolicy, type TCustomerPolicy } from "@bod/contracts/customer-policies";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { formatDate } from "../../../lib/format.ts";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";
import { useSession } from "../../../lib/session.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useCreateCustomerPolicy, useCustomerPolicies, useRemoveCustomerPolicy, useUpdateCustomerPolicy } from "../api/customer-policies-api.ts";

const POLICIES = ZBackorderPolicy.options;
const SHORT: Record<TBackorderPolicy, { label: string; tone: BadgeTone }> = {
  accept: { label: "Accept", tone: "success" },
  refuse: { label: "Refuse", tone: "danger" },
  ship_complete: { label: "Ship complete", tone: "info" },
};

export function CustomerPoliciesPage() {
  const me = useSession();
  const canEdit = hasRole(me.role, ROLE_GROUPS.managers);
  const [q, setQ] = useSearchParamState("q");
  const [policy, setPolicy] = useSearchParamState("policy");
  const debounced = useDebounced(q);
  const list = useCustomerPolicies(debounced, POLICIES.includes(policy as TBackorderPolicy) ? policy : "");
  return (
    <div className="page">
      <PageHeader
        title="Customer policies"
        description="A customer's backorder policy overrides the channel's for every order that arrives from that e-mail address, from the API or a store."
      />
      {canEdit && <NewPolicyForm />}
      <div className="toolbar">
        <SearchInput label="Search customers" value={q} onChange={setQ} placeholder="E-mail or name (press /)" />
        <FormField label="Policy">
          <select value={policy} onChange={(e) => setPolicy(e.target.value)}>
            <option value="">All policies</option>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {SHORT[p].label}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <PagedTable
        list={list}
        label="Customer policies"
        empty={<EmptyState title={debounced || policy ? "No customer policy matches" : "No customer policies yet"}>Orders follow their channel's backorder setting.</EmptyState>}
        head={
          <tr>
            <th scope="col">E-mail</th>
            <th scope="col">Name</th>
            <th scope="col">Policy</th>
            <th scope="col">Note</th>
            <th scope="col">Changed</th>
            {canEdit && <th scope="col"><span className="visually-hidden">Actions</span></th>}
          </tr>
        }
        row={(p) => <PolicyRow key={p.id} policy={p} canEdit={canEdit} />}
      />
    </div>
  );
}

function PolicyRow({ policy: p, canEdit }: { policy: TCustomerPolicy; canEdit: boolean }) {
  const update = useUpdateCustomerPolicy();
  const remove = useRemoveCustomerPolicy();
  const toast = useToast();
  return (
    <tr>
      <td className="mono">{p.email}</td>
      <td>{p.name ?? <span className="muted">—</span>}</td>
      <td>
        {canEdit ? (
          <select
            aria-label={`Policy of ${p.email}`}
            value={p.policy}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: p.id, body: { policy: e.target.value as TBackorderPolicy } }, { onSuccess: (s) => toast(`${s.email}: ${SHORT[s.policy].label.toLowerCase()}`) })}
          >
            {POLICIES.map((x) => (
              <option key={x} value={x}>
                {SHORT[x].label}
              </option>
            ))}
          </select>
        ) : (
          <Badge tone={SHORT[p.policy].tone}>{SHORT[p.policy].label}</Badge>
        )}
        <ErrorAlert error={update.error} />
      </td>
      <td>{p.note ?? <span className="muted">—</span>}</td>
      <td>{formatDate(p.updatedAt)}</td>
      {canEdit && (
        <td className="row-actions">
          <Button variant="ghost" busy={remove.isPending} aria-label={`Remove the policy of ${p.email}`} onClick={() => remove.mutate(p.id, { onSuccess: () => toast(`${p.email} follows the channel's setting again`) })}>
            Remove
          </Button>
          <ErrorAlert error={remove.error} />
        </td>
      )}
    </tr>
  );
}

function NewPolicyForm() {
  const create = useCreateCustomerPolicy();
  const toast = useToast();
  const [form, setForm] = useState({ email: "", name: "", policy: "refuse" as TBackorderPolicy, note: "" });
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { email: form.email.trim(), policy: form.policy, ...(form.name.trim() ? { name: form.name.trim() } : {}), ...(form.note.trim() ? { note: form.note.trim() } : {}) },
      {
        onSuccess: (p) => {
          toast(`${p.email}: ${SHORT[p.policy].label.toLowerCase()}`);
          setForm({ email: "", name: "", policy: form.policy, note: "" });
        },
      },
    );
  }
  const err = (f: string) => fieldError(create.error, f);
  return (
    <section className="card" aria-labelledby="new-policy-title">
      <h2 id="new-policy-title">Add a customer</h2>
      <form onSubmit={submit} className="form-row wrap" noValidate>
        <FormField label="E-mail" error={err("email")}>
          <input type="email" autoComplete="off" value={form.email} onChange={(e) => set("email", e.target.value)} />
        </FormField>
        <FormField label="Name (optional)" error={err("name")}>
          <input value={form.name} onChange={(e) => set("name", e.target.value)} />
        </FormField>
        <FormField label="Backorder policy" error={err("policy")} hint={BACKORDER_POLICY_LABELS[form.policy]}>
          <select value={form.policy} onChange={(e) => set("policy", e.target.value as TBackorderPolicy)}>
            {POLICIES.map((p) => (
              <option key={p} value={p}>
                {SHORT[p].label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Note (optional)" error={err("note")}>
          <input value={form.note} maxLength={500} onChange={(e) => set("note", e.target.value)} />
        </FormField>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            Add policy
          </Button>
        </div>
      </form>
      <ErrorAlert error={create.error} />
    </section>
  );
}
