import { useState, type FormEvent } from "react";
import type { TChannel, TChannelKind, TFulfillmentMode } from "@bod/contracts/channels";
import { FormField, CheckboxField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useWarehouseOptions } from "../../../lib/lookups.ts";

export type ChannelFormValues = Pick<TChannel, "name" | "kind" | "acceptsBackorders" | "notifyOnPartialShipment" | "supportsOrderEdits" | "defaultWarehouseId" | "defaultFulfillmentMode">;

const KINDS: { value: TChannelKind; label: string }[] = [
  { value: "shopify", label: "Shopify" },
  { value: "woocommerce", label: "WooCommerce" },
  { value: "amazon", label: "Amazon" },
  { value: "ebay", label: "eBay" },
  { value: "manual", label: "Manual (phone, email, B2B)" },
];

export function ChannelForm({ channel, busy, error, onSubmit, onCancel }: { channel?: TChannel; busy: boolean; error: unknown; onSubmit: (v: ChannelFormValues) => void; onCancel?: () => void }) {
  const warehouses = useWarehouseOptions();
  const [v, setV] = useState<ChannelFormValues>({
    name: channel?.name ?? "",
    kind: channel?.kind ?? "shopify",
    acceptsBackorders: channel?.acceptsBackorders ?? true,
    notifyOnPartialShipment: channel?.notifyOnPartialShipment ?? true,
    supportsOrderEdits: channel?.supportsOrderEdits ?? false,
    defaultWarehouseId: channel?.defaultWarehouseId ?? "",
    defaultFulfillmentMode: channel ? channel.defaultFulfillmentMode : null,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
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
    <form onSubmit={submit} className="form-grid" noValidate onChange={() => Object.keys(local).length > 0 && setLocal({})}>
      <FormField label="Name" error={err("name")}>
        <input value={v.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" autoFocus={!channel} />
      </FormField>
      <FormField label="Kind" error={err("kind")}>
        <select value={v.kind} onChange={(e) => set("kind", e.target.value as TChannelKind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
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
        <CheckboxField label="Notify customers on partial shipment" description="The store tells the customer when part of an order ships." checked={v.notifyOnPartialShipment} onChange={(x) => set("notifyOnPartialShipment", x)} />
        <CheckboxField label="Supports order edits" description="Lines of an order from this store can be changed after import." checked={v.supportsOrderEdits} onChange={(x) => set("supportsOrderEdits", x)} />
      </fieldset>
      <div className="span-all">
        <ErrorAlert error={error} shownFields={Object.keys(v)} />
      </div>
      <div className="form-actions span-all">
        <Button type="submit" variant="primary" busy={busy}>
          Save channel
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
