import { indexEngineInput } from "./from-strings.ts";
import { runEngine, summarizeOrder, wholeKitAllocation } from "./fulfillability.ts";
import { isAllocatingStatus } from "./ranking.ts";
import {
  stockKey,
  type AllocationPolicy,
  type EngineInput,
  type EngineLine,
  type EngineResult,
  type Fulfillability,
  type LineResult,
  type OrderResult,
} from "./types.ts";

/** What is stored per line and per order (the previous result); `lineId` / `orderId` are not needed. */
export interface StoredResult {
  lines: ReadonlyMap<string, { allocated: number; projectedDate: number | null }>;
  orders: ReadonlyMap<string, { fulfillability: Fulfillability | null; projectedDate: number | null }>;
}

/**
 * Keys whose stored results may change when the stock or demand of
 * `changedKeys` changed (DESIGN.md, fulfillability 7).
 *
 * - strict_priority: a key's allocation depends only on that key's stock and
 *   lines (and the rank of their orders), so the changed keys themselves.
 * - complete_orders_first: whether an order completes in pass 1 depends on
 *   what is left at every key it holds, which depends on the higher-ranked
 *   orders at those keys, and so on. A change cascades along orders that hold
 *   lines at several keys, so the answer is the connected component of the
 *   changed keys in the graph "two keys are linked when one order has lines at
 *   both". Computed over the lines in `input`.
 * - Under strict_priority, a kit's component lines take units at their keys
 *   together, so the keys of one kit are linked (transitively, as above).
 * - Under both policies, preorder restocks are per product and handed out
 *   across warehouses in rank order, so for a product with a preorder restock
 *   every key of that product (present in `input`) is linked as well.
 *
 * The caller loads until a fixed point: load the lines of the keys, their
 * orders and the orders' other lines, call affectedKeys again, and repeat while
 * it grows. `recompute` requires that `input` holds every line of every
 * affected key.
 */
export function affectedKeys(
  input: EngineInput,
  changedKeys: ReadonlySet<string>,
  policy: AllocationPolicy = input.policy,
): Set<string> {
  const linksByOrder = policy === "complete_orders_first";
  const linksByKit = !linksByOrder && input.lines.some((l) => l.kitId !== undefined);
  const preorderProducts = new Set((input.preorders ?? []).filter((p) => p.quantity > 0).map((p) => p.productId));
  if (!linksByOrder && !linksByKit && preorderProducts.size === 0) return new Set(changedKeys);

  const keysOfOrder = new Map<string, Set<string>>();
  const keysOfProduct = new Map<string, Set<string>>();
  const ordersOfKey = new Map<string, string[]>();
  const productOfKey = new Map<string, string>();
  for (const line of input.lines) {
    const key = stockKey(line.warehouseId, line.productId);
    // Under strict_priority only a kit ties keys together (its components take units together).
    const group = linksByOrder ? line.orderId : line.kitId !== undefined ? `kit:${line.kitId}` : undefined;
    if (group !== undefined) {
      let keys = keysOfOrder.get(group);
      if (keys === undefined) keysOfOrder.set(group, (keys = new Set()));
      keys.add(key);
      let orders = ordersOfKey.get(key);
      if (orders === undefined) ordersOfKey.set(key, (orders = []));
      orders.push(group);
    }
    if (preorderProducts.has(line.productId)) {
      productOfKey.set(key, line.productId);
      let keys = keysOfProduct.get(line.productId);
      if (keys === undefined) keysOfProduct.set(line.productId, (keys = new Set()));
      keys.add(key);
    }
  }

  const result = new Set(changedKeys);
  const queue = [...changedKeys];
  const visitedOrders = new Set<string>();
  const visitedProducts = new Set<string>();
  while (queue.length > 0) {
    const key = queue.pop()!;
    const neighbours: Iterable<string>[] = [];
    for (const orderId of ordersOfKey.get(key) ?? []) {
      if (visitedOrders.has(orderId)) continue;
      visitedOrders.add(orderId);
      neighbours.push(keysOfOrder.get(orderId)!);
    }
    const productId = productOfKey.get(key);
    if (productId !== undefined && !visitedProducts.has(productId)) {
      visitedProducts.add(productId);
      neighbours.push(keysOfProduct.get(productId)!);
    }
    for (const keys of neighbours) {
      for (const next of keys) {
        if (!result.has(next)) {
          result.add(next);
          queue.push(next);
        }
      }
    }
  }
  return result;
}

