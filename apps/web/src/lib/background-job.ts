// A background job a person waits for (GET /jobs/:id), polled every second until it ends.
import { useQuery } from "@tanstack/react-query";
import type { TBackgroundJob } from "@bod/contracts/integrations";
import { api } from "./api.ts";

export const jobKeys = { detail: (id: string) => ["jobs", id] as const };

export const isJobDone = (job: Pick<TBackgroundJob, "status"> | undefined) => job?.status === "succeeded" || job?.status === "failed";

/** `initial`: the job as the request that queued it answered (shown before the first poll). */
export function useBackgroundJob(id: string | undefined, initial?: TBackgroundJob) {
  return useQuery({
    queryKey: jobKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TBackgroundJob>(`/jobs/${id}`, undefined, signal),
    enabled: !!id,
    initialData: initial && initial.id === id ? initial : undefined,
    initialDataUpdatedAt: 0,
    refetchInterval: (q) => (isJobDone(q.state.data) ? false : 1000),
    refetchIntervalInBackground: true,
  });
}
