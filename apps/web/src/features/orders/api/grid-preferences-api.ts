// The orders grid's columns as the signed-in user left them (order, hidden, widths), kept on the
// server per user (GET/PUT /me/preferences/orders-grid), so another browser of the same person
// opens the same grid and another person's grid is their own.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TOrdersGridPreference, TPreference } from "@bod/contracts/preferences";
import { api, buildPath } from "../../../lib/api.ts";

const KEY = ["preferences", "orders-grid"] as const;
const PATH = "/me/preferences/orders-grid";

export function useGridPreference() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<TPreference<"orders-grid">>(PATH, undefined, signal).then((p) => p.value),
    staleTime: Infinity,
  });
}

export function useSaveGridPreference() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (value: TOrdersGridPreference) => api.put<TPreference<"orders-grid">>(PATH, { value }),
    onSuccess: (p) => qc.setQueryData(KEY, p.value),
  });
}

/** A layout change still waiting for its pause when the page goes away: sent with keepalive, so it outlives the page. */
export function saveGridPreferenceOnExit(value: TOrdersGridPreference, csrfToken: string) {
  void fetch(buildPath(PATH), {
    method: "PUT",
    keepalive: true,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken },
    body: JSON.stringify({ value }),
  }).catch(() => undefined);
}
