// Messages: Alert for any tone, ErrorAlert the one way a failed request is shown (lists, dialogs, forms, pages).
import { useContext, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { QueryClientContext, type Query } from "@tanstack/react-query";
import { ApiError, errorMessage, isTransientError } from "../../lib/api.ts";
import { Button } from "./button.tsx";

export function Alert({ tone = "error", children }: { tone?: "error" | "info" | "success" | "warning"; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** The queries whose last failure is `error` (so a Retry can refetch what failed, wherever it is shown). */
function useFailedQueries(error: unknown): Query[] {
  const client = useContext(QueryClientContext);
  if (!client || !error) return [];
  return client.getQueryCache().findAll({ predicate: (q) => q.state.status === "error" && q.state.error === error });
}

/** Failures where the server did nothing (no connection, or it answered 503 before working). */
const NOT_PROCESSED = new Set(["offline", "unavailable"]);

/**
 * The form an alert sits in, when sending that form again is safe for `error`: always when the
 * request was not processed; after a timeout or a 5xx only if the form is marked
 * `data-idempotent` (it sends an Idempotency-Key that is kept until the form changes or
 * succeeds, so the server replays instead of applying twice).
 */
function useRetryableForm(error: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const [form, setForm] = useState<HTMLFormElement | null>(null);
  useLayoutEffect(() => {
    const f = ref.current?.closest("form") ?? null;
    const safe = error instanceof ApiError && (NOT_PROCESSED.has(error.code) || f?.dataset.idempotent !== undefined);
    setForm(safe ? f : null);
  }, [error]);
  return { ref, form };
}

/**
 * A readable message for any failed request; field issues not shown next to a field are listed.
 * A failure that may pass (offline, too slow, 503, 5xx) gets a Retry: `onRetry` when given, else
 * the failed queries are fetched again, else the form the alert is in is sent again when that is
 * safe (useRetryableForm). Codes and the request id are only inside the "Details" disclosure.
 */
export function ErrorAlert({ error, shownFields = [], onRetry, retrying }: { error: unknown; shownFields?: string[]; onRetry?: () => void; retrying?: boolean }) {
  const failedQueries = useFailedQueries(error);
  const retryable = useRetryableForm(error);
  if (!error) return null;
  const other = error instanceof ApiError ? error.details.filter((d) => !shownFields.some((f) => d.path === f || d.path.startsWith(`${f}.`))) : [];
  const resend = retryable.form ? () => retryable.form?.requestSubmit() : undefined;
  const retry = !isTransientError(error) ? undefined : (onRetry ?? (failedQueries.length > 0 ? () => failedQueries.forEach((q) => void q.fetch()) : resend));
  const isRetrying = retrying ?? failedQueries.some((q) => q.state.fetchStatus === "fetching");
  return (
    <Alert tone="error">
      <div className="alert-row" ref={retryable.ref}>
        <strong>{errorMessage(error)}</strong>
        {retry && (
          <Button busy={isRetrying} onClick={retry}>
            Retry
          </Button>
        )}
      </div>
      {other.length > 0 && (
        <ul>
          {other.map((d, i) => (
            <li key={i}>
              {d.path ? `${d.path}: ` : ""}
              {d.message}
            </li>
          ))}
        </ul>
      )}
      {error instanceof ApiError && (error.requestId || error.status >= 500) && (
        <details className="error-details">
          <summary>Details</summary>
          <div className="small">
            {error.status > 0 ? `HTTP ${error.status} · ` : ""}
            {error.code}
            {error.requestId && <> · request id <code>{error.requestId}</code></>}
          </div>
        </details>
      )}
    </Alert>
  );
}

/** Field error from a mutation's ApiError, for FormField's `error`. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
