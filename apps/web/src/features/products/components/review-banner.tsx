// A product created from a store order whose SKU matched nothing: a manager confirms it as a new
// product, or maps it to the existing product it really is (its order lines move there).
import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import type { TProduct } from "@bod/contracts/products";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { ProductPicker, useProductLookup } from "../../../components/product-picker.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useReviewProduct } from "../api/products-api.ts";
import "../products.css";

export function ReviewBanner({ product, canReview }: { product: TProduct; canReview: boolean }) {
  const review = useReviewProduct(product.id);
  const lookup = useProductLookup();
  const toast = useToast();
  const navigate = useNavigate();
  const [mapping, setMapping] = useState(false);
  const target = lookup.product;
  const sameProduct = target?.id === product.id;
  const { reset } = review;
  // A refusal (e.g. an order already has a line of that product) is about the product picked: clear it on another pick.
  useEffect(() => reset(), [target?.id, reset]);

  async function map(picked?: TProduct) {
    const p = picked ?? target ?? (await lookup.resolve());
    if (!p || p.id === product.id) return;
    review.mutate(
      { action: "map", productId: p.id },
      {
        onSuccess: (r) => {
          toast(`${product.sku} mapped to ${r.product.sku}: ${r.linesMoved} order line(s) moved`);
          navigate(`/products/${r.product.id}`, { replace: true });
        },
      },
    );
  }

  return (
    <section className="alert alert-warning review-banner" aria-labelledby="review-title">
      <h2 id="review-title" className="conflicts-title">
        Created from a store order: this SKU matched no product
      </h2>
      <p>
        A store sent <span className="mono">{product.sku}</span>, which is not one of your products. If it is new, confirm it (then complete its details below). If it is a product you already have under another SKU, map it: its order lines move to that product, the store&apos;s SKU points there from now on, and this one is removed.
      </p>
      {canReview ? (
        <>
          <div className="form-actions wrap">
            <Button variant="primary" busy={review.isPending && review.variables?.action === "confirm"} onClick={() => review.mutate({ action: "confirm" }, { onSuccess: (r) => toast(`${r.product.sku} confirmed as a product${r.conflictsResolved ? `; ${r.conflictsResolved} order conflict(s) resolved` : ""}`) })}>
              Confirm as a new product
            </Button>
            {!mapping && <Button onClick={() => setMapping(true)}>Map to an existing product</Button>}
          </div>
          {mapping && (
            <div className="review-map">
              <ProductPicker lookup={lookup} label="Existing product" autoFocus onEnter={(p) => void map(p)} />
              <Button variant="primary" busy={review.isPending && review.variables?.action === "map"} disabled={sameProduct} onClick={() => void map()}>
                {target && !sameProduct ? `Map to ${target.sku}` : "Map"}
              </Button>
              <Button variant="ghost" onClick={() => setMapping(false)}>
                Cancel
              </Button>
            </div>
          )}
          {sameProduct && <p className="field-error">Choose another product than this one.</p>}
          <ErrorAlert error={review.error} />
        </>
      ) : (
        <p className="small">A manager or admin can confirm it or map it to an existing product.</p>
      )}
    </section>
  );
}
