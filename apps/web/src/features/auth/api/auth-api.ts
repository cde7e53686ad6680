import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZLoginRequest, ZSignupRequest, ZSwitchTenantRequest, type TLoginRequest, type TMeResponse, type TSignupRequest } from "@bod/contracts/auth";
import { ZAcceptInvitationRequest, type TAcceptInvitationRequest, type TInvitationPreview, type TMyInvitationList } from "@bod/contracts/invitations";
import { api, setCsrfToken, checked } from "../../../lib/api.ts";
import { fetchMe, meKey } from "../../../lib/session.ts";

function useAfterSignIn() {
  const qc = useQueryClient();
  return async () => {
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    const me = await fetchMe();
    qc.setQueryData(meKey, me);
    return me;
  };
}

export function useLogin() {
  const after = useAfterSignIn();
  return useMutation({
    mutationFn: async (body: TLoginRequest) => {
      await api.post("/auth/login", checked(ZLoginRequest, body));
      return after();
    },
  });
}

/**
 * Sign-up answers the same whether or not the email had an account (docs/decisions/011): the
 * result says whether a session for that email started (`me`), or `null` when it did not.
 */
export function useSignup() {
  const after = useAfterSignIn();
  return useMutation({
    mutationFn: async (body: TSignupRequest) => {
      await api.post("/auth/signup", checked(ZSignupRequest, body));
      const me = await after();
      return me && me.user.email === body.email.trim().toLowerCase() ? me : null;
    },
  });
}

/** What an invitation link invites to; an error (404) once it is used, revoked or expired. */
export function useInvitationPreview(token: string, enabled = true) {
  return useQuery({
    queryKey: ["invitation-preview", token],
    queryFn: () => api.post<TInvitationPreview>("/auth/invitations/preview", { token }),
    enabled: enabled && token.length > 0,
    retry: false,
    staleTime: Infinity,
  });
}

/** Accepts by the link; like sign-up, the result is the new session's `me`, or `null` when none started for that email. */
export function useAcceptInvitation(email: string | undefined) {
  const after = useAfterSignIn();
  return useMutation({
    mutationFn: async (body: TAcceptInvitationRequest) => {
      await api.post("/auth/invitations/accept", checked(ZAcceptInvitationRequest, body));
      const me = await after();
      return me && me.user.email === email ? me : null;
    },
  });
}

export const myInvitationsKey = ["my-invitations"] as const;

/** Open invitations addressed to the signed-in user's email, from any company. */
export function useMyInvitations() {
  return useQuery({ queryKey: myInvitationsKey, queryFn: () => api.get<TMyInvitationList>("/auth/invitations"), staleTime: 60_000 });
}

export function useAnswerInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) => api.post<{ tenantId: string; tenantName: string } | undefined>(`/auth/invitations/${id}/${accept ? "accept" : "decline"}`),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: myInvitationsKey });
      const me = await fetchMe();
      qc.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post("/auth/logout"),
    onSettled: () => {
      setCsrfToken(undefined);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      qc.setQueryData(meKey, null);
    },
  });
}

export function useSwitchTenant() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (tenantId: string) => api.post<TMeResponse>("/auth/switch-tenant", checked(ZSwitchTenantRequest, { tenantId })),
    onSuccess: async (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(meKey, me);
      // Everything else belongs to the previous company: drop it and refetch what is on screen.
      await qc.resetQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    },
  });
}
