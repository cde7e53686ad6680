import { isAllocatingStatus } from "./ranking.ts";
import { stockKey, type EngineInput, type EngineResult } from "./types.ts";

/** One row of the backorder report: what a (warehouse, product) key is short of and what is on the way. */
export interface BackorderReportRow {
  warehouseId: string;
  productId: string;
  /** remaining quantity of lines of open / partially shipped orders */
  demand: number;
  onHand: number;
  hardAllocated: number;
  /** onHand − hardAllocated, at least 0 */
  available: number;
  /** allocated to lines of open / partially shipped orders */
  allocated: number;
  shortfall: number;
  /** sum of still-to-arrive purchase order quantities */
  incoming: number;
  nearestExpectedDate: number | null;
  netToBuy: number;
  waitingOrders: number;
  oldestWaitingOrderDate: number | null;
  /** whole days the oldest waiting order has waited at `now`, null when none waits */
  oldestWaitingDays: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Backorder report per key with demand, sorted by shortfall (largest first),
 * then warehouse and product id.
 */
export function computeBackorderReport(input: EngineInput, result: EngineResult, now: number): BackorderReportRow[] {
  const orderById = new Map(input.orders.map((o) => [o.id, o]));
  const rows = new Map<string, BackorderReportRow>();
  const waiting = new Map<string, Set<string>>();
  const rowOf = (warehouseId: string, productId: string) => {
    const key = stockKey(warehouseId, productId);
    let row = rows.get(key);
    if (row === undefined) {
      row = {
        warehouseId,
        productId,
        demand: 0,
        onHand: 0,
        hardAllocated: 0,
        available: 0,
        allocated: 0,
        shortfall: 0,
        incoming: 0,
        nearestExpectedDate: null,
        netToBuy: 0,
        waitingOrders: 0,
        oldestWaitingOrderDate: null,
        oldestWaitingDays: null,
      };
      rows.set(key, row);
    }
    return row;
  };

  for (const s of input.stock) rowOf(s.warehouseId, s.productId).onHand += s.onHand;
  for (const line of input.lines) {
    const row = rowOf(line.warehouseId, line.productId);
    row.hardAllocated += line.hardAllocated;
    const order = orderById.get(line.orderId);
    if (order === undefined || !isAllocatingStatus(order.status) || line.remaining <= 0) continue;
    const allocated = result.lines.get(line.id)?.allocated ?? line.hardAllocated;
    row.demand += line.remaining;
    row.allocated += allocated;
    if (allocated < line.remaining) {
      const key = stockKey(line.warehouseId, line.productId);
      let orders = waiting.get(key);
      if (orders === undefined) waiting.set(key, (orders = new Set()));
      orders.add(order.id);
      if (row.oldestWaitingOrderDate === null || order.orderDate < row.oldestWaitingOrderDate) {
        row.oldestWaitingOrderDate = order.orderDate;
      }
    }
  }
  for (const supply of input.incoming ?? []) {
    if (supply.quantity <= 0) continue;
    const row = rowOf(supply.warehouseId, supply.productId);
    row.incoming += supply.quantity;
    if (supply.expectedDate !== null && (row.nearestExpectedDate === null || supply.expectedDate < row.nearestExpectedDate)) {
      row.nearestExpectedDate = supply.expectedDate;
    }
  }

  const report: BackorderReportRow[] = [];
  for (const [key, row] of rows) {
    if (row.demand <= 0) continue;
    row.available = Math.max(0, row.onHand - row.hardAllocated);
    row.shortfall = row.demand - row.allocated;
    row.netToBuy = Math.max(0, row.shortfall - row.incoming);
    row.waitingOrders = waiting.get(key)?.size ?? 0;
    row.oldestWaitingDays =
      row.oldestWaitingOrderDate === null ? null : Math.max(0, Math.floor((now - row.oldestWaitingOrderDate) / DAY_MS));
    report.push(row);
  }
  return report.sort(
    (a, b) =>
      b.shortfall - a.shortfall ||
      (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0) ||
      (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0),
  );
}

/** Purchase quantity for a net need: at least the minimum order quantity, rounded up to whole case packs. */
export function roundPurchaseQuantity(net: number, moq: number, casePack: number): number {
  if (!(casePack >= 1)) throw new RangeError(`casePack must be at least 1, got ${casePack}`);
  if (net <= 0) return 0;
  const quantity = Math.max(net, moq);
  return Math.ceil(quantity / casePack) * casePack;
}

/**
 * The purchase quantity for a net need with the reason it is more than the need, for the
 * purchase-order preview: null when the need is bought as it is.
 */
export function explainPurchaseQuantity(net: number, moq: number, casePack: number): { quantity: number; roundedUp: string | null } {
  const quantity = roundPurchaseQuantity(net, moq, casePack);
  if (quantity <= net) return { quantity, roundedUp: null };
  const reasons: string[] = [];
  if (moq > net) reasons.push(`minimum order ${moq}`);
  if (quantity > Math.max(net, moq)) reasons.push(`case pack ${casePack}`);
  return { quantity, roundedUp: `${net} rounded up to ${quantity}: ${reasons.join(", then ")}` };
}

export type AgeBucket = "0-2" | "3-7" | "8-14" | "15+";

/** Age bucket of a waiting time in whole days. */
export function ageBucket(days: number): AgeBucket {
  if (days <= 2) return "0-2";
  if (days <= 7) return "3-7";
  if (days <= 14) return "8-14";
  return "15+";
}
