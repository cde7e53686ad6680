import { useParams } from "react-router";
import { RecordPage } from "../../../components/ui/record-page.tsx";
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
  return (
    <RecordPage
      record={warehouse}
      listPath="/warehouses"
      title={(w) => `${w.code} · ${w.name}`}
      remove={remove}
      deleteTitle="Delete this site?"
      deleteBody={(w) => `${w.code} will be removed. A site with stock, locations or channels cannot be deleted.`}
      deletedMessage={(w) => `${w.code} deleted`}
    >
      {(w) => (
        <>
          <section className="card">
            <h2>Details</h2>
            <WarehouseForm key={w.code + w.name + (w.address ?? "")} warehouse={w} busy={update.isPending} error={update.error} onSubmit={(v) => update.mutate(v, { onSuccess: () => toast("Warehouse saved") })} />
          </section>
          <LocationsSection warehouseId={w.id} />
        </>
      )}
    </RecordPage>
  );
}
