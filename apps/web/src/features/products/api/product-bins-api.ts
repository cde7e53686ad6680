// A product's bin (pick or bulk location) per warehouse: read, set and cleared by managers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZSetProductLocationRequest, type TProductLocation, type TProductLocations } from "@bod/contracts/pick-lists";
import type { TLocation } from "@bod/contracts/warehouses";
import { api, checked } from "../../../lib/api.ts";
import { fetchAll } from "../../../lib/list-query.ts";

const binKeys = { product: (productId: string) => ["products", "bins", productId] as const };

export function useProductBins(productId: string) {
  return useQuery({
    queryKey: binKeys.product(productId),
    queryFn: ({ signal }) => api.get<TProductLocations>(`/products/${productId}/locations`, undefined, signal),
    enabled: !!productId,
  });
}

/** The pick and bulk locations of a warehouse, by code: where a bin may be. */
export function useBinLocations(warehouseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["warehouses", "locations", warehouseId, "bins"],
    queryFn: async ({ signal }) => {
      const [pick, bulk] = await Promise.all([
        fetchAll<TLocation>(`/warehouses/${warehouseId}/locations`, { kind: "pick" }, signal),
        fetchAll<TLocation>(`/warehouses/${warehouseId}/locations`, { kind: "bulk" }, signal),
      ]);
      return [...pick, ...bulk].sort((a, b) => a.code.localeCompare(b.code));
    },
    enabled: !!warehouseId && enabled,
  });
}

export function useSetProductBin(productId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ warehouseId, locationId }: { warehouseId: string; locationId: string | null }) => api.put<TProductLocation>(`/products/${productId}/locations/${warehouseId}`, checked(ZSetProductLocationRequest, { locationId })),
    onSuccess: () => qc.invalidateQueries({ queryKey: binKeys.product(productId) }),
  });
}
