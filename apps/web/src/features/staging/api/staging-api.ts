import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TContainer, TLocation } from "@bod/contracts/warehouses";
import { api } from "../../../lib/api.ts";
import { fetchAll } from "../../../lib/list-query.ts";

// The order as staging reads it (GET /orders/:id); swap for the orders contract once it exists.
export type TStagingOrderLine = { id: string; sku: string; name: string; barcode: string | null; remaining: number; allocated: number; hardAllocated: number };
export type TStagingOrder = { id: string; number: string; customer?: { name: string }; status: string; fulfillability: string | null; warehouseId?: string; lines: TStagingOrderLine[] };
export type TAllocateRequest = { lines: { lineId: string; quantity: number }[]; containerId: string };

export function useStagingLocations(warehouseId: string) {
  return useQuery({
    queryKey: ["warehouses", "locations", warehouseId, "staging"],
    queryFn: ({ signal }) => fetchAll<TLocation>(`/warehouses/${warehouseId}/locations`, { kind: "staging" }, signal),
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
    mutationFn: (code: string) => api.post<TContainer>(`/locations/${locationId}/containers`, { code }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["containers", locationId] }),
  });
}

/** A scanned or typed order number → the order, or undefined when no order has exactly that number. */
export async function findOrderByNumber(number: string): Promise<TStagingOrder | undefined> {
  const n = number.trim();
  const page = await api.get<{ items: { id: string; number: string }[] }>("/orders", { q: n, status: "open,on_hold,partially_shipped", limit: 20 });
  const hit = page.items.find((o) => o.number.toLowerCase() === n.toLowerCase());
  return hit ? api.get<TStagingOrder>(`/orders/${hit.id}`) : undefined;
}

export function useStagingOrder(orderId: string | undefined) {
  return useQuery({
    queryKey: ["orders", "detail", orderId ?? ""],
    queryFn: ({ signal }) => api.get<TStagingOrder>(`/orders/${orderId}`, undefined, signal),
    enabled: !!orderId,
  });
}

/** Hard allocations change what every order of those SKUs can get: refresh orders, stock and the report. */
export function useAllocateIntoContainer(orderId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TAllocateRequest; idempotencyKey: string }) => api.post<unknown>(`/orders/${orderId}/allocations`, body, idempotencyKey),
    onSuccess: () => Promise.all(["orders", "stock", "reports"].map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}
