import { useQueries, useQuery } from "@tanstack/react-query";
import type { TOrderDetail, TPackingSlip } from "@bod/contracts/orders";
import { api } from "../../../lib/api.ts";

// GET /shipments/:shipmentId answers ZPackingSlip (packages/contracts/src/orders.ts); the slip
// renders that type, so a change of the response shape is a type error here, not a blank page.

export const shipmentKeys = { slip: (id: string) => ["shipments", "slip", id] as const };

export function usePackingSlip(shipmentId: string | undefined) {
  return useQuery({
    queryKey: shipmentKeys.slip(shipmentId ?? ""),
    queryFn: ({ signal }) => api.get<TPackingSlip>(`/shipments/${shipmentId}`, undefined, signal),
    enabled: !!shipmentId,
  });
}

/** The latest shipment of each order (bulk "print packing slips" from the order list). */
export function useLatestSlips(orderIds: string[]) {
  return useQueries({
    queries: orderIds.map((orderId) => ({
      queryKey: ["shipments", "latest-slip", orderId],
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        const order = await api.get<TOrderDetail>(`/orders/${orderId}`, undefined, signal);
        const latest = [...order.shipments].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        return { orderNumber: order.number, slip: latest ? await api.get<TPackingSlip>(`/shipments/${latest.id}`, undefined, signal) : null };
      },
    })),
  });
}
