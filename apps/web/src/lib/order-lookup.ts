// A scanned or typed order code → the order (GET /orders/lookup): the number with or without
// its prefix and zeros, the store's order id or name, a packing or staging slip's barcode.
import type { TOrderLookup } from "@bod/contracts/order-list";
import { api, ApiError } from "./api.ts";

/** The order the code names, or undefined when none of this company's orders matches. */
export async function lookupOrder(code: string): Promise<TOrderLookup | undefined> {
  const c = code.trim();
  if (!c) return undefined;
  try {
    return await api.get<TOrderLookup>("/orders/lookup", { code: c });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}
