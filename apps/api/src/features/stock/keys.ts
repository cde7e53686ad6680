// A (warehouse, product) pair: the unit stock is counted, locked and allocated by.
export interface StockKey {
  warehouseId: string;
  productId: string;
}

export const keyString = (k: StockKey) => `${k.warehouseId}|${k.productId}`;

/** Distinct keys in one fixed order (warehouse, product): every writer locks in this order, so writers never deadlock. */
export function sortedKeys(keys: Iterable<StockKey>): StockKey[] {
  const byKey = new Map<string, StockKey>();
  for (const k of keys) byKey.set(keyString(k), { warehouseId: k.warehouseId, productId: k.productId });
  return [...byKey.values()].sort((a, b) => (a.warehouseId === b.warehouseId ? (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0) : a.warehouseId < b.warehouseId ? -1 : 1));
}
