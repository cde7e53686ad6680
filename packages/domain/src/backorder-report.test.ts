import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ageBucket, computeBackorderReport, roundPurchaseQuantity } from "./backorder-report.ts";
import { computeFulfillability } from "./fulfillability.ts";
import { inputArb } from "./testing/arbitraries.ts";
import { buildInput, buildSupply, day } from "./testing/builders.ts";

describe("backorder report", () => {
  it("shows what each SKU is short of, what is coming and what to buy", () => {
    const input = buildInput({
      stock: { mug: 5, cap: 10 },
      orders: [
        { id: "o1", orderDate: day(1), lines: [{ sku: "mug", qty: 4, hard: 1 }] },
        { id: "o2", orderDate: day(2), lines: [{ sku: "mug", qty: 3 }, { sku: "cap", qty: 1 }] },
        { id: "o3", orderDate: day(3), lines: [{ sku: "mug", qty: 6 }] },
        { id: "held", status: "on_hold", orderDate: day(0), lines: [{ sku: "mug", qty: 9 }] },
      ],
      incoming: [
        buildSupply({ id: "po-1", sku: "mug", quantity: 2, expectedDate: day(20) }),
        buildSupply({ id: "po-2", sku: "mug", quantity: 1, expectedDate: day(12) }),
      ],
    });
    const report = computeBackorderReport(input, computeFulfillability(input), day(10));
    expect(report).toEqual([
      {
        warehouseId: "main",
        productId: "mug",
        demand: 13,
        onHand: 5,
        hardAllocated: 1,
        available: 4,
        allocated: 5,
        shortfall: 8,
        incoming: 3,
        nearestExpectedDate: day(12),
        netToBuy: 5,
        waitingOrders: 2,
        oldestWaitingOrderDate: day(2),
        oldestWaitingDays: 8,
      },
      expect.objectContaining({ productId: "cap", demand: 1, allocated: 1, shortfall: 0, netToBuy: 0, waitingOrders: 0 }),
    ]);
  });

  it("balances: shortfall = demand − allocated and netToBuy covers what supply does not", () => {
    fc.assert(
      fc.property(inputArb({ withSupply: true }), (input) => {
        for (const row of computeBackorderReport(input, computeFulfillability(input), 100)) {
          expect(row.shortfall).toBe(row.demand - row.allocated);
          expect(row.shortfall).toBeGreaterThanOrEqual(0);
          expect(row.netToBuy).toBe(Math.max(0, row.shortfall - row.incoming));
          expect(row.waitingOrders > 0).toBe(row.shortfall > 0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("rounds purchases up to the minimum order quantity and whole case packs", () => {
    expect(roundPurchaseQuantity(7, 10, 1)).toBe(10);
    expect(roundPurchaseQuantity(13, 10, 6)).toBe(18);
    expect(roundPurchaseQuantity(12, 0, 6)).toBe(12);
    expect(roundPurchaseQuantity(0, 10, 6)).toBe(0);
    expect(() => roundPurchaseQuantity(5, 0, 0)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(500), fc.integer({ min: 1, max: 48 }), (net, moq, pack) => {
        const q = roundPurchaseQuantity(net, moq, pack);
        expect(q % pack).toBe(0);
        expect(q).toBeGreaterThanOrEqual(Math.max(net, moq));
        expect(q - pack).toBeLessThan(Math.max(net, moq));
      }),
      { numRuns: 2000 },
    );
  });

  it("buckets waiting days", () => {
    expect([0, 2, 3, 7, 8, 14, 15, 400].map(ageBucket)).toEqual(["0-2", "0-2", "3-7", "3-7", "8-14", "8-14", "15+", "15+"]);
  });
});
