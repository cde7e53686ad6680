import { useState, type FormEvent } from "react";
import type { TOrderDetail } from "@bod/contracts/orders";
import type { TStagedOrder } from "@bod/contracts/staging";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useChangeMode, usePickLocations, useUnstage } from "../api/staging-api.ts";

/** Return every staged unit to a pick location (cancelled order, mode changed), releasing the hard allocation. */
export function UnstageForm({ order, staged }: { order: TOrderDetail; staged: TStagedOrder }) {
  const locations = usePickLocations(order.warehouseId);
  const unstage = useUnstage(order.id);
  const key = useIdempotencyKey();
  const toast = useToast();
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const units = staged.lines.reduce((s, l) => s + l.picked, 0);

  function submit(e: FormEvent) {
    e.preventDefault();
    unstage.mutate(
      { body: { toLocationId: to, ...(reason.trim() ? { reason: reason.trim() } : {}) }, idempotencyKey: key.current() },
      {
        onSuccess: () => {
          key.renew();
          toast(`${units} unit(s) of ${order.number} returned from ${staged.container.code}`);
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="unstage-title">
      <h2 id="unstage-title">Unstage</h2>
      <p className="muted small">
        Return the {units} unit(s) in {staged.container.code} to a pick location: the order's hard allocation is released and the container is free again.
      </p>
      <form data-idempotent className="form-row" onSubmit={submit} noValidate>
        <FormField label="Return to">
          <select value={to} onChange={(e) => setTo(e.target.value)} required>
            <option value="">{locations.data?.length === 0 ? "No pick location in this warehouse" : "Choose…"}</option>
            {locations.data?.map((l) => (
              <option key={l.id} value={l.id}>
                {l.code} ({l.kind})
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Reason">
          <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
        </FormField>
        <Button type="submit" disabled={!to} busy={unstage.isPending}>
          Unstage
        </Button>
      </form>
      <ErrorAlert error={unstage.error} />
    </section>
  );
}

/** Managers: ship in parts or ship complete, with a reason for the timeline. */
export function ModeForm({ order }: { order: Pick<TOrderDetail, "id" | "fulfillmentMode" | "version"> }) {
  const change = useChangeMode(order.id);
  const [reason, setReason] = useState("");
  const next = order.fulfillmentMode === "ship_complete" ? "ship_partial" : "ship_complete";

  function submit(e: FormEvent) {
    e.preventDefault();
    change.mutate({ mode: next, reason: reason.trim(), version: order.version }, { onSuccess: () => setReason("") });
  }

  return (
    <section className="card" aria-labelledby="mode-title">
      <h2 id="mode-title">Fulfillment mode</h2>
      <p className="muted small">{order.fulfillmentMode === "ship_complete" ? "This order ships complete, in one shipment." : "This order ships in parts as stock allows."}</p>
      <form data-idempotent className="form-row" onSubmit={submit} noValidate>
        <FormField label="Reason">
          <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" required />
        </FormField>
        <Button type="submit" disabled={!reason.trim()} busy={change.isPending}>
          {next === "ship_complete" ? "Change to ship complete" : "Change to ship in parts"}
        </Button>
      </form>
      <ErrorAlert error={change.error} />
    </section>
  );
}
