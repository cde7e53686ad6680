import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZStockAdjustmentRequest, ZStockCountRequest, type TStockAdjustmentRequest, type TStockChangeResponse, type TStockCountRequest, type TStockLevel, type TStockMovement } from "@bod/contracts/stock";
import type { TProduct } from "@bod/contracts/products";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList, type Page } from "../../../lib/list-query.ts";

export const stockKeys = {
  all: ["stock"] as const,
  levels: ["stock", "levels"] as const,
  level: ["stock", "level"] as const,
  movements: ["stock", "movements"] as const,
};

export function useStockLevels(warehouseId: string, q: string) {
  return usePagedList<TStockLevel>(stockKeys.levels, "/stock", { warehouseId: warehouseId || undefined, q: q || undefined, limit: 50 });
}

/** The level of one product in one warehouse (undefined when nothing was ever recorded). */
export function useStockLevel(warehouseId: string | undefined, product: TProduct | undefined) {
  return useQuery({
    queryKey: [...stockKeys.level, warehouseId, product?.id],
    enabled: !!warehouseId && !!product,
    queryFn: async ({ signal }) => {
      const page = await api.get<Page<TStockLevel>>("/stock", { warehouseId, q: product!.sku, limit: 50 }, signal);
      return page.items.find((l) => l.productId === product!.id && l.warehouseId === warehouseId) ?? null;
    },
  });
}

export function useMovements(warehouseId: string | undefined, productId: string | undefined, enabled = true) {
  return usePagedList<TStockMovement>(stockKeys.movements, "/stock/movements", { warehouseId: warehouseId || undefined, productId: productId || undefined, limit: 50 }, enabled);
}

export function useAdjustStock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TStockAdjustmentRequest; idempotencyKey: string }) =>
      api.post<TStockChangeResponse>("/stock/adjustments", checked(ZStockAdjustmentRequest, body), idempotencyKey),
    onSuccess: () => qc.invalidateQueries({ queryKey: stockKeys.all }),
  });
}

export function useCountStock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TStockCountRequest; idempotencyKey: string }) => api.post<TStockChangeResponse>("/stock/counts", checked(ZStockCountRequest, body), idempotencyKey),
    onSuccess: () => qc.invalidateQueries({ queryKey: stockKeys.all }),
  });
}

export function useProductById(productId: string | undefined) {
  return useQuery({
    queryKey: ["products", "detail", productId ?? ""],
    queryFn: ({ signal }) => api.get<TProduct>(`/products/${productId}`, undefined, signal),
    enabled: !!productId,
  });
}
