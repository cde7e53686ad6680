import { useState, type FormEvent } from "react";
import type { TProduct } from "@bod/contracts/products";
import { FormField, CheckboxField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";

export type ProductFormValues = {
  sku: string;
  name: string;
  barcode: string | null;
  isPreorder: boolean;
  restockDate: string | null;
  restockQuantity: number | null;
};

const FIELDS = ["sku", "name", "barcode", "isPreorder", "restockDate", "restockQuantity"];

export function ProductForm({ product, onSubmit, busy, error, onCancel }: { product?: TProduct; onSubmit: (v: ProductFormValues) => void; busy: boolean; error: unknown; onCancel?: () => void }) {
  const [sku, setSku] = useState(product?.sku ?? "");
  const [name, setName] = useState(product?.name ?? "");
  const [barcode, setBarcode] = useState(product?.barcode ?? "");
  const [isPreorder, setIsPreorder] = useState(product?.isPreorder ?? false);
  const [restockDate, setRestockDate] = useState(product?.restockDate ?? "");
  const [restockQuantity, setRestockQuantity] = useState(product?.restockQuantity?.toString() ?? "");
  const [local, setLocal] = useState<Record<string, string>>({});

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!sku.trim()) errors.sku = "Enter a SKU";
    if (!name.trim()) errors.name = "Enter a name";
    const qty = restockQuantity.trim() === "" ? null : Number(restockQuantity);
    if (qty !== null && (!Number.isInteger(qty) || qty < 0)) errors.restockQuantity = "Enter a whole number, 0 or more";
    setLocal(errors);
    if (Object.keys(errors).length) return;
    onSubmit({
      sku: sku.trim(),
      name: name.trim(),
      barcode: barcode.trim() || null,
      isPreorder,
      restockDate: isPreorder && restockDate ? restockDate : null,
      restockQuantity: isPreorder ? qty : null,
    });
  }

  const err = (f: string) => local[f] ?? fieldError(error, f);

  return (
    <form onSubmit={submit} className="form-grid" noValidate onChange={() => Object.keys(local).length > 0 && setLocal({})}>
      <FormField label="SKU" error={err("sku")}>
        <input value={sku} onChange={(e) => setSku(e.target.value)} autoComplete="off" className="mono" autoFocus={!product} />
      </FormField>
      <FormField label="Name" error={err("name")}>
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </FormField>
      <FormField label="Barcode" hint="Scan or type; EAN, UPC or any Code 128 value." error={err("barcode")}>
        <input value={barcode} onChange={(e) => setBarcode(e.target.value)} autoComplete="off" className="mono" />
      </FormField>
      <fieldset className="fieldset span-all">
        <legend>Preorder</legend>
        <CheckboxField label="Sell as preorder" description="Orders may be taken before stock exists; the restock date projects when they ship." checked={isPreorder} onChange={setIsPreorder} />
        {isPreorder && (
          <div className="form-row">
            <FormField label="Restock date" error={err("restockDate")}>
              <input type="date" value={restockDate} onChange={(e) => setRestockDate(e.target.value)} />
            </FormField>
            <FormField label="Restock quantity" error={err("restockQuantity")}>
              <input type="number" min={0} step={1} inputMode="numeric" value={restockQuantity} onChange={(e) => setRestockQuantity(e.target.value)} />
            </FormField>
          </div>
        )}
      </fieldset>
      <div className="span-all">
        <ErrorAlert error={error} shownFields={FIELDS} />
      </div>
      <div className="form-actions span-all">
        <Button type="submit" variant="primary" busy={busy}>
          Save product
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
