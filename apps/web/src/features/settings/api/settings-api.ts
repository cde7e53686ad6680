import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TSettings, TUpdateSettingsRequest } from "@bod/contracts/settings";
import { api } from "../../../lib/api.ts";
import { meKey } from "../../../lib/session.ts";

export const settingsKeys = { all: ["settings"] as const };

export function useSettings() {
  return useQuery({ queryKey: settingsKeys.all, queryFn: ({ signal }) => api.get<TSettings>("/settings", undefined, signal) });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateSettingsRequest) => api.patch<TSettings>("/settings", body),
    onSuccess: (s) => {
      qc.setQueryData(settingsKeys.all, s);
      // The company name shows in the top bar and the switcher.
      return qc.invalidateQueries({ queryKey: meKey });
    },
  });
}
