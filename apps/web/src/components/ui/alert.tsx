import type { ReactNode } from "react";
import { ApiError, errorMessage } from "../../lib/api.ts";

export function Alert({ tone = "error", children }: { tone?: "error" | "info" | "success" | "warning"; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

/** A readable message for any failed request; field issues not shown next to a field are listed. */
export function ErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null;
  const other = error instanceof ApiError ? error.details.filter((d) => !shownFields.some((f) => d.path === f || d.path.startsWith(`${f}.`))) : [];
  return (
    <Alert tone="error">
      <strong>{errorMessage(error)}</strong>
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
      {error instanceof ApiError && error.requestId && <div className="muted small">Request id {error.requestId}</div>}
    </Alert>
  );
}

/** Field error from a mutation's ApiError, for FormField's `error`. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldError(field) : undefined;
}
