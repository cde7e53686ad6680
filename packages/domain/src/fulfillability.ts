import { allocateStock, shippableAllocation } from "./allocate.ts";
import { buildEngineIndex, type TieComparators } from "./engine-index.ts";
import { indexEngineInput } from "./from-strings.ts";
import { projectDates } from "./projection.ts";
import type {
  EngineInput,
  EngineOrder,
  EngineResult,
  Fulfillability,
  IndexedEngineInput,
  IndexedEngineResult,
  LineResult,
  OrderResult,
} from "./types.ts";

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
 * date of its short lines, or null when any short line has none. `shippable`
 * (allocate.ts shippableAllocation) counts kit components in whole kits.
 */
export function summarizeOrder(
  lineOrder: Int32Array,
  from: number,
  to: number,
  remaining: Float64Array,
  allocated: Float64Array,
  projected: Float64Array,
  shippable: Float64Array = allocated,
): OrderSummary {
  const code = summarizeInto(lineOrder, from, to, remaining, allocated, projected, shippable);
  if (code < 0) return NONE;
  return { fulfillability: FULFILLABILITY_CODES[code]!, projectedDate: summaryDate === summaryDate ? summaryDate : null };
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

/** Codes used in `FulfillabilityColumns.orderFulfillability` and `IndexedEngineResult.orderFulfillability`. */
export const FULFILLABILITY_CODES: readonly Fulfillability[] = ["backordered", "partially_fulfillable", "fulfillable"];

/**
 * The one implementation: ranking, allocation, projected dates and order
 * fulfillability over integer-indexed columns. `ties` lets the string API break
 * ties by id without turning every id into an integer first.
 */
export function runEngine(input: IndexedEngineInput, ties: TieComparators = {}): IndexedEngineResult {
  const index = buildEngineIndex(input, ties);
  const allocated = allocateStock(index, input.policy);
  const projected = projectDates(index, allocated, input.supplies, input.preorders, input.keys.product);
  const { rankToOrder, orderIsAllocating, orderStart, orderLines, remaining, orderCount } = index;
  const shippable = shippableAllocation(index.kits, allocated);
  const orderFulfillability = new Int8Array(orderCount).fill(-1);
  const orderProjectedDate = new Float64Array(orderCount).fill(NaN);
  for (let r = 0; r < orderCount; r++) {
    if (orderIsAllocating[r] !== 1) continue;
    const o = rankToOrder[r]!;
    const code = summarizeInto(orderLines, orderStart[r]!, orderStart[r + 1]!, remaining, allocated, projected, shippable);
    orderFulfillability[o] = code;
    if (code >= 0) orderProjectedDate[o] = summaryDate;
  }
  return {
    lineAllocated: allocated,
    lineProjectedDate: projected,
    orderFulfillability,
    orderProjectedDate,
    rankedOrderIndex: rankToOrder,
  };
}

/** projected date of the last summarizeInto call (NaN for null) */
let summaryDate = NaN;

/** summarizeOrder without allocating: returns the FULFILLABILITY_CODES index (-1 for null) and sets summaryDate. */
function summarizeInto(
  lineOrder: Int32Array,
  from: number,
  to: number,
  remaining: Float64Array,
  allocated: Float64Array,
  projected: Float64Array,
  shippable: Float64Array = allocated,
): number {
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
    const a = shippable[i]!;
    allocatedSum += a;
    if (a < r) {
      shortLines++;
      // A kit component held in full but waiting for another component waits for no supply of its own.
      if (allocated[i]! >= r) continue;
      const p = projected[i]!;
      if (Number.isNaN(p)) undated = true;
      else if (p > latest) latest = p;
    }
  }
  summaryDate = shortLines > 0 && !undated && latest > -Infinity ? latest : NaN;
  if (counted === 0) return -1;
  return shortLines === 0 ? 2 : allocatedSum === 0 ? 0 : 1;
}

