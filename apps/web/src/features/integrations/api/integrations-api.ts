// Messages to stores (outbox) and from stores (inbox): per-channel summary, filtered pages, one
// message with its attempts or payload, and the admin's retry / discard.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TInboxEvent, TInboxEventDetail, TIntegrationSummary, TOutboxEvent, TOutboxEventDetail } from "@bod/contracts/integrations";
import { api } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

export const integrationKeys = {
  all: ["integrations"] as const,
  summary: ["integrations", "summary"] as const,
  outbox: ["integrations", "outbox"] as const,
  outboxEvent: (id: string) => ["integrations", "outbox-event", id] as const,
  inbox: ["integrations", "inbox"] as const,
  inboxEvent: (id: string) => ["integrations", "inbox-event", id] as const,
};

/** Waiting messages change on their own (the worker): look again every few seconds while the screen is open. */
const LIVE_MS = 5_000;

export function useIntegrationSummary() {
  return useQuery({ queryKey: integrationKeys.summary, queryFn: ({ signal }) => api.get<TIntegrationSummary>("/integrations/summary", undefined, signal), refetchInterval: LIVE_MS });
}

export function useOutbox(filters: { channelId?: string; status?: string; type?: string; orderId?: string }, enabled = true) {
  return usePagedList<TOutboxEvent>(integrationKeys.outbox, "/integrations/outbox", { ...filters, limit: 50 }, enabled);
}

export function useInbox(filters: { channelId?: string; status?: string; topic?: string }, enabled = true) {
  return usePagedList<TInboxEvent>(integrationKeys.inbox, "/integrations/inbox", { ...filters, limit: 50 }, enabled);
}

const isSettled = (status: string | undefined) => !!status && status !== "pending";

export function useOutboxEvent(id: string | undefined) {
  return useQuery({
    queryKey: integrationKeys.outboxEvent(id ?? ""),
    queryFn: ({ signal }) => api.get<TOutboxEventDetail>(`/integrations/outbox/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (isSettled(q.state.data?.status) ? false : LIVE_MS),
  });
}

export function useInboxEvent(id: string | undefined) {
  return useQuery({
    queryKey: integrationKeys.inboxEvent(id ?? ""),
    queryFn: ({ signal }) => api.get<TInboxEventDetail>(`/integrations/inbox/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (isSettled(q.state.data?.status) ? false : LIVE_MS),
  });
}

/** Retry or discard answer with the message: keep it, refresh lists, counts and the order's own list. */
function useMessageAction<T extends { id: string; orderId: string | null }>(path: (id: string) => string, key: (id: string) => readonly unknown[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<T>(path(id)),
    onSuccess: (e) => {
      qc.setQueryData(key(e.id), e);
      return Promise.all([
        qc.invalidateQueries({ queryKey: integrationKeys.all, predicate: (q) => q.queryKey[2] !== e.id }),
        e.orderId ? qc.invalidateQueries({ queryKey: ["orders", "detail", e.orderId] }) : undefined,
        e.orderId ? qc.invalidateQueries({ queryKey: ["orders", "outbox", e.orderId] }) : undefined,
      ]);
    },
  });
}

export const useRetryOutbox = () => useMessageAction<TOutboxEventDetail>((id) => `/integrations/outbox/${id}/retry`, integrationKeys.outboxEvent);
export const useDiscardOutbox = () => useMessageAction<TOutboxEventDetail>((id) => `/integrations/outbox/${id}/discard`, integrationKeys.outboxEvent);
export const useRetryInbox = () => useMessageAction<TInboxEventDetail>((id) => `/integrations/inbox/${id}/retry`, integrationKeys.inboxEvent);
