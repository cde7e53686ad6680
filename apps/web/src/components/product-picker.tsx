// A "scan a barcode or type a SKU" product field and its lookup state, shared by stock and product screens.
import { useCallback, useRef, useState, type Ref } from "react";
import type { TProduct } from "@bod/contracts/products";
import { FormField } from "./ui/form-field.tsx";
import { errorMessage } from "../lib/api.ts";
import { findProductByCode } from "../lib/product-lookup.ts";

export type ProductLookup = ReturnType<typeof useProductLookup>;

/** State of a "scan a barcode or type a SKU" field: the text, the product it resolved to, and why not. */
export function useProductLookup(initial?: TProduct) {
  const [text, setTextState] = useState(initial?.sku ?? "");
  const [product, setProduct] = useState<TProduct | undefined>(initial);
  const [error, setError] = useState<string>();
  const [resolving, setResolving] = useState(false);
  const seq = useRef(0);

  const setText = useCallback((t: string) => {
    setTextState(t);
    setProduct(undefined);
    setError(undefined);
  }, []);

  const setResolved = useCallback((p: TProduct | undefined) => {
    setProduct(p);
    setTextState(p?.sku ?? "");
    setError(undefined);
  }, []);

  /** Resolves the current text; returns the product (already-resolved text returns at once). */
  const resolve = useCallback(
    async (value?: string): Promise<TProduct | undefined> => {
      const code = (value ?? text).trim();
      if (product && (code === product.sku || code === product.barcode)) return product;
      if (!code) {
        setError("Scan a barcode or type a SKU");
        return undefined;
      }
      const my = ++seq.current;
      setResolving(true);
      try {
        const found = await findProductByCode(code);
        if (my !== seq.current) return found;
        if (!found) {
          setError(`No product with SKU or barcode “${code}”`);
          setProduct(undefined);
          return undefined;
        }
        setProduct(found);
        setTextState(found.sku);
        setError(undefined);
        return found;
      } catch (err) {
        if (my === seq.current) setError(errorMessage(err));
        return undefined;
      } finally {
        if (my === seq.current) setResolving(false);
      }
    },
    [text, product],
  );

  return { text, setText, product, error, resolving, resolve, setResolved };
}

/** The "Product" input: a scanner types the barcode and presses Enter, which resolves it and moves on. */
export function ProductPicker({ lookup, onEnter, inputRef, autoFocus, label = "Product" }: { lookup: ProductLookup; onEnter?: (p: TProduct) => void; inputRef?: Ref<HTMLInputElement>; autoFocus?: boolean; label?: string }) {
  const hint = lookup.resolving ? "Looking up…" : lookup.product ? `${lookup.product.sku} · ${lookup.product.name}` : "Scan a barcode or type a SKU, then Enter.";
  return (
    <FormField label={label} hint={<span className={lookup.product ? "resolved" : undefined}>{hint}</span>} error={lookup.error}>
      <input
        ref={inputRef}
        className="mono"
        value={lookup.text}
        autoComplete="off"
        autoFocus={autoFocus}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => lookup.setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          void lookup.resolve(e.currentTarget.value).then((p) => p && onEnter?.(p));
        }}
        onBlur={(e) => {
          if (e.currentTarget.value.trim() && !lookup.product) void lookup.resolve(e.currentTarget.value);
        }}
      />
    </FormField>
  );
}
