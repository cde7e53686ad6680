// Keyset pagination: the cursor is base64url(JSON) of the last row's sort key and id, so a
// page is `WHERE (key, id) > (cursor) ORDER BY key, id LIMIT n + 1` and stays fast on big tables.
import type { TPage } from "@bod/contracts/common";
import { AppError } from "./errors.ts";

export type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** The values of a cursor made by `encodeCursor`, or a 400 naming `cursor` when it was not. */
export function decodeCursor(cursor: string | undefined, arity: number): CursorValue[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === arity && values.every((v) => v === null || typeof v === "string" || typeof v === "number")) return values;
  } catch {
    /* fall through */
  }
  throw new AppError("invalid_input", "Invalid cursor", [{ path: "cursor", message: "Not a cursor of this list", code: "custom" }]);
}

/** Cursor of a (sort text, id) list. */
export function decodeTextCursor(cursor: string | undefined): { key: string; id: string } | undefined {
  const values = decodeCursor(cursor, 2);
  if (!values) return undefined;
  const [key, id] = values;
  if (typeof key !== "string" || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("invalid_input", "Invalid cursor", [{ path: "cursor", message: "Not a cursor of this list", code: "custom" }]);
  return { key, id };
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
