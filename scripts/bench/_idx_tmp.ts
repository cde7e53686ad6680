import { isAllocatingStatus, rankOrders } from "/work/main/packages/domain/src/ranking.ts";
import type { EngineInput, EngineLine, EngineOrder } from "/work/main/packages/domain/src/types.ts";

/**
 * Column-oriented view of an EngineInput, built once per computation so the hot
 * loops run over typed arrays instead of objects and closures.
 *
 * Lines are numbered by their position in `input.lines`. Orders are numbered by
 * rank (0 = best). Keys (warehouse, product) are numbered in first-seen order.
 */
export interface EngineIndex {
  lines: readonly EngineLine[];
  rankedOrders: EngineOrder[];
  /** by rank: 1 if the order takes soft allocation */
  orderIsAllocating: Uint8Array;
  lineRank: Int32Array;
  lineKey: Int32Array;
  remaining: Float64Array;
  hard: Float64Array;
  keyCount: number;
  keyWarehouse: string[];
  keyProduct: string[];
  /** warehouseId → productId → key number */
  keyNumbers: Map<string, Map<string, number>>;
  onHand: Float64Array;
  /** sum of hardAllocated of all lines at the key */
  keyHard: Float64Array;
  /** lines grouped by order in rank order, by line id within an order (CSR over ranks) */
  orderStart: Int32Array;
  orderLines: Int32Array;
  /** lines grouped by key, each group in (rank, line id) order (CSR over keys) */
  keyStart: Int32Array;
  keyLines: Int32Array;
}

export function lookupKey(index: EngineIndex, warehouseId: string, productId: string): number {
  const byProduct = index.keyNumbers.get(warehouseId);
  if (byProduct === undefined) return -1;
  const k = byProduct.get(productId);
  return k === undefined ? -1 : k;
}

export function buildEngineIndex(input: EngineInput): EngineIndex {
  let __t=performance.now(); const lap=(x:string)=>{const n=performance.now();console.log(x,(n-__t).toFixed(1));__t=n;};
  const rankedOrders = rankOrders(input.orders);
  const orderCount = rankedOrders.length;
  const rankOf = new Map<string, number>();
  const orderIsAllocating = new Uint8Array(orderCount);
  for (let r = 0; r < orderCount; r++) {
    const o = rankedOrders[r]!;
    rankOf.set(o.id, r);
    orderIsAllocating[r] = isAllocatingStatus(o.status) ? 1 : 0;
  }

  lap('orders');
  const lines = input.lines;
  const n = lines.length;
  const lineRank = new Int32Array(n);
  const lineKey = new Int32Array(n);
  const remaining = new Float64Array(n);
  const hard = new Float64Array(n);
  const keyNumbers = new Map<string, Map<string, number>>();
  const keyWarehouse: string[] = [];
  const keyProduct: string[] = [];

  const keyOf = (warehouseId: string, productId: string): number => {
    let byProduct = keyNumbers.get(warehouseId);
    if (byProduct === undefined) {
      byProduct = new Map();
      keyNumbers.set(warehouseId, byProduct);
    }
    let k = byProduct.get(productId);
    if (k === undefined) {
      k = keyWarehouse.length;
      byProduct.set(productId, k);
      keyWarehouse.push(warehouseId);
      keyProduct.push(productId);
    }
    return k;
  };

  const rankCounts = new Int32Array(orderCount + 1);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    const r = rankOf.get(line.orderId);
    if (r === undefined) throw new Error(`line ${line.id} references unknown order ${line.orderId}`);
    lineRank[i] = r;
    rankCounts[r + 1]!++;
    lineKey[i] = keyOf(line.warehouseId, line.productId);
    remaining[i] = line.remaining;
    hard[i] = line.hardAllocated;
  }
  lap('lineloop');
  for (const s of input.stock) keyOf(s.warehouseId, s.productId);
  const keyCount = keyWarehouse.length;
  const onHand = new Float64Array(keyCount);
  for (const s of input.stock) onHand[keyOf(s.warehouseId, s.productId)]! += s.onHand;

  // Counting sort of lines by rank, then by line id inside each order (orders
  // rarely have more than a few lines, so insertion sort is enough).
  const orderStart = rankCounts;
  for (let r = 0; r < orderCount; r++) orderStart[r + 1]! += orderStart[r]!;
  const orderLines = new Int32Array(n);
  const fill = orderStart.slice(0, orderCount);
  for (let i = 0; i < n; i++) orderLines[fill[lineRank[i]!]!++] = i;
  for (let r = 0; r < orderCount; r++) {
    const start = orderStart[r]!;
    const end = orderStart[r + 1]!;
    for (let a = start + 1; a < end; a++) {
      const li = orderLines[a]!;
      const id = lines[li]!.id;
      let b = a - 1;
      while (b >= start && lines[orderLines[b]!]!.id > id) {
        orderLines[b + 1] = orderLines[b]!;
        b--;
      }
      orderLines[b + 1] = li;
    }
  }

  lap('ordersort');
  // Stable counting sort of the rank-ordered lines by key.
  const keyStart = new Int32Array(keyCount + 1);
  const keyHard = new Float64Array(keyCount);
  for (let i = 0; i < n; i++) {
    const k = lineKey[i]!;
    keyStart[k + 1]!++;
    keyHard[k]! += hard[i]!;
  }
  for (let k = 0; k < keyCount; k++) keyStart[k + 1]! += keyStart[k]!;
  const keyFill = keyStart.slice(0, keyCount);
  const keyLines = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = orderLines[j]!;
    keyLines[keyFill[lineKey[i]!]!++] = i;
  }

  lap('keysort');
  return {
    lines,
    rankedOrders,
    orderIsAllocating,
    lineRank,
    lineKey,
    remaining,
    hard,
    keyCount,
    keyWarehouse,
    keyProduct,
    keyNumbers,
    onHand,
    keyHard,
    orderStart,
    orderLines,
    keyStart,
    keyLines,
  };
}
