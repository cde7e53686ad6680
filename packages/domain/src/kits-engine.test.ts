import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFulfillability } from "./fulfillability.ts";
import { affectedKeys, recompute } from "./incremental.ts";
import { compareRank, isAllocatingStatus } from "./ranking.ts";
import { inputArb } from "./testing/arbitraries.ts";
import { keysOf, onHandAt, plainResult, withOnHand } from "./testing/helpers.ts";
import { referenceAllocation } from "./testing/reference.ts";
import { stockKey, type EngineInput, type EngineLine, type EngineResult } from "./types.ts";

// Kits: the lines sharing a kitId are one kit line of an order, allocated in whole kits only.
const RUNS = { numRuns: 2000 };
const kitsArb = inputArb({ withSupply: true, withKits: true });
const strictKitsArb = inputArb({ policy: "strict_priority", withSupply: true, withKits: true });

const W = "main";
const order = (id: string, orderDate: number, status: "open" | "on_hold" = "open") => ({ id, status, priority: 0, shipBy: null, orderDate });
const kitLine = (orderId: string, productId: string, perKit: number, kits: number, hard = 0): EngineLine => ({
  id: `${orderId}-${productId}`,
  orderId,
  warehouseId: W,
  productId,
  remaining: perKit * kits,
  hardAllocated: hard,
  kitId: `${orderId}-kit`,
  perKit,
});
const plainLine = (orderId: string, productId: string, remaining: number): EngineLine => ({
  id: `${orderId}-${productId}-plain`,
  orderId,
  warehouseId: W,
  productId,
  remaining,
  hardAllocated: 0,
});
const stock = (onHand: Record<string, number>) => Object.entries(onHand).map(([productId, n]) => ({ warehouseId: W, productId, onHand: n }));

/** Lines of every kit, by kit id. */
function kitsOf(input: EngineInput): Map<string, EngineLine[]> {
  const kits = new Map<string, EngineLine[]>();
  for (const l of input.lines) if (l.kitId !== undefined) (kits.get(l.kitId) ?? kits.set(l.kitId, []).get(l.kitId)!).push(l);
  return kits;
}

