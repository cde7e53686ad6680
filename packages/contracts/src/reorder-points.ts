// Reorder points per (warehouse, SKU): set by hand or from a suggestion; the backorder report
// lists a key once its projected position (on hand + incoming − open demand) falls below its point.
import { z } from "zod";
import { ZId, ZInt, ZQueryInt } from "./common.ts";

const MAX = 10_000_000;
export const ZReorderPointParams = z.object({ productId: ZId, warehouseId: ZId }).strict();

export const ZReorderSource = z.enum(["manual", "suggested"]);
export const ZSetReorderPointRequest = z
  .object({
    reorderPoint: ZInt.min(0).max(MAX),
    reorderQuantity: ZInt.min(1).max(MAX),
    /** "suggested" when the figures were taken from GET …/suggestion (then the window and safety stock used) */
    source: ZReorderSource.default("manual"),
    windowDays: ZInt.min(1).max(730).optional(),
    safetyStock: ZInt.min(0).max(MAX).optional(),
  })
  .strict();
export type TSetReorderPointRequest = z.output<typeof ZSetReorderPointRequest>;

/** What the key holds now and will hold: the figures its reorder point is compared with. */
export const ZReorderPosition = z.object({
  onHand: z.number(),
  /** still to arrive on ordered / partially received purchase orders */
  incoming: z.number(),
  /** remaining units of open / partially shipped orders */
  demand: z.number(),
  /** onHand + incoming − demand */
  projectedPosition: z.number(),
});

export const ZReorderPoint = z.object({
  warehouse: z.object({ id: ZId, code: z.string(), name: z.string() }),
  /** null: no reorder point at this warehouse */
  setting: z
    .object({
      reorderPoint: z.number(),
      reorderQuantity: z.number(),
      source: ZReorderSource,
      windowDays: z.number().nullable(),
      safetyStock: z.number().nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  position: ZReorderPosition,
  /** units the report would buy now under the (s, nQ) rule (0 at or above the point, or without one) */
  reorderNeed: z.number(),
});
export type TReorderPoint = z.infer<typeof ZReorderPoint>;
export const ZReorderPoints = z.object({ items: z.array(ZReorderPoint) });
export type TReorderPoints = z.infer<typeof ZReorderPoints>;

export const ZReorderSuggestionQuery = z
  .object({
    /** days of order history the velocity is measured over */
    windowDays: ZQueryInt.min(1).max(730).default(30),
    safetyStock: ZQueryInt.min(0).max(MAX).default(0),
    /** days of demand one reorder should cover (default: the window) */
    coverDays: ZQueryInt.min(1).max(730).optional(),
  })
  .strict();
export type TReorderSuggestionQuery = z.output<typeof ZReorderSuggestionQuery>;

export const ZReorderSuggestion = z.object({
  windowDays: z.number(),
  coverDays: z.number(),
  /** units ordered at this warehouse over the window, cancelled units left out */
  unitsInWindow: z.number(),
  dailyVelocity: z.number(),
  /** the preferred supplier's (0 and supplier null without one) */
  leadTimeDays: z.number(),
  supplier: z.object({ id: ZId, name: z.string() }).nullable(),
  safetyStock: z.number(),
  reorderPoint: z.number(),
  reorderQuantity: z.number(),
});
export type TReorderSuggestion = z.infer<typeof ZReorderSuggestion>;
