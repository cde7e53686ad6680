/**
 * Bounded recompute of one (warehouse, SKU) key after its stock grows, under
 * strict_priority (a receipt: stock +q, the received purchase-order line −q).
 * Cost follows the lines the receipt can affect, not how many lines wait.
 *
 * Take the key's allocating lines in rank order, as stored before the change.
 * Under strict_priority their allocation is a greedy prefix fill, so the lines
 * that are not short (allocated = remaining) all come before the first short
 * one, except lines fully covered by their own hard allocation; an increase
 * leaves all of them full, with no projected date. The short lines, in rank
 * order, form a queue of short units. What changes:
 *
 * - Stock: the `freeAfter` units (on hand − everything allocated at the key,
 *   after the increase) go to the first short units of the queue.
 * - Supply: purchase-order lines serve short units by expected date (unknown
 *   last, then id), linked lines first, then the queue in rank order. A line
 *   beyond a prefix of the queue is reached only once every line of the prefix
 *   is served, so it sees the supply "tape" from the point where the prefix
 *   runs out. Receiving q units of supply S shortens the prefix's need by q and
 *   S by q: the tape from S on looks the same from the new crossing point, the
 *   supplies before S do not. So once the prefix (with its stock) absorbs the
 *   supplies ordered before S, every line beyond it sees the same supply and
 *   keeps its result. Without an S (an adjustment), or when more than S's open
 *   quantity arrives, every supply shifts: the prefix must absorb them all.
 * - Links serve lines out of rank order, so the prefix must also reach every
 *   linked short line; then no line beyond it is linked.
 *
 * Preorder restocks are shared across warehouses by global rank, so a product
 * with a restock is not bounded this way (the caller recomputes its keys whole).
 * The property test in increase-window.test.ts checks all of this against full
 * recomputes.
 */
import type { EngineInput, EngineLine, EngineOrder, IncomingSupply } from "./types.ts";

export interface WindowSupply {
  id: string;
  /** open quantity after the change */
  quantity: number;
  expectedDate: number | null;
}

/** Supply order of the projection: expected date (unknown last), then id. */
export function compareSupplies(a: WindowSupply, b: WindowSupply): number {
  if (a.expectedDate !== b.expectedDate) {
    if (a.expectedDate === null) return 1;
    if (b.expectedDate === null) return -1;
    return a.expectedDate - b.expectedDate;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * How many short units, from the front of the queue as stored before the
 * change, the recompute must cover. `received`: the supply the units came
 * from (it may be fully received by now), and whether they stayed within its
 * open quantity (otherwise, or without one, every supply counts).
 */
export function increaseWindowEnd(
  freeAfter: number,
  suppliesAfter: readonly WindowSupply[],
  received: { supplyId: string; expectedDate: number | null; withinOpen: boolean } | null,
): number {
  const free = Math.max(0, freeAfter);
  const sorted = suppliesAfter.filter((s) => s.quantity > 0).sort(compareSupplies);
  let end = free;
  const from = received?.withinOpen ? { id: received.supplyId, quantity: 0, expectedDate: received.expectedDate } : null;
  for (const s of sorted) {
    if (from !== null && compareSupplies(s, from) >= 0) break;
    end += s.quantity;
  }
  return end;
}

export interface WindowLine {
  line: EngineLine;
  order: EngineOrder;
  /** hard + soft, as stored before the change */
  allocatedBefore: number;
}

/**
 * True once `window` (a rank-order prefix of the key's short lines) is long
 * enough: its short units reach `end` and it holds every linked line.
 */
export function windowComplete(window: readonly WindowLine[], end: number, linkedLineIds: ReadonlySet<string>): boolean {
  let short = 0;
  let linked = 0;
  for (const w of window) {
    short += w.line.remaining - w.allocatedBefore;
    if (linkedLineIds.has(w.line.id)) linked++;
  }
  return short >= end && linked === linkedLineIds.size;
}

/**
 * The engine input for the window alone: the window's lines, and as on-hand
 * what the window can hold — the key's on hand less what every other line
 * there keeps (their allocation is unchanged by the increase).
 */
export function windowEngineInput(args: {
  warehouseId: string;
  productId: string;
  onHandAfter: number;
  /** everything allocated at the key before the change (stock level's allocated) */
  allocatedBefore: number;
  window: readonly WindowLine[];
  suppliesAfter: readonly IncomingSupply[];
}): EngineInput {
  const heldInWindow = args.window.reduce((s, w) => s + w.allocatedBefore, 0);
  const heldElsewhere = args.allocatedBefore - heldInWindow;
  const orders = new Map<string, EngineOrder>();
  for (const w of args.window) orders.set(w.order.id, w.order);
  const inWindow = new Set(args.window.map((w) => w.line.id));
  return {
    policy: "strict_priority",
    orders: [...orders.values()],
    lines: args.window.map((w) => w.line),
    stock: [{ warehouseId: args.warehouseId, productId: args.productId, onHand: args.onHandAfter - heldElsewhere }],
    incoming: args.suppliesAfter.map((s) => ({ ...s, links: s.links.filter((l) => inWindow.has(l.lineId)) })),
    preorders: [],
  };
}
