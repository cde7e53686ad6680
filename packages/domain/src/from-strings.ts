import type { TieComparators } from "./engine-index.ts";
import { isAllocatingStatus } from "./ranking.ts";
import type { EngineInput, IndexedEngineInput } from "./types.ts";

/**
 * Maps the string-keyed EngineInput to the integer-indexed input, so the string
 * API and computeFulfillabilityIndexed run the same implementation.
 *
 * Orders, lines and supplies keep their positions; keys (warehouse, product)
 * are numbered in first-seen order over lines, then stock. Ids become integers
 * only where the engine compares them: orders tied on the numeric rank keys
 * and lines of one order are compared by id (code units) through `ties`.
 */
export interface StringIndexedInput {
  indexed: IndexedEngineInput;
  ties: TieComparators;
  keyCount: number;
  /** key number of (warehouseId, productId), -1 if unknown */
  findKey(warehouseId: string, productId: string): number;
}

const compareStrings = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);

export function indexEngineInput(input: EngineInput): StringIndexedInput {
  const { orders, lines, stock } = input;
  const orderCount = orders.length;
  const priority = new Float64Array(orderCount);
  const shipBy = new Float64Array(orderCount);
  const orderDate = new Float64Array(orderCount);
  const allocating = new Uint8Array(orderCount);
  const orderIds: string[] = new Array(orderCount);
  const orderNumber = new Map<string, number>();
  for (let o = 0; o < orderCount; o++) {
    const order = orders[o]!;
    priority[o] = order.priority;
    shipBy[o] = order.shipBy === null ? NaN : order.shipBy;
    orderDate[o] = order.orderDate;
    allocating[o] = isAllocatingStatus(order.status) ? 1 : 0;
    orderIds[o] = order.id;
    orderNumber.set(order.id, o);
  }

  // (warehouse, product) → key: one Map of products per warehouse.
  const productsOf = new Map<string, Map<string, number>>();
  const keyProductIds: string[] = [];
  let lastWarehouse: string | null = null;
  let lastProducts: Map<string, number> | undefined;
  const findKey = (warehouseId: string, productId: string, create: boolean): number => {
    if (warehouseId !== lastWarehouse) {
      let products = productsOf.get(warehouseId);
      if (products === undefined) {
        if (!create) return -1;
        productsOf.set(warehouseId, (products = new Map()));
      }
      lastWarehouse = warehouseId;
      lastProducts = products;
    }
    const products = lastProducts!;
    let k = products.get(productId);
    if (k === undefined) {
      if (!create) return -1;
      k = keyProductIds.length;
      keyProductIds.push(productId);
      products.set(productId, k);
    }
    return k;
  };

  const lineCount = lines.length;
  const orderIndex = new Int32Array(lineCount);
  const keyIndex = new Int32Array(lineCount);
  const remaining = new Float64Array(lineCount);
  const hard = new Float64Array(lineCount);
  const lineIds: string[] = new Array(lineCount);
  let kitGroup: Int32Array | undefined;
  let perKit: Float64Array | undefined;
  const kitNumber = new Map<string, number>();
  let lastOrderId: string | null = null;
  let lastOrder = -1;
  for (let i = 0; i < lineCount; i++) {
    const line = lines[i]!;
    const orderId = line.orderId;
    if (orderId !== lastOrderId) {
      const o = orderNumber.get(orderId);
      if (o === undefined) throw new Error(`line ${line.id} references unknown order ${orderId}`);
      lastOrderId = orderId;
      lastOrder = o;
    }
    orderIndex[i] = lastOrder;
    keyIndex[i] = findKey(line.warehouseId, line.productId, true);
    remaining[i] = line.remaining;
    hard[i] = line.hardAllocated;
    lineIds[i] = line.id;
    if (line.kitId !== undefined) {
      if (kitGroup === undefined) {
        kitGroup = new Int32Array(lineCount).fill(-1);
        perKit = new Float64Array(lineCount);
      }
      let g = kitNumber.get(line.kitId);
      if (g === undefined) kitNumber.set(line.kitId, (g = kitNumber.size));
      kitGroup[i] = g;
      perKit![i] = line.perKit ?? 1;
    }
  }
  const stockKeys = stock.map((s) => findKey(s.warehouseId, s.productId, true));
  const keyCount = keyProductIds.length;
  const onHand = new Float64Array(keyCount);
  for (let j = 0; j < stock.length; j++) onHand[stockKeys[j]!]! += stock[j]!.onHand;

  const indexed: IndexedEngineInput = {
    policy: input.policy,
    orders: { priority, shipBy, orderDate, tiebreak: new Int32Array(orderCount), allocating },
    lines: kitGroup === undefined ? { orderIndex, keyIndex, remaining, hard } : { orderIndex, keyIndex, remaining, hard, kitGroup, perKit: perKit! },
    keys: { onHand },
  };

  const incoming = input.incoming ?? [];
  if (incoming.length > 0) {
    const count = incoming.length;
    const supplyKey = new Int32Array(count);
    const quantity = new Float64Array(count);
    const expectedDate = new Float64Array(count);
    const linkStart = new Int32Array(count + 1);
    const linkedKeys = new Uint8Array(keyCount);
    let anyLinks = false;
    for (let s = 0; s < count; s++) {
      const supply = incoming[s]!;
      const k = findKey(supply.warehouseId, supply.productId, false);
      supplyKey[s] = k;
      quantity[s] = supply.quantity;
      expectedDate[s] = supply.expectedDate === null ? NaN : supply.expectedDate;
      linkStart[s + 1] = linkStart[s]! + supply.links.length;
      if (supply.links.length > 0 && k >= 0) {
        linkedKeys[k] = 1;
        anyLinks = true;
      }
    }
    const byId = Array.from({ length: count }, (_, s) => s).sort((a, b) => compareStrings(incoming[a]!.id, incoming[b]!.id));
    const tiebreak = new Int32Array(count);
    byId.forEach((s, position) => (tiebreak[s] = position));

    // Links name lines by id; only lines at a key with a linked supply can be served by a link.
    const linkLine = new Int32Array(linkStart[count]!).fill(-1);
    const linkQuantity = new Float64Array(linkStart[count]!);
    if (anyLinks) {
      const lineAt = new Map<string, number>();
      for (let i = 0; i < lineCount; i++) if (linkedKeys[keyIndex[i]!] === 1) lineAt.set(lineIds[i]!, i);
      for (let s = 0; s < count; s++) {
        const links = incoming[s]!.links;
        for (let l = 0; l < links.length; l++) {
          const at = linkStart[s]! + l;
          linkLine[at] = lineAt.get(links[l]!.lineId) ?? -1;
          linkQuantity[at] = links[l]!.quantity;
        }
      }
    }
    indexed.supplies = { keyIndex: supplyKey, quantity, expectedDate, tiebreak, linkStart, linkLine, linkQuantity };
  }

  const restocks = input.preorders ?? [];
  if (restocks.length > 0) {
    const productNumber = new Map<string, number>();
    const product = new Int32Array(restocks.length);
    const restockDate = new Float64Array(restocks.length);
    const quantity = new Float64Array(restocks.length);
    restocks.forEach((p, j) => {
      let number = productNumber.get(p.productId);
      if (number === undefined) productNumber.set(p.productId, (number = productNumber.size));
      product[j] = number;
      restockDate[j] = p.restockDate;
      quantity[j] = p.quantity;
    });
    const keyProduct = new Int32Array(keyCount);
    for (let k = 0; k < keyCount; k++) keyProduct[k] = productNumber.get(keyProductIds[k]!) ?? -1;
    indexed.keys.product = keyProduct;
    indexed.preorders = { product, restockDate, quantity };
  }

  return {
    indexed,
    ties: {
      orders: (a, b) => compareStrings(orderIds[a]!, orderIds[b]!),
      lines: (a, b) => compareStrings(lineIds[a]!, lineIds[b]!),
    },
    keyCount,
    findKey: (warehouseId, productId) => findKey(warehouseId, productId, false),
  };
}
