import { rankOrderIndices } from "./rank-numeric.ts";
import type { IndexedEngineInput, QuantityColumn } from "./types.ts";

/**
 * Column-oriented view of an IndexedEngineInput, built once per computation so
 * the hot loops run over typed arrays only.
 *
 * Lines and keys keep the input's numbering. Orders are numbered by rank
 * (0 = best) here; `rankToOrder` maps a rank back to the input's order number.
 */
export interface EngineIndex {
  orderCount: number;
  lineCount: number;
  keyCount: number;
  /** input order number by rank */
  rankToOrder: Int32Array;
  /** by rank: 1 if the order takes soft allocation */
  orderIsAllocating: Uint8Array;
  lineRank: Int32Array;
  lineKey: Int32Array;
  remaining: Float64Array;
  hard: Float64Array;
  onHand: Float64Array;
  /** sum of hard of all lines at the key */
  keyHard: Float64Array;
  /** lines grouped by order in rank order, by line tiebreak within an order (CSR over ranks) */
  orderStart: Int32Array;
  orderLines: Int32Array;
  /** lines grouped by key, each group in (rank, line tiebreak) order (CSR over keys) */
  keyStart: Int32Array;
  keyLines: Int32Array;
  /** kit component lines, null when the input has none */
  kits: KitIndex | null;
}

/**
 * Kits of the input: kit g's component lines are lines[kitStart[g] .. kitStart[g+1]), one
 * order, one line per key. `kitRemaining[g]` is how many whole kits are still to ship.
 */
export interface KitIndex {
  count: number;
  /** per line: kit number, -1 for a line that is not a component */
  lineKit: Int32Array;
  /** per line: units of its product in one kit (1 where lineKit is -1) */
  perKit: Float64Array;
  kitStart: Int32Array;
  lines: Int32Array;
  kitRemaining: Float64Array;
}

/**
 * How ties are broken when the caller has string ids rather than integer
 * tiebreaks (the string API): comparisons by input number, used only among
 * orders tied on the numeric rank keys and among the lines of one order.
 */
export interface TieComparators {
  orders?: (a: number, b: number) => number;
  lines?: (a: number, b: number) => number;
}

export function asFloat64(column: QuantityColumn): Float64Array {
  return column instanceof Float64Array ? column : new Float64Array(column);
}

