import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useDeleteSupplier, useSupplier, useUpdateSupplier } from "../api/suppliers-api.ts";
import { SupplierForm } from "../components/supplier-form.tsx";

export function SupplierPage() {
  const { supplierId = "" } = useParams();
  const supplier = useSupplier(supplierId);
  const update = useUpdateSupplier(supplierId);
  const remove = useDeleteSupplier();
  const toast = useToast();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  const back = (
    <p className="breadcrumb">
      <Link to="/suppliers">← Back to list</Link>
    </p>
  );
  if (supplier.isPending) return <Spinner />;
  if (supplier.isError)
    return (
      <div className="page">
        {back}
        <ErrorAlert error={supplier.error} />
      </div>
    );
  const s = supplier.data;
  return (
    <div className="page">
      {back}
      <PageHeader
        title={s.name}
        actions={
          <Button variant="danger" onClick={() => setConfirm(true)}>
            Delete
          </Button>
        }
      />
      <section className="card">
        <SupplierForm key={s.name + s.email} supplier={s} submitLabel="Save supplier" busy={update.isPending} error={update.error} onSubmit={(v) => update.mutate(v, { onSuccess: () => toast("Supplier saved") })} />
      </section>
      <ConfirmDialog
        open={confirm}
        title="Delete this vendor?"
        body={`${s.name} will be removed. Vendors with purchase orders cannot be deleted.`}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={<ErrorAlert error={remove.error} />}
        onCancel={() => {
          setConfirm(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(s.id, {
            onSuccess: () => {
              toast(`${s.name} deleted`);
              navigate("/suppliers", { replace: true });
            },
          })
        }
      />
    </div>
  );
}
