import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZCreateWarehouseRequest, ZUpdateWarehouseRequest, ZCreateLocationRequest, type TCreateLocationRequest, type TCreateWarehouseRequest, type TLocation, type TUpdateWarehouseRequest, type TWarehouse } from "@bod/contracts/warehouses";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

export const warehouseKeys = {
  all: ["warehouses"] as const,
  list: ["warehouses", "list"] as const,
  detail: (id: string) => ["warehouses", "detail", id] as const,
  locations: (id: string) => ["warehouses", "locations", id] as const,
};

export function useWarehouses(q: string) {
  return usePagedList<TWarehouse>(warehouseKeys.list, "/warehouses", { q: q || undefined, limit: 50 });
}

export function useWarehouse(id: string) {
  return useQuery({ queryKey: warehouseKeys.detail(id), queryFn: ({ signal }) => api.get<TWarehouse>(`/warehouses/${id}`, undefined, signal) });
}

export function useCreateWarehouse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateWarehouseRequest) => api.post<TWarehouse>("/warehouses", checked(ZCreateWarehouseRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: warehouseKeys.all }),
  });
}

export function useUpdateWarehouse(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateWarehouseRequest) => api.patch<TWarehouse>(`/warehouses/${id}`, checked(ZUpdateWarehouseRequest, body)),
    onSuccess: (w) => {
      qc.setQueryData(warehouseKeys.detail(id), w);
      return Promise.all([qc.invalidateQueries({ queryKey: warehouseKeys.all }), qc.invalidateQueries({ queryKey: ["stock"] })]);
    },
  });
}

export function useDeleteWarehouse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/warehouses/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: warehouseKeys.all }),
  });
}

export function useLocations(warehouseId: string) {
  return usePagedList<TLocation>(warehouseKeys.locations(warehouseId), `/warehouses/${warehouseId}/locations`, { limit: 100 });
}

export function useCreateLocation(warehouseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateLocationRequest) => api.post<TLocation>(`/warehouses/${warehouseId}/locations`, checked(ZCreateLocationRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: warehouseKeys.locations(warehouseId) }),
  });
}

export function useDeleteLocation(warehouseId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (locationId: string) => api.delete(`/warehouses/${warehouseId}/locations/${locationId}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: warehouseKeys.locations(warehouseId) }),
  });
}