export function buildEngineIndex(input: IndexedEngineInput, ties: TieComparators = {}): EngineIndex {
  const { orders, lines, keys } = input;
  const orderCount = orders.allocating.length;
  const lineCount = lines.orderIndex.length;
  const keyCount = keys.onHand.length;

  const rankToOrder = rankOrderIndices(orders, ties.orders);
  const rankOf = new Int32Array(orderCount);
  const orderIsAllocating = new Uint8Array(orderCount);
  const allocating = orders.allocating;
  for (let r = 0; r < orderCount; r++) {
    const o = rankToOrder[r]!;
    rankOf[o] = r;
    orderIsAllocating[r] = allocating[o] === 1 ? 1 : 0;
  }

  const orderIndex = lines.orderIndex;
  const lineKey = lines.keyIndex;
  const lineRank = new Int32Array(lineCount);
  const orderStart = new Int32Array(orderCount + 1);
  const keyStart = new Int32Array(keyCount + 1);
  const hard = asFloat64(lines.hard);
  const keyHard = new Float64Array(keyCount);
  for (let i = 0; i < lineCount; i++) {
    const o = orderIndex[i]!;
    const k = lineKey[i]!;
    if (!(o >= 0 && o < orderCount)) throw new Error(`line ${i} references unknown order ${o}`);
    if (!(k >= 0 && k < keyCount)) throw new Error(`line ${i} references unknown key ${k}`);
    const r = rankOf[o]!;
    lineRank[i] = r;
    orderStart[r + 1]!++;
    keyStart[k + 1]!++;
    keyHard[k]! += hard[i]!;
  }

  // Counting sort of lines by rank (stable: position order inside an order),
  // then by line tiebreak inside each order (orders have few lines).
  for (let r = 0; r < orderCount; r++) orderStart[r + 1]! += orderStart[r]!;
  const orderLines = new Int32Array(lineCount);
  const fill = orderStart.slice(0, orderCount);
  for (let i = 0; i < lineCount; i++) orderLines[fill[lineRank[i]!]!++] = i;
  const lineTiebreak = lines.tiebreak;
  const compareLines = ties.lines;
  if (lineTiebreak !== undefined) {
    for (let r = 0; r < orderCount; r++) {
      const start = orderStart[r]!;
      const end = orderStart[r + 1]!;
      for (let a = start + 1; a < end; a++) {
        const li = orderLines[a]!;
        const t = lineTiebreak[li]!;
        let b = a - 1;
        while (b >= start && lineTiebreak[orderLines[b]!]! > t) {
          orderLines[b + 1] = orderLines[b]!;
          b--;
        }
        orderLines[b + 1] = li;
      }
    }
  } else if (compareLines !== undefined) {
    for (let r = 0; r < orderCount; r++) {
      const start = orderStart[r]!;
      const end = orderStart[r + 1]!;
      for (let a = start + 1; a < end; a++) {
        const li = orderLines[a]!;
        let b = a - 1;
        while (b >= start && compareLines(orderLines[b]!, li) > 0) {
          orderLines[b + 1] = orderLines[b]!;
          b--;
        }
        orderLines[b + 1] = li;
      }
    }
  }

  // Stable counting sort of the rank-ordered lines by key.
  for (let k = 0; k < keyCount; k++) keyStart[k + 1]! += keyStart[k]!;
  const keyFill = keyStart.slice(0, keyCount);
  const keyLines = new Int32Array(lineCount);
  for (let j = 0; j < lineCount; j++) {
    const i = orderLines[j]!;
    keyLines[keyFill[lineKey[i]!]!++] = i;
  }

  const remaining = asFloat64(lines.remaining);
  return {
    orderCount,
    lineCount,
    keyCount,
    rankToOrder,
    orderIsAllocating,
    lineRank,
    lineKey,
    remaining,
    hard,
    onHand: asFloat64(keys.onHand),
    keyHard,
    orderStart,
    orderLines,
    keyStart,
    keyLines,
    kits: lines.kitGroup === undefined ? null : buildKitIndex(lines.kitGroup, lines.perKit, orderIndex, lineKey, remaining),
  };
}

function buildKitIndex(
  kitGroup: Int32Array,
  perKitColumn: QuantityColumn | undefined,
  orderIndex: Int32Array,
  lineKey: Int32Array,
  remaining: Float64Array,
): KitIndex | null {
  const lineCount = kitGroup.length;
  let count = 0;
  for (let i = 0; i < lineCount; i++) if (kitGroup[i]! >= count) count = kitGroup[i]! + 1;
  if (count === 0) return null;
  const perKit = new Float64Array(lineCount).fill(1);
  const kitStart = new Int32Array(count + 1);
  for (let i = 0; i < lineCount; i++) {
    const g = kitGroup[i]!;
    if (g < 0) continue;
    const per = perKitColumn?.[i] ?? 1;
    if (!(per >= 1)) throw new Error(`kit line ${i} takes ${per} units per kit`);
    perKit[i] = per;
    kitStart[g + 1]!++;
  }
  for (let g = 0; g < count; g++) kitStart[g + 1]! += kitStart[g]!;
  const fill = kitStart.slice(0, count);
  const members = new Int32Array(kitStart[count]!);
  for (let i = 0; i < lineCount; i++) if (kitGroup[i]! >= 0) members[fill[kitGroup[i]!]!++] = i;
  const kitRemaining = new Float64Array(count);
  for (let g = 0; g < count; g++) {
    const start = kitStart[g]!;
    const end = kitStart[g + 1]!;
    let kits = Infinity;
    for (let j = start; j < end; j++) {
      const i = members[j]!;
      if (orderIndex[i] !== orderIndex[members[start]!]) throw new Error(`kit ${g} has component lines on two orders`);
      for (let m = start; m < j; m++) if (lineKey[members[m]!] === lineKey[i]) throw new Error(`kit ${g} has two component lines at one key`);
      const whole = Math.floor(remaining[i]! / perKit[i]!);
      if (whole < kits) kits = whole;
    }
    kitRemaining[g] = kits === Infinity ? 0 : Math.max(0, kits);
  }
  return { count, lineKit: kitGroup, perKit, kitStart, lines: members, kitRemaining };
}
