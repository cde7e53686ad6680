import { useQueries, useQuery } from "@tanstack/react-query";
import { api } from "../../../lib/api.ts";

// Packing-slip data of GET /shipments/:shipmentId, as described while the contract
// (packages/contracts/src/orders.ts) is being written; optional fields are read defensively.
export type TPackingSlip = {
  id: string;
  number: string;
  carrier: string | null;
  trackingNumber: string | null;
  createdAt: string;
  order: {
    id: string;
    number: string;
    orderDate?: string;
    externalId?: string | null;
    channel?: { name: string } | null;
    customer?: { name: string; email?: string | null; shippingAddress?: string | null } | null;
    customerName?: string;
    shippingAddress?: string | null;
  };
  warehouse?: { code: string; name: string } | null;
  lines: { lineId?: string; sku: string; name: string; barcode: string | null; quantity: number }[];
};

type TOrderShipmentsOnly = { id: string; number: string; shipments: { id: string; createdAt: string }[] };

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
        const order = await api.get<TOrderShipmentsOnly>(`/orders/${orderId}`, undefined, signal);
        const latest = [...order.shipments].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        return { orderNumber: order.number, slip: latest ? await api.get<TPackingSlip>(`/shipments/${latest.id}`, undefined, signal) : null };
      },
    })),
  });
}
