// Store updates that could not be applied (fewer units than already shipped, a change to a
// closed order): shown at the top of the order until a manager marks them resolved. Store items
// that matched no product (unknown SKU) are resolved on their product's page, linked from here.
import { useState } from "react";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useResolveConflict } from "../api/oversell-api.ts";
import type { TOrderDetail } from "../api/order-types.ts";

const UNKNOWN_SKU = "unknown_sku";
const productIdOf = (data: unknown) => (data && typeof data === "object" && "productId" in data && typeof data.productId === "string" ? data.productId : undefined);

/** Lines the store sent whose SKU matched no product: each became a product to review. */
export function UnknownSkuBanner({ order }: { order: TOrderDetail }) {
  const open = order.conflicts.filter((c) => !c.resolvedAt && c.kind === UNKNOWN_SKU);
  if (open.length === 0) return null;
  return (
    <section className="alert alert-warning conflicts" aria-labelledby="unknown-sku-title">
      <h2 id="unknown-sku-title" className="conflicts-title">
        {open.length === 1 ? "1 item from the store matched no product" : `${open.length} items from the store matched no product`}
      </h2>
      <ul>
        {open.map((c) => {
          const productId = productIdOf(c.data);
          return (
            <li key={c.id}>
              <span>{c.message}</span> <span className="small">({formatDateTime(c.createdAt)})</span>
              {productId && (
                <>
                  {" "}
                  <Link to={`/products/${productId}`}>Review the product</Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ConflictsBanner({ order, canResolve }: { order: TOrderDetail; canResolve: boolean }) {
  const open = order.conflicts.filter((c) => !c.resolvedAt && c.kind !== UNKNOWN_SKU);
  const resolve = useResolveConflict(order.id);
  const [busyId, setBusyId] = useState<string>();
  if (open.length === 0) return null;
  return (
    <section className="alert alert-warning conflicts" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title" className="conflicts-title">
        {open.length === 1 ? "1 change from the store could not be applied" : `${open.length} changes from the store could not be applied`}
      </h2>
      <ul>
        {open.map((c) => (
          <li key={c.id}>
            <span>{c.message}</span> <span className="small">({formatDateTime(c.createdAt)})</span>
            {canResolve && (
              <>
                {" "}
                <Button
                  variant="ghost"
                  busy={resolve.isPending && busyId === c.id}
                  onClick={() => {
                    setBusyId(c.id);
                    resolve.mutate({ conflictId: c.id });
                  }}
                >
                  Mark resolved
                </Button>
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={resolve.error} />
    </section>
  );
}
