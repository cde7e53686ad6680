import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFulfillability, computeFulfillabilityIndexed, FULFILLABILITY_CODES } from "./fulfillability.ts";
import { rankOrderIndices } from "./rank-numeric.ts";
import { compareRank, isAllocatingStatus } from "./ranking.ts";
import { inputArb } from "./testing/arbitraries.ts";
import type { EngineInput, EngineOrder, IndexedEngineInput } from "./types.ts";

/**
 * Builds the indexed input the way a database loader would, independently of
 * the string API's own adapter: ids become their position in id order, keys
 * and products are numbered in a scrambled order, quantities are Int32Arrays.
 */
function toIndexed(input: EngineInput, scramble: number): IndexedEngineInput {
  const idOrder = (ids: string[]) => {
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return Int32Array.from(ids, (id) => sorted.indexOf(id));
  };
  const keyNames = [...new Set([...input.lines, ...input.stock].map((r) => `${r.warehouseId}|${r.productId}`))];
  if (scramble % 2 === 1) keyNames.reverse();
  const keyOf = (warehouseId: string, productId: string) => keyNames.indexOf(`${warehouseId}|${productId}`);
  const products = [...new Set(keyNames.map((k) => k.split("|")[1]!))];
  if (scramble % 3 === 1) products.reverse();
  const onHand = new Int32Array(keyNames.length);
  for (const s of input.stock) onHand[keyOf(s.warehouseId, s.productId)]! += s.onHand;
  const incoming = input.incoming ?? [];
  const preorders = input.preorders ?? [];
  const linkStart = new Int32Array(incoming.length + 1);
  incoming.forEach((s, i) => (linkStart[i + 1] = linkStart[i]! + s.links.length));
  const links = incoming.flatMap((s) => s.links);
  return {
    policy: input.policy,
    orders: {
      priority: Int32Array.from(input.orders, (o) => o.priority),
      shipBy: Float64Array.from(input.orders, (o) => (o.shipBy === null ? NaN : o.shipBy)),
      orderDate: Float64Array.from(input.orders, (o) => o.orderDate),
      tiebreak: idOrder(input.orders.map((o) => o.id)),
      allocating: Uint8Array.from(input.orders, (o) => (isAllocatingStatus(o.status) ? 1 : 0)),
    },
    lines: {
      orderIndex: Int32Array.from(input.lines, (l) => input.orders.findIndex((o) => o.id === l.orderId)),
      keyIndex: Int32Array.from(input.lines, (l) => keyOf(l.warehouseId, l.productId)),
      remaining: Int32Array.from(input.lines, (l) => l.remaining),
      hard: Int32Array.from(input.lines, (l) => l.hardAllocated),
      tiebreak: idOrder(input.lines.map((l) => l.id)),
    },
    keys: { onHand, product: Int32Array.from(keyNames, (k) => products.indexOf(k.split("|")[1]!)) },
    supplies: {
      keyIndex: Int32Array.from(incoming, (s) => keyOf(s.warehouseId, s.productId)),
      quantity: Int32Array.from(incoming, (s) => s.quantity),
      expectedDate: Float64Array.from(incoming, (s) => (s.expectedDate === null ? NaN : s.expectedDate)),
      tiebreak: idOrder(incoming.map((s) => s.id)),
      linkStart,
      linkLine: Int32Array.from(links, (l) => input.lines.findIndex((line) => line.id === l.lineId)),
      linkQuantity: Int32Array.from(links, (l) => l.quantity),
    },
    preorders: {
      product: Int32Array.from(preorders, (p) => products.indexOf(p.productId)),
      restockDate: Float64Array.from(preorders, (p) => p.restockDate),
      quantity: Int32Array.from(preorders, (p) => p.quantity),
    },
  };
}

/** Shuffles, and gives ids that do not sort like positions, so tiebreaks matter. */
function shuffled(input: EngineInput, seed: number): EngineInput {
  let s = seed >>> 0;
  const shuffle = <T,>(items: readonly T[]) => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const rename = (id: string) => `${(id.length * 7919 + id.charCodeAt(id.length - 1) * (seed | 1)) % 97}-${id}`;
  return {
    ...input,
    orders: shuffle(input.orders).map((o) => ({ ...o, id: rename(o.id) })),
    lines: shuffle(input.lines).map((l) => ({ ...l, id: rename(l.id), orderId: rename(l.orderId) })),
    stock: shuffle(input.stock),
    incoming: shuffle(input.incoming ?? []).map((p) => ({ ...p, links: p.links.map((k) => ({ ...k, lineId: rename(k.lineId) })) })),
    preorders: shuffle(input.preorders ?? []),
  };
}

