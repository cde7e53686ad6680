// Money in the fake stores: integer cents inside (two-decimal currencies), decimal strings at the
// edges in the format each API uses.

/** "12.5", "12", 12.5 → 1250; null for anything that is not a non-negative decimal amount. */
export function parseCents(value: unknown): number | null {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (!/^\d+(\.\d+)?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

/** "12.50" — REST payloads (Shopify webhooks, WooCommerce). */
export const decimal2 = (cents: number) => (cents / 100).toFixed(2);

/** "12.5", "10.0", "12.34" — how Shopify's GraphQL Decimal/Money scalars read. */
export function shopifyDecimal(cents: number): string {
  const fixed = (cents / 100).toFixed(2);
  return fixed.endsWith("0") ? fixed.slice(0, -1) : fixed;
}
