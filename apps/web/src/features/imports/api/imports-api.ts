// CSV imports (docs/decisions/016): upload a file (the raw CSV as the body), follow an import
// while it is read and written, its preview, its mapping, confirm, cancel, and the history.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TMeResponse } from "@bod/contracts/auth";
import { ZImportMappingRequest, type TImport, type TImportKind, type TImportPreview, type TImportStatus } from "@bod/contracts/imports";
import { api, ApiError, buildPath, checked } from "../../../lib/api.ts";
import { usePagedList } from "../../../lib/list-query.ts";
import { meKey } from "../../../lib/session.ts";

export const importKeys = {
  all: ["imports"] as const,
  list: ["imports", "list"] as const,
  detail: (id: string) => ["imports", "detail", id] as const,
  preview: (id: string) => ["imports", "preview", id] as const,
};

/** Statuses the server is still working in: the page asks again until it is done. */
const WORKING: readonly TImportStatus[] = ["uploading", "parsing", "queued", "applying"];
export const isWorking = (status: TImportStatus) => WORKING.includes(status);
export const isFinished = (status: TImportStatus) => status === "succeeded" || status === "failed" || status === "cancelled";

export const POLL_MS = 1000;
/** A 50 MB file on a slow line takes a while; the parse itself runs on the job queue. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

export function useImports() {
  return usePagedList<TImport>(importKeys.list, "/imports", { limit: 25 });
}

/** One import, asked for again every second while it is being read or written (so a reload picks it up). */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ""),
    queryFn: ({ signal }) => api.get<TImport>(`/imports/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && !isWorking(q.state.data.status) ? false : POLL_MS),
  });
}

/**
 * The preview of a read file: the first rows as they will be written (first page) and the
 * invalid rows, a page at a time. Keyed by the import's status and counts, so a new reading
 * (another mapping) or the end of the write shows what is current.
 */
export function useImportPreview(imp: TImport | undefined) {
  const ready = !!imp && !isWorking(imp.status) && imp.status !== "cancelled";
  return useInfiniteQuery({
    queryKey: [...importKeys.preview(imp?.id ?? ""), imp?.status, imp?.counts, imp?.mapping],
    queryFn: ({ pageParam, signal }) => api.get<TImportPreview>(`/imports/${imp!.id}/preview`, { afterLine: pageParam ?? undefined, limit: 100 }, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextAfterLine ?? undefined,
    enabled: ready,
  });
}

/** A 409 on upload: this very file (same content) was imported already, as `importId`. */
export class DuplicateFileError extends ApiError {
  constructor(
    message: string,
    readonly importId: string,
    readonly importStatus: string,
    requestId?: string,
  ) {
    super(409, "conflict", message, [], requestId);
  }
}

export type TUploadImport = { kind: TImportKind; file: File; updateExisting: boolean };

/**
 * The upload sends the file itself (Content-Type text/csv), not JSON, so it does not go through
 * apiRequest; it sends the CSRF header the same way and maps failures to ApiError the same way.
 */
async function uploadImportFile(input: TUploadImport, csrfToken: string | undefined): Promise<TImport> {
  const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "text/csv" };
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const path = buildPath("/imports", { kind: input.kind, fileName: input.file.name, updateExisting: input.updateExisting ? "true" : undefined });
  const timeout = AbortSignal.timeout(UPLOAD_TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    res = await fetch(path, { method: "POST", headers, body: input.file, credentials: "same-origin", signal: timeout });
    text = await res.text();
  } catch {
    if (timeout.aborted) throw new ApiError(0, "timeout", "The upload took too long. Try again, or split the file.");
    if (typeof navigator !== "undefined" && navigator.onLine === false) throw new ApiError(0, "offline", "You're offline — check the connection, then try again.");
    throw new ApiError(0, "network", "Cannot reach the server — check the connection, then try again.");
  }
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (res.ok) return data as TImport;
  const e = (data as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } | undefined)?.error;
  const details = e?.details as { importId?: string; status?: string } | undefined;
  if (res.status === 409 && details?.importId) throw new DuplicateFileError(e?.message ?? "This file was imported already", details.importId, details.status ?? "", e?.requestId);
  if (res.status >= 500) throw new ApiError(res.status, e?.code ?? "http_error", "Something went wrong on the server. Try again; if it keeps happening, pass on the details below.", [], e?.requestId);
  const issues = Array.isArray(e?.details) ? (e.details as { path?: unknown; message?: unknown }[]).map((d) => ({ path: String(d.path ?? ""), message: String(d.message ?? "") })) : [];
  throw new ApiError(res.status, e?.code ?? "http_error", e?.message ?? `The server answered ${res.status}`, issues, e?.requestId);
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: TUploadImport) => uploadImportFile(input, qc.getQueryData<TMeResponse | null>(meKey)?.csrfToken),
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.detail(imp.id), imp);
      return qc.invalidateQueries({ queryKey: importKeys.list });
    },
  });
}

/** Every write that answers with the import: keep it (polling resumes while it works), refresh the history. */
function useImportWrite<V>(id: string, write: (v: V) => Promise<TImport>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (imp) => {
      qc.setQueryData(importKeys.detail(id), imp);
      return qc.invalidateQueries({ queryKey: importKeys.list });
    },
  });
}

export function useSetImportMapping(id: string) {
  return useImportWrite(id, (mapping: (string | null)[]) => api.put<TImport>(`/imports/${id}/mapping`, checked(ZImportMappingRequest, { mapping })));
}

export function useConfirmImport(id: string) {
  return useImportWrite(id, () => api.post<TImport>(`/imports/${id}/confirm`));
}

export function useCancelImport(id: string) {
  return useImportWrite(id, () => api.post<TImport>(`/imports/${id}/cancel`));
}

export const templateUrl = (kind: TImportKind) => `/api/v1/imports/templates/${kind}.csv`;
