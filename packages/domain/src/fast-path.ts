/**
 * Fast paths for stock changes at one key under strict_priority, so a receipt
 * reads only the first short lines in rank order (DESIGN.md, fulfillability 7).
 *
 * Why this equals a full recompute of the key. Under strict_priority the
 * allocation of a key is a greedy prefix fill: walking allocating lines in
 * rank order, every line is fully allocated until the soft units run out; the
 * line where they run out is partially allocated and every later line has no
 * soft units. So when the stored state is consistent:
 * - free stock (available − soft units handed out) > 0 implies no allocating
 *   line of the key is short, and any short line implies free stock = 0;
 * - after an increase, available grows by q and the greedy fill gives the
 *   extra units to exactly the first short lines in rank order, the lines
 *   ahead of them being full already — which is what distributeIncrease does
 *   with freeUnits = (new available) − (soft units already handed out);
 * - after a decrease that is not a shipment of allocated units, free stock is
 *   used up first, then the greedy fill of the smaller total takes the units
 *   back from the lowest-ranked holders of soft units: reclaimDecrease with
 *   unitsToTake = max(0, soft units handed out − new available), which is
 *   decrease − free stock whenever on hand stays at or above the hard allocations.
 * Hard allocations are never touched by either.
 */

export interface ShortLine {
  lineId: string;
  remaining: number;
  /** hard + soft */
  allocated: number;
}

export interface AllocatedLine {
  lineId: string;
  hardAllocated: number;
  /** hard + soft */
  allocated: number;
}

export interface AllocationChange {
  lineId: string;
  allocated: number;
}

/**
 * Hands `freeUnits` to the given short lines (allocating lines only, in rank
 * order) until the units run out. Returns the new allocation of each line that
 * changed, in rank order. The caller can stop reading lines once the sum of
 * shortages reaches freeUnits.
 */
export function distributeIncrease(shortLinesInRankOrder: readonly ShortLine[], freeUnits: number): AllocationChange[] {
  const changes: AllocationChange[] = [];
  let left = freeUnits;
  for (const line of shortLinesInRankOrder) {
    if (left <= 0) break;
    const short = line.remaining - line.allocated;
    if (short <= 0) continue;
    const take = Math.min(short, left);
    left -= take;
    changes.push({ lineId: line.lineId, allocated: line.allocated + take });
  }
  return changes;
}

/**
 * Takes back `unitsToTake` soft units from the lowest-ranked lines first
 * (lines holding soft units, in reverse rank order). Returns the new
 * allocation of each line that changed, and the units that could not be
 * taken back because only hard allocations were left.
 */
export function reclaimDecrease(
  allocatedLinesInReverseRankOrder: readonly AllocatedLine[],
  unitsToTake: number,
): { changes: AllocationChange[]; unreclaimed: number } {
  const changes: AllocationChange[] = [];
  let left = unitsToTake;
  for (const line of allocatedLinesInReverseRankOrder) {
    if (left <= 0) break;
    const soft = line.allocated - line.hardAllocated;
    if (soft <= 0) continue;
    const take = Math.min(soft, left);
    left -= take;
    changes.push({ lineId: line.lineId, allocated: line.allocated - take });
  }
  return { changes, unreclaimed: Math.max(0, left) };
}
