// Returns through the API: the list, one return, authorising one on an order, receiving (which
// moves stock and may turn waiting orders fulfillable) and the return's other actions.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  ZCreateReturnRequest,
  ZReceiveReturnRequest,
  ZReturnActionRequest,
  ZReturnRefundRequest,
  type TCreateReturnRequest,
  type TReceiveReturnRequest,
  type TReceiveReturnResponse,
  type TReturn,
  type TReturnSummary,
} from "@bod/contracts/returns";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

const keys = {
  list: (status: string, q: string) => ["returns", "list", status, q] as const,
  detail: (id: string) => ["returns", "detail", id] as const,
};

export function useReturns(status: string, q: string) {
  return usePagedList<TReturnSummary>(keys.list(status, q), "/returns", { status: status || undefined, q: q || undefined, limit: 50 });
}

export function useReturn(id: string) {
  return useQuery({ queryKey: keys.detail(id), queryFn: ({ signal }) => api.get<TReturn>(`/returns/${id}`, undefined, signal), enabled: !!id });
}

export function useCreateReturn(orderId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateReturnRequest; idempotencyKey: string }) => api.post<TReturn>(`/orders/${orderId}/returns`, checked(ZCreateReturnRequest, body), idempotencyKey),
    onSuccess: () => Promise.all(["orders", "returns"].map((k) => qc.invalidateQueries({ queryKey: [k] }))),
  });
}

/** Receiving moves stock and may turn waiting orders fulfillable: refresh everything that shows either. */
export function useReceiveReturn(returnId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TReceiveReturnRequest; idempotencyKey: string }) =>
      api.post<TReceiveReturnResponse>(`/returns/${returnId}/receipts`, checked(ZReceiveReturnRequest, body), idempotencyKey),
    onSuccess: (res) => {
      qc.setQueryData(keys.detail(returnId), res.return);
      return Promise.all(["returns", "orders", "reports", "stock"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
    },
  });
}

export function useReturnAction(returnId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version }: { action: "cancel" | "close" | "refund"; version: number }) =>
      api.post<TReturn>(`/returns/${returnId}/${action}`, action === "refund" ? checked(ZReturnRefundRequest, { version }) : checked(ZReturnActionRequest, { version })),
    onSuccess: (r) => {
      qc.setQueryData(keys.detail(returnId), r);
      return Promise.all(["returns", "orders"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
    },
  });
}
