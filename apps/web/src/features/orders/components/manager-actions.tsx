import { useState, type FormEvent } from "react";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { parseMoneyToCents } from "../../../lib/format.ts";
import { findProductByCode } from "../../../lib/product-lookup.ts";
import { useOrderAction, type TOrderActionPath } from "../api/orders-api.ts";
import type { TOrderDetail } from "../api/order-types.ts";
import { EditOrderForm } from "./edit-order-form.tsx";

type Kind = "hold" | "priority" | "cancel" | "cancel_line" | "exchange" | "edit";
const TITLES: Record<Kind, string> = { hold: "Hold order", priority: "Change priority", cancel: "Cancel order", cancel_line: "Cancel a line", exchange: "Exchange an item", edit: "Edit order" };

type Body = Record<string, unknown>;

/** Manager-only changes to an order, each in a dialog that asks for a reason. */
export function ManagerActions({ order }: { order: TOrderDetail }) {
  const [kind, setKind] = useState<Kind | null>(null);
  const release = useOrderAction(order.id);
  const toast = useToast();
  // Which buttons show comes from the server: the order's allowedActions (role × state).
  const may = (a: TOrderDetail["allowedActions"][number]) => order.allowedActions.includes(a);
  const openLines = order.lines.filter((l) => l.remaining > 0);
  return (
    <div className="page-actions" role="group" aria-label="Manager actions">
      {may("release") && (
        <Button busy={release.isPending} onClick={() => release.mutate({ path: "release", body: {} }, { onSuccess: () => toast(`Order ${order.number} released`), onError: (e) => toast(e.message, "error") })}>
          Release
        </Button>
      )}
      {may("hold") && <Button onClick={() => setKind("hold")}>Hold</Button>}
      {may("edit") && <Button onClick={() => setKind("edit")}>Edit order</Button>}
      {may("reprioritise") && <Button onClick={() => setKind("priority")}>Change priority</Button>}
      {may("cancel") && openLines.length > 0 && <Button onClick={() => setKind("cancel_line")}>Cancel line</Button>}
      {may("exchange") && openLines.length > 0 && <Button onClick={() => setKind("exchange")}>Exchange</Button>}
      {may("cancel") && (
        <Button variant="danger" onClick={() => setKind("cancel")}>
          Cancel order
        </Button>
      )}
      <Dialog open={kind !== null} title={kind ? TITLES[kind] : ""} onClose={() => setKind(null)}>
        {kind === "edit" && <EditOrderForm order={order} onDone={() => setKind(null)} />}
        {kind && kind !== "edit" && <ActionForm key={kind} kind={kind} order={order} onDone={() => setKind(null)} />}
      </Dialog>
    </div>
  );
}

function ActionForm({ kind, order, onDone }: { kind: Exclude<Kind, "edit">; order: TOrderDetail; onDone: () => void }) {
  const openLines = order.lines.filter((l) => l.remaining > 0);
  const [reason, setReason] = useState("");
  const [priority, setPriority] = useState(String(order.priority));
  const [lineId, setLineId] = useState(openLines[0]?.id ?? "");
  const [quantity, setQuantity] = useState("1");
  const [refund, setRefund] = useState("");
  const [product, setProduct] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [resolving, setResolving] = useState(false);
  const toast = useToast();
  const action = useOrderAction(order.id);
  const line = openLines.find((l) => l.id === lineId);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const body: Body = {};
    if (!reason.trim()) errors.reason = "Say why";
    body.reason = reason.trim();
    if (kind === "priority") {
      const p = Number(priority);
      if (priority.trim() === "" || !Number.isInteger(p)) errors.priority = "Enter a whole number";
      body.priority = p;
    }
    if (kind === "cancel_line" || kind === "exchange") {
      const q = Number(quantity);
      if (!line) errors.lineId = "Choose a line";
      else if (!Number.isInteger(q) || q < 1 || q > line.remaining) errors.quantity = `Enter 1 to ${line.remaining}`;
      body.quantity = q;
      if (kind === "exchange") body.lineId = lineId;
    }
    if ((kind === "cancel" || kind === "cancel_line") && refund.trim()) {
      const cents = parseMoneyToCents(refund);
      if (cents === undefined) errors.refundCents = "Enter an amount such as 12.50";
      else body.refundCents = cents;
    }
    if (kind === "exchange") {
      if (!product.trim()) errors.newProductId = "Scan or type the SKU of the replacement";
      else {
        setResolving(true);
        try {
          const p = await findProductByCode(product);
          if (!p) errors.newProductId = `No product with SKU or barcode “${product.trim()}”`;
          else body.newProductId = p.id;
        } finally {
          setResolving(false);
        }
      }
    }
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const path: TOrderActionPath = kind === "cancel_line" ? `lines/${lineId}/cancel` : kind;
    action.mutate({ path, body }, {
      onSuccess: () => {
        toast(`${TITLES[kind]}: done`);
        onDone();
      },
    });
  }
  const err = (f: string) => local[f] ?? fieldError(action.error, f);

  return (
    <form onSubmit={submit} className="stack" noValidate>
      {kind === "priority" && (
        <FormField label="Priority" hint="Higher ships first; 0 is normal." error={err("priority")}>
          <input type="number" step={1} value={priority} onChange={(e) => setPriority(e.target.value)} autoFocus />
        </FormField>
      )}
      {(kind === "cancel_line" || kind === "exchange") && (
        <>
          <FormField label="Line" error={err("lineId")}>
            <select value={lineId} onChange={(e) => setLineId(e.target.value)}>
              {openLines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.sku} · {l.name} ({l.remaining} remaining)
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Quantity" error={err("quantity")}>
            <input type="number" min={1} max={line?.remaining} step={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </FormField>
        </>
      )}
      {kind === "exchange" && (
        <FormField label="Replacement product" hint="SKU or barcode" error={err("newProductId")}>
          <input value={product} onChange={(e) => setProduct(e.target.value)} autoComplete="off" className="mono" />
        </FormField>
      )}
      {(kind === "cancel" || kind === "cancel_line") && (
        <FormField label="Refund amount" hint="Optional, e.g. 12.50" error={err("refundCents")}>
          <input inputMode="decimal" value={refund} onChange={(e) => setRefund(e.target.value)} />
        </FormField>
      )}
      <FormField label="Reason" error={err("reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" autoFocus={kind !== "priority"} maxLength={500} />
      </FormField>
      <ErrorAlert error={action.error} shownFields={["reason", "priority", "quantity", "refundCents", "newProductId", "lineId"]} />
      <div className="form-actions">
        <Button type="submit" variant={kind === "cancel" || kind === "cancel_line" ? "danger" : "primary"} busy={action.isPending || resolving}>
          {TITLES[kind]}
        </Button>
        <Button onClick={onDone}>Back</Button>
      </div>
    </form>
  );
}
