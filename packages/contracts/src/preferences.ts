// A signed-in user's own settings, one JSON value per key (GET/PUT /api/v1/me/preferences/:key).
// Each key has its own schema; a value is checked against it on the way in and on the way out.
import { z } from "zod";

/** The orders desk grid's columns, in their default order. `number` is always shown. */
export const ORDERS_GRID_COLUMNS = [
  "number",
  "channel",
  "customer",
  "orderDate",
  "shipBy",
  "fulfillability",
  "status",
  "lines",
  "units",
  "projected",
  "tags",
  "priority",
  "warehouse",
  "mode",
] as const;
export const ZOrdersGridColumn = z.enum(ORDERS_GRID_COLUMNS);
export type TOrdersGridColumn = z.infer<typeof ZOrdersGridColumn>;
export const GRID_COLUMN_MIN_WIDTH = 48;
export const GRID_COLUMN_MAX_WIDTH = 800;

/** Column order, hidden columns and widths (px) of the orders grid. */
export const ZOrdersGridPreference = z
  .object({
    order: z
      .array(ZOrdersGridColumn)
      .max(ORDERS_GRID_COLUMNS.length)
      .refine((ids) => new Set(ids).size === ids.length, "must not repeat a column"),
    hidden: z
      .array(ZOrdersGridColumn)
      .max(ORDERS_GRID_COLUMNS.length)
      .refine((ids) => !ids.includes("number"), "the order number cannot be hidden"),
    widths: z.partialRecord(ZOrdersGridColumn, z.number().int().min(GRID_COLUMN_MIN_WIDTH).max(GRID_COLUMN_MAX_WIDTH)),
  })
  .strict();
export type TOrdersGridPreference = z.infer<typeof ZOrdersGridPreference>;

/** Every preference key and the schema of its value. */
export const PREFERENCE_SCHEMAS = {
  "orders-grid": ZOrdersGridPreference,
} as const;
export type TPreferenceKey = keyof typeof PREFERENCE_SCHEMAS;
export type TPreferenceValue<K extends TPreferenceKey> = z.infer<(typeof PREFERENCE_SCHEMAS)[K]>;
export const ZPreferenceKey = z.enum(Object.keys(PREFERENCE_SCHEMAS) as [TPreferenceKey, ...TPreferenceKey[]]);
export const ZPreferenceParams = z.object({ key: ZPreferenceKey }).strict();

/** PUT body: `{ value }`, checked against the key's schema by the API. */
export const ZPutPreferenceRequest = z.object({ value: z.unknown() }).strict();
/** The stored value, or null when the user never saved one (the screen uses its defaults). */
export const ZPreference = z.object({ key: ZPreferenceKey, value: z.unknown().nullable(), updatedAt: z.string().nullable() });
export type TPreference<K extends TPreferenceKey = TPreferenceKey> = { key: K; value: TPreferenceValue<K> | null; updatedAt: string | null };
