// Orders: the desk's list (keyset pages fetched as the grid scrolls) and counts, one order, its messages to the store, shipments, actions, bulk actions, saved views, CSV export.
import { useRef } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZBulkOrderRequest, ZBulkShipRequest, ZCreateSavedViewRequest, BULK_SHIP_MAX, type TBulkShipResponse } from "@bod/contracts/order-list";
import { api, buildPath, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";
import { lookupOrder } from "../../../lib/order-lookup.ts";
import type { TOutboxEventDetail } from "@bod/contracts/integrations";
import { ZCancelLineRequest, ZCancelOrderRequest, ZCreateShipmentRequest, ZExchangeRequest, ZHoldOrderRequest, ZOrderNoteRequest, ZOrderTagsRequest, ZReleaseOrderRequest, ZReprioritiseOrderRequest } from "@bod/contracts/orders";
import type { z } from "zod";
import type {
  TBulkRequest,
  TBulkResponse,
  TCreateShipmentRequest,
  TCreateShipmentResponse,
  TOrderCounts,
  TOrderDetail,
  TOrderListItem,
  TSavedView,
} from "./order-types.ts";

export const orderKeys = {
  all: ["orders"] as const,
  list: ["orders", "list"] as const,
  counts: ["orders", "counts"] as const,
  detail: (id: string) => ["orders", "detail", id] as const,
  outbox: (id: string) => ["orders", "outbox", id] as const,
  savedViews: ["saved-views"] as const,
};

/** Rows of the grid per request: a page is about six screens of one-line rows. */
export const ORDER_PAGE_SIZE = 100;

export function useOrders(query: Record<string, string | undefined>) {
  return usePagedList<TOrderListItem>(orderKeys.list, "/orders", { ...query, limit: ORDER_PAGE_SIZE });
}

/** Counts per tab for the current filters, without the tab's own dimension (fulfillability / status). */
export function useOrderCounts(query: Record<string, string | undefined>) {
  const rest = { ...query, fulfillability: undefined, status: undefined, sort: undefined, dir: undefined };
  return useQuery({
    queryKey: [...orderKeys.counts, rest],
    queryFn: ({ signal }) => api.get<TOrderCounts>("/orders/counts", rest, signal),
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: orderKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TOrderDetail>(`/orders/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The order's messages to its store, oldest first; looked at again every few seconds while one waits. */
export function useOrderOutbox(id: string) {
  return useQuery({
    queryKey: orderKeys.outbox(id),
    queryFn: ({ signal }) => api.get<{ items: TOutboxEventDetail[] }>(`/orders/${id}/outbox`, undefined, signal).then((r) => r.items),
    refetchInterval: (q) => (q.state.data?.some((e) => e.status === "pending") ? 5_000 : false),
  });
}

/** The order a scanned code names (number with or without prefix, store order id, slip barcode), in full; undefined when none. */
export async function findOrderByCode(code: string): Promise<TOrderDetail | undefined> {
  const hit = await lookupOrder(code);
  return hit ? api.get<TOrderDetail>(`/orders/${hit.id}`) : undefined;
}

/** Orders change stock and promises: refresh lists, counts, stock levels and reports after any write. */
function useRefreshAfterWrite() {
  const qc = useQueryClient();
  return (order?: TOrderDetail) => {
    if (order) {
      qc.setQueryData(orderKeys.detail(order.id), order);
      // The write may have queued a message to the store. Not awaited: callers' onSuccess must not wait on it (a form may unmount meanwhile).
      void qc.invalidateQueries({ queryKey: orderKeys.outbox(order.id) });
    }
    return Promise.all([
      qc.invalidateQueries({ queryKey: orderKeys.all, predicate: (q) => !order || q.queryKey[2] !== order.id }),
      qc.invalidateQueries({ queryKey: ["stock"] }),
    ]);
  };
}

export function useCreateShipment(orderId: string) {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreateShipmentRequest; idempotencyKey: string }) =>
      api.post<TCreateShipmentResponse>(`/orders/${orderId}/shipments`, checked(ZCreateShipmentRequest, body), idempotencyKey),
    onSuccess: (res) => refresh(res.order),
  });
}

/** Each order action endpoint's request contract, so the body is checked before it is sent. */
const ORDER_ACTION_BODIES = {
  hold: ZHoldOrderRequest,
  release: ZReleaseOrderRequest,
  priority: ZReprioritiseOrderRequest,
  cancel: ZCancelOrderRequest,
  exchange: ZExchangeRequest,
  tags: ZOrderTagsRequest,
  notes: ZOrderNoteRequest,
} as const;
export type TOrderActionPath = keyof typeof ORDER_ACTION_BODIES | `lines/${string}/cancel`;
const actionBody = (path: TOrderActionPath) => (path in ORDER_ACTION_BODIES ? ORDER_ACTION_BODIES[path as keyof typeof ORDER_ACTION_BODIES] : ZCancelLineRequest);

/** The order's action endpoints: `hold`, `release`, `priority`, `cancel`, `lines/:lineId/cancel`, `exchange`, `tags`, `notes`. */
export function useOrderAction(orderId: string) {
  const refresh = useRefreshAfterWrite();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: TOrderActionPath; body: object }) => api.post<unknown>(`/orders/${orderId}/${path}`, checked(actionBody(path) as z.ZodType, body)),
    onSuccess: async (res) => {
      // Actions answer with the order, or with something else (a note, a refund): refetch when unsure.
      const order = res && typeof res === "object" && "lines" in res && "id" in res ? (res as TOrderDetail) : undefined;
      await refresh(order);
      if (!order) await qc.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
    },
  });
}

const BULK_MAX = 500;

export function useBulkOrders() {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    // The API takes BULK_MAX orders per request; a bigger selection goes in parts.
    mutationFn: async (body: TBulkRequest) => {
      const all: TBulkResponse = { succeeded: [], failed: [] };
      for (let i = 0; i < body.orderIds.length; i += BULK_MAX) {
        const res = await api.post<TBulkResponse>("/orders/bulk", checked(ZBulkOrderRequest, { ...body, orderIds: body.orderIds.slice(i, i + BULK_MAX) }));
        all.succeeded.push(...res.succeeded);
        all.failed.push(...res.failed);
      }
      return all;
    },
    onSuccess: () => refresh(),
  });
}

/**
 * Ships the selected fulfillable orders whole, BULK_SHIP_MAX per request. A retry of the same
 * selection (a lost answer) reuses its Idempotency-Key: what shipped is answered again, nothing ships twice.
 */
export function useBulkShip() {
  const refresh = useRefreshAfterWrite();
  const keyFor = useRef<{ body: string; key: string } | null>(null);
  return useMutation({
    mutationFn: async (orderIds: string[]) => {
      const body = JSON.stringify(orderIds);
      if (keyFor.current?.body !== body) keyFor.current = { body, key: crypto.randomUUID() };
      const all: TBulkShipResponse = { shipped: [], failed: [] };
      for (let i = 0; i < orderIds.length; i += BULK_SHIP_MAX) {
        const res = await api.post<TBulkShipResponse>("/orders/bulk-ship", checked(ZBulkShipRequest, { orderIds: orderIds.slice(i, i + BULK_SHIP_MAX) }), keyFor.current.key);
        all.shipped.push(...res.shipped);
        all.failed.push(...res.failed);
      }
      return all;
    },
    onSuccess: () => {
      keyFor.current = null;
      return refresh();
    },
  });
}

export function useSavedViews() {
  return useQuery({
    queryKey: orderKeys.savedViews,
    queryFn: ({ signal }) => api.get<{ items: TSavedView[] }>("/saved-views", undefined, signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useSaveView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; query: string }) => api.post<TSavedView>("/saved-views", checked(ZCreateSavedViewRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.savedViews }),
  });
}

export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/saved-views/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: orderKeys.savedViews }),
  });
}

/** The whole filtered list as CSV: a plain link, so the browser streams the download. */
export function exportCsvHref(query: Record<string, string | undefined>) {
  return buildPath("/orders/export.csv", { ...query, cursor: undefined, limit: undefined });
}

/** The selected orders as CSV (POST: the ids do not fit a URL). */
export async function downloadSelectionCsv(orderIds: string[], csrf: string) {
  const res = await fetch(buildPath("/orders/export.csv"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/csv", "X-CSRF-Token": csrf },
    credentials: "same-origin",
    body: JSON.stringify({ orderIds }),
  });
  if (!res.ok) throw new Error(`Export failed: the server answered ${res.status}`);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `orders-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
