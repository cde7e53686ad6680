import type { EngineOrder, OrderStatus } from "./types.ts";

/**
 * Ranking of orders (DESIGN.md, fulfillability 1): manual priority (higher
 * first), ship-by (earliest first, none last), order date (oldest first), then
 * id by plain code-unit comparison (not localeCompare, so the order does not
 * depend on the runtime's locale). Total and deterministic as long as ids are unique.
 */
export function compareRank(a: EngineOrder, b: EngineOrder): number {
  if (a.priority !== b.priority) return a.priority > b.priority ? -1 : 1;
  const sa = a.shipBy;
  const sb = b.shipBy;
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return sa < sb ? -1 : 1;
  }
  if (a.orderDate !== b.orderDate) return a.orderDate < b.orderDate ? -1 : 1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/**
 * Whether an order takes soft allocation. Only `open` and `partially_shipped`
 * orders do.
 *
 * Orders `on_hold`, `shipped` or `cancelled` take nothing more, but a hard
 * allocation they still carry keeps counting: the units are physically set
 * aside, so they reduce what is available at the key and are reported as that
 * line's allocation. Releasing the hard allocation (e.g. on cancel) is the
 * caller's decision, made by writing `hardAllocated = 0`.
 */
export function isAllocatingStatus(status: OrderStatus): boolean {
  return status === "open" || status === "partially_shipped";
}

/** Orders sorted best rank first (a new array; the input is not modified). */
export function rankOrders(orders: readonly EngineOrder[]): EngineOrder[] {
  return orders.slice().sort(compareRank);
}
