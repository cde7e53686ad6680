import { z } from "zod";

/**
 * Every integer the API accepts fits the PostgreSQL `integer` column it is written to
 * (−2³¹ … 2³¹−1); narrower bounds are added per field. Use these, never a bare `z.number().int()`.
 */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
export const ZInt = z.number().int().min(INT4_MIN).max(INT4_MAX);
/** The same, from a query string. */
export const ZQueryInt = z.coerce.number().int().min(INT4_MIN).max(INT4_MAX);

/** An order's money is stored in integer cents and its units are summed as integers: both totals must fit. */
export function orderTotalFits(order: { lines: readonly { quantity: number; unitPriceCents: number }[]; shippingCents?: number; taxCents?: number }): boolean {
  const cents = order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0) + (order.shippingCents ?? 0) + (order.taxCents ?? 0);
  const units = order.lines.reduce((sum, l) => sum + l.quantity, 0);
  return cents <= INT4_MAX && units <= INT4_MAX;
}
export const ORDER_TOTAL_TOO_LARGE = { message: `The order's total (lines, shipping and tax) and its units must each be at most ${INT4_MAX}`, path: ["lines"] };


/** The one error shape of every API response that is not a success. */
export const ZErrorCode = z.enum([
  "invalid_input",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "insufficient_stock",
  "stale_version",
  "idempotency_mismatch",
  "rule_violation",
  "rate_limited",
  "too_large",
  "unsupported_media_type",
  "internal",
  "unavailable",
]);
export type TErrorCode = z.infer<typeof ZErrorCode>;

export const ZErrorResponse = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

export const ZId = z.uuid();
export const ZRole = z.enum(["admin", "manager", "staff", "purchaser"]);
export type TRole = z.infer<typeof ZRole>;

/** Keyset pagination: `cursor` is opaque; `limit` 1..200 (default 50). */
export const ZPageQuery = z.object({
  cursor: z.string().min(1).optional(),
  limit: ZQueryInt.min(1).max(200).default(50),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type TPage<T> = { items: T[]; nextCursor: string | null };

/** A whole, positive quantity of units. */
export const ZQuantity = ZInt.positive();
/** A whole quantity that may be zero or negative (adjustments). */
export const ZSignedQuantity = ZInt.refine((n) => n !== 0, "must not be zero");
/**
 * Years a date may name. The database would take year 0 (and refuse what JavaScript then makes
 * of it) or year 200,000; a warehouse means neither, so a typo is a 400 naming the field.
 */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 9999;
const YEAR_MESSAGE = `year must be between ${YEAR_MIN} and ${YEAR_MAX}`;
const yearInRange = (s: string) => {
  const year = Number(s.slice(0, 4));
  return year >= YEAR_MIN && year <= YEAR_MAX;
};
/** Currencies the product can show amounts in: the ISO 4217 codes Intl knows. */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf("currency");
export const ZCurrency = z.string().refine((s) => CURRENCIES.includes(s), "must be an ISO 4217 currency code in capitals, such as USD or EUR");

/** A calendar date, `2026-03-01`. */
export const ZDateOnly = z.iso.date().refine(yearInRange, YEAR_MESSAGE);
/** An instant with an offset, `2026-03-01T09:30:00Z`. */
export const ZDateTime = z.iso.datetime({ offset: true }).refine(yearInRange, YEAR_MESSAGE);
