// Sales channels: list, read, create, change, delete; the store connection's webhook secrets
// (rotate, revoke) and its jobs (push all stock now, poll the store now).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZCreateChannelRequest, ZUpdateChannelRequest, ZRotateWebhookSecretRequest, type TChannel, type TCreateChannelRequest, type TRotateWebhookSecretRequest, type TUpdateChannelRequest } from "@bod/contracts/channels";
import { api, apiRequest, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

export const channelKeys = {
  all: ["channels"] as const,
  list: ["channels", "list"] as const,
  detail: (id: string) => ["channels", "detail", id] as const,
};

export function useChannels(q: string) {
  return usePagedList<TChannel>(channelKeys.list, "/channels", { q: q || undefined, limit: 50 });
}

export function useChannel(id: string | undefined) {
  return useQuery({ queryKey: channelKeys.detail(id ?? ""), queryFn: ({ signal }) => api.get<TChannel>(`/channels/${id}`, undefined, signal), enabled: !!id });
}

export function useCreateChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateChannelRequest) => api.post<TChannel>("/channels", checked(ZCreateChannelRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

/** Every write that answers with the channel: keep it, refresh lists and pickers (their keys start with "channels"). */
function useChannelWrite<V>(id: string, write: (v: V) => Promise<TChannel>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (c) => {
      qc.setQueryData(channelKeys.detail(id), c);
      return Promise.all([
        qc.invalidateQueries({ queryKey: channelKeys.all, predicate: (q) => q.queryKey[1] !== "detail" }),
        qc.invalidateQueries({ queryKey: ["integrations"] }),
      ]);
    },
  });
}

export function useUpdateChannel(id: string) {
  return useChannelWrite(id, (body: TUpdateChannelRequest) => api.patch<TChannel>(`/channels/${id}`, checked(ZUpdateChannelRequest, body)));
}

export function useRotateWebhookSecret(id: string) {
  return useChannelWrite(id, (body: TRotateWebhookSecretRequest) => api.post<TChannel>(`/channels/${id}/webhook-secrets`, checked(ZRotateWebhookSecretRequest, body)));
}

export function useRevokeWebhookSecret(id: string) {
  // This DELETE answers with the channel (lib/api's `delete` expects no body).
  return useChannelWrite(id, (secretId: string) => apiRequest<TChannel>(`/channels/${id}/webhook-secrets/${secretId}`, { method: "DELETE" }));
}

export function useDeleteChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/channels/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

/** 202: one stock-push message per product was queued for the store. */
export function usePushAllStock(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ products: number }>(`/channels/${id}/stock-push`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["integrations"] }),
  });
}

/** 202: a poll of the store's orders changed since the last one was queued. */
export function useReconcileNow(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ queued: boolean }>(`/channels/${id}/reconcile`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["integrations"] }),
  });
}
