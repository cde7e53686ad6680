import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useDeleteWarehouse, useUpdateWarehouse, useWarehouse } from "../api/warehouses-api.ts";
import { WarehouseForm } from "../components/warehouse-form.tsx";
import { LocationsSection } from "../components/locations-section.tsx";

export function WarehousePage() {
  const { warehouseId = "" } = useParams();
  const warehouse = useWarehouse(warehouseId);
  const update = useUpdateWarehouse(warehouseId);
  const remove = useDeleteWarehouse();
  const toast = useToast();
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  const back = (
    <p className="breadcrumb">
      <Link to="/warehouses">← Back to list</Link>
    </p>
  );
  if (warehouse.isPending) return <Spinner />;
  if (warehouse.isError)
    return (
      <div className="page">
        {back}
        <ErrorAlert error={warehouse.error} />
      </div>
    );
  const w = warehouse.data;
  return (
    <div className="page">
      {back}
      <PageHeader
        title={`${w.code} · ${w.name}`}
        actions={
          <Button variant="danger" onClick={() => setConfirm(true)}>
            Delete
          </Button>
        }
      />
      <section className="card">
        <h2>Details</h2>
        <WarehouseForm key={w.code + w.name} warehouse={w} busy={update.isPending} error={update.error} onSubmit={(v) => update.mutate(v, { onSuccess: () => toast("Warehouse saved") })} />
      </section>
      <LocationsSection warehouseId={w.id} />
      <ConfirmDialog
        open={confirm}
        title="Delete this site?"
        body={`${w.code} will be removed. A site with stock, locations or channels cannot be deleted.`}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={<ErrorAlert error={remove.error} />}
        onCancel={() => {
          setConfirm(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(w.id, {
            onSuccess: () => {
              toast(`${w.code} deleted`);
              navigate("/warehouses", { replace: true });
            },
          })
        }
      />
    </div>
  );
}