/** Lines in the order the engine serves them: orders by rank, lines of an order by id. */
function servingOrder(input: EngineInput): EngineLine[] {
  const orders = new Map(input.orders.map((o) => [o.id, o]));
  return input.lines
    .filter((l) => isAllocatingStatus(orders.get(l.orderId)!.status))
    .sort((a, b) => compareRank(orders.get(a.orderId)!, orders.get(b.orderId)!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

describe("kits: examples", () => {
  it("a kit of 2×A + 1×B with 3 A and 1 B on hand takes 1 kit (2 A, 1 B), not 1.5, and leaves the third A to the next order", () => {
    const input: EngineInput = {
      policy: "strict_priority",
      orders: [order("o1", 1), order("o2", 2)],
      lines: [kitLine("o1", "A", 2, 3), kitLine("o1", "B", 1, 3), plainLine("o2", "A", 1)],
      stock: stock({ A: 3, B: 1 }),
    };
    const result = computeFulfillability(input);
    expect(result.lines.get("o1-A")!.allocated).toBe(2);
    expect(result.lines.get("o1-B")!.allocated).toBe(1);
    expect(result.lines.get("o2-A-plain")!.allocated).toBe(1);
    expect(result.orders.get("o1")!.fulfillability).toBe("partially_fulfillable");
    expect(result.orders.get("o2")!.fulfillability).toBe("fulfillable");
  });

  it("a kit missing one component takes none of the others: they stay free for later orders", () => {
    const input: EngineInput = {
      policy: "strict_priority",
      orders: [order("o1", 1), order("o2", 2)],
      lines: [kitLine("o1", "A", 1, 2), kitLine("o1", "B", 1, 2), plainLine("o2", "A", 5)],
      stock: stock({ A: 5, B: 0 }),
    };
    const result = computeFulfillability(input);
    expect(result.lines.get("o1-A")!.allocated).toBe(0);
    expect(result.orders.get("o1")!.fulfillability).toBe("backordered");
    expect(result.lines.get("o2-A-plain")!.allocated).toBe(5);
    expect(result.orders.get("o2")!.fulfillability).toBe("fulfillable");
  });

  it("hard units of one component do not make a kit shippable: the order stays backordered", () => {
    const input: EngineInput = {
      policy: "strict_priority",
      orders: [order("o1", 1)],
      lines: [kitLine("o1", "A", 2, 1, 2), kitLine("o1", "B", 1, 1)],
      stock: stock({ A: 2, B: 0 }),
    };
    const result = computeFulfillability(input);
    expect(result.lines.get("o1-A")!.allocated).toBe(2);
    expect(result.lines.get("o1-B")!.allocated).toBe(0);
    expect(result.orders.get("o1")!.fulfillability).toBe("backordered");
  });

  it("two kits sharing a component are served by rank; the second gets what whole kits the rest allows", () => {
    const input: EngineInput = {
      policy: "strict_priority",
      orders: [order("o1", 1), order("o2", 2)],
      lines: [kitLine("o1", "A", 2, 2), kitLine("o1", "B", 1, 2), kitLine("o2", "A", 1, 3), kitLine("o2", "C", 1, 3)],
      stock: stock({ A: 6, B: 1, C: 3 }),
    };
    const result = computeFulfillability(input);
    // o1: B allows 1 kit → 2 A; o2: 4 A left, C 3 → 3 kits.
    expect([result.lines.get("o1-A")!.allocated, result.lines.get("o1-B")!.allocated]).toEqual([2, 1]);
    expect([result.lines.get("o2-A")!.allocated, result.lines.get("o2-C")!.allocated]).toEqual([3, 3]);
    expect(result.orders.get("o2")!.fulfillability).toBe("fulfillable");
  });

  it("complete_orders_first gives a whole order first, then whole kits of the leftovers by rank", () => {
    const input: EngineInput = {
      policy: "complete_orders_first",
      orders: [order("o1", 1), order("o2", 2)],
      lines: [kitLine("o1", "A", 2, 3), kitLine("o1", "B", 1, 3), kitLine("o2", "A", 2, 1), kitLine("o2", "B", 1, 1)],
      stock: stock({ A: 5, B: 2 }),
    };
    const result = computeFulfillability(input);
    // o1 needs 6 A (does not fit); o2 fits whole (2 A, 1 B); leftovers 3 A, 1 B → o1 gets 1 kit.
    expect(result.orders.get("o2")!.fulfillability).toBe("fulfillable");
    expect([result.lines.get("o1-A")!.allocated, result.lines.get("o1-B")!.allocated]).toEqual([2, 1]);
  });

  it("dates a kit order by the component that waits: the one held in full needs no supply", () => {
    const input: EngineInput = {
      policy: "strict_priority",
      orders: [order("o1", 1)],
      lines: [kitLine("o1", "A", 1, 2, 2), kitLine("o1", "B", 1, 2)],
      stock: stock({ A: 2, B: 0 }),
      incoming: [{ id: "po1", warehouseId: W, productId: "B", quantity: 5, expectedDate: 50, links: [] }],
    };
    const result = computeFulfillability(input);
    expect(result.orders.get("o1")!.fulfillability).toBe("backordered");
    expect(result.orders.get("o1")!.projectedDate).toBe(50);
  });
});

describe("kits: properties", () => {
  it("allocate exactly like the naive reference, under both policies", () => {
    fc.assert(
      fc.property(kitsArb, (input) => {
        const result = computeFulfillability(input);
        const expected = referenceAllocation(input);
        for (const line of input.lines) expect(result.lines.get(line.id)!.allocated).toBe(expected.get(line.id));
      }),
      RUNS,
    );
  });

  it("never promise more than is on hand at a key, and give kits soft units in whole kits only", () => {
    fc.assert(
      fc.property(kitsArb, (input) => {
        const result = computeFulfillability(input);
        for (const key of keysOf(input)) {
          const lines = input.lines.filter((l) => stockKey(l.warehouseId, l.productId) === key);
          const hard = lines.reduce((s, l) => s + l.hardAllocated, 0);
          const alloc = lines.reduce((s, l) => s + result.lines.get(l.id)!.allocated, 0);
          expect(alloc - hard).toBeLessThanOrEqual(Math.max(0, onHandAt(input, key) - hard));
        }
        for (const parts of kitsOf(input).values()) {
          // One whole number of kits W for the kit: each component holds max(its hard units, W × per kit).
          const whole = Math.min(...parts.map((c) => Math.floor(result.lines.get(c.id)!.allocated / c.perKit!)));
          const soft = parts.some((c) => result.lines.get(c.id)!.allocated > c.hardAllocated);
          if (!soft) continue;
          for (const c of parts) expect(result.lines.get(c.id)!.allocated).toBe(Math.max(c.hardAllocated, whole * c.perKit!));
        }
      }),
      RUNS,
    );
  });

  it("an order is fulfillable only when every component of its kits is allocated in full (all fulfillable orders can ship at once)", () => {
    fc.assert(
      fc.property(kitsArb, (input) => {
        const result = computeFulfillability(input);
        for (const o of input.orders) {
          if (result.orders.get(o.id)!.fulfillability !== "fulfillable") continue;
          for (const l of input.lines) if (l.orderId === o.id) expect(result.lines.get(l.id)!.allocated).toBe(l.remaining);
        }
        // And an order counted partially fulfillable can ship something now: a whole kit or an ordinary line's unit.
        for (const o of input.orders) {
          if (result.orders.get(o.id)!.fulfillability !== "partially_fulfillable") continue;
          const own = input.lines.filter((l) => l.orderId === o.id);
          const plainUnits = own.some((l) => l.kitId === undefined && result.lines.get(l.id)!.allocated > 0);
          const wholeKit = [...kitsOf({ ...input, lines: own }).values()].some((parts) =>
            parts.every((c) => result.lines.get(c.id)!.allocated >= c.perKit! && c.remaining > 0),
          );
          expect(plainUnits || wholeKit).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("receiving stock: the first line (by rank) whose allocation changes gets more — no order loses units to a worse-ranked one (strict_priority)", () => {
    fc.assert(
      fc.property(strictKitsArb, fc.nat(), fc.integer({ min: 1, max: 10 }), (input, k, q) => {
        const key = keysOf(input)[k % keysOf(input).length]!;
        const after = withOnHand(input, key, onHandAt(input, key) + q);
        const a = computeFulfillability(input);
        const b = computeFulfillability(after);
        const first = servingOrder(input).find((l) => a.lines.get(l.id)!.allocated !== b.lines.get(l.id)!.allocated);
        if (first) expect(b.lines.get(first.id)!.allocated).toBeGreaterThan(a.lines.get(first.id)!.allocated);
      }),
      RUNS,
    );
  });

  it("give the same result whatever order the input arrives in", () => {
    fc.assert(
      fc.property(kitsArb, (input) => {
        const reversed: EngineInput = { ...input, orders: [...input.orders].reverse(), lines: [...input.lines].reverse(), stock: [...input.stock].reverse() };
        expect(plainResult(computeFulfillability(reversed))).toEqual(plainResult(computeFulfillability(input)));
      }),
      RUNS,
    );
  });

  it("incremental recompute of the affected keys equals a full recompute after a stock change (kits link their keys)", () => {
    fc.assert(
      fc.property(kitsArb, fc.nat(), fc.integer({ min: -5, max: 8 }), (input, k, delta) => {
        const key = keysOf(input)[k % keysOf(input).length]!;
        const next = withOnHand(input, key, Math.max(0, onHandAt(input, key) + delta));
        const previous = computeFulfillability(input);
        const changed = new Set([key]);
        const keys = affectedKeys(next, changed);
        const orderIds = new Set(next.lines.filter((l) => keys.has(stockKey(l.warehouseId, l.productId))).map((l) => l.orderId));
        const loaded: EngineInput = {
          ...next,
          lines: next.lines.filter((l) => orderIds.has(l.orderId)),
          orders: next.orders.filter((o) => orderIds.has(o.id)),
          stock: next.stock.filter((s) => keys.has(stockKey(s.warehouseId, s.productId))),
          incoming: (next.incoming ?? []).filter((s) => keys.has(stockKey(s.warehouseId, s.productId))),
        };
        const diff = recompute(loaded, changed, previous);
        const merged: EngineResult = { lines: new Map([...previous.lines, ...diff.lines]), orders: new Map([...previous.orders, ...diff.orders]) };
        expect(plainResult(merged)).toEqual(plainResult(computeFulfillability(next)));
      }),
      RUNS,
    );
  });
});
