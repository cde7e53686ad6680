import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distributeIncrease, reclaimDecrease } from "./fast-path.ts";
import { computeFulfillability } from "./fulfillability.ts";
import { affectedKeys, recompute } from "./incremental.ts";
import { compareRank, isAllocatingStatus } from "./ranking.ts";
import { inputArb } from "./testing/arbitraries.ts";
import { buildInput, day } from "./testing/builders.ts";
import { keysOf, onHandAt, plainResult, withOnHand } from "./testing/helpers.ts";
import { stockKey, type EngineInput, type EngineLine, type EngineResult, type OrderStatus } from "./types.ts";

type Change =
  | { kind: "onHand"; key: number; value: number }
  | { kind: "remaining"; line: number; value: number }
  | { kind: "status"; order: number; status: OrderStatus }
  | { kind: "priority"; order: number; value: number }
  | { kind: "addLine"; order: number; key: number; remaining: number }
  | { kind: "supply"; supply: number; quantity: number };

const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant("onHand" as const), key: fc.nat(), value: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant("remaining" as const), line: fc.nat(), value: fc.integer({ min: 0, max: 6 }) }),
  fc.record({
    kind: fc.constant("status" as const),
    order: fc.nat(),
    status: fc.constantFrom<OrderStatus>("open", "on_hold", "partially_shipped", "cancelled"),
  }),
  fc.record({ kind: fc.constant("priority" as const), order: fc.nat(), value: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant("addLine" as const), order: fc.nat(), key: fc.nat(), remaining: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant("supply" as const), supply: fc.nat(), quantity: fc.integer({ min: 0, max: 8 }) }),
);

/** Applies a change like the API would and returns the new input and the keys it touched. */
function applyChange(input: EngineInput, change: Change): { next: EngineInput; changed: Set<string> } {
  const keys = keysOf(input);
  const keyOfLine = (l: EngineLine) => stockKey(l.warehouseId, l.productId);
  const orderKeys = (orderId: string, lines = input.lines) => new Set(lines.filter((l) => l.orderId === orderId).map(keyOfLine));
  switch (change.kind) {
    case "onHand": {
      const key = keys[change.key % keys.length]!;
      return { next: withOnHand(input, key, change.value), changed: new Set([key]) };
    }
    case "remaining": {
      if (input.lines.length === 0) return { next: input, changed: new Set() };
      const target = input.lines[change.line % input.lines.length]!;
      const lines = input.lines.map((l) =>
        l.id === target.id ? { ...l, remaining: change.value, hardAllocated: Math.min(l.hardAllocated, change.value) } : l,
      );
      return { next: { ...input, lines }, changed: new Set([keyOfLine(target)]) };
    }
    case "status":
    case "priority": {
      if (input.orders.length === 0) return { next: input, changed: new Set() };
      const target = input.orders[change.order % input.orders.length]!;
      const orders = input.orders.map((o) =>
        o.id !== target.id ? o : change.kind === "status" ? { ...o, status: change.status } : { ...o, priority: change.value },
      );
      return { next: { ...input, orders }, changed: orderKeys(target.id) };
    }
    case "addLine": {
      if (input.orders.length === 0) return { next: input, changed: new Set() };
      const order = input.orders[change.order % input.orders.length]!;
      const stock = input.stock[change.key % input.stock.length]!;
      const line: EngineLine = {
        id: `${order.id}-new`,
        orderId: order.id,
        warehouseId: stock.warehouseId,
        productId: stock.productId,
        remaining: change.remaining,
        hardAllocated: 0,
      };
      return { next: { ...input, lines: [...input.lines, line] }, changed: new Set([keyOfLine(line)]) };
    }
    case "supply": {
      const incoming = input.incoming ?? [];
      if (incoming.length === 0) return { next: input, changed: new Set() };
      const target = incoming[change.supply % incoming.length]!;
      return {
        next: { ...input, incoming: incoming.map((s) => (s === target ? { ...s, quantity: change.quantity } : s)) },
        changed: new Set([stockKey(target.warehouseId, target.productId)]),
      };
    }
  }
}

/** What the API would load for the affected keys: their lines, their orders and those orders' other lines. */
function loadForRecompute(input: EngineInput, keys: Set<string>): EngineInput {
  const orderIds = new Set(input.lines.filter((l) => keys.has(stockKey(l.warehouseId, l.productId))).map((l) => l.orderId));
  return {
    ...input,
    orders: input.orders.filter((o) => orderIds.has(o.id)),
    lines: input.lines.filter((l) => orderIds.has(l.orderId)),
    stock: input.stock.filter((s) => keys.has(stockKey(s.warehouseId, s.productId))),
    incoming: (input.incoming ?? []).filter((s) => keys.has(stockKey(s.warehouseId, s.productId))),
  };
}

function applyDiff(previous: EngineResult, diff: EngineResult): EngineResult {
  return { lines: new Map([...previous.lines, ...diff.lines]), orders: new Map([...previous.orders, ...diff.orders]) };
}

