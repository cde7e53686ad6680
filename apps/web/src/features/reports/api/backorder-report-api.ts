// The backorder report: rows (and as CSV), summary, the orders waiting for a SKU, and purchase orders previewed and raised from it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZPreviewPurchaseOrdersRequest } from "@bod/contracts/purchasing";
import { api, buildPath, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";
import type {
  TBackorderReportQuery,
  TBackorderReportRow,
  TBackorderSummary,
  TCreatePurchaseOrdersFromReportRequest,
  TPreviewPurchaseOrdersRequest,
  TPreviewPurchaseOrdersResponse,
  TPurchaseOrder,
  TWaitingOrder,
} from "../../purchasing/api/purchasing-types.ts";

export const reportKeys = {
  all: ["reports"] as const,
  backorders: ["reports", "backorders"] as const,
  summary: ["reports", "backorders", "summary"] as const,
  waiting: (productId: string, warehouseId: string) => ["reports", "backorders", "waiting", productId, warehouseId] as const,
};

function toParams(q: TBackorderReportQuery) {
  return {
    warehouseId: q.warehouseId || undefined,
    supplierId: q.supplierId || undefined,
    channelId: q.channelId || undefined,
    reorder: q.reorder || undefined,
    onlyNetNeed: q.onlyNetNeed ? "true" : undefined,
    preorderOnly: q.preorderOnly ? "true" : undefined,
    sort: q.sort,
  };
}

export function useBackorderReport(q: TBackorderReportQuery) {
  return usePagedList<TBackorderReportRow>(reportKeys.backorders, "/reports/backorders", { ...toParams(q), limit: 100 });
}

export function backorderCsvHref(q: TBackorderReportQuery) {
  return buildPath("/reports/backorders.csv", toParams(q));
}

export function useBackorderSummary(q: TBackorderReportQuery) {
  const { sort: _sort, ...filters } = toParams(q);
  return useQuery({
    queryKey: [...reportKeys.summary, filters],
    queryFn: ({ signal }) => api.get<TBackorderSummary>("/reports/backorders/summary", filters, signal),
  });
}

export function useWaitingOrders(productId: string, warehouseId: string) {
  return useQuery({
    queryKey: reportKeys.waiting(productId, warehouseId),
    queryFn: ({ signal }) => api.get<{ items: TWaitingOrder[] } | TWaitingOrder[]>(`/reports/backorders/${productId}/waiting-orders`, { warehouseId }, signal).then((r) => (Array.isArray(r) ? r : r.items)),
  });
}

export function usePreviewPurchaseOrders() {
  return useMutation({ mutationFn: (body: TPreviewPurchaseOrdersRequest) => api.post<TPreviewPurchaseOrdersResponse>("/purchase-orders/preview", checked(ZPreviewPurchaseOrdersRequest, body)) });
}

/** The API answers with the created POs (as a list, or wrapped); either way the SPA gets a list. */
export function useCreatePurchaseOrdersFromReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TCreatePurchaseOrdersFromReportRequest; idempotencyKey: string }) =>
      api
        .post<TPurchaseOrder[] | { purchaseOrders?: TPurchaseOrder[]; items?: TPurchaseOrder[] }>("/purchase-orders/from-report", body, idempotencyKey)
        .then((r) => (Array.isArray(r) ? r : (r.purchaseOrders ?? r.items ?? []))),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: reportKeys.all }), qc.invalidateQueries({ queryKey: ["purchase-orders"] }), qc.invalidateQueries({ queryKey: ["orders"] })]),
  });
}