/**
 * Incremental recompute after a change to `changedKeys`.
 *
 * `input` must hold every line of every key in `affectedKeys(input, changedKeys)`,
 * the stock and incoming supply of those keys, and, for every order with a
 * line at such a key, the order and all its other lines (their stored values
 * are read from `previous`). An order whose status or rank changed must have
 * all of its keys in `changedKeys`.
 *
 * Returns only the lines and orders whose values differ from `previous`
 * (including ones `previous` does not know).
 */
export function recompute(input: EngineInput, changedKeys: ReadonlySet<string>, previous: StoredResult): EngineResult {
  const keys = affectedKeys(input, changedKeys, input.policy);
  const inKeys = input.lines.filter((l) => keys.has(stockKey(l.warehouseId, l.productId)));
  const touchedOrders = new Set(inKeys.map((l) => l.orderId));
  const sub: EngineInput = {
    policy: input.policy,
    orders: input.orders.filter((o) => touchedOrders.has(o.id)),
    lines: inKeys,
    stock: input.stock.filter((s) => keys.has(stockKey(s.warehouseId, s.productId))),
    incoming: (input.incoming ?? []).filter((s) => keys.has(stockKey(s.warehouseId, s.productId))),
    preorders: input.preorders ?? [],
  };
  const { indexed, ties } = indexEngineInput(sub);
  const { lineAllocated: allocated, lineProjectedDate: projected } = runEngine(indexed, ties);

  const fresh = new Map<string, { allocated: number; projectedDate: number }>();
  const changedLines = new Map<string, LineResult>();
  for (let i = 0; i < inKeys.length; i++) {
    const lineId = inKeys[i]!.id;
    const a = allocated[i]!;
    const p = projected[i]!;
    fresh.set(lineId, { allocated: a, projectedDate: p });
    const projectedDate = Number.isNaN(p) ? null : p;
    const before = previous.lines.get(lineId);
    if (before === undefined || before.allocated !== a || before.projectedDate !== projectedDate) {
      changedLines.set(lineId, { lineId, allocated: a, projectedDate });
    }
  }

  const linesOfOrder = new Map<string, number[]>();
  const summarized: EngineLine[] = [];
  const remaining: number[] = [];
  const alloc: number[] = [];
  const proj: number[] = [];
  for (const line of input.lines) {
    if (!touchedOrders.has(line.orderId)) continue;
    const own = fresh.get(line.id);
    const stored = own === undefined ? previous.lines.get(line.id) : undefined;
    let list = linesOfOrder.get(line.orderId);
    if (list === undefined) linesOfOrder.set(line.orderId, (list = []));
    list.push(remaining.length);
    summarized.push(line);
    remaining.push(line.remaining);
    alloc.push(own?.allocated ?? stored?.allocated ?? line.hardAllocated);
    proj.push(own?.projectedDate ?? stored?.projectedDate ?? NaN);
  }
  const remainingArr = Float64Array.from(remaining);
  const allocArr = Float64Array.from(alloc);
  const projArr = Float64Array.from(proj);
  const shippable = wholeKitAllocation(summarized, allocArr);

  const changedOrders = new Map<string, OrderResult>();
  for (const order of sub.orders) {
    const positions = Int32Array.from(linesOfOrder.get(order.id) ?? []);
    const summary = isAllocatingStatus(order.status)
      ? summarizeOrder(positions, 0, positions.length, remainingArr, allocArr, projArr, shippable)
      : { fulfillability: null, projectedDate: null };
    const before = previous.orders.get(order.id);
    if (
      before === undefined ||
      before.fulfillability !== summary.fulfillability ||
      before.projectedDate !== summary.projectedDate
    ) {
      changedOrders.set(order.id, { orderId: order.id, ...summary });
    }
  }
  return { lines: changedLines, orders: changedOrders };
}
