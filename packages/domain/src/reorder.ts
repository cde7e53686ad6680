// Reorder points: buying before orders wait. A (warehouse, SKU) key may carry a reorder point s
// and a reorder quantity Q. Its projected position is what it will have once every open order is
// served and every open purchase order has arrived: on hand + incoming − open demand (hard
// allocations are part of both on hand and demand, so they cancel). When the position falls
// below s, the key needs the fewest whole multiples of Q that bring it back to s or above — the
// (s, nQ) policy. A key that is short today has a negative position, so the same rule buys its
// shortfall and the refill together.

/** Units to buy for a key under its reorder point: n × Q for the smallest n with position + n × Q ≥ s; 0 at or above s. */
export function reorderNeed(position: number, reorderPoint: number, reorderQuantity: number): number {
  if (!(reorderQuantity >= 1)) throw new RangeError(`reorderQuantity must be at least 1, got ${reorderQuantity}`);
  if (position >= reorderPoint) return 0;
  return Math.ceil((reorderPoint - position) / reorderQuantity) * reorderQuantity;
}

export interface ReorderSuggestionInput {
  /** units ordered at the key over the window (every channel, cancelled units left out) */
  unitsInWindow: number;
  windowDays: number;
  /** the preferred supplier's lead time (0 without a supplier) */
  leadTimeDays: number;
  safetyStock: number;
  /** days of demand one reorder should cover */
  coverDays: number;
}

export interface ReorderSuggestion {
  /** units per day over the window */
  dailyVelocity: number;
  /** ⌈velocity × lead time + safety stock⌉ */
  reorderPoint: number;
  /** ⌈velocity × cover days⌉, at least 1 */
  reorderQuantity: number;
}

/** A reorder point from demand velocity over a window × supplier lead time + safety stock, and a quantity covering `coverDays`. */
export function suggestReorderPoint(input: ReorderSuggestionInput): ReorderSuggestion {
  if (!(input.windowDays >= 1)) throw new RangeError(`windowDays must be at least 1, got ${input.windowDays}`);
  const dailyVelocity = Math.max(0, input.unitsInWindow) / input.windowDays;
  // Rounded to 1e-9 first so 0.1 × 30 counts as 3, not 3.0000000000000004 → 4.
  const up = (x: number) => Math.ceil(Math.round(x * 1e9) / 1e9);
  return {
    dailyVelocity,
    reorderPoint: up(dailyVelocity * Math.max(0, input.leadTimeDays) + Math.max(0, input.safetyStock)),
    reorderQuantity: Math.max(1, up(dailyVelocity * Math.max(0, input.coverDays))),
  };
}
