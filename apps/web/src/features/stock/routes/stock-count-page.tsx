// Count stock: scan a product, type what is on the shelf, and the ledger records the difference.
import { useCallback, useRef, useState, type FormEvent } from "react";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Alert, ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { formatSigned } from "../../../lib/format.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useCountStock, useStockLevel } from "../api/stock-api.ts";
import { ProductPicker, useProductLookup } from "../../../components/product-picker.tsx";
import { rememberWarehouse, WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { StockActions } from "../components/stock-actions.tsx";
import { LedgerTable } from "../components/ledger-table.tsx";

export function StockCountPage() {
  const [warehouseId, setWarehouseIdParam] = useSearchParamState("warehouseId");
  const lookup = useProductLookup();
  const [counted, setCounted] = useState("");
  const [reason, setReason] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string>();
  const count = useCountStock();
  const key = useIdempotencyKey();
  const toast = useToast();
  const productRef = useRef<HTMLInputElement>(null);
  const countedRef = useRef<HTMLInputElement>(null);
  const level = useStockLevel(warehouseId || undefined, lookup.product);
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
    const n = Number(counted);
    if (!warehouseId) errors.warehouseId = "Choose a warehouse";
    if (counted.trim() === "" || !Number.isInteger(n) || n < 0) errors.countedQuantity = "Enter the units you counted (0 or more)";
    setLocal(errors);
    if (!product) {
      productRef.current?.focus();
      return;
    }
    if (Object.keys(errors).length) return;
    count.mutate(
      { body: { warehouseId, productId: product.id, countedQuantity: n, ...(reason.trim() ? { reason: reason.trim() } : {}) }, idempotencyKey: key.current() },
      {
        onSuccess: (res) => {
          key.renew();
          const msg = res.movement
            ? `Counted ${n} of ${product.sku} in ${res.level.warehouseCode}: recorded ${formatSigned(res.movement.quantity)}, on hand now ${res.level.onHand}`
            : `Counted ${n} of ${product.sku}: matches on hand, nothing changed`;
          setResult(msg);
          toast(msg);
          setCounted("");
          setReason("");
          productRef.current?.focus();
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(count.error, f);

  return (
    <div className="page">
      <PageHeader title="Count stock" description="Enter what is physically on the shelf; the difference to on hand is recorded as a count." actions={<StockActions current="count" warehouseId={warehouseId} />} />
      <section className="card">
        <form data-idempotent
          onSubmit={submit}
          className="form-grid"
          noValidate
          onChange={() => {
            key.renew();
            setResult(undefined);
            setLocal({});
          }}
        >
          <ProductPicker lookup={lookup} inputRef={productRef} autoFocus onEnter={() => countedRef.current?.focus()} />
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} error={err("warehouseId")} />
          <FormField label="Counted quantity" hint={lookup.product && level.data !== undefined ? `System on hand: ${level.data?.onHand ?? 0}` : undefined} error={err("countedQuantity")}>
            <input ref={countedRef} type="number" min={0} step={1} inputMode="numeric" value={counted} onChange={(e) => setCounted(e.target.value)} />
          </FormField>
          <FormField label="Reason" hint="Optional, e.g. cycle count." error={err("reason")}>
            <input value={reason} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </FormField>
          <div className="span-all">
            <ErrorAlert error={count.error} shownFields={["warehouseId", "countedQuantity", "reason"]} />
            {result && !count.isPending && <Alert tone="success">{result}</Alert>}
          </div>
          <div className="form-actions span-all">
            <Button type="submit" variant="primary" busy={count.isPending || lookup.resolving}>
              Save count
            </Button>
          </div>
        </form>
      </section>
      {lookup.product && warehouseId && (
        <section className="card">
          <h2>History of {lookup.product.sku}</h2>
          <LedgerTable warehouseId={warehouseId} productId={lookup.product.id} />
        </section>
      )}
    </div>
  );
}
