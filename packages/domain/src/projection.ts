import { asFloat64, type EngineIndex } from "./engine-index.ts";
import type { IndexedPreorders, IndexedSupplies } from "./types.ts";

/**
 * Projected dates for short lines (DESIGN.md, fulfillability 6).
 *
 * Per key, the short units (remaining − allocated) of allocating lines wait in
 * rank order for incoming supply. Supplies are taken by expected date (unknown
 * last), then id (tiebreak). A supply first serves the lines it is linked to (up to the
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
  supplies: IndexedSupplies | undefined,
  preorders: IndexedPreorders | undefined,
  keyProduct: Int32Array | undefined,
): Float64Array {
  const { remaining, lineRank, lineKey, orderIsAllocating, keyStart, keyLines, keyCount } = index;
  const n = remaining.length;
  const projected = new Float64Array(n).fill(NaN);
  const supplyCount = supplies?.keyIndex.length ?? 0;
  const preorderCount = preorders?.product.length ?? 0;
  if (supplyCount === 0 && preorderCount === 0) return projected;

  const short = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (orderIsAllocating[lineRank[i]!] === 1) {
      const s = remaining[i]! - allocated[i]!;
      if (s > 0) short[i] = s;
    }
  }

  if (supplies !== undefined && supplyCount > 0) {
    const { keyIndex, expectedDate, tiebreak, linkStart, linkLine } = supplies;
    const quantity = supplies.quantity;
    const linkQuantity = supplies.linkQuantity;
    const order: number[] = [];
    for (let s = 0; s < supplyCount; s++) {
      const k = keyIndex[s]!;
      if (quantity[s]! > 0 && k >= 0 && k < keyCount) order.push(s);
    }
    // by key, then expected date (unknown last), then id
    order.sort((a, b) => {
      const ka = keyIndex[a]!;
      const kb = keyIndex[b]!;
      if (ka !== kb) return ka - kb;
      const da = expectedDate[a]!;
      const db = expectedDate[b]!;
      const aNone = da !== da;
      const bNone = db !== db;
      if (aNone !== bNone) return aNone ? 1 : -1;
      if (!aNone && da !== db) return da < db ? -1 : 1;
      return tiebreak[a]! - tiebreak[b]!;
    });

    // position of a line inside its key group, filled lazily for keys with links
    let positionOf: Int32Array | null = null;
    let cursor = 0;
    let currentKey = -1;
    for (const supply of order) {
      const k = keyIndex[supply]!;
      const start = keyStart[k]!;
      const end = keyStart[k + 1]!;
      if (k !== currentKey) {
        currentKey = k;
        cursor = start;
      }
      let q = quantity[supply]!;
      const date = expectedDate[supply]!;
      const linkFrom = linkStart === undefined ? 0 : linkStart[supply]!;
      const linkTo = linkStart === undefined ? 0 : linkStart[supply + 1]!;
      if (linkTo > linkFrom && linkLine !== undefined && linkQuantity !== undefined) {
        if (positionOf === null) {
          positionOf = new Int32Array(n);
          for (let j = 0; j < n; j++) positionOf[keyLines[j]!] = j;
        }
        const linked: { position: number; quantity: number }[] = [];
        for (let l = linkFrom; l < linkTo; l++) {
          const line = linkLine[l]!;
          const lq = linkQuantity[l]!;
          if (line >= 0 && line < n && lineKey[line] === k && lq > 0) linked.push({ position: positionOf[line]!, quantity: lq });
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

  if (preorders !== undefined && preorderCount > 0 && keyProduct !== undefined) {
    const { product, restockDate } = preorders;
    const left = asFloat64(preorders.quantity).slice();
    let productCount = 0;
    const order: number[] = [];
    for (let p = 0; p < preorderCount; p++) {
      if (!(left[p]! > 0) || product[p]! < 0) continue;
      order.push(p);
      if (product[p]! + 1 > productCount) productCount = product[p]! + 1;
    }
    // by product, then restock date, then quantity
    order.sort((a, b) => product[a]! - product[b]! || restockDate[a]! - restockDate[b]! || left[a]! - left[b]!);
    const queueNext = new Int32Array(productCount).fill(-1);
    const queueEnd = new Int32Array(productCount);
    for (let j = 0; j < order.length; j++) {
      const p = product[order[j]!]!;
      if (queueNext[p]! < 0) queueNext[p] = j;
      queueEnd[p] = j + 1;
    }
    const { orderLines } = index;
    for (let j = 0; j < n; j++) {
      const i = orderLines[j]!;
      let s = short[i]!;
      if (s <= 0) continue;
      const p = keyProduct[lineKey[i]!]!;
      if (!(p >= 0 && p < productCount)) continue;
      let next = queueNext[p]!;
      if (next < 0) continue;
      const end = queueEnd[p]!;
      while (s > 0 && next < end) {
        const restock = order[next]!;
        const rq = left[restock]!;
        const give = s < rq ? s : rq;
        s -= give;
        left[restock] = rq - give;
        if (rq - give === 0) next++;
        if (s === 0) projected[i] = restockDate[restock]!;
      }
      queueNext[p] = next;
      short[i] = s;
    }
  }
  return projected;
}
