// Backorder policies per customer: the list (search, policy filter, pages), and managers' add,
// change and remove. Orders that arrive afterwards follow them (the API applies them).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZCreateCustomerPolicyRequest, ZUpdateCustomerPolicyRequest, type TCustomerPolicy } from "@bod/contracts/customer-policies";
import type { z } from "zod";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

const keys = { all: ["customer-policies"] as const };

export function useCustomerPolicies(q: string, policy: string) {
  return usePagedList<TCustomerPolicy>(keys.all, "/customer-policies", { q: q || undefined, policy: policy || undefined, limit: 100 });
}

export function useCreateCustomerPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof ZCreateCustomerPolicyRequest>) => api.post<TCustomerPolicy>("/customer-policies", checked(ZCreateCustomerPolicyRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useUpdateCustomerPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof ZUpdateCustomerPolicyRequest> }) => api.patch<TCustomerPolicy>(`/customer-policies/${id}`, checked(ZUpdateCustomerPolicyRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRemoveCustomerPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/customer-policies/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}
