import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFulfillability, fulfillabilityLevel } from "./fulfillability.ts";
import { compareRank, isAllocatingStatus } from "./ranking.ts";
import { inputArb } from "./testing/arbitraries.ts";
import { keysOf, onHandAt, plainResult, withOnHand, worsened } from "./testing/helpers.ts";
import { referenceAllocation } from "./testing/reference.ts";
import { stockKey, type EngineInput, type EngineOrder, type OrderStatus } from "./types.ts";

const RUNS = { numRuns: 3000 };
const strictArb = inputArb({ policy: "strict_priority", withSupply: true });
const anyArb = inputArb({ withSupply: true });

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("engine matches the plain statement of the rules", () => {
  it("allocates exactly like the naive reference, under both policies", () => {
    fc.assert(
      fc.property(anyArb, (input) => {
        const result = computeFulfillability(input);
        const expected = referenceAllocation(input);
        for (const line of input.lines) expect(result.lines.get(line.id)!.allocated).toBe(expected.get(line.id));
      }),
      RUNS,
    );
  });

  it("classifies orders from their lines", () => {
    fc.assert(
      fc.property(anyArb, (input) => {
        const result = computeFulfillability(input);
        for (const order of input.orders) {
          const lines = input.lines.filter((l) => l.orderId === order.id && l.remaining > 0);
          const got = result.orders.get(order.id)!.fulfillability;
          if (!isAllocatingStatus(order.status) || lines.length === 0) {
            expect(got).toBeNull();
            continue;
          }
          const alloc = lines.map((l) => result.lines.get(l.id)!.allocated);
          const expected = lines.every((l, i) => alloc[i] === l.remaining)
            ? "fulfillable"
            : alloc.every((a) => a === 0)
              ? "backordered"
              : "partially_fulfillable";
          expect(got).toBe(expected);
        }
      }),
      RUNS,
    );
  });
});

