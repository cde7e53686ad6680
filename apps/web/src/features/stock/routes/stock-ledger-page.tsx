// Movement history (the stock ledger): every change to on-hand stock, filtered by product and warehouse.
import { useEffect } from "react";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useProductById } from "../api/stock-api.ts";
import { ProductPicker, useProductLookup } from "../../../components/product-picker.tsx";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { StockActions } from "../components/stock-actions.tsx";
import { LedgerTable } from "../components/ledger-table.tsx";

export function StockLedgerPage() {
  const [warehouseId, setWarehouseId] = useSearchParamState("warehouseId");
  const [productId, setProductId] = useSearchParamState("productId");
  const fromUrl = useProductById(productId || undefined);
  const lookup = useProductLookup();
  const { setResolved, product } = lookup;

  // Show the SKU of a product given in the URL.
  useEffect(() => {
    if (fromUrl.data && product?.id !== fromUrl.data.id) setResolved(fromUrl.data);
  }, [fromUrl.data, product?.id, setResolved]);
  // A product picked here (Enter or leaving the field) filters the ledger.
  useEffect(() => {
    if (product && product.id !== productId) setProductId(product.id);
  }, [product, productId, setProductId]);

  return (
    <div className="page">
      <PageHeader title="Movement history" description="Every change to on-hand stock, newest first, with its reason and who made it." actions={<StockActions current="ledger" warehouseId={warehouseId} />} />
      <div className="toolbar">
        <WarehouseSelect value={warehouseId} onChange={setWarehouseId} allowAll />
        <ProductPicker lookup={lookup} />
        {productId && (
          <Button
            onClick={() => {
              setProductId("");
              setResolved(undefined);
            }}
          >
            Show every item
          </Button>
        )}
      </div>
      <LedgerTable warehouseId={warehouseId || undefined} productId={productId || undefined} />
    </div>
  );
}
