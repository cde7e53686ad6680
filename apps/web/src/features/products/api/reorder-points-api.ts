// A product's reorder points per warehouse: read with the position they are compared with, set
// and removed by purchasing roles, and suggested from demand (GET …/suggestion, writes nothing).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZSetReorderPointRequest, type TReorderPoint, type TReorderPoints, type TReorderSuggestion } from "@bod/contracts/reorder-points";
import type { z } from "zod";
import { api, apiRequest, checked } from "../../../lib/api.ts";

const reorderKeys = { product: (productId: string) => ["products", "reorder-points", productId] as const };

export function useReorderPoints(productId: string) {
  return useQuery({
    queryKey: reorderKeys.product(productId),
    queryFn: ({ signal }) => api.get<TReorderPoints>(`/products/${productId}/reorder-points`, undefined, signal),
    enabled: !!productId,
  });
}

export function useSetReorderPoint(productId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ warehouseId, body }: { warehouseId: string; body: z.input<typeof ZSetReorderPointRequest> }) =>
      api.put<TReorderPoint>(`/products/${productId}/reorder-points/${warehouseId}`, checked(ZSetReorderPointRequest, body)),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: reorderKeys.product(productId) }), qc.invalidateQueries({ queryKey: ["reports"] })]),
  });
}

export function useRemoveReorderPoint(productId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (warehouseId: string) => apiRequest<TReorderPoint>(`/products/${productId}/reorder-points/${warehouseId}`, { method: "DELETE" }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: reorderKeys.product(productId) }), qc.invalidateQueries({ queryKey: ["reports"] })]),
  });
}

export function useSuggestReorderPoint(productId: string) {
  return useMutation({
    mutationFn: ({ warehouseId, windowDays, safetyStock, coverDays }: { warehouseId: string; windowDays: number; safetyStock: number; coverDays: number }) =>
      api.get<TReorderSuggestion>(`/products/${productId}/reorder-points/${warehouseId}/suggestion`, { windowDays, safetyStock, coverDays }),
  });
}
