// Property tests for hard allocations as staging makes them (issue 6, docs/decisions/005):
// picked units are a line's hard allocation, never more at a key than is on hand (the ledger
// refuses taking stock below them). With those present, the engine's promises stay consistent,
// a staged unit is never another order's, and staging moves nobody else's allocation.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFulfillability } from "./fulfillability.ts";
import { isAllocatingStatus } from "./ranking.ts";
import { inputArb } from "./testing/arbitraries.ts";
import { keysOf, onHandAt } from "./testing/helpers.ts";
import { stockKey, type EngineInput } from "./types.ts";

const RUNS = { numRuns: 2000 };

/** Inputs whose hard allocations fit on hand at every key (lines keep theirs in input order until the key is full). */
function withHardWithinOnHand(input: EngineInput): EngineInput {
  const left = new Map(keysOf(input).map((k) => [k, onHandAt(input, k)]));
  const lines = input.lines.map((l) => {
    const key = stockKey(l.warehouseId, l.productId);
    const hard = Math.min(l.hardAllocated, left.get(key) ?? 0);
    left.set(key, (left.get(key) ?? 0) - hard);
    return { ...l, hardAllocated: hard };
  });
  return { ...input, lines };
}

const stagedArb = inputArb({ withSupply: true }).map(withHardWithinOnHand);
const strictStagedArb = inputArb({ policy: "strict_priority", withSupply: true }).map(withHardWithinOnHand);

describe("hard allocations (staged units) within on hand", () => {
  it("never promise more than on hand, and every line keeps at least its staged units", () => {
    fc.assert(
      fc.property(stagedArb, (input) => {
        const result = computeFulfillability(input);
        for (const key of keysOf(input)) {
          const lines = input.lines.filter((l) => stockKey(l.warehouseId, l.productId) === key);
          expect(lines.reduce((s, l) => s + result.lines.get(l.id)!.allocated, 0)).toBeLessThanOrEqual(onHandAt(input, key));
          for (const l of lines) expect(result.lines.get(l.id)!.allocated).toBeGreaterThanOrEqual(l.hardAllocated);
        }
      }),
      RUNS,
    );
  });

  it("a staged unit is never allocated to another order: soft allocation comes only from unstaged units", () => {
    fc.assert(
      fc.property(stagedArb, (input) => {
        const result = computeFulfillability(input);
        for (const key of keysOf(input)) {
          const lines = input.lines.filter((l) => stockKey(l.warehouseId, l.productId) === key);
          const staged = lines.reduce((s, l) => s + l.hardAllocated, 0);
          const soft = lines.reduce((s, l) => s + result.lines.get(l.id)!.allocated - l.hardAllocated, 0);
          expect(soft).toBeLessThanOrEqual(onHandAt(input, key) - staged);
        }
      }),
      RUNS,
    );
  });

  it("staging a line's own allocation or free units changes no other line's allocation (strict_priority)", () => {
    fc.assert(
      fc.property(strictStagedArb, fc.nat(), fc.nat(), (input, pick, want) => {
        const orders = new Map(input.orders.map((o) => [o.id, o]));
        const candidates = input.lines.filter((l) => isAllocatingStatus(orders.get(l.orderId)!.status) && l.remaining > l.hardAllocated);
        fc.pre(candidates.length > 0);
        const line = candidates[pick % candidates.length]!;
        const before = computeFulfillability(input);
        const key = stockKey(line.warehouseId, line.productId);
        const atKey = input.lines.filter((l) => stockKey(l.warehouseId, l.productId) === key);
        const free = onHandAt(input, key) - atKey.reduce((s, l) => s + before.lines.get(l.id)!.allocated, 0);
        // What the API lets a picker take: the line's own allocation beyond its hard units, or free stock.
        const pickable = Math.min(line.remaining - line.hardAllocated, before.lines.get(line.id)!.allocated - line.hardAllocated + Math.max(0, free));
        fc.pre(pickable > 0);
        const q = 1 + (want % pickable);
        const staged: EngineInput = { ...input, lines: input.lines.map((l) => (l.id === line.id ? { ...l, hardAllocated: l.hardAllocated + q } : l)) };
        const after = computeFulfillability(staged);
        for (const l of input.lines) {
          if (l.id === line.id) expect(after.lines.get(l.id)!.allocated).toBeGreaterThanOrEqual(Math.max(before.lines.get(l.id)!.allocated, l.hardAllocated + q));
          else expect(after.lines.get(l.id)!.allocated).toBe(before.lines.get(l.id)!.allocated);
        }
        for (const o of input.orders) {
          if (o.id !== line.orderId) expect(after.orders.get(o.id)!.fulfillability).toBe(before.orders.get(o.id)!.fulfillability);
        }
      }),
      RUNS,
    );
  });

  it("shipping a fully staged order whole consumes its hard allocation and changes no other order (strict_priority)", () => {
    fc.assert(
      fc.property(strictStagedArb, fc.nat(), (input, pick) => {
        const orders = new Map(input.orders.map((o) => [o.id, o]));
        const complete = input.orders.filter((o) => {
          const own = input.lines.filter((l) => l.orderId === o.id && l.remaining > 0);
          return isAllocatingStatus(o.status) && own.length > 0 && own.every((l) => l.hardAllocated === l.remaining);
        });
        fc.pre(complete.length > 0);
        const order = complete[pick % complete.length]!;
        const before = computeFulfillability(input);
        const shipped = new Map<string, number>();
        for (const l of input.lines.filter((x) => x.orderId === order.id)) shipped.set(stockKey(l.warehouseId, l.productId), (shipped.get(stockKey(l.warehouseId, l.productId)) ?? 0) + l.remaining);
        const after = computeFulfillability({
          ...input,
          orders: input.orders.map((o) => (o.id === order.id ? { ...o, status: "shipped" as const } : o)),
          lines: input.lines.map((l) => (l.orderId === order.id ? { ...l, remaining: 0, hardAllocated: 0 } : l)),
          stock: input.stock.map((s) => ({ ...s, onHand: s.onHand - (shipped.get(stockKey(s.warehouseId, s.productId)) ?? 0) })),
        });
        for (const l of input.lines) if (orders.get(l.orderId)!.id !== order.id) expect(after.lines.get(l.id)!.allocated).toBe(before.lines.get(l.id)!.allocated);
      }),
      RUNS,
    );
  });
});
