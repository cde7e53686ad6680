import { isAllocatingStatus } from "./ranking.ts";
import type { EngineInput, EngineLine, EngineOrder } from "./types.ts";

/**
 * Column-oriented view of an EngineInput, built once per computation so the hot
 * loops run over typed arrays instead of objects, Maps and closures.
 *
 * Lines are numbered by their position in `input.lines`. Orders are numbered by
 * rank (0 = best). Keys (warehouse, product) are numbered in first-seen order.
 * String ids are looked up in open-addressing tables over Int32Arrays: at a
 * million lines, JS Maps cost more than the whole allocation.
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
  onHand: Float64Array;
  /** sum of hardAllocated of all lines at the key */
  keyHard: Float64Array;
  /** lines grouped by order in rank order, by line id within an order (CSR over ranks) */
  orderStart: Int32Array;
  orderLines: Int32Array;
  /** lines grouped by key, each group in (rank, line id) order (CSR over keys) */
  keyStart: Int32Array;
  keyLines: Int32Array;
  keyTable: KeyTable;
}

/** FNV-1a over UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function tableSize(entries: number): number {
  let size = 16;
  while (size < entries * 2) size *= 2;
  return size;
}

/** (warehouseId, productId) → key number. */
export class KeyTable {
  readonly warehouses: string[] = [];
  readonly keyWarehouse: string[] = [];
  readonly keyProduct: string[] = [];
  private readonly keyWarehouseNo: number[] = [];
  private slots: Int32Array;
  private mask: number;
  private lastWarehouse = "";
  private lastWarehouseNo = -1;

  constructor(expectedKeys: number) {
    this.slots = new Int32Array(tableSize(expectedKeys)).fill(-1);
    this.mask = this.slots.length - 1;
  }

  get size(): number {
    return this.keyProduct.length;
  }

  private warehouseNo(warehouseId: string, create: boolean): number {
    if (warehouseId === this.lastWarehouse && this.lastWarehouseNo >= 0) return this.lastWarehouseNo;
    let w = this.warehouses.indexOf(warehouseId);
    if (w < 0) {
      if (!create) return -1;
      w = this.warehouses.length;
      this.warehouses.push(warehouseId);
    }
    this.lastWarehouse = warehouseId;
    this.lastWarehouseNo = w;
    return w;
  }

  /** Key number, or -1 when absent and `create` is false. */
  find(warehouseId: string, productId: string, create: boolean): number {
    const w = this.warehouseNo(warehouseId, create);
    if (w < 0) return -1;
    let slot = (hashString(productId) ^ Math.imul(w, 0x9e3779b1)) & this.mask;
    for (;;) {
      const k = this.slots[slot]!;
      if (k < 0) break;
      if (this.keyWarehouseNo[k] === w && this.keyProduct[k] === productId) return k;
      slot = (slot + 1) & this.mask;
    }
    if (!create) return -1;
    const k = this.keyProduct.length;
    this.keyProduct.push(productId);
    this.keyWarehouse.push(this.warehouses[w]!);
    this.keyWarehouseNo.push(w);
    this.slots[slot] = k;
    if (this.keyProduct.length * 2 > this.slots.length) this.grow();
    return k;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let k = 0; k < this.keyProduct.length; k++) {
      let slot = (hashString(this.keyProduct[k]!) ^ Math.imul(this.keyWarehouseNo[k]!, 0x9e3779b1)) & this.mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = k;
    }
  }
}

export function lookupKey(index: EngineIndex, warehouseId: string, productId: string): number {
  return index.keyTable.find(warehouseId, productId, false);
}

/**
 * Orders by rank (DESIGN.md ranking; same result as sorting with compareRank).
 * Sorts order numbers over typed columns instead of comparing objects.
 */
function rankOrderNumbers(orders: readonly EngineOrder[]): Int32Array {
  const n = orders.length;
  const priority = new Float64Array(n);
  const shipBy = new Float64Array(n);
  const orderDate = new Float64Array(n);
  const ids: string[] = new Array(n);
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const o = orders[i]!;
    priority[i] = o.priority;
    shipBy[i] = o.shipBy === null ? Infinity : o.shipBy;
    orderDate[i] = o.orderDate;
    ids[i] = o.id;
    order[i] = i;
  }
  order.sort((a, b) => {
    const pa = priority[a]!;
    const pb = priority[b]!;
    if (pa !== pb) return pa > pb ? -1 : 1;
    const sa = shipBy[a]!;
    const sb = shipBy[b]!;
    if (sa !== sb) return sa < sb ? -1 : 1;
    const da = orderDate[a]!;
    const db = orderDate[b]!;
    if (da !== db) return da < db ? -1 : 1;
    const ia = ids[a]!;
    const ib = ids[b]!;
    return ia === ib ? 0 : ia < ib ? -1 : 1;
  });
  return Int32Array.from(order);
}

export function buildEngineIndex(input: EngineInput): EngineIndex {
  const orders = input.orders;
  const orderCount = orders.length;
  const byRank = rankOrderNumbers(orders);
  const rankedOrders: EngineOrder[] = new Array(orderCount);
  const orderIsAllocating = new Uint8Array(orderCount);
  const rankSlots = new Int32Array(tableSize(orderCount)).fill(-1);
  const rankMask = rankSlots.length - 1;
  for (let r = 0; r < orderCount; r++) {
    const o = orders[byRank[r]!]!;
    rankedOrders[r] = o;
    orderIsAllocating[r] = isAllocatingStatus(o.status) ? 1 : 0;
    let slot = hashString(o.id) & rankMask;
    while (rankSlots[slot]! >= 0) slot = (slot + 1) & rankMask;
    rankSlots[slot] = r;
  }

  const lines = input.lines;
  const n = lines.length;
  const lineRank = new Int32Array(n);
  const lineKey = new Int32Array(n);
  const remaining = new Float64Array(n);
  const hard = new Float64Array(n);
  // Sized for the stock rows and grown on demand: a small table stays in cache.
  const keyTable = new KeyTable(input.stock.length + 16);

  const rankCounts = new Int32Array(orderCount + 1);
  let lastOrderId = "";
  let lastRank = -1;
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    const orderId = line.orderId;
    let r = lastRank;
    if (orderId !== lastOrderId || r < 0) {
      let slot = hashString(orderId) & rankMask;
      for (;;) {
        r = rankSlots[slot]!;
        if (r < 0 || rankedOrders[r]!.id === orderId) break;
        slot = (slot + 1) & rankMask;
      }
      if (r < 0) throw new Error(`line ${line.id} references unknown order ${orderId}`);
      lastOrderId = orderId;
      lastRank = r;
    }
    lineRank[i] = r;
    rankCounts[r + 1]!++;
    lineKey[i] = keyTable.find(line.warehouseId, line.productId, true);
    remaining[i] = line.remaining;
    hard[i] = line.hardAllocated;
  }
  const stockKeys = input.stock.map((s) => keyTable.find(s.warehouseId, s.productId, true));
  const keyCount = keyTable.size;
  const onHand = new Float64Array(keyCount);
  input.stock.forEach((s, j) => (onHand[stockKeys[j]!]! += s.onHand));

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

  return {
    lines,
    rankedOrders,
    orderIsAllocating,
    lineRank,
    lineKey,
    remaining,
    hard,
    keyCount,
    keyWarehouse: keyTable.keyWarehouse,
    keyProduct: keyTable.keyProduct,
    onHand,
    keyHard,
    orderStart,
    orderLines,
    keyStart,
    keyLines,
    keyTable,
  };
}
