// Company settings: name, currency, allocation policy (a change recomputes every open order as a job, whose progress shows here), default mode.
import { useCallback, useState, type FormEvent } from "react";
import type { TAllocationPolicy, TSettings } from "@bod/contracts/settings";
import type { TBackgroundJob } from "@bod/contracts/integrations";
import type { TFulfillmentMode } from "@bod/contracts/channels";
import { CURRENCIES } from "@bod/contracts/common";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { JobProgress } from "../../../components/job-progress.tsx";
import { useRefreshAfterRecompute, useSettings, useUpdateSettings } from "../api/settings-api.ts";

const POLICIES: { value: TAllocationPolicy; label: string; help: string }[] = [
  {
    value: "strict_priority",
    label: "Strict priority (default)",
    help: "Stock goes to orders in rank order — priority, then ship-by date, then order date — even when that leaves an order only partly covered.",
  },
  {
    value: "complete_orders_first",
    label: "Complete orders first",
    help: "First, in rank order, stock goes only to orders it can complete in full; what is left is then handed to the rest by rank. More orders ship whole, but a large early order may wait longer.",
  },
];

const currencyName = new Intl.DisplayNames(undefined, { type: "currency" });
const CURRENCY_OPTIONS = CURRENCIES.map((code) => ({ code, label: `${code} — ${currencyName.of(code) ?? code}` }));

function SettingsForm({ settings, onRecompute }: { settings: TSettings; onRecompute: (job: TBackgroundJob) => void }) {
  const update = useUpdateSettings();
  const toast = useToast();
  const [name, setName] = useState(settings.name);
  const [policy, setPolicy] = useState<TAllocationPolicy>(settings.allocationPolicy);
  const [mode, setMode] = useState<TFulfillmentMode>(settings.defaultFulfillmentMode);
  const [currency, setCurrency] = useState(settings.currency);
  const [local, setLocal] = useState<string>();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim().length < 2) return setLocal("Use at least 2 characters");
    setLocal(undefined);
    update.mutate(
      { name: name.trim(), allocationPolicy: policy, defaultFulfillmentMode: mode, currency },
      {
        onSuccess: (s) => {
          if (s.recomputeJob) {
            toast("Settings saved; recomputing every open order");
            onRecompute(s.recomputeJob);
          } else toast("Settings saved");
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="stack card" noValidate>
      <FormField label="Company name" error={local ?? fieldError(update.error, "name")}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="organization" />
      </FormField>
      <FormField label="Currency" hint="Prices, refunds and purchase-order totals show in it." error={fieldError(update.error, "currency")}>
        <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
          {CURRENCY_OPTIONS.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </select>
      </FormField>
      <fieldset className="fieldset">
        <legend>Allocation policy</legend>
        <p className="muted small">How available stock is promised to waiting orders. Changing it recomputes every open order.</p>
        {POLICIES.map((p) => (
          <div key={p.value} className="radio-field">
            <input type="radio" id={`policy-${p.value}`} name="allocationPolicy" value={p.value} checked={policy === p.value} onChange={() => setPolicy(p.value)} aria-describedby={`policy-${p.value}-help`} />
            <label htmlFor={`policy-${p.value}`}>{p.label}</label>
            <div className="field-hint" id={`policy-${p.value}-help`}>
              {p.help}
            </div>
          </div>
        ))}
      </fieldset>
      <FormField label="Default fulfillment mode" hint="For new orders whose sales channel does not set one.">
        <select value={mode} onChange={(e) => setMode(e.target.value as TFulfillmentMode)}>
          <option value="ship_partial">Ship in parts as stock allows</option>
          <option value="ship_complete">Hold for one complete shipment</option>
        </select>
      </FormField>
      <ErrorAlert error={update.error} shownFields={["name", "currency"]} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={update.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}

export function SettingsPage() {
  const settings = useSettings();
  const [job, setJob] = useState<TBackgroundJob>();
  const refresh = useRefreshAfterRecompute();
  const toast = useToast();
  const onDone = useCallback(
    (j: TBackgroundJob) => {
      void refresh();
      toast(j.status === "succeeded" ? "Every open order was recomputed" : "The recompute failed", j.status === "succeeded" ? "success" : "error");
    },
    [refresh, toast],
  );
  return (
    <div className="page">
      <PageHeader title="Settings" description="Company-wide settings." />
      {settings.isPending ? <Spinner /> : settings.isError ? <ErrorAlert error={settings.error} /> : <SettingsForm key={settings.data.tenantId} settings={settings.data} onRecompute={setJob} />}
      {job && <JobProgress key={job.id} jobId={job.id} initial={job} title="Recomputing open orders" onDone={onDone} />}
    </div>
  );
}
