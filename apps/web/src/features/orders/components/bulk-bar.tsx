import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog } from "../../../components/ui/dialog.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { errorMessage } from "../../../lib/api.ts";
import { useSession } from "../../../lib/session.ts";
import { downloadSelectionCsv, useBulkOrders, useBulkShip } from "../api/orders-api.ts";
// The pick-lists feature's own hook: a pick list is created from the desk's selection.
import { useCreatePickList } from "../../pick-lists/api/pick-lists-api.ts";
import type { TBulkAction, TBulkRequest } from "../api/order-types.ts";
import { canManageOrders, canWorkStock } from "../lib/roles.ts";

type Pending = { action: TBulkAction; title: string } | null;

/** Actions on the selected orders; the answer lists what failed (a shipped order cannot be held…). */
export function BulkBar({ selectedIds, shownCount, onSelectAll, onDone }: { selectedIds: string[]; shownCount: number; onSelectAll: () => void; onDone: () => void }) {
  const me = useSession();
  const isManager = canManageOrders(me.role);
  const bulk = useBulkOrders();
  const ship = useBulkShip();
  const pickList = useCreatePickList();
  const toast = useToast();
  const navigate = useNavigate();
  const [pending, setPending] = useState<Pending>(null);
  const [tag, setTag] = useState("");
  const [priority, setPriority] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<string>();
  const n = selectedIds.length;

  function open(action: TBulkAction, title: string) {
    bulk.reset();
    setLocal(undefined);
    setPending({ action, title });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!pending) return;
    const body: TBulkRequest = { orderIds: selectedIds, action: pending.action };
    if (pending.action === "tag" || pending.action === "untag") {
      if (!tag.trim()) return setLocal("Enter a tag");
      body.tag = tag.trim();
    }
    if (pending.action === "set_priority") {
      const p = Number(priority);
      if (priority.trim() === "" || !Number.isInteger(p)) return setLocal("Enter a whole number (higher ships first)");
      body.priority = p;
    }
    if (pending.action === "hold" || pending.action === "set_priority") {
      if (!reason.trim()) return setLocal("Say why");
      body.reason = reason.trim();
    }
    bulk.mutate(body, {
      onSuccess: (res) => {
        const failed = res.failed?.length ?? 0;
        toast(`${res.succeeded?.length ?? 0} orders updated${failed ? `, ${failed} could not be: ${res.failed.map((f) => f.error.message).slice(0, 2).join("; ")}` : ""}`, failed ? "error" : "success");
        setPending(null);
        setTag("");
        setReason("");
        onDone();
      },
    });
  }

  function shipFulfillable() {
    ship.mutate(selectedIds, {
      onSuccess: (res) => {
        const failed = res.failed.length;
        toast(
          `${res.shipped.length} ${res.shipped.length === 1 ? "order" : "orders"} shipped${failed ? `; ${failed} not shipped: ${res.failed.map((f) => f.error.message).slice(0, 2).join("; ")}` : ""}`,
          failed ? "error" : "success",
        );
        onDone();
      },
      onError: (err) => toast(errorMessage(err), "error"),
    });
  }

  function createPickList() {
    pickList.mutate(
      { orderIds: selectedIds },
      {
        onSuccess: (res) => {
          if (res.leftOut.length) toast(`${res.leftOut.length} ${res.leftOut.length === 1 ? "order was" : "orders were"} left off the pick list`, "error");
          navigate(`/pick-lists/${res.pickList.id}`);
        },
        onError: (err) => toast(errorMessage(err), "error"),
      },
    );
  }

  async function exportSelection() {
    try {
      await downloadSelectionCsv(selectedIds, me.csrfToken);
    } catch (err) {
      toast(errorMessage(err), "error");
    }
  }

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <strong aria-live="polite">{n} selected</strong>
      {n < shownCount && (
        <Button variant="ghost" onClick={onSelectAll}>
          Select all {shownCount.toLocaleString()} shown
        </Button>
      )}
      {canWorkStock(me.role) && (
        <>
          <Button variant="primary" busy={ship.isPending} onClick={shipFulfillable}>
            Ship fulfillable
          </Button>
          <Button onClick={() => open("tag", "Tag orders")}>Tag</Button>
          <Button onClick={() => open("untag", "Remove a tag")}>Untag</Button>
        </>
      )}
      {isManager && (
        <>
          <Button onClick={() => open("hold", "Hold orders")}>Hold</Button>
          <Button onClick={() => open("release", "Release orders")}>Release</Button>
          <Button onClick={() => open("set_priority", "Set priority")}>Set priority</Button>
        </>
      )}
      <Button onClick={() => navigate(`/shipments/slips?orders=${selectedIds.join(",")}`)}>Print packing slips</Button>
      <Button onClick={exportSelection}>Export selection (CSV)</Button>
      {canWorkStock(me.role) && (
        <Button busy={pickList.isPending} onClick={createPickList}>
          Create pick list
        </Button>
      )}
      <Button variant="ghost" onClick={onDone}>
        Clear selection
      </Button>
      <Dialog open={pending !== null} title={pending?.title ?? ""} onClose={() => setPending(null)}>
        <form onSubmit={submit} className="stack" noValidate>
          <p>
            {n} {n === 1 ? "order" : "orders"}
          </p>
          {(pending?.action === "tag" || pending?.action === "untag") && (
            <FormField label="Tag">
              <input value={tag} onChange={(e) => setTag(e.target.value)} autoFocus autoComplete="off" />
            </FormField>
          )}
          {pending?.action === "set_priority" && (
            <FormField label="Priority" hint="Higher ships first; 0 is normal.">
              <input type="number" step={1} value={priority} onChange={(e) => setPriority(e.target.value)} autoFocus />
            </FormField>
          )}
          {(pending?.action === "hold" || pending?.action === "set_priority") && (
            <FormField label="Reason">
              <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
            </FormField>
          )}
          {local && <div className="field-error">{local}</div>}
          <ErrorAlert error={bulk.error} />
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={bulk.isPending}>
              {pending?.title ?? "Apply"}
            </Button>
            <Button onClick={() => setPending(null)}>Cancel</Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
