// The adapter for a channel's kind of store.
import { shopifyAdapter } from "./shopify/adapter.ts";
import type { StoreAdapter } from "./types.ts";
import { wooCommerceAdapter } from "./woocommerce/adapter.ts";

const adapters: Record<string, StoreAdapter> = { shopify: shopifyAdapter, woocommerce: wooCommerceAdapter };

export function adapterFor(kind: string): StoreAdapter {
  const adapter = adapters[kind];
  if (!adapter) throw new Error(`no store adapter for channel kind ${kind}`);
  return adapter;
}
