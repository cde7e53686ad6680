import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TChannel, TCreateChannelRequest, TUpdateChannelRequest } from "@bod/contracts/channels";
import { api } from "../../../lib/api.ts";
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
    mutationFn: (body: TCreateChannelRequest) => api.post<TChannel>("/channels", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.all }),
  });
}

export function useUpdateChannel(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateChannelRequest) => api.patch<TChannel>(`/channels/${id}`, body),
    onSuccess: (c) => {
      qc.setQueryData(channelKeys.detail(id), c);
      return qc.invalidateQueries({ queryKey: channelKeys.list });
    },
  });
}

export function useDeleteChannel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/channels/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: channelKeys.all }),
  });
}
