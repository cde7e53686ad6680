import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFulfillability } from "./fulfillability.ts";
import { increaseWindowEnd, windowComplete, windowEngineInput, type WindowLine } from "./increase-window.ts";
import { compareRank, isAllocatingStatus } from "./ranking.ts";
import { inputArb, PRODUCTS, WAREHOUSES } from "./testing/arbitraries.ts";
import type { EngineInput, IncomingSupply, OrderStatus } from "./types.ts";

const changeArb = fc.record({
  key: fc.nat(), // taken modulo the number of keys; w1/p1 is key 0
  quantity: fc.integer({ min: 1, max: 10 }),
  /** which of the key's supplies the units come from; beyond the list: none (an adjustment) */
  supply: fc.nat({ max: 5 }),
});

/** One busy key: many single-line orders waiting on w1/p1, a few supplies, some linked. */
const busyKeyArb: fc.Arbitrary<EngineInput> = fc
  .record({
    orders: fc.array(
      fc.record({
        status: fc.constantFrom("open", "open", "open", "partially_shipped", "on_hold") as fc.Arbitrary<OrderStatus>,
        priority: fc.integer({ min: 0, max: 2 }),
        shipBy: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
        orderDate: fc.integer({ min: 0, max: 6 }),
        remaining: fc.integer({ min: 1, max: 4 }),
        hard: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: 5, maxLength: 40 },
    ),
    onHand: fc.integer({ min: 0, max: 30 }),
    supplies: fc.array(
      fc.record({
        quantity: fc.integer({ min: 0, max: 25 }),
        expectedDate: fc.option(fc.integer({ min: 10, max: 14 }), { nil: null }),
        links: fc.array(fc.record({ order: fc.nat(), quantity: fc.integer({ min: 1, max: 4 }) }), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ orders, onHand, supplies }) => ({
    policy: "strict_priority" as const,
    orders: orders.map((o, i) => ({ id: `o${String(i).padStart(2, "0")}`, status: o.status, priority: o.priority, shipBy: o.shipBy, orderDate: o.orderDate })),
    lines: orders.map((o, i) => ({ id: `o${String(i).padStart(2, "0")}-l0`, orderId: `o${String(i).padStart(2, "0")}`, warehouseId: "w1", productId: "p1", remaining: o.remaining, hardAllocated: Math.min(o.hard, o.remaining) })),
    stock: [{ warehouseId: "w1", productId: "p1", onHand }],
    incoming: supplies.map((s, i) => ({
      id: `po${i}`,
      warehouseId: "w1",
      productId: "p1",
      quantity: s.quantity,
      expectedDate: s.expectedDate,
      links: [...new Map(s.links.map((l) => [l.order % orders.length, l.quantity])).entries()].map(([o, quantity]) => ({ lineId: `o${String(o).padStart(2, "0")}-l0`, quantity })),
    })),
    preorders: [],
  }));

describe("bounded recompute after a stock increase (strict_priority)", () => {
  it.each([
    ["small mixed warehouses", inputArb({ policy: "strict_priority", withSupply: true }), WAREHOUSES.length * PRODUCTS.length, 20],
    ["one busy key", busyKeyArb, 1, 500],
  ] as const)("on %s: recomputes only a prefix of the queue, and it equals a full recompute", (_name, arb, keyCount, minBounded) => {
    let bounded = 0;
    fc.assert(
      fc.property(arb, changeArb, (generated, drawn) => {
        const change = { ...drawn, key: drawn.key % keyCount };
        const input: EngineInput = { ...generated, preorders: [] };
        const warehouseId = WAREHOUSES[Math.floor(change.key / PRODUCTS.length)]!;
        const productId = PRODUCTS[change.key % PRODUCTS.length]!;
        const atKey = (s: { warehouseId: string; productId: string }) => s.warehouseId === warehouseId && s.productId === productId;
        // the ledger never lets on hand fall below what is hard-allocated
        const hardAtKey = input.lines.filter(atKey).reduce((s, l) => s + l.hardAllocated, 0);
        fc.pre(input.stock.find(atKey)!.onHand >= hardAtKey);
        const before = computeFulfillability(input);

        // the change: stock +q at the key, from one of its supplies or none
        const keySupplies = (input.incoming ?? []).filter(atKey);
        const from = keySupplies[change.supply];
        const after: EngineInput = {
          ...input,
          stock: input.stock.map((s) => (atKey(s) ? { ...s, onHand: s.onHand + change.quantity } : s)),
          incoming: (input.incoming ?? []).map((s) => (s === from ? { ...s, quantity: Math.max(0, s.quantity - change.quantity) } : s)),
        };
        const full = computeFulfillability(after);

        // what the service reads: the key's short allocating lines in rank order, as stored
        const orders = new Map(input.orders.map((o) => [o.id, o]));
        const keyLines = input.lines.filter(atKey);
        const allocatedBefore = keyLines.reduce((s, l) => s + before.lines.get(l.id)!.allocated, 0);
        const onHandAfter = after.stock.find(atKey)!.onHand;
        const short: WindowLine[] = keyLines
          .filter((l) => isAllocatingStatus(orders.get(l.orderId)!.status) && before.lines.get(l.id)!.allocated < l.remaining)
          .map((line) => ({ line, order: orders.get(line.orderId)!, allocatedBefore: before.lines.get(line.id)!.allocated }))
          .sort((a, b) => compareRank(a.order, b.order) || (a.line.id < b.line.id ? -1 : 1));
        const suppliesAfter = (after.incoming ?? []).filter(atKey) as IncomingSupply[];
        const end = increaseWindowEnd(
          onHandAfter - allocatedBefore,
          suppliesAfter,
          from ? { supplyId: from.id, expectedDate: from.expectedDate, withinOpen: change.quantity <= from.quantity } : null,
        );
        const linked = new Set(suppliesAfter.flatMap((s) => s.links.filter((l) => l.quantity > 0).map((l) => l.lineId)).filter((id) => short.some((w) => w.line.id === id)));
        let size = 0;
        while (size < short.length && !windowComplete(short.slice(0, size), end, linked)) size++;
        const window = short.slice(0, size);
        if (size < short.length) bounded++;

        const partial = computeFulfillability(windowEngineInput({ warehouseId, productId, onHandAfter, allocatedBefore, window, suppliesAfter }));
        const inWindow = new Set(window.map((w) => w.line.id));
        for (const line of input.lines) {
          const expected = full.lines.get(line.id)!;
          const got = inWindow.has(line.id) ? partial.lines.get(line.id)! : before.lines.get(line.id)!;
          expect({ line: line.id, allocated: got.allocated, projectedDate: got.projectedDate }).toEqual({ line: line.id, allocated: expected.allocated, projectedDate: expected.projectedDate });
        }
      }),
      { numRuns: 5000 },
    );
    // the bound must actually bound: many cases leave lines out of the window
    expect(bounded).toBeGreaterThan(minBounded);
  });
});
