// Pick lists: create from selected orders, read, pick by scan, ship the completed orders,
// release an order, cancel; the fulfillable orders a new list is made from.
import { useRef } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TLeftOutOrder,
  TCreatePickListRequest,
  TCreatePickListResponse,
  TPickList,
  TPickListSummary,
  TPickScanRequest,
  TPickScanResponse,
  TShipPickListResponse,
} from "@bod/contracts/pick-lists";
import type { TOrderListItem } from "@bod/contracts/order-list";
import { api, isTransientError, checked } from "../../../lib/api.ts";
import { ZCreatePickListRequest, ZPickScanRequest, ZReleasePickListOrderRequest } from "@bod/contracts/pick-lists";

export const pickListKeys = {
  all: ["pick-lists"] as const,
  list: (status: string) => ["pick-lists", "list", status] as const,
  detail: (id: string) => ["pick-lists", "detail", id] as const,
  /** Outside "pick-lists": refreshing the lists must not empty it. */
  leftOut: (id: string) => ["pick-list-left-out", id] as const,
};

/**
 * Creates a pick list from the given orders. Resolves to `{ pickList, leftOut }`: the new list
 * (navigate to `/pick-lists/${pickList.id}`) and the orders that were not put on it, with why.
 * When none of them can go on a list the call fails (422) naming each order. A retry of the same
 * order ids (a lost answer) reuses the Idempotency-Key and gets the same list back.
 */
export function useCreatePickList() {
  const qc = useQueryClient();
  const keyFor = useRef<{ body: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (input: TCreatePickListRequest) => {
      const body = JSON.stringify(input.orderIds);
      if (keyFor.current?.body !== body) keyFor.current = { body, key: crypto.randomUUID() };
      return api.post<TCreatePickListResponse>("/pick-lists", checked(ZCreatePickListRequest, { orderIds: input.orderIds }), keyFor.current.key);
    },
    onSuccess: (data) => {
      keyFor.current = null;
      qc.setQueryData(pickListKeys.detail(data.pickList.id), data.pickList);
      qc.setQueryData(pickListKeys.leftOut(data.pickList.id), data.leftOut);
      return qc.invalidateQueries({ queryKey: pickListKeys.all });
    },
  });
}

/** The orders left out when this session made the list (kept from the create answer; none otherwise). */
export function useLeftOutOrders(id: string) {
  return useQuery({ queryKey: pickListKeys.leftOut(id), queryFn: (): TLeftOutOrder[] => [], staleTime: Infinity, gcTime: 30 * 60_000 }).data ?? [];
}

export function usePickLists(status: "open" | "completed" | "cancelled" | "") {
  return useQuery({
    queryKey: pickListKeys.list(status),
    queryFn: ({ signal }) => api.get<{ items: TPickListSummary[]; nextCursor: string | null }>("/pick-lists", { status: status || undefined, limit: 100 }, signal),
    staleTime: 0,
    refetchOnMount: "always",
  });
}

export function usePickList(id: string | undefined) {
  return useQuery({
    queryKey: pickListKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TPickList>(`/pick-lists/${id}`, undefined, signal),
    enabled: !!id,
    staleTime: 0,
    refetchOnMount: "always",
  });
}

/** One unit picked per scan; the scan id makes a resent scan count once. */
export function usePickScan(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TPickScanRequest) => api.post<TPickScanResponse>(`/pick-lists/${id}/scans`, checked(ZPickScanRequest, body)),
    // A lost answer is sent again with the same scan id: the server counts it once.
    retry: (count, err) => count < 2 && isTransientError(err),
    onSuccess: (data) => qc.setQueryData(pickListKeys.detail(id), data.pickList),
  });
}

function useRefreshAfterShipping() {
  const qc = useQueryClient();
  return () => Promise.all(["pick-lists", "orders", "staging", "stock", "reports"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
}

export function useShipPickList(id: string) {
  const refresh = useRefreshAfterShipping();
  return useMutation({
    mutationFn: () => api.post<TShipPickListResponse>(`/pick-lists/${id}/ship`, {}),
    onSuccess: refresh,
  });
}

export function useReleasePickListOrder(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, reason }: { orderId: string; reason?: string }) => api.post<TPickList>(`/pick-lists/${id}/orders/${orderId}/release`, checked(ZReleasePickListOrderRequest, reason ? { reason } : {})),
    onSuccess: (data) => {
      qc.setQueryData(pickListKeys.detail(id), data);
      return qc.invalidateQueries({ queryKey: pickListKeys.all });
    },
  });
}

export function useCancelPickList(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<TPickList>(`/pick-lists/${id}/cancel`, {}),
    onSuccess: (data) => {
      qc.setQueryData(pickListKeys.detail(id), data);
      return qc.invalidateQueries({ queryKey: pickListKeys.all });
    },
  });
}

/** Fulfillable orders of a warehouse, highest priority first: what a new pick list is made from. */
export function useFulfillableOrders(warehouseId: string) {
  return useQuery({
    queryKey: ["orders", "fulfillable-for-pick-list", warehouseId],
    queryFn: ({ signal }) =>
      api.get<{ items: TOrderListItem[]; nextCursor: string | null }>("/orders", { fulfillability: "fulfillable", warehouseId, sort: "priority", limit: 100 }, signal),
    enabled: !!warehouseId,
    staleTime: 0,
  });
}
