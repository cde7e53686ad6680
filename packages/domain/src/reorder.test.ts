import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainPurchaseQuantity } from "./backorder-report.ts";
import { reorderNeed, suggestReorderPoint } from "./reorder.ts";

describe("reorderNeed (the (s, nQ) policy)", () => {
  it("buys nothing at or above the reorder point", () => {
    expect(reorderNeed(20, 20, 50)).toBe(0);
    expect(reorderNeed(35, 20, 50)).toBe(0);
  });

  it("buys one reorder quantity just below the point, and whole multiples further down", () => {
    expect(reorderNeed(19, 20, 50)).toBe(50);
    expect(reorderNeed(-30, 20, 50)).toBe(50); // 30 short today + 20 to refill = 50
    expect(reorderNeed(-31, 20, 50)).toBe(100);
    expect(reorderNeed(0, 0, 10)).toBe(0);
    expect(reorderNeed(-1, 0, 10)).toBe(10);
  });

  it("refuses a reorder quantity below 1", () => {
    expect(() => reorderNeed(0, 5, 0)).toThrow(RangeError);
  });

  it("always lands at or above the point, by less than one more quantity", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 1, max: 1_000 }), (position, s, q) => {
        const need = reorderNeed(position, s, q);
        expect(need % q).toBe(0);
        if (position >= s) expect(need).toBe(0);
        else {
          expect(position + need).toBeGreaterThanOrEqual(s);
          expect(position + need - q).toBeLessThan(s);
        }
      }),
    );
  });
});

describe("suggestReorderPoint", () => {
  it("is velocity × lead time + safety stock, and velocity × cover days", () => {
    // 90 units in 30 days = 3 a day; 7 days' lead time + 10 safety = 31; 14 days' cover = 42.
    expect(suggestReorderPoint({ unitsInWindow: 90, windowDays: 30, leadTimeDays: 7, safetyStock: 10, coverDays: 14 })).toEqual({ dailyVelocity: 3, reorderPoint: 31, reorderQuantity: 42 });
  });

  it("rounds up, without counting floating-point noise as a unit", () => {
    // 3 units in 30 days = 0.1 a day: 0.1 × 30 is 3 exactly, not 4.
    expect(suggestReorderPoint({ unitsInWindow: 3, windowDays: 30, leadTimeDays: 30, safetyStock: 0, coverDays: 30 })).toMatchObject({ reorderPoint: 3, reorderQuantity: 3 });
    expect(suggestReorderPoint({ unitsInWindow: 10, windowDays: 30, leadTimeDays: 4, safetyStock: 0, coverDays: 7 })).toMatchObject({ reorderPoint: 2, reorderQuantity: 3 });
  });

  it("with no demand suggests the safety stock and a quantity of 1", () => {
    expect(suggestReorderPoint({ unitsInWindow: 0, windowDays: 30, leadTimeDays: 10, safetyStock: 5, coverDays: 30 })).toEqual({ dailyVelocity: 0, reorderPoint: 5, reorderQuantity: 1 });
  });
});

describe("explainPurchaseQuantity", () => {
  it("says nothing when the need is bought as it is", () => {
    expect(explainPurchaseQuantity(24, 10, 6)).toEqual({ quantity: 24, roundedUp: null });
  });
  it("names the minimum order, the case pack, or both", () => {
    expect(explainPurchaseQuantity(7, 10, 1)).toEqual({ quantity: 10, roundedUp: "7 rounded up to 10: minimum order 10" });
    expect(explainPurchaseQuantity(7, 1, 6)).toEqual({ quantity: 12, roundedUp: "7 rounded up to 12: case pack 6" });
    expect(explainPurchaseQuantity(7, 10, 6)).toEqual({ quantity: 12, roundedUp: "7 rounded up to 12: minimum order 10, then case pack 6" });
  });
});
