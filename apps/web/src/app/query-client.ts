import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, isTransientError, setCsrfToken } from "../lib/api.ts";
import { meKey } from "../lib/session.ts";

/**
 * A 401 from any request means the session is gone: clearing `me` sends the guard to /login.
 * networkMode "always": offline, a request fails at once with a message ("You're offline")
 * instead of waiting paused behind a spinner; a failed read is tried once more, unless the
 * device is offline or the server took too long (the person sees it and retries).
 */
export function createQueryClient() {
  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.status === 401 && client.getQueryData(meKey)) {
      setCsrfToken(undefined);
      client.setQueryData(meKey, null);
    }
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        networkMode: "always",
        retry: (count, err) => count < 1 && isTransientError(err) && !(err instanceof ApiError && (err.code === "offline" || err.code === "timeout")),
        retryDelay: 1_000,
      },
      mutations: { networkMode: "always", retry: false },
    },
  });
  return client;
}
