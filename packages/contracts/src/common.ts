import { z } from "zod";

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
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

export function ZPage<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type TPage<T> = { items: T[]; nextCursor: string | null };

/** A whole, positive quantity of units. */
export const ZQuantity = z.number().int().positive();
/** A whole quantity that may be zero or negative (adjustments). */
export const ZSignedQuantity = z.number().int().refine((n) => n !== 0, "must not be zero");
export const ZDateOnly = z.iso.date();
