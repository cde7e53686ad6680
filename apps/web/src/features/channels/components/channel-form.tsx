// A channel's general settings: name, kind, default warehouse and mode, backorders, customer notifications, order edits.
import { useState, type FormEvent } from "react";
import { isStoreKind, type TChannel, type TChannelKind, type TFulfillmentMode } from "@bod/contracts/channels";
import { FormField, CheckboxField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useWarehouseOptions } from "../../../lib/lookups.ts";
import { CHANNEL_KINDS } from "../../../lib/channel-kinds.ts";

export type ChannelFormValues = Pick<TChannel, "name" | "kind" | "acceptsBackorders" | "notifyCustomers" | "notifyOnPartialShipment" | "supportsOrderEdits" | "defaultWarehouseId" | "defaultFulfillmentMode">;

/** `readOnly`: shown to roles that may not change channels (the fields are disabled and there is no Save). */
export function ChannelForm({ channel, busy, error, onSubmit, onCancel, readOnly = false }: { channel?: TChannel; busy: boolean; error: unknown; onSubmit: (v: ChannelFormValues) => void; onCancel?: () => void; readOnly?: boolean }) {
  const warehouses = useWarehouseOptions();
  const kind = channel?.kind ?? "shopify";
  const [v, setV] = useState<ChannelFormValues>({
    name: channel?.name ?? "",
    kind,
    acceptsBackorders: channel?.acceptsBackorders ?? true,
    notifyCustomers: channel?.notifyCustomers ?? true,
    notifyOnPartialShipment: channel?.notifyOnPartialShipment ?? true,
    // Stores with an API send order edits as store updates: on by default for them.
    supportsOrderEdits: channel?.supportsOrderEdits ?? isStoreKind(kind),
    defaultWarehouseId: channel?.defaultWarehouseId ?? "",
    defaultFulfillmentMode: channel ? channel.defaultFulfillmentMode : null,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [editsTouched, setEditsTouched] = useState(!!channel);
  const set = <K extends keyof ChannelFormValues>(k: K, value: ChannelFormValues[K]) => setV((x) => ({ ...x, [k]: value }));
  const warehouseId = v.defaultWarehouseId || warehouses.data?.[0]?.id || "";

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!v.name.trim()) errors.name = "Enter the store's name";
    if (!warehouseId) errors.defaultWarehouseId = "Create a warehouse first";
    setLocal(errors);
    if (Object.keys(errors).length === 0) onSubmit({ ...v, name: v.name.trim(), defaultWarehouseId: warehouseId });
  }
  const err = (f: string) => local[f] ?? fieldError(error, f);

  return (
    <form onSubmit={submit} noValidate onChange={() => Object.keys(local).length > 0 && setLocal({})}>
      <fieldset disabled={readOnly} className="form-grid plain-fieldset">
        <FormField label="Name" error={err("name")}>
          <input value={v.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" autoFocus={!channel} />
        </FormField>
        <FormField label="Kind" error={err("kind")}>
          <select
            value={v.kind}
            onChange={(e) => {
              const kind = e.target.value as TChannelKind;
              setV((x) => ({ ...x, kind, supportsOrderEdits: editsTouched ? x.supportsOrderEdits : isStoreKind(kind) }));
            }}
          >
            {CHANNEL_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.long ?? k.label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Default warehouse" hint="Orders from this store are fulfilled from here." error={err("defaultWarehouseId")}>
          <select value={warehouseId} onChange={(e) => set("defaultWarehouseId", e.target.value)}>
            {!warehouseId && <option value="">{warehouses.isPending ? "Loading…" : "No warehouse yet"}</option>}
            {warehouses.data?.map((w) => (
              <option key={w.id} value={w.id}>
                {w.code} · {w.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Default fulfillment mode" error={err("defaultFulfillmentMode")}>
          <select value={v.defaultFulfillmentMode ?? ""} onChange={(e) => set("defaultFulfillmentMode", (e.target.value || null) as TFulfillmentMode | null)}>
            <option value="">The company's default (Settings)</option>
            <option value="ship_partial">Ship in parts as stock allows</option>
            <option value="ship_complete">Hold for one complete shipment</option>
          </select>
        </FormField>
        <fieldset className="fieldset span-all">
          <legend>Settings</legend>
          <CheckboxField label="Accepts backorders" description="Orders for out-of-stock items are taken and wait for stock." checked={v.acceptsBackorders} onChange={(x) => set("acceptsBackorders", x)} />
          <CheckboxField
            label="Supports order edits"
            description={isStoreKind(v.kind) ? "Orders are edited in the store and arrive here as store updates." : "Lines of an order from this store can be changed after import."}
            checked={v.supportsOrderEdits}
            onChange={(x) => {
              setEditsTouched(true);
              set("supportsOrderEdits", x);
            }}
          />
        </fieldset>
        <fieldset className="fieldset span-all">
          <legend>Customer notifications</legend>
          <CheckboxField
            label="Never notify customers"
            description="The store is told about shipments without asking it to email the customer — not even when the last part ships."
            checked={!v.notifyCustomers}
            onChange={(x) => set("notifyCustomers", !x)}
          />
          {v.notifyCustomers ? (
            <CheckboxField label="Notify customers on partial shipment" description="The store tells the customer when part of an order ships (otherwise only when it is complete)." checked={v.notifyOnPartialShipment} onChange={(x) => set("notifyOnPartialShipment", x)} />
          ) : (
            <p className="field-hint">Partial-shipment notices are off too while customers are never notified.</p>
          )}
        </fieldset>
        <div className="span-all">
          <ErrorAlert error={error} shownFields={Object.keys(v)} />
        </div>
        {!readOnly && (
          <div className="form-actions span-all">
            <Button type="submit" variant="primary" busy={busy}>
              Save channel
            </Button>
            {onCancel && <Button onClick={onCancel}>Cancel</Button>}
          </div>
        )}
      </fieldset>
      {readOnly && <p className="muted small">Only an admin can change a channel.</p>}
    </form>
  );
}
