// The signed-in session (GET /auth/me), shared by the app shell and every feature.
import { useQuery } from "@tanstack/react-query";
import type { TMeResponse } from "@bod/contracts/auth";
import { api, ApiError, setCsrfToken } from "./api.ts";
import { setCurrency } from "./format.ts";

export const meKey = ["me"] as const;

/** Who is signed in; `null` when nobody is (401). Keeps the CSRF token for lib/api. */
export async function fetchMe(signal?: AbortSignal): Promise<TMeResponse | null> {
  try {
    const me = await api.get<TMeResponse>("/auth/me", undefined, signal);
    setCsrfToken(me.csrfToken);
    setCurrency(me.tenant.currency);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000, retry: false });
}

/** The signed-in session; only call below the auth guard. */
export function useSession(): TMeResponse {
  const { data } = useMe();
  if (!data) throw new Error("useSession used outside the signed-in area");
  return data;
}

