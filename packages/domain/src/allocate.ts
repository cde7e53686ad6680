import type { EngineIndex, KitIndex } from "./engine-index.ts";
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
  if (policy === "complete_orders_first") return allocateCompleteOrdersFirst(index);
  if (index.kits === null) return allocateStrictPriority(index);
  const allocated = Float64Array.from(index.hard);
  walkByRank(index, availableAtKeys(index), allocated);
  return allocated;
}

/**
 * With kits, keys are no longer independent: a kit takes units at each of its components'
 * keys together, in whole kits. So the soft allocation walks orders by rank (lines of an order
 * in line order, as the per-key walk sees them): an ordinary line takes what it needs of what is
 * left at its key; a kit, at its first component line, takes as many whole kits as every
 * component can complete (counting what each already holds — its hard units) and each
 * component gets exactly that many kits' worth. A unit no whole kit can use stays free for the
 * next lines in rank. For ordinary lines this hands out exactly what the per-key walk does.
 * `allocated` holds what each line has so far (hard units, or pass-1 results) and is added to.
 */
function walkByRank(index: EngineIndex, left: Float64Array, allocated: Float64Array): void {
  const { orderStart, orderLines, orderIsAllocating, remaining, lineKey } = index;
  const kits = index.kits!;
  const { lineKit, perKit, kitStart, lines: kitLines, kitRemaining } = kits;
  const handled = new Uint8Array(kits.count);
  const orderCount = orderIsAllocating.length;
  for (let r = 0; r < orderCount; r++) {
    if (orderIsAllocating[r] !== 1) continue;
    const end = orderStart[r + 1]!;
    for (let j = orderStart[r]!; j < end; j++) {
      const i = orderLines[j]!;
      const g = lineKit[i]!;
      if (g < 0) {
        const need = remaining[i]! - allocated[i]!;
        const k = lineKey[i]!;
        const l = left[k]!;
        if (need > 0 && l > 0) {
          const take = need < l ? need : l;
          allocated[i]! += take;
          left[k] = l - take;
        }
        continue;
      }
      const first = kitStart[g]!;
      const last = kitStart[g + 1]!;
      // The kit is handled once, at the first of its lines the walk meets.
      if (handled[g] === 1) continue;
      handled[g] = 1;
      let whole = kitRemaining[g]!;
      for (let m = first; m < last && whole > 0; m++) {
        const c = kitLines[m]!;
        const free = left[lineKey[c]!]!;
        const can = Math.floor((allocated[c]! + (free > 0 ? free : 0)) / perKit[c]!);
        if (can < whole) whole = can;
      }
      if (whole <= 0) continue;
      for (let m = first; m < last; m++) {
        const c = kitLines[m]!;
        const target = whole * perKit[c]!;
        if (target > allocated[c]!) {
          left[lineKey[c]!]! -= target - allocated[c]!;
          allocated[c] = target;
        }
      }
    }
  }
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

  if (index.kits !== null) {
    walkByRank(index, left, allocated);
    return allocated;
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

/**
 * What of each line's allocation can ship: for a kit component, only the units of the whole
 * kits every component of its kit holds (a hard-allocated unit of one component does not make
 * a kit ship); ordinary lines, all of it. Order fulfillability counts these (DESIGN.md: an
 * order shown fulfillable can ship now).
 */
export function shippableAllocation(kits: KitIndex | null, allocated: Float64Array): Float64Array {
  if (kits === null) return allocated;
  const shippable = Float64Array.from(allocated);
  const { kitStart, lines, perKit, kitRemaining } = kits;
  for (let g = 0; g < kits.count; g++) {
    let whole = kitRemaining[g]!;
    for (let m = kitStart[g]!; m < kitStart[g + 1]!; m++) {
      const c = lines[m]!;
      const can = Math.floor(allocated[c]! / perKit[c]!);
      if (can < whole) whole = can;
    }
    for (let m = kitStart[g]!; m < kitStart[g + 1]!; m++) {
      const c = lines[m]!;
      shippable[c] = Math.min(allocated[c]!, whole * perKit[c]!);
    }
  }
  return shippable;
}