describe("invariants", () => {
  it("1. never promises more than is on hand at a key, so all fulfillable orders can ship at once", () => {
    fc.assert(
      fc.property(anyArb, (input) => {
        const result = computeFulfillability(input);
        for (const key of keysOf(input)) {
          const lines = input.lines.filter((l) => stockKey(l.warehouseId, l.productId) === key);
          const hard = lines.reduce((s, l) => s + l.hardAllocated, 0);
          const alloc = lines.reduce((s, l) => s + result.lines.get(l.id)!.allocated, 0);
          const onHand = onHandAt(input, key);
          expect(alloc - hard).toBeLessThanOrEqual(Math.max(0, onHand - hard));
          if (hard <= onHand) expect(alloc).toBeLessThanOrEqual(onHand);
          for (const l of lines) {
            const a = result.lines.get(l.id)!.allocated;
            expect(a).toBeGreaterThanOrEqual(l.hardAllocated);
            expect(a).toBeLessThanOrEqual(l.remaining);
          }
        }
      }),
      RUNS,
    );
  });

  it("2. receiving stock never makes any order worse (strict_priority)", () => {
    fc.assert(
      fc.property(strictArb, fc.nat(), fc.integer({ min: 1, max: 10 }), (input, k, q) => {
        const key = keysOf(input)[k % keysOf(input).length]!;
        const after = withOnHand(input, key, onHandAt(input, key) + q);
        expect(worsened(computeFulfillability(input), computeFulfillability(after), input)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("2b. complete_orders_first: receiving stock never lowers what a key hands out (single orders may get worse, see example test)", () => {
    fc.assert(
      fc.property(inputArb({ policy: "complete_orders_first" }), fc.nat(), fc.integer({ min: 1, max: 10 }), (input, k, q) => {
        const key = keysOf(input)[k % keysOf(input).length]!;
        const after = withOnHand(input, key, onHandAt(input, key) + q);
        const sumAt = (result: ReturnType<typeof computeFulfillability>) =>
          input.lines
            .filter((l) => stockKey(l.warehouseId, l.productId) === key)
            .reduce((s, l) => s + result.lines.get(l.id)!.allocated, 0);
        expect(sumAt(computeFulfillability(after))).toBeGreaterThanOrEqual(sumAt(computeFulfillability(input)));
      }),
      RUNS,
    );
  });

  it("3. shipping exactly what an order was allocated changes no other order (strict_priority)", () => {
    fc.assert(
      fc.property(strictArb, fc.nat(), (input, pick) => {
        const candidates = input.orders.filter((o) => isAllocatingStatus(o.status));
        fc.pre(candidates.length > 0);
        const order = candidates[pick % candidates.length]!;
        const before = computeFulfillability(input);
        const shipped = new Map<string, number>();
        const lines = input.lines.map((l) => {
          if (l.orderId !== order.id) return l;
          const a = before.lines.get(l.id)!.allocated;
          const key = stockKey(l.warehouseId, l.productId);
          shipped.set(key, (shipped.get(key) ?? 0) + a);
          return { ...l, remaining: l.remaining - a, hardAllocated: 0 };
        });
        const stock = input.stock.map((s) => ({ ...s, onHand: s.onHand - (shipped.get(stockKey(s.warehouseId, s.productId)) ?? 0) }));
        fc.pre(stock.every((s) => s.onHand >= 0));
        const status: OrderStatus = lines.some((l) => l.orderId === order.id && l.remaining > 0) ? "partially_shipped" : "shipped";
        const orders = input.orders.map((o) => (o.id === order.id ? { ...o, status } : o));
        const after = computeFulfillability({ ...input, orders, lines, stock });
        for (const l of input.lines) {
          if (l.orderId !== order.id) expect(after.lines.get(l.id)!.allocated).toBe(before.lines.get(l.id)!.allocated);
        }
        for (const o of input.orders) {
          if (o.id !== order.id) expect(after.orders.get(o.id)!.fulfillability).toBe(before.orders.get(o.id)!.fulfillability);
        }
      }),
      RUNS,
    );
  });

  it("4. cancelling demand never makes another order worse (strict_priority)", () => {
    fc.assert(
      fc.property(strictArb, fc.nat(), fc.boolean(), fc.integer({ min: 1, max: 5 }), (input, pick, wholeOrder, cut) => {
        fc.pre(input.lines.length > 0);
        const line = input.lines[pick % input.lines.length]!;
        const changed: EngineInput = wholeOrder
          ? {
              ...input,
              orders: input.orders.map((o) => (o.id === line.orderId ? { ...o, status: "cancelled" as const } : o)),
              lines: input.lines.map((l) => (l.orderId === line.orderId ? { ...l, hardAllocated: 0 } : l)),
            }
          : {
              ...input,
              lines: input.lines.map((l) => {
                if (l.id !== line.id) return l;
                const remaining = Math.max(0, l.remaining - cut);
                return { ...l, remaining, hardAllocated: Math.min(l.hardAllocated, remaining) };
              }),
            };
        expect(worsened(computeFulfillability(input), computeFulfillability(changed), input, line.orderId)).toEqual([]);
      }),
      RUNS,
    );
  });

  it("5. gives the same result whatever order the input arrives in", () => {
    fc.assert(
      fc.property(anyArb, fc.integer(), (input, seed) => {
        const shuffled: EngineInput = {
          ...input,
          orders: shuffle(input.orders, seed),
          lines: shuffle(input.lines, seed + 1),
          stock: shuffle(input.stock, seed + 2),
          incoming: shuffle(input.incoming ?? [], seed + 3),
          preorders: shuffle(input.preorders ?? [], seed + 4),
        };
        expect(plainResult(computeFulfillability(shuffled))).toEqual(plainResult(computeFulfillability(input)));
      }),
      RUNS,
    );
  });

  it("7. strict_priority: no lower-ranked line holds a soft unit a higher-ranked line of the same key lacks", () => {
    fc.assert(
      fc.property(strictArb, (input) => {
        const result = computeFulfillability(input);
        const orders = new Map(input.orders.map((o) => [o.id, o]));
        const rank = (a: EngineOrder, b: EngineOrder) => compareRank(a, b);
        for (const key of keysOf(input)) {
          const lines = input.lines
            .filter((l) => stockKey(l.warehouseId, l.productId) === key && isAllocatingStatus(orders.get(l.orderId)!.status))
            .sort((a, b) => rank(orders.get(a.orderId)!, orders.get(b.orderId)!) || (a.id < b.id ? -1 : 1));
          let someoneShort = false;
          for (const l of lines) {
            const a = result.lines.get(l.id)!.allocated;
            if (someoneShort) expect(a - l.hardAllocated).toBe(0);
            if (a < l.remaining) someoneShort = true;
          }
        }
      }),
      RUNS,
    );
  });

  it("fulfillability levels are ordered backordered < partially_fulfillable < fulfillable", () => {
    expect(fulfillabilityLevel("backordered")).toBeLessThan(fulfillabilityLevel("partially_fulfillable"));
    expect(fulfillabilityLevel("partially_fulfillable")).toBeLessThan(fulfillabilityLevel("fulfillable"));
  });
});
