import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZCreatePurchaseOrderRequest, ZUpdatePurchaseOrderRequest, ZPurchaseOrderActionRequest } from "@bod/contracts/purchasing";
import { api, buildPath, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";
import type { TCreatePurchaseOrderRequest, TPurchaseOrder, TPurchaseOrderListItem, TUpdatePurchaseOrderRequest } from "./purchasing-types.ts";

export const purchaseOrderKeys = {
  all: ["purchase-orders"] as const,
  list: ["purchase-orders", "list"] as const,
  detail: (id: string) => ["purchase-orders", "detail", id] as const,
};

export type TPurchaseOrderFilters = { status?: string; supplierId?: string; q?: string };

export function usePurchaseOrders(filters: TPurchaseOrderFilters) {
  return usePagedList<TPurchaseOrderListItem>(purchaseOrderKeys.list, "/purchase-orders", { status: filters.status || undefined, supplierId: filters.supplierId || undefined, q: filters.q || undefined, limit: 50 });
}

/** The CSV export of the filtered list (a plain link: the browser downloads it with the session cookie). */
export function purchaseOrdersCsvHref(filters: TPurchaseOrderFilters) {
  return buildPath("/purchase-orders/export.csv", { status: filters.status, supplierId: filters.supplierId, q: filters.q });
}

export function usePurchaseOrder(id: string | undefined) {
  return useQuery({
    queryKey: purchaseOrderKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TPurchaseOrder>(`/purchase-orders/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Report rows, stock and orders all change when a PO does (incoming quantities, projected dates). */
function useInvalidateAfterPoChange() {
  const qc = useQueryClient();
  return (po: TPurchaseOrder) => {
    qc.setQueryData(purchaseOrderKeys.detail(po.id), po);
    return Promise.all([qc.invalidateQueries({ queryKey: purchaseOrderKeys.list }), qc.invalidateQueries({ queryKey: ["reports"] }), qc.invalidateQueries({ queryKey: ["orders"] })]);
  };
}

export function useCreatePurchaseOrder() {
  const after = useInvalidateAfterPoChange();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreatePurchaseOrderRequest; idempotencyKey: string }) => api.post<TPurchaseOrder>("/purchase-orders", checked(ZCreatePurchaseOrderRequest, body), idempotencyKey),
    onSuccess: after,
  });
}

export function useUpdatePurchaseOrder(id: string) {
  const after = useInvalidateAfterPoChange();
  return useMutation({
    mutationFn: (body: TUpdatePurchaseOrderRequest) => api.patch<TPurchaseOrder>(`/purchase-orders/${id}`, checked(ZUpdatePurchaseOrderRequest, body)),
    onSuccess: after,
  });
}

export type TPurchaseOrderAction = "submit" | "cancel" | "close";

export function usePurchaseOrderAction(id: string) {
  const after = useInvalidateAfterPoChange();
  return useMutation({
    mutationFn: ({ action, version }: { action: TPurchaseOrderAction; version: number }) => api.post<TPurchaseOrder>(`/purchase-orders/${id}/${action}`, checked(ZPurchaseOrderActionRequest, { version })),
    onSuccess: after,
  });
}
