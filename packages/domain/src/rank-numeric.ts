import type { IndexedOrders } from "./types.ts";

/**
 * Ranking over typed columns (DESIGN.md, fulfillability 1; the same order as
 * sorting with compareRank): priority desc, ship-by asc with none (NaN) last,
 * order date asc, then the id order. Each column is encoded as an unsigned
 * 64-bit sort key (two Uint32 halves) and the order numbers are sorted with a
 * stable LSD radix sort, 16 bits per pass, skipping passes whose digit is the
 * same for every order. No comparison function runs over the orders.
 *
 * `compareTies`, when given, replaces `tiebreak`: after the numeric sort, runs of
 * orders equal on (priority, ship-by, order date) are sorted with it (the string
 * API passes a comparison of ids, so only tied orders compare strings).
 */
export function rankOrderIndices(
  orders: IndexedOrders,
  compareTies?: (a: number, b: number) => number,
  /** below this many orders, a comparison sort over the same encoded keys (tests pass 0 to force the radix sort) */
  radixFrom = RADIX_FROM,
): Int32Array {
  const n = orders.allocating.length;
  let perm: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  if (n < 2) return perm;
  const priority = encodeColumn(orders.priority, n, true);
  const shipBy = encodeColumn(orders.shipBy, n, false);
  const orderDate = encodeColumn(orders.orderDate, n, false);
  const columns = compareTies ? [orderDate, shipBy, priority] : [encodeColumn(orders.tiebreak, n, false), orderDate, shipBy, priority];
  if (n < radixFrom) {
    // Few orders: a stable comparison sort over the same encoded keys beats 64K-bucket passes.
    const mostSignificantFirst = columns.slice().reverse();
    perm.set(Array.from(perm).sort((a, b) => compareEncoded(mostSignificantFirst, a, b)));
  } else {
    perm = radixSort(perm, columns);
  }

  if (compareTies) {
    const same = (a: number, b: number) =>
      equalAt(priority, a, b) && equalAt(shipBy, a, b) && equalAt(orderDate, a, b);
    let start = 0;
    for (let j = 1; j <= n; j++) {
      if (j < n && same(perm[start]!, perm[j]!)) continue;
      if (j - start > 1) {
        const run = Array.from(perm.subarray(start, j)).sort(compareTies);
        perm.set(run, start);
      }
      start = j;
    }
  }
  return perm;
}

/** LSD radix sort of `perm` by the columns, least significant column first. */
function radixSort(perm: Int32Array, columns: readonly EncodedColumn[]): Int32Array {
  let tmp: Int32Array = new Int32Array(perm.length);
  const counts = new Int32Array(65536);
  for (const column of columns) {
    for (const half of [column.lo, column.hi]) {
      if (half === null) continue;
      for (const shift of [0, 16]) {
        if (radixPass(perm, tmp, half, shift, counts)) {
          const t = perm;
          perm = tmp;
          tmp = t;
        }
      }
    }
  }
  return perm;
}

function compareEncoded(mostSignificantFirst: readonly EncodedColumn[], a: number, b: number): number {
  for (const c of mostSignificantFirst) {
    if (c.hi !== null && c.hi[a] !== c.hi[b]) return c.hi[a]! < c.hi[b]! ? -1 : 1;
    if (c.lo[a] !== c.lo[b]) return c.lo[a]! < c.lo[b]! ? -1 : 1;
  }
  return 0;
}

interface EncodedColumn {
  /** null when every value's high half is 0 */
  hi: Uint32Array | null;
  lo: Uint32Array;
}

function equalAt(c: EncodedColumn, a: number, b: number): boolean {
  return c.lo[a] === c.lo[b] && (c.hi === null || c.hi[a] === c.hi[b]);
}

const TWO_32 = 4294967296;
/** below this many orders, 64K-bucket radix passes cost more than a comparison sort */
const RADIX_FROM = 2048;
const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/**
 * Unsigned 64-bit keys whose order is the numeric order of `values` (reversed
 * when `descending`); NaN sorts after everything (ascending). -0 equals 0.
 * Integral columns with a small range are encoded as the offset from the
 * minimum, so dates and priorities need few radix passes.
 */
function encodeColumn(values: ArrayLike<number>, n: number, descending: boolean): EncodedColumn {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  let hasNaN = false;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) {
      hasNaN = true;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (integral && Math.floor(v) !== v) integral = false;
  }
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  let anyHi = 0;
  if (min > max) {
    // all NaN (or no values): every key equal
    return { hi: null, lo };
  }
  if (integral && max - min < 2 ** 52) {
    const nanCode = max - min + 1;
    const top = hasNaN ? nanCode : max - min;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      let d = v !== v ? nanCode : v - min;
      if (descending) d = top - d;
      const h = Math.floor(d / TWO_32);
      hi[i] = h;
      lo[i] = d >>> 0;
      anyHi |= h;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      let h: number;
      let l: number;
      if (v !== v) {
        h = 0xffffffff;
        l = 0xffffffff;
      } else {
        scratch[0] = v === 0 ? 0 : v;
        h = scratchBits[HI]!;
        l = scratchBits[LO]!;
        if (h & 0x80000000) {
          h = ~h >>> 0;
          l = ~l >>> 0;
        } else {
          h = (h | 0x80000000) >>> 0;
        }
      }
      if (descending) {
        h = ~h >>> 0;
        l = ~l >>> 0;
      }
      hi[i] = h;
      lo[i] = l;
      anyHi |= h;
    }
  }
  return { hi: anyHi === 0 ? null : hi, lo };
}

/** One stable counting-sort pass of `src` by a 16-bit digit; false (nothing written) when all digits are equal. */
function radixPass(src: Int32Array, dst: Int32Array, key: Uint32Array, shift: number, counts: Int32Array): boolean {
  const n = src.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(key[i]! >>> shift) & 0xffff]!++;
  if (counts[(key[0]! >>> shift) & 0xffff] === n) return false;
  let sum = 0;
  for (let b = 0; b < 65536; b++) {
    const c = counts[b]!;
    counts[b] = sum;
    sum += c;
  }
  for (let j = 0; j < n; j++) {
    const i = src[j]!;
    dst[counts[(key[i]! >>> shift) & 0xffff]!++] = i;
  }
  return true;
}
