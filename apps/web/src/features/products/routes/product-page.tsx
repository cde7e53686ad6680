import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Barcode } from "../../../components/ui/barcode.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { ProductForm } from "../components/product-form.tsx";
import { SupplierTerms } from "../components/supplier-terms.tsx";
import { useDeleteProduct, useProduct, useUpdateProduct } from "../api/products-api.ts";

export function ProductPage() {
  const { productId = "" } = useParams();
  const product = useProduct(productId);
  const update = useUpdateProduct(productId);
  const remove = useDeleteProduct();
  const toast = useToast();
  const navigate = useNavigate();
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (product.isPending) return <Spinner />;
  if (product.isError)
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/products">← Back to list</Link>
        </p>
        <ErrorAlert error={product.error} />
      </div>
    );
  const p = product.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/products">← Back to list</Link>
      </p>
      <PageHeader
        title={`${p.sku} · ${p.name}`}
        actions={
          <>
            <Link className="btn btn-secondary" to={`/stock/ledger?productId=${p.id}`}>
              Movement history
            </Link>
            <Button variant="danger" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          </>
        }
      />
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
      <ConfirmDialog
        open={confirmDelete}
        title="Delete this item?"
        body={`${p.sku} will be removed. Items with stock or order history cannot be deleted.`}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={<ErrorAlert error={remove.error} />}
        onCancel={() => {
          setConfirmDelete(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(p.id, {
            onSuccess: () => {
              toast(`Product ${p.sku} deleted`);
              navigate("/products", { replace: true });
            },
          })
        }
      />
    </div>
  );
}
