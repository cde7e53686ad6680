import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TLoginRequest, TMeResponse, TSignupRequest } from "@bod/contracts/auth";
import { api, setCsrfToken } from "../../../lib/api.ts";
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
      await api.post("/auth/login", body);
      return after();
    },
  });
}

export function useSignup() {
  const after = useAfterSignIn();
  return useMutation({
    mutationFn: async (body: TSignupRequest) => {
      await api.post("/auth/signup", body);
      return after();
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
    mutationFn: (tenantId: string) => api.post<TMeResponse>("/auth/switch-tenant", { tenantId }),
    onSuccess: async (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(meKey, me);
      // Everything else belongs to the previous company: drop it and refetch what is on screen.
      await qc.resetQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
    },
  });
}
