// The product catalogue: search, the "needs review" filter (SKUs created from store orders), and each product's badges.
import { Link, useNavigate } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { CheckboxField } from "../../../components/ui/form-field.tsx";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useProducts } from "../api/products-api.ts";

export function ProductsPage() {
  const [q, setQ] = useSearchParamState("q");
  const [review, setReview] = useSearchParamState("needsReview");
  const needsReview = review === "true";
  const list = useProducts(q, needsReview);
  const navigate = useNavigate();
  return (
    <div className="page">
      <PageHeader
        title="Products"
        description="SKUs with barcodes, preorder restock dates and supplier terms."
        actions={
          <Button variant="primary" onClick={() => navigate("/products/new")}>
            New product
          </Button>
        }
      />
      <div className="toolbar">
        <SearchInput label="Search products" value={q} onChange={setQ} placeholder="SKU, name or barcode (press /)" autoFocus debounceMs={250} />
        <CheckboxField label="Needs review only" description="Created from store orders whose SKU matched no product." checked={needsReview} onChange={(v) => setReview(v ? "true" : "")} />
      </div>
      <PagedTable
        list={list}
        label="Products"
        empty={
          <EmptyState title={needsReview ? (q ? `No product to review matches “${q}”` : "No product needs review") : q ? `No products match “${q}”` : "No products yet"}>
            {!q && !needsReview && <p>Create the first one with “New product”.</p>}
          </EmptyState>
        }
        head={
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Barcode</th>
            <th scope="col">Preorder</th>
          </tr>
        }
        row={(p) => (
          <tr key={p.id}>
            <td className="mono">
              <Link to={`/products/${p.id}`}>{p.sku}</Link>
            </td>
            <td>
              {p.name} {p.needsReview && <Badge tone="warning">Needs review</Badge>}
            </td>
            <td className="mono">{p.barcode ?? <span className="muted">—</span>}</td>
            <td>
              {p.isPreorder ? (
                <Badge tone="info">
                  Preorder{p.restockDate ? ` · restock ${p.restockDate}` : ""}
                  {p.restockQuantity != null ? ` · ${p.restockQuantity} units` : ""}
                </Badge>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
