export function formatSigned(n: number) {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export function formatDateTime(iso: string) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatCents(cents: number) {
  return (cents / 100).toFixed(2);
}

/** "12.5" → 1250; returns undefined for blank or invalid input. */
export function parseMoneyToCents(value: string): number | undefined {
  const v = value.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return undefined;
  return Math.round(Number(v) * 100);
}

export function parseIntOrUndefined(value: string): number | undefined {
  const v = value.trim();
  if (!/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

export function humanize(value: string) {
  const s = value.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}
