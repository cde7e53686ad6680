import { Link, useNavigate } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { ProductForm } from "../components/product-form.tsx";
import { useCreateProduct } from "../api/products-api.ts";

export function ProductNewPage() {
  const create = useCreateProduct();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/products">← Back to list</Link>
      </p>
      <PageHeader title="New product" />
      <ProductForm
        busy={create.isPending}
        error={create.error}
        onCancel={() => navigate("/products")}
        onSubmit={(v) =>
          create.mutate(
            {
              sku: v.sku,
              name: v.name,
              isPreorder: v.isPreorder,
              ...(v.barcode ? { barcode: v.barcode } : {}),
              ...(v.restockDate ? { restockDate: v.restockDate } : {}),
              ...(v.restockQuantity != null ? { restockQuantity: v.restockQuantity } : {}),
            },
            {
              onSuccess: (p) => {
                toast(`Product ${p.sku} created`);
                navigate(`/products/${p.id}`, { replace: true });
              },
            },
          )
        }
      />
    </div>
  );
}
