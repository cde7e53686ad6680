import { useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { TProduct } from "@bod/contracts/products";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ScanInput } from "../../../components/ui/scan-input.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { errorMessage } from "../../../lib/api.ts";
import { parseMoneyToCents } from "../../../lib/format.ts";
import { useSupplierOptions, useWarehouseOptions } from "../../../lib/lookups.ts";
import { findProductByCode } from "../../../lib/product-lookup.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useCreatePurchaseOrder } from "../api/purchase-orders-api.ts";
import "../purchasing.css";

type DraftLine = { product: TProduct; quantity: string; unitCost: string };

/** A purchase order typed in by hand (the report is the usual way): supplier, warehouse, date, SKUs. */
export function PurchaseOrderNewPage() {
  const suppliers = useSupplierOptions();
  const warehouses = useWarehouseOptions();
  const [supplierId, setSupplierId] = useState("");
  const [warehouseId, setWarehouseId] = useState("");
  const [expectedDate, setExpectedDate] = useState("");
  const [codeError, setCodeError] = useState<string>();
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useCreatePurchaseOrder();
  const key = useIdempotencyKey();
  const toast = useToast();
  const navigate = useNavigate();
  const codeRef = useRef<HTMLInputElement>(null);

  async function addProduct(c: string) {
    try {
      const product = await findProductByCode(c);
      if (!product) return setCodeError(`No product with SKU or barcode “${c}”`);
      setCodeError(undefined);
      key.renew();
      // A repeated scan of the same product adds one unit.
      setLines((ls) =>
        ls.some((l) => l.product.id === product.id)
          ? ls.map((l) => (l.product.id === product.id ? { ...l, quantity: String((Number(l.quantity) || 0) + 1) } : l))
          : [...ls, { product, quantity: "1", unitCost: "" }],
      );
    } catch (err) {
      setCodeError(errorMessage(err));
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!supplierId) errors.supplierId = "Choose a supplier";
    if (!warehouseId) errors.warehouseId = "Choose a warehouse";
    if (lines.length === 0) errors.lines = "Add at least one SKU";
    const body = lines.map((l) => {
      const quantity = Number(l.quantity);
      if (!Number.isInteger(quantity) || quantity < 1) errors.lines = `Quantity for ${l.product.sku} must be a whole number of at least 1`;
      const cents = l.unitCost.trim() ? parseMoneyToCents(l.unitCost) : undefined;
      if (l.unitCost.trim() && cents === undefined) errors.lines = `Unit cost for ${l.product.sku} must be an amount like 12.50`;
      return { productId: l.product.id, quantity, ...(cents !== undefined ? { unitCostCents: cents } : {}) };
    });
    setLocal(errors);
    if (Object.keys(errors).length) return;
    create.mutate(
      { body: { supplierId, warehouseId, ...(expectedDate ? { expectedDate } : {}), lines: body }, idempotencyKey: key.current() },
      {
        onSuccess: (po) => {
          key.renew();
          toast(`Purchase order ${po.number} created`);
          navigate(`/purchasing/${po.id}`);
        },
      },
    );
  }
  const err = (f: string) => local[f] ?? fieldError(create.error, f);
  const setLine = (i: number, patch: Partial<DraftLine>) => {
    key.renew();
    setLines((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/purchasing">← Back to list</Link>
      </p>
      <PageHeader title="New purchase order" description="Unit costs default to the supplier's terms for each SKU when left blank." />
      <form data-idempotent className="card stack" onSubmit={submit} noValidate>
        <div className="form-grid">
          <FormField label="Supplier" error={err("supplierId")}>
            <select value={supplierId} onChange={(e) => (key.renew(), setSupplierId(e.target.value))}>
              <option value="">{suppliers.isPending ? "Loading…" : "Choose…"}</option>
              {suppliers.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Warehouse" error={err("warehouseId")}>
            <select value={warehouseId} onChange={(e) => (key.renew(), setWarehouseId(e.target.value))}>
              <option value="">{warehouses.isPending ? "Loading…" : "Choose…"}</option>
              {warehouses.data?.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.code} · {w.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Expected date" error={err("expectedDate")}>
            <input type="date" value={expectedDate} onChange={(e) => (key.renew(), setExpectedDate(e.target.value))} />
          </FormField>
          <ScanInput label="Add SKU" hint="Scan a barcode or type a SKU, then Enter." onScan={addProduct} inputRef={codeRef} error={codeError} />
        </div>
        {lines.length > 0 && (
          <Table
            label="New purchase order lines"
            head={
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col">Quantity</th>
                <th scope="col">Unit cost</th>
                <th scope="col" />
              </tr>
            }
          >
            {lines.map((l, i) => (
              <tr key={l.product.id}>
                <td className="mono">{l.product.sku}</td>
                <td>{l.product.name}</td>
                <td>
                  <input className="qty-input" type="number" min={1} step={1} aria-label={`Quantity for ${l.product.sku}`} value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} />
                </td>
                <td>
                  <input className="qty-input" inputMode="decimal" aria-label={`Unit cost for ${l.product.sku}`} placeholder="terms" value={l.unitCost} onChange={(e) => setLine(i, { unitCost: e.target.value })} />
                </td>
                <td className="row-actions">
                  <Button variant="ghost" onClick={() => (key.renew(), setLines((ls) => ls.filter((_, j) => j !== i)))} aria-label={`Remove ${l.product.sku}`}>
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
        )}
        {err("lines") && <div className="field-error">{err("lines")}</div>}
        <ErrorAlert error={create.error} shownFields={["supplierId", "warehouseId", "expectedDate", "lines"]} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create purchase order
          </Button>
        </div>
      </form>
    </div>
  );
}
