import { allocateStock } from "./allocate.ts";
import { buildEngineIndex } from "./engine-index.ts";
import { projectDates } from "./projection.ts";
import type { EngineInput, EngineOrder, EngineResult, Fulfillability, LineResult, OrderResult } from "./types.ts";

export interface OrderSummary {
  fulfillability: Fulfillability | null;
  projectedDate: number | null;
}

const NONE: OrderSummary = { fulfillability: null, projectedDate: null };

/**
 * Fulfillability of one allocating order from its lines (positions `from..to`
 * of `lineOrder` into the per-line arrays; `projected` uses NaN for null).
 * Lines with nothing remaining are ignored: fulfillable when every line is
 * fully allocated, backordered when nothing is allocated, partially
 * fulfillable otherwise. The order's projected date is the latest projected
 * date of its short lines, or null when any short line has none.
 */
export function summarizeOrder(
  lineOrder: Int32Array,
  from: number,
  to: number,
  remaining: Float64Array,
  allocated: Float64Array,
  projected: Float64Array,
): OrderSummary {
  let counted = 0;
  let allocatedSum = 0;
  let shortLines = 0;
  let latest = -Infinity;
  let undated = false;
  for (let j = from; j < to; j++) {
    const i = lineOrder[j]!;
    const r = remaining[i]!;
    if (r <= 0) continue;
    counted++;
    const a = allocated[i]!;
    allocatedSum += a;
    if (a < r) {
      shortLines++;
      const p = projected[i]!;
      if (Number.isNaN(p)) undated = true;
      else if (p > latest) latest = p;
    }
  }
  if (counted === 0) return NONE;
  const fulfillability: Fulfillability =
    shortLines === 0 ? "fulfillable" : allocatedSum === 0 ? "backordered" : "partially_fulfillable";
  return { fulfillability, projectedDate: shortLines > 0 && !undated ? latest : null };
}

/**
 * Result of a full computation as columns, the shape a bulk write wants
 * (UPDATE … FROM unnest($ids, $allocated, …)): building a million-entry Map
 * costs about as much as the whole computation, so callers that write
 * everything back should use this and skip the Maps.
 */
export interface FulfillabilityColumns {
  /** hard + soft allocation, indexed like `input.lines` */
  lineAllocated: Float64Array;
  /** projected date per line, indexed like `input.lines`; NaN means null */
  lineProjectedDate: Float64Array;
  /** the input's orders, best rank first */
  rankedOrders: EngineOrder[];
  /** per rank: FULFILLABILITY_CODES index, -1 for null */
  orderFulfillability: Int8Array;
  /** per rank; NaN means null */
  orderProjectedDate: Float64Array;
}

/** Codes used in `FulfillabilityColumns.orderFulfillability`. */
export const FULFILLABILITY_CODES: readonly Fulfillability[] = ["backordered", "partially_fulfillable", "fulfillable"];

/** Full computation: allocation, projected dates and order fulfillability, as columns. */
export function computeFulfillabilityColumns(input: EngineInput): FulfillabilityColumns {
  const index = buildEngineIndex(input);
  const allocated = allocateStock(index, input.policy);
  const projected = projectDates(index, allocated, input.incoming, input.preorders);
  const { rankedOrders, orderIsAllocating, orderStart, orderLines, remaining } = index;
  const orderCount = rankedOrders.length;
  const orderFulfillability = new Int8Array(orderCount).fill(-1);
  const orderProjectedDate = new Float64Array(orderCount).fill(NaN);
  for (let r = 0; r < orderCount; r++) {
    if (orderIsAllocating[r] !== 1) continue;
    const summary = summarizeOrder(orderLines, orderStart[r]!, orderStart[r + 1]!, remaining, allocated, projected);
    if (summary.fulfillability !== null) orderFulfillability[r] = LEVEL[summary.fulfillability];
    if (summary.projectedDate !== null) orderProjectedDate[r] = summary.projectedDate;
  }
  return { lineAllocated: allocated, lineProjectedDate: projected, rankedOrders, orderFulfillability, orderProjectedDate };
}

/** Full computation: allocation, projected dates and order fulfillability for every line and order of the input. */
export function computeFulfillability(input: EngineInput): EngineResult {
  const columns = computeFulfillabilityColumns(input);
  const lines = new Map<string, LineResult>();
  const inputLines = input.lines;
  for (let i = 0; i < inputLines.length; i++) {
    const id = inputLines[i]!.id;
    const p = columns.lineProjectedDate[i]!;
    lines.set(id, { lineId: id, allocated: columns.lineAllocated[i]!, projectedDate: p === p ? p : null });
  }
  const orders = new Map<string, OrderResult>();
  columns.rankedOrders.forEach((order, r) => {
    const code = columns.orderFulfillability[r]!;
    const p = columns.orderProjectedDate[r]!;
    orders.set(order.id, {
      orderId: order.id,
      fulfillability: code < 0 ? null : FULFILLABILITY_CODES[code]!,
      projectedDate: p === p ? p : null,
    });
  });
  return { lines, orders };
}

const LEVEL: Record<Fulfillability, number> = { backordered: 0, partially_fulfillable: 1, fulfillable: 2 };

/** Orders fulfillability from worst (backordered) to best (fulfillable); null (takes nothing) is -1. */
export function fulfillabilityLevel(f: Fulfillability | null): number {
  return f === null ? -1 : LEVEL[f];
}
