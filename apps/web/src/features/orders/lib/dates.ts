const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** A calendar date from an ISO date or timestamp ("2025-03-01" stays that day in every time zone). */
export function formatDate(iso: string | null | undefined) {
  if (!iso) return "—";
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : date.format(d);
}
