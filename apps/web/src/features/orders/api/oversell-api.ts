// The oversell choices, exchange suggestions, in-app edits and conflicts. Money and stock POSTs
// send an Idempotency-Key (one per submitted form), so a retry after a lost answer refunds nothing twice.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZUpdateOrderRequest, type TOrderDetail as TContractOrderDetail, type TUpdateOrderRequest } from "@bod/contracts/orders";
import { ZResolveConflictRequest, type TCancelRefundRequest, type TExchangeSuggestions, type TOversellExchangeRequest, type TRefundPartialRequest } from "@bod/contracts/oversell";
import { api, checked } from "../../../lib/api.ts";
import { orderKeys } from "./orders-api.ts";
import type { TOrderDetail } from "./order-types.ts";

export type TOversellChoice =
  | { kind: "cancel-refund"; body: TCancelRefundRequest }
  | { kind: "refund-partial"; body: TRefundPartialRequest }
  | { kind: "exchange"; body: TOversellExchangeRequest };

function useApplyOrder(orderId: string) {
  const qc = useQueryClient();
  return async (order: TContractOrderDetail) => {
    qc.setQueryData(orderKeys.detail(orderId), order);
    // Not awaited (see orders-api useRefreshAfterWrite): the change may have queued a message to the store.
    void qc.invalidateQueries({ queryKey: orderKeys.outbox(orderId) });
    await Promise.all([
      qc.invalidateQueries({ queryKey: orderKeys.all, predicate: (q) => q.queryKey[2] !== orderId }),
      qc.invalidateQueries({ queryKey: ["stock"] }),
    ]);
  };
}

export function useOversellChoice(orderId: string) {
  const apply = useApplyOrder(orderId);
  return useMutation({
    mutationFn: ({ choice, idempotencyKey }: { choice: TOversellChoice; idempotencyKey: string }) =>
      api.post<TContractOrderDetail>(`/orders/${orderId}/oversell/${choice.kind}`, choice.body, idempotencyKey),
    onSuccess: (order) => apply(order),
  });
}

export function useExchangeSuggestions(orderId: string, lineId: string | undefined, q: string) {
  return useQuery({
    queryKey: [...orderKeys.detail(orderId), "exchange-suggestions", lineId, q],
    queryFn: ({ signal }) => api.get<TExchangeSuggestions>(`/orders/${orderId}/exchange-suggestions`, { lineId, q: q || undefined }, signal),
    enabled: !!lineId,
    placeholderData: keepPreviousData,
  });
}

export function useEditOrder(orderId: string) {
  const apply = useApplyOrder(orderId);
  return useMutation({
    mutationFn: (body: TUpdateOrderRequest) => api.patch<TContractOrderDetail>(`/orders/${orderId}`, checked(ZUpdateOrderRequest, body)),
    onSuccess: (order) => apply(order),
  });
}

export function useResolveConflict(orderId: string) {
  const apply = useApplyOrder(orderId);
  return useMutation({
    mutationFn: ({ conflictId, note }: { conflictId: string; note?: string }) => api.post<TContractOrderDetail>(`/orders/${orderId}/conflicts/${conflictId}/resolve`, checked(ZResolveConflictRequest, note ? { note } : {})),
    onSuccess: (order) => apply(order),
  });
}

/** Lines with units the warehouse cannot promise now (remaining beyond what is allocated). */
export function unavailableLines(order: Pick<TOrderDetail, "lines">) {
  return order.lines.filter((l) => l.remaining > l.allocated);
}
