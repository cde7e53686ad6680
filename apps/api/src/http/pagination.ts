// Keyset pagination: the cursor is base64url(JSON) of the last row's sort key and id, so a
// page is `WHERE (key, id) > (cursor) ORDER BY key, id LIMIT n + 1` and stays fast on big tables.
import { z } from "zod";
import { ZDateTime, ZId, ZInt, type TPage } from "@bod/contracts/common";
import { AppError } from "./errors.ts";
import { textProblem } from "./input.ts";

export type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

const badCursor = () => new AppError("invalid_input", "Invalid cursor", [{ path: "cursor", message: "Not a cursor of this list", code: "custom" }]);

/** What a cursor may hold, part by part; a cursor is checked against its list's parts before any query sees it. */
export const cursorPart = {
  /** Text of a sort key (SKU, name, code, email): storable, of a sensible length. */
  text: z.string().max(1000).refine((s) => !textProblem(s)),
  /** A timestamp as written by `iso`. */
  instant: ZDateTime,
  id: ZId,
  int: ZInt,
  number: z.number().finite(),
} as const;

type Parts = [z.ZodTypeAny, ...z.ZodTypeAny[]];

/** The values of a cursor made by `encodeCursor` with these parts, or a 400 naming `cursor` when it was not. */
export function decodeCursor<P extends Parts>(cursor: string | undefined, parts: P): { [K in keyof P]: z.output<P[K]> } | undefined {
  if (cursor === undefined) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  const parsed = z.tuple(parts).safeParse(values);
  if (!parsed.success) throw badCursor();
  return parsed.data as { [K in keyof P]: z.output<P[K]> };
}

/** Cursor of a (sort key, id) list; the key is text unless the list sorts by a timestamp. */
export function decodeTextCursor(cursor: string | undefined, key: "text" | "instant" = "text"): { key: string; id: string } | undefined {
  const values = decodeCursor(cursor, [cursorPart[key], cursorPart.id]);
  return values && { key: values[0], id: values[1] };
}

/** `rows` were read with `limit + 1`: the extra row only tells that there is a next page. */
export function toPage<Row, Item>(rows: Row[], limit: number, keyOf: (row: Row) => CursorValue[], map: (row: Row) => Item): TPage<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);