describe("incremental recompute", () => {
  it("6. equals a full recompute after a random change, under both policies", () => {
    fc.assert(
      fc.property(inputArb({ withSupply: true }), changeArb, (input, change) => {
        const previous = computeFulfillability(input);
        const { next, changed } = applyChange(input, change);
        const keys = affectedKeys(next, changed);
        const diff = recompute(loadForRecompute(next, keys), changed, previous);
        const full = computeFulfillability(next);
        expect(plainResult(applyDiff(previous, diff))).toEqual(plainResult(full));
        for (const [id, line] of diff.lines) expect(previous.lines.get(id)).not.toEqual(line);
        for (const [id, order] of diff.orders) expect(previous.orders.get(id)).not.toEqual(order);
      }),
      { numRuns: 3000 },
    );
  });

  it("recomputes only the changed keys under strict_priority without preorders", () => {
    fc.assert(
      fc.property(inputArb({ policy: "strict_priority" }), fc.nat(), (input, k) => {
        const key = keysOf(input)[k % keysOf(input).length]!;
        expect(affectedKeys(input, new Set([key]))).toEqual(new Set([key]));
      }),
      { numRuns: 200 },
    );
  });

  it("cascades through orders holding several keys under complete_orders_first", () => {
    const input = buildInput({
      policy: "complete_orders_first",
      stock: { mug: 1, cap: 1, hat: 1, scarf: 1 },
      orders: [
        { id: "a", lines: [{ sku: "mug", qty: 1 }, { sku: "cap", qty: 1 }] },
        { id: "b", lines: [{ sku: "cap", qty: 1 }, { sku: "hat", qty: 1 }] },
        { id: "c", lines: [{ sku: "scarf", qty: 1 }] },
      ],
    });
    expect(affectedKeys(input, new Set(["main|mug"]))).toEqual(new Set(["main|mug", "main|cap", "main|hat"]));
    expect(affectedKeys(input, new Set(["main|mug"]), "strict_priority")).toEqual(new Set(["main|mug"]));
  });
});

function rankedLinesAt(input: EngineInput, key: string): EngineLine[] {
  const orders = new Map(input.orders.map((o) => [o.id, o]));
  return input.lines
    .filter((l) => stockKey(l.warehouseId, l.productId) === key && isAllocatingStatus(orders.get(l.orderId)!.status))
    .sort((a, b) => compareRank(orders.get(a.orderId)!, orders.get(b.orderId)!) || (a.id < b.id ? -1 : 1));
}

function stateAt(input: EngineInput, result: EngineResult, key: string) {
  const all = input.lines.filter((l) => stockKey(l.warehouseId, l.productId) === key);
  const hard = all.reduce((s, l) => s + l.hardAllocated, 0);
  const soft = all.reduce((s, l) => s + result.lines.get(l.id)!.allocated - l.hardAllocated, 0);
  return { hard, soft };
}

describe("receipt fast path (strict_priority)", () => {
  const strict = inputArb({ policy: "strict_priority" });

  it("distributeIncrease equals a full recompute of the key", () => {
    fc.assert(
      fc.property(strict, fc.nat(), fc.integer({ min: 1, max: 15 }), (input, k, q) => {
        const key = keysOf(input)[k % keysOf(input).length]!;
        const before = computeFulfillability(input);
        const onHand = onHandAt(input, key) + q;
        const after = withOnHand(input, key, onHand);
        const { hard, soft } = stateAt(input, before, key);
        const short = rankedLinesAt(input, key)
          .map((l) => ({ lineId: l.id, remaining: l.remaining, allocated: before.lines.get(l.id)!.allocated }))
          .filter((l) => l.allocated < l.remaining);
        const changes = distributeIncrease(short, Math.max(0, onHand - hard) - soft);
        const expected = computeFulfillability(after);
        const got = new Map([...before.lines].map(([id, l]) => [id, l.allocated]));
        for (const c of changes) got.set(c.lineId, c.allocated);
        for (const l of input.lines) expect(got.get(l.id)).toBe(expected.lines.get(l.id)!.allocated);
      }),
      { numRuns: 3000 },
    );
  });

  it("reclaimDecrease equals a full recompute of the key", () => {
    fc.assert(
      fc.property(strict, fc.nat(), fc.nat(), (input, k, d) => {
        const key = keysOf(input)[k % keysOf(input).length]!;
        const before = computeFulfillability(input);
        const onHand = onHandAt(input, key) - (d % (onHandAt(input, key) + 1));
        const after = withOnHand(input, key, onHand);
        const { hard, soft } = stateAt(input, before, key);
        const holders = rankedLinesAt(input, key)
          .map((l) => ({ lineId: l.id, hardAllocated: l.hardAllocated, allocated: before.lines.get(l.id)!.allocated }))
          .filter((l) => l.allocated > l.hardAllocated)
          .reverse();
        const { changes, unreclaimed } = reclaimDecrease(holders, Math.max(0, soft - Math.max(0, onHand - hard)));
        expect(unreclaimed).toBe(0);
        const expected = computeFulfillability(after);
        const got = new Map([...before.lines].map(([id, l]) => [id, l.allocated]));
        for (const c of changes) got.set(c.lineId, c.allocated);
        for (const l of input.lines) expect(got.get(l.id)).toBe(expected.lines.get(l.id)!.allocated);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads only the first short lines of a receipt", () => {
    const input = buildInput({
      stock: { mug: 0 },
      orders: [1, 2, 3, 4].map((n) => ({ id: `o${n}`, orderDate: day(n), lines: [{ sku: "mug", qty: 2 }] })),
    });
    const short = rankedLinesAt(input, "main|mug").map((l) => ({ lineId: l.id, remaining: l.remaining, allocated: 0 }));
    expect(distributeIncrease(short, 3)).toEqual([
      { lineId: "o1-1", allocated: 2 },
      { lineId: "o2-1", allocated: 1 },
    ]);
  });
});
