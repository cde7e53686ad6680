import { lookupKey, type EngineIndex } from "./engine-index.ts";
import type { IncomingSupply, PreorderRestock } from "./types.ts";

/**
 * Projected dates for short lines (DESIGN.md, fulfillability 6).
 *
 * Per key, the short units (remaining − allocated) of allocating lines wait in
 * rank order for incoming supply. Supplies are taken by expected date (unknown
 * last), then id. A supply first serves the lines it is linked to (up to the
 * link quantity and the line's shortage, linked lines in rank order), then the
 * rest of the key's short lines in rank order. A line's projected date is the
 * expected date of the supply that completes it (null if that date is unknown).
 *
 * Shortage that purchase orders do not cover is then served from preorder
 * restocks of the product (any warehouse), earliest restock first, lines in
 * global rank order. Lines still not covered, fully allocated lines and lines
 * of orders that take nothing get no date.
 *
 * Returns projected dates per line, NaN meaning null.
 */
export function projectDates(
  index: EngineIndex,
  allocated: Float64Array,
  incoming: readonly IncomingSupply[] = [],
  preorders: readonly PreorderRestock[] = [],
): Float64Array {
  const { remaining, lineRank, orderIsAllocating, keyStart, keyLines } = index;
  const n = remaining.length;
  const projected = new Float64Array(n).fill(NaN);
  if (incoming.length === 0 && preorders.length === 0) return projected;

  const short = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (orderIsAllocating[lineRank[i]!] === 1) {
      const s = remaining[i]! - allocated[i]!;
      if (s > 0) short[i] = s;
    }
  }

  const suppliesByKey = new Map<number, IncomingSupply[]>();
  for (const s of incoming) {
    if (!(s.quantity > 0)) continue;
    const k = lookupKey(index, s.warehouseId, s.productId);
    if (k < 0) continue;
    const list = suppliesByKey.get(k);
    if (list === undefined) suppliesByKey.set(k, [s]);
    else list.push(s);
  }

  for (const [k, supplies] of suppliesByKey) {
    supplies.sort(compareSupply);
    const start = keyStart[k]!;
    const end = keyStart[k + 1]!;
    let positionOf: Map<string, number> | null = null;
    let cursor = start;
    for (const supply of supplies) {
      let q = supply.quantity;
      const date = supply.expectedDate === null ? NaN : supply.expectedDate;
      if (supply.links.length > 0) {
        if (positionOf === null) {
          positionOf = new Map();
          for (let j = start; j < end; j++) positionOf.set(index.lines[keyLines[j]!]!.id, j);
        }
        const linked: { position: number; quantity: number }[] = [];
        for (const link of supply.links) {
          const position = positionOf.get(link.lineId);
          if (position !== undefined && link.quantity > 0) linked.push({ position, quantity: link.quantity });
        }
        linked.sort((a, b) => a.position - b.position);
        for (const link of linked) {
          if (q <= 0) break;
          const i = keyLines[link.position]!;
          const s = short[i]!;
          if (s <= 0) continue;
          const give = Math.min(s, link.quantity, q);
          short[i] = s - give;
          q -= give;
          if (s - give === 0) projected[i] = date;
        }
      }
      while (q > 0 && cursor < end) {
        const i = keyLines[cursor]!;
        const s = short[i]!;
        if (s <= 0) {
          cursor++;
          continue;
        }
        const give = s < q ? s : q;
        short[i] = s - give;
        q -= give;
        if (s - give === 0) {
          projected[i] = date;
          cursor++;
        }
      }
    }
  }

  if (preorders.length > 0) {
    const restocksByProduct = new Map<string, PreorderRestock[]>();
    for (const p of preorders) {
      if (!(p.quantity > 0)) continue;
      const list = restocksByProduct.get(p.productId);
      if (list === undefined) restocksByProduct.set(p.productId, [{ ...p }]);
      else list.push({ ...p });
    }
    const queues: { restocks: PreorderRestock[]; next: number }[] = [];
    const queueOfKey = new Int32Array(index.keyCount).fill(-1);
    const queueOfProduct = new Map<string, number>();
    for (const [productId, restocks] of restocksByProduct) {
      restocks.sort((a, b) => a.restockDate - b.restockDate || a.quantity - b.quantity);
      queueOfProduct.set(productId, queues.length);
      queues.push({ restocks, next: 0 });
    }
    for (let k = 0; k < index.keyCount; k++) {
      const q = queueOfProduct.get(index.keyProduct[k]!);
      if (q !== undefined) queueOfKey[k] = q;
    }
    const { orderLines, lineKey } = index;
    for (let j = 0; j < n; j++) {
      const i = orderLines[j]!;
      let s = short[i]!;
      if (s <= 0) continue;
      const qi = queueOfKey[lineKey[i]!]!;
      if (qi < 0) continue;
      const queue = queues[qi]!;
      while (s > 0 && queue.next < queue.restocks.length) {
        const restock = queue.restocks[queue.next]!;
        const give = s < restock.quantity ? s : restock.quantity;
        s -= give;
        restock.quantity -= give;
        if (restock.quantity === 0) queue.next++;
        if (s === 0) projected[i] = restock.restockDate;
      }
      short[i] = s;
    }
  }
  return projected;
}

function compareSupply(a: IncomingSupply, b: IncomingSupply): number {
  const da = a.expectedDate;
  const db = b.expectedDate;
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da < db ? -1 : 1;
  }
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}
