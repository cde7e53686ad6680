import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZCreateContainerRequest, type TContainer, type TLocation } from "@bod/contracts/warehouses";
import { ZCreateShipmentRequest, type TCreateShipmentRequest, type TOrderDetail, type TShipmentResponse } from "@bod/contracts/orders";
import type { TOrderPickLocations } from "@bod/contracts/pick-lists";
import { ZStageRequest, ZUnstageRequest, ZChangeFulfillmentModeRequest, type TChangeFulfillmentModeRequest, type TOrderStaging, type TStagedOrder, type TStageRequest, type TStagingBoard, type TUnstageRequest } from "@bod/contracts/staging";
import { api, checked } from "../../../lib/api.ts";
import { fetchAll } from "../../../lib/list-query.ts";

export const stagingKeys = {
  board: (warehouseId: string) => ["staging", "board", warehouseId] as const,
  order: (orderId: string) => ["staging", "order", orderId] as const,
};

export function useStagingLocations(warehouseId: string) {
  return useQuery({
    queryKey: ["warehouses", "locations", warehouseId, "staging"],
    queryFn: ({ signal }) => fetchAll<TLocation>(`/warehouses/${warehouseId}/locations`, { kind: "staging" }, signal),
    enabled: !!warehouseId,
  });
}

/** Pick and bulk locations of a warehouse: where picked units come from and unstaged units go back to. */
export function usePickLocations(warehouseId: string) {
  return useQuery({
    queryKey: ["warehouses", "locations", warehouseId, "pick"],
    queryFn: async ({ signal }) => {
      const [pick, bulk] = await Promise.all([
        fetchAll<TLocation>(`/warehouses/${warehouseId}/locations`, { kind: "pick" }, signal),
        fetchAll<TLocation>(`/warehouses/${warehouseId}/locations`, { kind: "bulk" }, signal),
      ]);
      return [...pick, ...bulk];
    },
    enabled: !!warehouseId,
  });
}

export function useContainers(locationId: string) {
  return useQuery({
    queryKey: ["containers", locationId],
    queryFn: ({ signal }) => fetchAll<TContainer>(`/locations/${locationId}/containers`, {}, signal),
    enabled: !!locationId,
  });
}

export function useCreateContainer(locationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<TContainer>(`/locations/${locationId}/containers`, checked(ZCreateContainerRequest, { code })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["containers", locationId] }),
  });
}

export function usePickOrder(orderId: string | undefined) {
  return useQuery({
    queryKey: ["orders", "detail", orderId ?? ""],
    queryFn: ({ signal }) => api.get<TOrderDetail>(`/orders/${orderId}`, undefined, signal),
    enabled: !!orderId,
    // What is in stock for the order decides what may be scanned: always read it fresh.
    staleTime: 0,
    refetchOnMount: "always",
  });
}

/** The bin of each of the order's lines (where its units are picked from). */
export function useOrderBins(orderId: string | undefined) {
  return useQuery({
    queryKey: ["orders", "bins", orderId ?? ""],
    queryFn: ({ signal }) => api.get<TOrderPickLocations>(`/orders/${orderId}/pick-locations`, undefined, signal),
    enabled: !!orderId,
  });
}

export function useOrderStaging(orderId: string | undefined) {
  return useQuery({
    queryKey: stagingKeys.order(orderId ?? ""),
    queryFn: ({ signal }) => api.get<TOrderStaging>(`/orders/${orderId}/staging`, undefined, signal),
    enabled: !!orderId,
    staleTime: 0,
    refetchOnMount: "always",
  });
}

export function useStagingBoard(warehouseId: string) {
  return useQuery({
    queryKey: stagingKeys.board(warehouseId),
    queryFn: ({ signal }) => api.get<TStagingBoard>("/staging/board", { warehouseId: warehouseId || undefined }, signal),
    staleTime: 0,
    refetchOnMount: "always",
    refetchInterval: 30_000,
  });
}

/** Staging changes what every order of those SKUs can get: refresh orders, staging, stock and reports. */
function useRefreshAll() {
  const qc = useQueryClient();
  return () => Promise.all(["orders", "staging", "stock", "reports", "containers"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
}

export function useStage(orderId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TStageRequest; idempotencyKey: string }) => api.post<TStagedOrder>(`/orders/${orderId}/staging`, checked(ZStageRequest, body), idempotencyKey),
    onSuccess: refresh,
  });
}

export function useUnstage(orderId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TUnstageRequest; idempotencyKey: string }) => api.post<TOrderDetail>(`/orders/${orderId}/staging/unstage`, checked(ZUnstageRequest, body), idempotencyKey),
    onSuccess: refresh,
  });
}

/** Ships the whole order: every line's allocation, which for a ready staged order is everything remaining. */
export function useShipWhole(orderId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateShipmentRequest; idempotencyKey: string }) => api.post<TShipmentResponse>(`/orders/${orderId}/shipments`, checked(ZCreateShipmentRequest, body), idempotencyKey),
    onSuccess: refresh,
  });
}

export function useChangeMode(orderId: string) {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: (body: TChangeFulfillmentModeRequest) => api.post<TOrderDetail>(`/orders/${orderId}/fulfillment-mode`, checked(ZChangeFulfillmentModeRequest, body)),
    onSuccess: refresh,
  });
}
