// Adjust stock: scan or type a product, a quantity in or out and a reason, written to the ledger.
import { useCallback, useRef, useState, type FormEvent } from "react";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Alert, ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { formatSigned } from "../../../lib/format.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useAdjustStock, useStockLevel } from "../api/stock-api.ts";
import { ProductPicker, useProductLookup } from "../../../components/product-picker.tsx";
import { rememberWarehouse, WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { StockActions } from "../components/stock-actions.tsx";
import { LedgerTable } from "../components/ledger-table.tsx";

const REASONS = ["Damaged", "Found", "Lost", "Correction", "Returned to stock", "Sample"];

export function StockAdjustPage() {
  const [warehouseId, setWarehouseIdParam] = useSearchParamState("warehouseId");
  const lookup = useProductLookup();
  const [quantity, setQuantity] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string>();
  const adjust = useAdjustStock();
  const key = useIdempotencyKey();
  const toast = useToast();
  const productRef = useRef<HTMLInputElement>(null);
  const quantityRef = useRef<HTMLInputElement>(null);
  const level = useStockLevel(warehouseId || undefined, lookup.product);

  const changed = () => {
    key.renew();
    setResult(undefined);
    setLocal({});
  };
  const setWarehouseId = useCallback(
    (id: string) => {
      setWarehouseIdParam(id);
      rememberWarehouse(id);
    },
    [setWarehouseIdParam],
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const product = await lookup.resolve(productRef.current?.value);
    const errors: Record<string, string> = {};
    const qty = Number(quantity);
    if (!warehouseId) errors.warehouseId = "Choose a warehouse";
    if (quantity.trim() === "" || !Number.isInteger(qty) || qty === 0) errors.quantity = "Enter a whole number other than 0: + adds, − removes";
    if (!reason.trim()) errors.reason = "Say why (damaged, found, correction…)";
    setLocal(errors);
    if (!product) {
      productRef.current?.focus();
      return;
    }
    if (Object.keys(errors).length) return;
    adjust.mutate(
      { body: { warehouseId, productId: product.id, quantity: qty, reason: reason.trim() }, idempotencyKey: key.current() },
      {
        onSuccess: (res) => {
          key.renew();
          const msg = `Adjusted ${product.sku} by ${formatSigned(qty)} in ${res.level.warehouseCode}: on hand now ${res.level.onHand}`;
          setResult(msg);
          toast(msg);
          setQuantity("");
          setReason("");
          productRef.current?.focus();
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(adjust.error, f);

  return (
    <div className="page">
      <PageHeader title="Adjust stock" description="Add or remove units with a reason; every change is recorded in the ledger." actions={<StockActions current="adjust" warehouseId={warehouseId} />} />
      <section className="card">
        <form data-idempotent onSubmit={submit} className="form-grid" noValidate onChange={changed}>
          <ProductPicker lookup={lookup} inputRef={productRef} autoFocus onEnter={() => quantityRef.current?.focus()} />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} error={err("warehouseId")} />
          <FormField
            label="Quantity"
            hint={
              <>
                Signed: 5 adds, −5 removes.
                {level.data !== undefined && lookup.product && <> On hand now: {level.data?.onHand ?? 0}.</>}
              </>
            }
            error={err("quantity")}
          >
            <input ref={quantityRef} type="number" step={1} inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </FormField>
          <FormField label="Reason" error={err("reason")}>
            <input list="adjust-reasons" value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </FormField>
          <datalist id="adjust-reasons">
            {REASONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <div className="span-all">
            <ErrorAlert error={adjust.error} shownFields={["warehouseId", "quantity", "reason"]} />
            {result && !adjust.isPending && <Alert tone="success">{result}</Alert>}
          </div>
          <div className="form-actions span-all">
            <Button type="submit" variant="primary" busy={adjust.isPending || lookup.resolving}>
              Save adjustment
            </Button>
          </div>
        </form>
      </section>
      {lookup.product && warehouseId && (
        <section className="card">
          <h2>
            History of {lookup.product.sku}
          </h2>
          <LedgerTable warehouseId={warehouseId} productId={lookup.product.id} />
        </section>
      )}
    </div>
  );
}
