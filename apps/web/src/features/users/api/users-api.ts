import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZUpdateUserRequest, type TMember } from "@bod/contracts/users";
import { ZCreateInvitationRequest, type TCreateInvitationRequest, type TCreatedInvitation, type TInvitation } from "@bod/contracts/invitations";
import type { TRole } from "@bod/contracts/common";
import { api, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";

export const userKeys = { all: ["users"] as const, list: ["users", "list"] as const };
export const invitationKeys = { all: ["invitations"] as const, open: ["invitations", "open"] as const };

export function useMembers(q: string) {
  return usePagedList<TMember>(userKeys.list, "/users", { q: q || undefined, limit: 100 });
}

/** Open invitations of the company (expired ones included), newest first. */
export function useOpenInvitations() {
  return usePagedList<TInvitation>(invitationKeys.open, "/invitations", { status: "open", limit: 100 });
}

export function useCreateInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateInvitationRequest) => api.post<TCreatedInvitation>("/invitations", checked(ZCreateInvitationRequest, body)),
    onSuccess: () => qc.invalidateQueries({ queryKey: invitationKeys.all }),
  });
}

export function useRevokeInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/invitations/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: invitationKeys.all }),
  });
}

export function useChangeRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: TRole }) => api.patch<TMember>(`/users/${userId}`, checked(ZUpdateUserRequest, { role })),
    // A demoted admin's open invitations are revoked with the change.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: userKeys.all }), qc.invalidateQueries({ queryKey: invitationKeys.all })]),
  });
}

export function useRemoveMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/users/${userId}`),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: userKeys.all }), qc.invalidateQueries({ queryKey: invitationKeys.all })]),
  });
}
