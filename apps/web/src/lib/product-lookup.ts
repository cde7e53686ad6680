import type { TProduct } from "@bod/contracts/products";
import { api, ApiError } from "./api.ts";
import type { Page } from "./list-query.ts";

/** A scanned barcode or a typed SKU → the product, or undefined when nothing matches exactly. */
export async function findProductByCode(code: string): Promise<TProduct | undefined> {
  const c = code.trim();
  if (!c) return undefined;
  try {
    return await api.get<TProduct>(`/products/by-barcode/${encodeURIComponent(c)}`);
  } catch (err) {
    if (!(err instanceof ApiError && (err.status === 404 || err.status === 400))) throw err;
  }
  const page = await api.get<Page<TProduct>>("/products", { q: c, limit: 50 });
  const lower = c.toLowerCase();
  return page.items.find((p) => p.sku.toLowerCase() === lower) ?? page.items.find((p) => p.barcode === c);
}
