// One product: review banner (store-created SKUs), details, barcode label, supplier terms, bins,
// reorder points.
import { Link, useParams } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { Barcode } from "../../../components/ui/barcode.tsx";
import { RecordPage } from "../../../components/ui/record-page.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { ProductForm } from "../components/product-form.tsx";
import { SupplierTerms } from "../components/supplier-terms.tsx";
import { ReviewBanner } from "../components/review-banner.tsx";
import { ProductBins } from "../components/product-bins.tsx";
import { ReorderPoints } from "../components/reorder-points.tsx";
import { useDeleteProduct, useProduct, useUpdateProduct } from "../api/products-api.ts";
import { useSession } from "../../../lib/session.ts";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";

export function ProductPage() {
  const { productId = "" } = useParams();
  const product = useProduct(productId);
  const update = useUpdateProduct(productId);
  const remove = useDeleteProduct();
  const toast = useToast();
  const me = useSession();
  return (
    <RecordPage
      record={product}
      listPath="/products"
      title={(p) => `${p.sku} · ${p.name}`}
      actions={(p) => (
        <Link className="btn btn-secondary" to={`/stock/ledger?productId=${p.id}`}>
          Movement history
        </Link>
      )}
      remove={remove}
      deleteTitle="Delete this item?"
      deleteBody={(p) => `${p.sku} will be removed. Items with stock or order history cannot be deleted.`}
      deletedMessage={(p) => `Product ${p.sku} deleted`}
    >
      {(p) => (
        <>
          {p.needsReview && <ReviewBanner key={p.id} product={p} canReview={hasRole(me.role, ROLE_GROUPS.managers)} />}
          <section className="card">
            <h2>Details</h2>
            <ProductForm
              key={p.updatedAt}
              product={p}
              busy={update.isPending}
              error={update.error}
              onSubmit={(v) => update.mutate(v, { onSuccess: (saved) => toast(`Product ${saved.sku} saved`) })}
            />
            {p.barcode && (
              <div className="barcode-box">
                <Barcode value={p.barcode} />
                <Button onClick={() => window.print()}>Print label</Button>
              </div>
            )}
          </section>
          <SupplierTerms productId={p.id} />
          <ProductBins productId={p.id} canEdit={hasRole(me.role, ROLE_GROUPS.managers)} />
          <ReorderPoints productId={p.id} canEdit={hasRole(me.role, ROLE_GROUPS.purchasing)} />
        </>
      )}
    </RecordPage>
  );
}
