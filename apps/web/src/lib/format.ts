export function formatSigned(n: number) {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0";
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
export function formatDateTime(iso: string) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** "2025-03-01" or a timestamp as a calendar date; a bare date stays that day in every time zone. */
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
export function formatDate(iso: string | null | undefined) {
  if (!iso) return "—";
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : date.format(d);
}

// Money: integer cents in the company's currency (settings; GET /auth/me sets it at sign-in).
let money = currencyFormat("USD");
function currencyFormat(currency: string) {
  return new Intl.NumberFormat(undefined, { style: "currency", currency });
}
/** The company's ISO 4217 code; lib/session calls it with each /auth/me. */
export function setCurrency(currency: string) {
  if (money.resolvedOptions().currency !== currency) money = currencyFormat(currency);
}

/** "$1,234.50" (or "1.234,50 €"): an amount in the company's currency. */
export function formatMoney(cents: number) {
  return money.format(cents / 100);
}

/** "+$5.00" / "−$6.00" / "$0.00": a difference, signed. */
export function formatMoneyDifference(cents: number) {
  return cents > 0 ? `+${formatMoney(cents)}` : cents < 0 ? `−${formatMoney(-cents)}` : formatMoney(0);
}

/** 1250 → "12.50": cents as a form field's value (parseMoneyToCents reads it back). */
export function centsToInput(cents: number) {
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
