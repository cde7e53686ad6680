// Builders for API tests: each creates one entity through the real API (so it goes through
// validation, roles and tenancy like a user's request) and returns the response body.
// Pass overrides for the fields a test cares about; everything else gets a unique default.
import crypto from "node:crypto";
import type { TChannel, TCreateChannelRequest } from "@bod/contracts/channels";
import type { TCreateProductRequest, TProduct, TProductSupplier, TUpsertProductSupplierRequest } from "@bod/contracts/products";
import type { TStockChangeResponse } from "@bod/contracts/stock";
import type { TCreateSupplierRequest, TSupplier } from "@bod/contracts/suppliers";
import type { TContainer, TCreateLocationRequest, TCreateWarehouseRequest, TLocation, TWarehouse } from "@bod/contracts/warehouses";
import type { ApiClient, ApiResponse } from "./client.ts";

/** A short unique suffix for codes and names. */
export const unique = (prefix = "") => `${prefix}${crypto.randomBytes(4).toString("hex")}`;

export function created<T>(what: string, res: ApiResponse<T>, status = 201): T {
  if (res.status !== status) throw new Error(`build ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function buildWarehouse(client: ApiClient, overrides: Partial<TCreateWarehouseRequest> = {}): Promise<TWarehouse> {
  const code = overrides.code ?? unique("WH-");
  return created("warehouse", await client.post("/api/v1/warehouses", { code, name: `Warehouse ${code}`, ...overrides }));
}

export async function buildLocation(client: ApiClient, overrides: Partial<TCreateLocationRequest> & { warehouseId?: string } = {}): Promise<TLocation> {
  const { warehouseId = (await buildWarehouse(client)).id, ...body } = overrides;
  return created("location", await client.post(`/api/v1/warehouses/${warehouseId}/locations`, { code: unique("LOC-"), kind: "pick", ...body }));
}

/** A container on a staging location (made when `locationId` is not given). */
export async function buildContainer(client: ApiClient, overrides: { locationId?: string; code?: string } = {}): Promise<TContainer> {
  const { locationId = (await buildLocation(client, { kind: "staging" })).id, ...body } = overrides;
  return created("container", await client.post(`/api/v1/locations/${locationId}/containers`, { code: unique("TOTE-"), ...body }));
}

export async function buildProduct(client: ApiClient, overrides: Partial<TCreateProductRequest> = {}): Promise<TProduct> {
  const sku = overrides.sku ?? unique("SKU-");
  return created("product", await client.post("/api/v1/products", { sku, name: `Product ${sku}`, ...overrides }));
}

export async function buildSupplier(client: ApiClient, overrides: Partial<TCreateSupplierRequest> = {}): Promise<TSupplier> {
  return created("supplier", await client.post("/api/v1/suppliers", { name: unique("Supplier "), ...overrides }));
}

export async function buildSupplierTerms(
  client: ApiClient,
  productId: string,
  supplierId: string,
  overrides: Partial<TUpsertProductSupplierRequest> = {},
): Promise<TProductSupplier> {
  return created("supplier terms", await client.put(`/api/v1/products/${productId}/suppliers/${supplierId}`, { unitCostCents: 1250, leadTimeDays: 7, ...overrides }), 200);
}

/** A sales channel; its default warehouse is made when `defaultWarehouseId` is not given. */
export async function buildChannel(client: ApiClient, overrides: Partial<TCreateChannelRequest> = {}): Promise<TChannel> {
  const defaultWarehouseId = overrides.defaultWarehouseId ?? (await buildWarehouse(client)).id;
  return created("channel", await client.post("/api/v1/channels", { name: unique("Shop "), kind: "shopify", ...overrides, defaultWarehouseId }));
}

/** Puts stock on hand through the ledger (an adjustment), as a stock-writing role. */
export async function buildStock(client: ApiClient, input: { warehouseId: string; productId: string; quantity: number; reason?: string }): Promise<TStockChangeResponse> {
  return created("stock", await client.post("/api/v1/stock/adjustments", { reason: "test stock", ...input }));
}

/** A warehouse and a product with `quantity` on hand (none when 0). */
export async function buildStockedProduct(client: ApiClient, quantity = 10) {
  const warehouse = await buildWarehouse(client);
  const product = await buildProduct(client);
  if (quantity !== 0) await buildStock(client, { warehouseId: warehouse.id, productId: product.id, quantity });
  return { warehouse, product };
}
