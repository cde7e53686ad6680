import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRank, rankOrders } from "./ranking.ts";
import type { EngineOrder } from "./types.ts";

const orderArb: fc.Arbitrary<EngineOrder> = fc.record({
  id: fc.string({ maxLength: 3 }),
  status: fc.constant("open" as const),
  priority: fc.integer({ min: -1, max: 2 }),
  shipBy: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  orderDate: fc.integer({ min: 0, max: 3 }),
});

describe("compareRank", () => {
  it("is a total order: antisymmetric, transitive, zero only for the same id", () => {
    fc.assert(
      fc.property(orderArb, orderArb, orderArb, (a, b, c) => {
        expect(Math.sign(compareRank(a, b)) + Math.sign(compareRank(b, a))).toBe(0);
        if (compareRank(a, b) === 0) expect(a.id).toBe(b.id);
        if (compareRank(a, b) < 0 && compareRank(b, c) < 0) expect(compareRank(a, c)).toBeLessThan(0);
      }),
      { numRuns: 5000 },
    );
  });

  it("ranks priority, then ship-by (none last), then order date, then id", () => {
    const o = (id: string, priority: number, shipBy: number | null, orderDate: number): EngineOrder => ({
      id,
      status: "open",
      priority,
      shipBy,
      orderDate,
    });
    const ranked = rankOrders([o("e", 0, null, 1), o("d", 0, null, 0), o("c", 0, 5, 9), o("b", 0, 2, 9), o("a", 1, null, 9), o("B", 0, null, 0)]);
    // "B" < "d" by code unit, whatever the locale says
    expect(ranked.map((r) => r.id)).toEqual(["a", "b", "c", "B", "d", "e"]);
  });
});
