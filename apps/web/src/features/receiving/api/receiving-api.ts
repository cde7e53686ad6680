import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZPostReceiptRequest } from "@bod/contracts/purchasing";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";
import type { TPostReceiptRequest, TPostReceiptResponse, TPurchaseOrder, TPurchaseOrderListItem } from "../../purchasing/api/purchasing-types.ts";

// Keys start with "purchase-orders" so purchasing's invalidations refresh receiving too, and back.
const keys = {
  open: ["purchase-orders", "list", "open-for-receiving"] as const,
  detail: (id: string) => ["purchase-orders", "detail", id] as const,
};

/** POs a receipt can be posted against: ordered or partially received. */
export function useOpenPurchaseOrders(q: string) {
  return usePagedList<TPurchaseOrderListItem>(keys.open, "/purchase-orders", { status: "ordered,partially_received", q: q || undefined, limit: 50 });
}

export function usePurchaseOrderToReceive(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: ({ signal }) => api.get<TPurchaseOrder>(`/purchase-orders/${id}`, undefined, signal), enabled: !!id });
}

/** Posting a receipt moves stock and may turn waiting orders fulfillable: refresh everything that shows either. */
export function usePostReceipt(poId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TPostReceiptRequest; idempotencyKey: string }) => api.post<TPostReceiptResponse>(`/purchase-orders/${poId}/receipts`, checked(ZPostReceiptRequest, body), idempotencyKey),
    onSuccess: (res) => {
      qc.setQueryData(keys.detail(poId), res.purchaseOrder);
      return Promise.all(["purchase-orders", "orders", "reports", "stock"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
    },
  });
}
