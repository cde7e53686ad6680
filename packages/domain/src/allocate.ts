import type { EngineIndex } from "./engine-index.ts";
import type { AllocationPolicy } from "./types.ts";

/**
 * Allocation per (warehouse, product) key (DESIGN.md, fulfillability 2 and 5).
 *
 * available = onHand − sum(hardAllocated of every line at the key), at least 0.
 * Every line first counts its own hard allocation; then, walking lines in rank
 * order, a line of an allocating order (open / partially_shipped) takes
 * min(remaining − hard, what is left) as soft allocation. Lines of held, shipped
 * or cancelled orders keep their hard allocation and take no soft units.
 * When hard allocations exceed on hand, no one gets soft units at that key, so
 * the soft units handed out never exceed on hand − hard.
 *
 * Returns allocated (hard + soft) per line, indexed like `input.lines`.
 */
export function allocateStock(index: EngineIndex, policy: AllocationPolicy): Float64Array {
  return policy === "complete_orders_first" ? allocateCompleteOrdersFirst(index) : allocateStrictPriority(index);
}

function availableAtKeys(index: EngineIndex): Float64Array {
  const left = new Float64Array(index.keyCount);
  for (let k = 0; k < index.keyCount; k++) {
    const a = index.onHand[k]! - index.keyHard[k]!;
    left[k] = a > 0 ? a : 0;
  }
  return left;
}

function allocateStrictPriority(index: EngineIndex): Float64Array {
  const { keyStart, keyLines, remaining, hard, lineRank, orderIsAllocating, onHand, keyHard } = index;
  const allocated = new Float64Array(remaining.length);
  for (let k = 0; k < index.keyCount; k++) {
    let left = onHand[k]! - keyHard[k]!;
    const end = keyStart[k + 1]!;
    for (let j = keyStart[k]!; j < end; j++) {
      const i = keyLines[j]!;
      const h = hard[i]!;
      let a = h;
      if (left > 0 && orderIsAllocating[lineRank[i]!] === 1) {
        const need = remaining[i]! - h;
        if (need > 0) {
          const take = need < left ? need : left;
          a += take;
          left -= take;
        }
      }
      allocated[i] = a;
    }
  }
  return allocated;
}

/**
 * complete_orders_first: pass 1 walks orders by rank and gives an order its
 * full soft need only if every one of its lines (at every key, summed when an
 * order has several lines at one key) fits in what is left; pass 2 hands what
 * is left at each key to the remaining short lines in rank order, exactly like
 * strict_priority on the leftovers.
 */
function allocateCompleteOrdersFirst(index: EngineIndex): Float64Array {
  const { keyStart, keyLines, orderStart, orderLines, remaining, hard, lineKey, lineRank, orderIsAllocating } = index;
  const allocated = new Float64Array(remaining.length);
  for (let i = 0; i < remaining.length; i++) allocated[i] = hard[i]!;
  const left = availableAtKeys(index);

  const orderCount = orderIsAllocating.length;
  for (let r = 0; r < orderCount; r++) {
    if (orderIsAllocating[r] !== 1) continue;
    const start = orderStart[r]!;
    const end = orderStart[r + 1]!;
    let fits = true;
    for (let j = start; j < end; j++) {
      const i = orderLines[j]!;
      const k = lineKey[i]!;
      left[k]! -= remaining[i]! - hard[i]!;
      if (left[k]! < 0) fits = false;
    }
    for (let j = start; j < end; j++) {
      const i = orderLines[j]!;
      if (fits) allocated[i] = remaining[i]!;
      else left[lineKey[i]!]! += remaining[i]! - hard[i]!;
    }
  }

  for (let k = 0; k < index.keyCount; k++) {
    let l = left[k]!;
    if (l <= 0) continue;
    const end = keyStart[k + 1]!;
    for (let j = keyStart[k]!; j < end && l > 0; j++) {
      const i = keyLines[j]!;
      if (orderIsAllocating[lineRank[i]!] !== 1) continue;
      const need = remaining[i]! - allocated[i]!;
      if (need > 0) {
        const take = need < l ? need : l;
        allocated[i]! += take;
        l -= take;
      }
    }
  }
  return allocated;
}
