import { useParams } from "react-router";
import { RecordPage } from "../../../components/ui/record-page.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useDeleteSupplier, useSupplier, useUpdateSupplier } from "../api/suppliers-api.ts";
import { SupplierForm } from "../components/supplier-form.tsx";

export function SupplierPage() {
  const { supplierId = "" } = useParams();
  const supplier = useSupplier(supplierId);
  const update = useUpdateSupplier(supplierId);
  const remove = useDeleteSupplier();
  const toast = useToast();
  return (
    <RecordPage
      record={supplier}
      listPath="/suppliers"
      title={(s) => s.name}
      remove={remove}
      deleteTitle="Delete this vendor?"
      deleteBody={(s) => `${s.name} will be removed. Vendors with purchase orders cannot be deleted.`}
      deletedMessage={(s) => `${s.name} deleted`}
    >
      {(s) => (
        <section className="card">
          <SupplierForm key={s.name + s.email} supplier={s} submitLabel="Save supplier" busy={update.isPending} error={update.error} onSubmit={(v) => update.mutate(v, { onSuccess: () => toast("Supplier saved") })} />
        </section>
      )}
    </RecordPage>
  );
}
