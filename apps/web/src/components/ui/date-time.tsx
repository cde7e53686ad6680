// An instant as the app shows every time (lib/format.ts formatDateTime); the exact ISO time on hover.
import { formatDateTime } from "../../lib/format.ts";

export function DateTime({ value, fallback = "—" }: { value: string | null | undefined; fallback?: string }) {
  if (!value) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={value} title={value}>
      {formatDateTime(value)}
    </time>
  );
}
