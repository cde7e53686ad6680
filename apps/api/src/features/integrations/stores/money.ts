// Store money arrives as decimal strings in the shop's currency ("12.50"); Backorder Desk keeps
// integer cents. Two-decimal currencies only (a shop in JPY or KWD would need its exponent).
export function toCents(amount: string | number | null | undefined): number {
  if (amount === null || amount === undefined || amount === "") return 0;
  const n = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(n)) return 0;
  return Math.max(0, Math.round(n * 100));
}

export function fromCents(cents: number): string {
  return (cents / 100).toFixed(2);
}
