import { useState } from "react";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { FactList } from "../../../components/ui/fact-list.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { formatDate, formatDateTime } from "../../../lib/format.ts";
import { usePurchaseOrder, usePurchaseOrderAction, type TPurchaseOrderAction } from "../api/purchase-orders-api.ts";
import { type TPurchaseOrder } from "../api/purchasing-types.ts";
import { PoStatusBadge } from "../components/po-status-badge.tsx";
import { PoLinesTable } from "../components/po-lines-table.tsx";
import { PoEditForm } from "../components/po-edit-form.tsx";
import "../purchasing.css";

const CONFIRM: Record<Exclude<TPurchaseOrderAction, "submit">, { title: string; body: string; label: string }> = {
  cancel: { title: "Cancel this purchase order?", body: "Its quantities stop counting as incoming; waiting orders lose the projected dates it gave them.", label: "Cancel purchase order" },
  close: { title: "Close this purchase order?", body: "Nothing more is expected from it: the remaining quantities stop counting as incoming.", label: "Close purchase order" },
};

export function PurchaseOrderPage() {
  const { poId = "" } = useParams();
  const po = usePurchaseOrder(poId);
  if (po.isPending) return <Spinner />;
  if (po.isError)
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/purchasing">← Back to list</Link>
        </p>
        <ErrorAlert error={po.error} />
      </div>
    );
  return <PurchaseOrderView po={po.data} />;
}

function PurchaseOrderView({ po }: { po: TPurchaseOrder }) {
  const action = usePurchaseOrderAction(po.id);
  const toast = useToast();
  const [confirm, setConfirm] = useState<"cancel" | "close">();
  // What this user may do on it now comes from the server (allowedActions: role × status).
  const may = (a: TPurchaseOrder["allowedActions"][number]) => po.allowedActions.includes(a);
  const canEdit = may("edit");
  const run = (a: TPurchaseOrderAction) =>
    action.mutate(
      { action: a, version: po.version },
      {
        onSuccess: (saved) => {
          setConfirm(undefined);
          toast(`Purchase order ${saved.number} ${a === "submit" ? "ordered" : a === "cancel" ? "cancelled" : "closed"}`);
        },
      },
    );

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/purchasing">← Back to list</Link>
      </p>
      <PageHeader
        title={`Purchase order ${po.number}`}
        description={<PoStatusBadge status={po.status} />}
        actions={
          <>
            {may("submit") && (
              <Button variant="primary" busy={action.isPending && action.variables?.action === "submit"} onClick={() => run("submit")}>
                Submit to supplier
              </Button>
            )}
            {may("receive") && (
              <Link className="btn btn-primary" to={`/receiving/${po.id}`}>
                Receive
              </Link>
            )}
            <Link className="btn btn-secondary" to={`/purchasing/${po.id}/print`}>
              Print PO
            </Link>
            {may("close") && <Button onClick={() => setConfirm("close")}>Close</Button>}
            {may("cancel") && (
              <Button variant="danger" onClick={() => setConfirm("cancel")}>
                Cancel
              </Button>
            )}
          </>
        }
      />
      {!confirm && <ErrorAlert error={action.error} />}
      <section className="card">
        <FactList
          facts={[
            ["Supplier", <Link to={`/suppliers/${po.supplier.id}`}>{po.supplier.name}</Link>],
            ["Warehouse", po.warehouse.code ? `${po.warehouse.code} · ${po.warehouse.name}` : po.warehouse.name],
            ["Expected", formatDate(po.expectedDate)],
            ["Created", formatDateTime(po.createdAt)],
          ]}
        />
        <h2>Lines</h2>
        {canEdit ? <PoEditForm key={po.version} po={po} /> : <PoLinesTable lines={po.lines} />}
      </section>
      <section className="card">
        <h2>Receipts</h2>
        {po.receipts.length === 0 ? (
          <p className="muted">Nothing received yet.</p>
        ) : (
          <Table
            label="Receipts"
            head={
              <tr>
                <th scope="col">Received</th>
                <th scope="col">By</th>
                <th scope="col">Lines</th>
              </tr>
            }
          >
            {po.receipts.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.createdAt)}</td>
                <td>{r.createdBy?.name ?? <span className="muted">—</span>}</td>
                <td>{r.lines.map((l) => `${l.sku} × ${l.quantity}`).join(", ")}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      {confirm && (
        <ConfirmDialog
          open
          title={CONFIRM[confirm].title}
          body={CONFIRM[confirm].body}
          confirmLabel={CONFIRM[confirm].label}
          busy={action.isPending}
          error={<ErrorAlert error={action.error} />}
          onConfirm={() => run(confirm)}
          onCancel={() => {
            setConfirm(undefined);
            action.reset();
          }}
        />
      )}
    </div>
  );
}