describe("computeFulfillabilityIndexed", () => {
  it("equals the string API on random inputs, under both policies", () => {
    fc.assert(
      fc.property(inputArb({ withSupply: true }), fc.integer(), fc.nat(), (base, seed, scramble) => {
        const input = shuffled(base, seed);
        const expected = computeFulfillability(input);
        const got = computeFulfillabilityIndexed(toIndexed(input, scramble));
        input.lines.forEach((line, i) => {
          const p = got.lineProjectedDate[i]!;
          expect({ id: line.id, allocated: got.lineAllocated[i], projectedDate: p === p ? p : null }).toEqual({
            id: line.id,
            allocated: expected.lines.get(line.id)!.allocated,
            projectedDate: expected.lines.get(line.id)!.projectedDate,
          });
        });
        input.orders.forEach((order, o) => {
          const code = got.orderFulfillability[o]!;
          const p = got.orderProjectedDate[o]!;
          expect({ fulfillability: code < 0 ? null : FULFILLABILITY_CODES[code], projectedDate: p === p ? p : null }).toEqual({
            fulfillability: expected.orders.get(order.id)!.fulfillability,
            projectedDate: expected.orders.get(order.id)!.projectedDate,
          });
        });
        const byRank = [...input.orders].sort(compareRank).map((o) => o.id);
        expect(Array.from(got.rankedOrderIndex, (o) => input.orders[o]!.id)).toEqual(byRank);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("numeric ranking", () => {
  const orderArb: fc.Arbitrary<EngineOrder> = fc.record({
    id: fc.string({ maxLength: 3 }),
    status: fc.constant("open" as const),
    priority: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom(-0, 0.5, -1.5, 1e300, -1e300, 2 ** 40)),
    shipBy: fc.option(
      fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-0, -5, 1.25, Infinity, -Infinity, 1.7e12, 1.7e12 + 2 ** 33, 1e300)),
      { nil: null },
    ),
    orderDate: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom(-0, -7, 0.5, 1.7e12, 1.7e12 + 2 ** 32 + 1, 2 ** 52, -(2 ** 52))),
  });
  const columns = (orders: EngineOrder[]) => {
    const ids = [...new Set(orders.map((o) => o.id))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      priority: Float64Array.from(orders, (o) => o.priority),
      shipBy: Float64Array.from(orders, (o) => (o.shipBy === null ? NaN : o.shipBy)),
      orderDate: Float64Array.from(orders, (o) => o.orderDate),
      tiebreak: Int32Array.from(orders, (o) => ids.indexOf(o.id)),
      allocating: new Uint8Array(orders.length).fill(1),
    };
  };
  const sortedIds = (orders: EngineOrder[], perm: Int32Array) => Array.from(perm, (i) => orders[i]!.id);

  it("orders like compareRank, with the radix sort and the small-input sort, with tiebreaks or id comparisons", () => {
    fc.assert(
      fc.property(fc.uniqueArray(orderArb, { selector: (o) => o.id, maxLength: 40 }), (orders) => {
        const expected = [...orders].sort(compareRank).map((o) => o.id);
        const cols = columns(orders);
        const byId = (a: number, b: number) => (orders[a]!.id < orders[b]!.id ? -1 : orders[a]!.id > orders[b]!.id ? 1 : 0);
        for (const radixFrom of [0, 2048]) {
          expect(sortedIds(orders, rankOrderIndices(cols, undefined, radixFrom))).toEqual(expected);
          expect(sortedIds(orders, rankOrderIndices(cols, byId, radixFrom))).toEqual(expected);
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it("orders like compareRank at bench-like sizes (radix sort, many ties)", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let s = seed >>> 0;
        const next = (m: number) => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s % m);
        const orders: EngineOrder[] = Array.from({ length: 5000 }, (_, i) => ({
          id: `o${(i * 7919) % 5000}`,
          status: "open",
          priority: next(20) === 0 ? next(4) : 0,
          shipBy: next(3) === 0 ? 1.7e12 + next(90) * 86_400_000 : null,
          orderDate: 1.7e12 + next(400) * 1000 * (next(2) === 0 ? 1 : 2 ** 20),
        }));
        const expected = [...orders].sort(compareRank).map((o) => o.id);
        const cols = columns(orders);
        const byId = (a: number, b: number) => (orders[a]!.id < orders[b]!.id ? -1 : orders[a]!.id > orders[b]!.id ? 1 : 0);
        expect(sortedIds(orders, rankOrderIndices(cols))).toEqual(expected);
        expect(sortedIds(orders, rankOrderIndices(cols, byId))).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  }, 60_000);
});
