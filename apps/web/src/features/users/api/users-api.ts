import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCreateUserRequest, TMember } from "@bod/contracts/users";
import type { TRole } from "@bod/contracts/common";
import { api } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

export const userKeys = { all: ["users"] as const, list: ["users", "list"] as const };

export function useMembers(q: string) {
  return usePagedList<TMember>(userKeys.list, "/users", { q: q || undefined, limit: 100 });
}

export function useInviteUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUserRequest) => api.post<TMember>("/users", body),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useChangeRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: TRole }) => api.patch<TMember>(`/users/${userId}`, { role }),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/users/${userId}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