/**
 * Full computation over integer-indexed columns (what a full recompute from the
 * database uses; ids mapped to integers while loading rows). Same semantics as
 * computeFulfillability, which builds this input from strings and delegates.
 */
export function computeFulfillabilityIndexed(input: IndexedEngineInput): IndexedEngineResult {
  return runEngine(input);
}

/** Full computation: allocation, projected dates and order fulfillability, as columns. */
export function computeFulfillabilityColumns(input: EngineInput): FulfillabilityColumns {
  const { indexed, ties } = indexEngineInput(input);
  const result = runEngine(indexed, ties);
  const ranked = result.rankedOrderIndex;
  const orderCount = ranked.length;
  const rankedOrders: EngineOrder[] = new Array(orderCount);
  const orderFulfillability = new Int8Array(orderCount);
  const orderProjectedDate = new Float64Array(orderCount);
  for (let r = 0; r < orderCount; r++) {
    const o = ranked[r]!;
    rankedOrders[r] = input.orders[o]!;
    orderFulfillability[r] = result.orderFulfillability[o]!;
    orderProjectedDate[r] = result.orderProjectedDate[o]!;
  }
  return {
    lineAllocated: result.lineAllocated,
    lineProjectedDate: result.lineProjectedDate,
    rankedOrders,
    orderFulfillability,
    orderProjectedDate,
  };
}

/** Full computation: allocation, projected dates and order fulfillability for every line and order of the input. */
export function computeFulfillability(input: EngineInput): EngineResult {
  const { indexed, ties } = indexEngineInput(input);
  const result = runEngine(indexed, ties);
  const lines = new Map<string, LineResult>();
  const inputLines = input.lines;
  for (let i = 0; i < inputLines.length; i++) {
    const id = inputLines[i]!.id;
    const p = result.lineProjectedDate[i]!;
    lines.set(id, { lineId: id, allocated: result.lineAllocated[i]!, projectedDate: p === p ? p : null });
  }
  const orders = new Map<string, OrderResult>();
  const ranked = result.rankedOrderIndex;
  for (let r = 0; r < ranked.length; r++) {
    const o = ranked[r]!;
    const id = input.orders[o]!.id;
    const code = result.orderFulfillability[o]!;
    const p = result.orderProjectedDate[o]!;
    orders.set(id, {
      orderId: id,
      fulfillability: code < 0 ? null : FULFILLABILITY_CODES[code]!,
      projectedDate: p === p ? p : null,
    });
  }
  return { lines, orders };
}

/**
 * shippableAllocation for lines held as objects (a summary re-derived from stored lines):
 * per line, the part of `allocated[i]` that can ship now — a kit component only in the whole
 * kits every component of its kit holds. Lines of one kit share `kitId`.
 */
export function wholeKitAllocation(
  lines: readonly { kitId?: string | null; perKit?: number | null; remaining: number }[],
  allocated: ArrayLike<number>,
): Float64Array {
  const out = Float64Array.from(allocated);
  const kits = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (l.kitId != null) (kits.get(l.kitId) ?? kits.set(l.kitId, []).get(l.kitId)!).push(i);
  });
  for (const members of kits.values()) {
    let whole = Infinity;
    for (const i of members) {
      const per = lines[i]!.perKit ?? 1;
      whole = Math.min(whole, Math.floor(lines[i]!.remaining / per), Math.floor(out[i]! / per));
    }
    for (const i of members) out[i] = Math.min(out[i]!, Math.max(0, whole) * (lines[i]!.perKit ?? 1));
  }
  return out;
}

const LEVEL: Record<Fulfillability, number> = { backordered: 0, partially_fulfillable: 1, fulfillable: 2 };

/** Orders fulfillability from worst (backordered) to best (fulfillable); null (takes nothing) is -1. */
export function fulfillabilityLevel(f: Fulfillability | null): number {
  return f === null ? -1 : LEVEL[f];
}
