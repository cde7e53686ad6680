// One HTTP call to a store: a deadline, JSON in and out, and the store's answer classified —
// throttled (429, with its Retry-After), a permanent refusal (other 4xx), or worth retrying
// (5xx, timeouts, connection failures, credentials an admin can fix). Secrets travel in headers and are never recorded.
import { StoreError, StoreThrottled, type StoreCall } from "./types.ts";
import { envValue } from "../../../config.ts";

export const STORE_TIMEOUT_MS = envValue("STORE_TIMEOUT_MS");

export interface StoreRequest {
  method: "GET" | "POST" | "PUT";
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** What to keep on the delivery record instead of the body (defaults to the body). */
  summary?: unknown;
}

/** Retry-After in seconds or as an HTTP date; at least 1 s, at most 10 min. */
export function retryAfterMs(header: string | null, fallbackMs = 2_000): number {
  if (!header) return fallbackMs;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Math.min(600_000, Math.max(1_000, Number.isFinite(ms) ? ms : fallbackMs));
}

export async function callStore<T = any>(req: StoreRequest, calls: StoreCall[]): Promise<{ status: number; body: T; headers: Headers }> {
  const record: StoreCall = { request: { method: req.method, url: req.url, body: req.summary ?? req.body }, response: null, httpStatus: null };
  calls.push(record);
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: { accept: "application/json", ...(req.body === undefined ? {} : { "content-type": "application/json" }), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(STORE_TIMEOUT_MS),
    });
  } catch (error) {
    const e = error as Error;
    const what = e.name === "TimeoutError" ? `no answer within ${STORE_TIMEOUT_MS / 1000} s` : (e.cause as Error | undefined)?.message ?? e.message;
    record.response = { error: what };
    throw new StoreError(`The store could not be reached: ${what}`, null, false, calls);
  }
  record.httpStatus = res.status;
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  record.response = typeof body === "string" ? body.slice(0, 2000) : body;
  if (res.status === 429) throw new StoreThrottled(retryAfterMs(res.headers.get("retry-after")), calls);
  if (res.status >= 400) {
    const detail = typeof body === "object" && body ? (body.message ?? body.errors ?? body.error ?? body) : body;
    // Refusals of the message itself cannot succeed on retry; 401/403 can, once an admin fixes the credential.
    const permanent = [400, 404, 410, 422].includes(res.status);
    throw new StoreError(`The store answered ${res.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`.slice(0, 500), res.status, permanent, calls);
  }
  return { status: res.status, body: body as T, headers: res.headers };
}
