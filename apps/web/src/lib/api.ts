// The one fetch wrapper: JSON in and out, CSRF header on writes, a time limit on every request,
// the API's error shape as ApiError (offline, timeout and 503 become codes a person can act on).
import type { z } from "zod";

export type FieldIssue = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
    readonly requestId?: string,
    /** seconds, from a 503's Retry-After */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
  /** The message of the first issue whose path is `field` (or starts with `field.`). */
  fieldError(field: string): string | undefined {
    return this.details.find((d) => d.path === field || d.path.startsWith(`${field}.`))?.message;
  }
}

let csrfToken: string | undefined;
/** Kept from the `me` query; sent as X-CSRF-Token on every non-GET request. */
export function setCsrfToken(token: string | undefined) {
  csrfToken = token;
}

export type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** ms before the request gives up with code `timeout` (default: 15 s reads, 30 s writes) */
  timeoutMs?: number;
};

export const READ_TIMEOUT_MS = 15_000;
export const WRITE_TIMEOUT_MS = 30_000;

/** Codes of failures that may pass by themselves: a retry makes sense. */
const TRANSIENT_CODES = new Set(["network", "offline", "timeout", "unavailable"]);

/** True when trying the same request again may work (no connection, too slow, 503, a 5xx). */
export function isTransientError(err: unknown): boolean {
  return err instanceof ApiError && (TRANSIENT_CODES.has(err.code) || err.status >= 500);
}

function isOffline() {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export function buildPath(path: string, query?: RequestOptions["query"]) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ""}`;
}

function parseDetails(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details
    .filter((d): d is { path: unknown; message: unknown } => typeof d === "object" && d !== null)
    .map((d) => ({ path: String(d.path ?? ""), message: String(d.message ?? "") }));
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;

  const timeout = AbortSignal.timeout(options.timeoutMs ?? (method === "GET" ? READ_TIMEOUT_MS : WRITE_TIMEOUT_MS));
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let res: Response;
  let text: string;
  try {
    res = await fetch(buildPath(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
      signal,
    });
    text = res.status === 204 ? "" : await res.text();
  } catch (err) {
    if (timeout.aborted) throw new ApiError(0, "timeout", "The server took too long to answer. Try again.");
    if (options.signal?.aborted) throw err;
    if (isOffline()) throw new ApiError(0, "offline", "You're offline — check the connection, then try again.");
    throw new ApiError(0, "network", "Cannot reach the server — check the connection, then try again.");
  }
  if (res.status === 204) return undefined as T;
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } | undefined)?.error;
    if (res.status === 503) {
      const retryAfter = parseRetryAfter(res.headers.get("Retry-After"));
      const wait = retryAfter ? ` Try again in ${retryAfter} s.` : " Try again in a moment.";
      throw new ApiError(503, "unavailable", `Temporarily unavailable.${wait}`, [], e?.requestId, retryAfter);
    }
    // A 5xx message is for the logs ("the request id identifies it"); a person gets what to do.
    const message = res.status >= 500 ? "Something went wrong on the server. Try again; if it keeps happening, pass on the details below." : e?.message;
    throw new ApiError(
      res.status,
      e?.code ?? "http_error",
      message ?? `The server answered ${res.status} ${res.statusText}`.trim(),
      parseDetails(e?.details),
      e?.requestId,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions["query"], signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => apiRequest<T>(path, { method: "POST", body: body ?? {}, idempotencyKey }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PUT", body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: "PATCH", body }),
  delete: (path: string) => apiRequest<void>(path, { method: "DELETE" }),
};

/**
 * A request body checked against the API's own contract (the zod schema the endpoint parses
 * with, from @bod/contracts) before it is sent: what the server would refuse is refused here,
 * with the same field paths and messages, and no request leaves. Returns the body unchanged
 * (the server parses it again; transforms are its business).
 */
export function checked<S extends z.ZodType>(schema: S, body: z.input<S>): z.input<S> {
  const result = schema.safeParse(body);
  if (result.success) return body;
  // As the server answers: the issues as details (forms show them under their fields, ErrorAlert lists the rest).
  const details = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw new ApiError(400, "invalid_input", "Some values are not accepted", details);
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return "Something went wrong";
}
