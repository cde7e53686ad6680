// Company settings (admins): read, change; a policy change answers 202 with the recompute job.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZUpdateSettingsRequest, type TSettings, type TUpdateSettingsRequest, type TUpdateSettingsResponse } from "@bod/contracts/settings";
import { api, checked } from "../../../lib/api.ts";
import { meKey } from "../../../lib/session.ts";

export const settingsKeys = { all: ["settings"] as const };

export function useSettings() {
  return useQuery({ queryKey: settingsKeys.all, queryFn: ({ signal }) => api.get<TSettings>("/settings", undefined, signal) });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateSettingsRequest) => api.patch<TUpdateSettingsResponse>("/settings", checked(ZUpdateSettingsRequest, body)),
    onSuccess: ({ recomputeJob: _job, ...s }) => {
      qc.setQueryData<TSettings>(settingsKeys.all, s);
      // The company name shows in the top bar and the switcher.
      return qc.invalidateQueries({ queryKey: meKey });
    },
  });
}

/** After a recompute: every order's fulfillability and the reports may have changed. */
export function useRefreshAfterRecompute() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ["orders"] }), qc.invalidateQueries({ queryKey: ["reports"] }), qc.invalidateQueries({ queryKey: meKey })]);
}
