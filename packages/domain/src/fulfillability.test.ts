import { describe, expect, it } from "vitest";
import { computeFulfillability } from "./fulfillability.ts";
import { buildInput, buildSupply, day } from "./testing/builders.ts";
import type { EngineInput } from "./types.ts";

const status = (input: EngineInput) => {
  const result = computeFulfillability(input);
  return Object.fromEntries([...result.orders.values()].map((o) => [o.orderId, o.fulfillability]));
};
const allocated = (input: EngineInput) => {
  const result = computeFulfillability(input);
  return Object.fromEntries([...result.lines.values()].map((l) => [l.lineId, l.allocated]));
};

describe("allocation walks the ranking", () => {
  it("serves the oldest orders first", () => {
    const input = buildInput({
      stock: { mug: 3 },
      orders: [
        { id: "newer", orderDate: day(2), lines: [{ sku: "mug", qty: 2 }] },
        { id: "older", orderDate: day(1), lines: [{ sku: "mug", qty: 2 }] },
      ],
    });
    expect(status(input)).toEqual({ older: "fulfillable", newer: "partially_fulfillable" });
    expect(allocated(input)).toEqual({ "older-1": 2, "newer-1": 1 });
  });

  it("lets a ship-by date beat an older order date, and no ship-by comes last", () => {
    const input = buildInput({
      stock: { mug: 2 },
      orders: [
        { id: "old-no-ship-by", orderDate: day(1), lines: [{ sku: "mug", qty: 2 }] },
        { id: "new-ships-friday", orderDate: day(5), shipBy: day(9), lines: [{ sku: "mug", qty: 2 }] },
      ],
    });
    expect(status(input)).toEqual({ "new-ships-friday": "fulfillable", "old-no-ship-by": "backordered" });
  });

  it("lets a manual priority beat everything else", () => {
    const input = buildInput({
      stock: { mug: 1 },
      orders: [
        { id: "urgent-ship-by", orderDate: day(1), shipBy: day(2), lines: [{ sku: "mug", qty: 1 }] },
        { id: "vip", priority: 5, orderDate: day(9), lines: [{ sku: "mug", qty: 1 }] },
      ],
    });
    expect(status(input)).toEqual({ vip: "fulfillable", "urgent-ship-by": "backordered" });
  });

  it("breaks full ties by order id", () => {
    const input = buildInput({
      stock: { mug: 1 },
      orders: [
        { id: "b", lines: [{ sku: "mug", qty: 1 }] },
        { id: "a", lines: [{ sku: "mug", qty: 1 }] },
      ],
    });
    expect(status(input)).toEqual({ a: "fulfillable", b: "backordered" });
  });

  it("counts hard allocations first, even for a lower-ranked order", () => {
    const input = buildInput({
      stock: { mug: 3 },
      orders: [
        { id: "first", orderDate: day(1), lines: [{ sku: "mug", qty: 3 }] },
        { id: "picked-already", orderDate: day(4), lines: [{ sku: "mug", qty: 2, hard: 2 }] },
      ],
    });
    expect(allocated(input)).toEqual({ "first-1": 1, "picked-already-1": 2 });
    expect(status(input)).toEqual({ first: "partially_fulfillable", "picked-already": "fulfillable" });
  });

  it("hands out no soft units when hard allocations exceed what is on hand", () => {
    const input = buildInput({
      stock: { mug: 1 },
      orders: [
        { id: "first", orderDate: day(1), lines: [{ sku: "mug", qty: 1 }] },
        { id: "held-stock", orderDate: day(2), lines: [{ sku: "mug", qty: 2, hard: 2 }] },
      ],
    });
    expect(allocated(input)).toEqual({ "first-1": 0, "held-stock-1": 2 });
  });

  it("keeps a held order's hard allocation set aside but gives it nothing more", () => {
    const input = buildInput({
      stock: { mug: 4 },
      orders: [
        { id: "on-hold", status: "on_hold", orderDate: day(1), lines: [{ sku: "mug", qty: 3, hard: 1 }] },
        { id: "waiting", orderDate: day(2), lines: [{ sku: "mug", qty: 4 }] },
      ],
    });
    expect(allocated(input)).toEqual({ "on-hold-1": 1, "waiting-1": 3 });
    expect(status(input)).toEqual({ "on-hold": null, waiting: "partially_fulfillable" });
  });

  it("ranks a partially shipped order on what it still needs and ignores shipped lines", () => {
    const input = buildInput({
      stock: { mug: 1, cap: 0 },
      orders: [
        {
          id: "half-shipped",
          status: "partially_shipped",
          orderDate: day(1),
          lines: [
            { sku: "cap", qty: 0 },
            { sku: "mug", qty: 1 },
          ],
        },
        { id: "later", orderDate: day(2), lines: [{ sku: "mug", qty: 1 }] },
        { id: "all-shipped", status: "shipped", orderDate: day(0), lines: [{ sku: "mug", qty: 0 }] },
      ],
    });
    expect(status(input)).toEqual({ "half-shipped": "fulfillable", later: "backordered", "all-shipped": null });
  });

  it("turns waiting orders fulfillable when a purchase order is received", () => {
    const orders = [
      { id: "o1", orderDate: day(1), lines: [{ sku: "mug", qty: 2 }] },
      { id: "o2", orderDate: day(2), lines: [{ sku: "mug", qty: 3 }] },
      { id: "o3", orderDate: day(3), lines: [{ sku: "mug", qty: 1 }] },
    ];
    expect(status(buildInput({ stock: { mug: 1 }, orders }))).toEqual({
      o1: "partially_fulfillable",
      o2: "backordered",
      o3: "backordered",
    });
    expect(status(buildInput({ stock: { mug: 1 + 5 }, orders }))).toEqual({
      o1: "fulfillable",
      o2: "fulfillable",
      o3: "fulfillable",
    });
  });
});

describe("complete_orders_first", () => {
  const orders = [
    { id: "big", orderDate: day(1), lines: [{ sku: "mug", qty: 3 }, { sku: "cap", qty: 1 }] },
    { id: "small-1", orderDate: day(2), lines: [{ sku: "mug", qty: 1 }] },
    { id: "small-2", orderDate: day(3), lines: [{ sku: "mug", qty: 1 }] },
  ];

  it("gives stock to the orders it can complete, where strict priority splits it", () => {
    const stock = { mug: 2, cap: 1 };
    expect(status(buildInput({ policy: "strict_priority", stock, orders }))).toEqual({
      big: "partially_fulfillable",
      "small-1": "backordered",
      "small-2": "backordered",
    });
    expect(status(buildInput({ policy: "complete_orders_first", stock, orders }))).toEqual({
      big: "partially_fulfillable",
      "small-1": "fulfillable",
      "small-2": "fulfillable",
    });
    // pass 2 still hands the leftover cap to the big order
    expect(allocated(buildInput({ policy: "complete_orders_first", stock, orders }))).toMatchObject({ "big-1": 0, "big-2": 1 });
  });

  it("hands leftovers to incomplete orders by rank in pass 2", () => {
    const input = buildInput({
      policy: "complete_orders_first",
      stock: { mug: 4, cap: 0 },
      orders,
    });
    expect(allocated(input)).toEqual({ "big-1": 2, "big-2": 0, "small-1-1": 1, "small-2-1": 1 });
  });

  it("can make an order worse when stock arrives (why the receipt invariant is strict_priority only)", () => {
    const few = buildInput({
      policy: "complete_orders_first",
      stock: { mug: 1 },
      orders: [
        { id: "needs-two", orderDate: day(1), lines: [{ sku: "mug", qty: 2 }] },
        { id: "needs-one", orderDate: day(2), lines: [{ sku: "mug", qty: 1 }] },
      ],
    });
    const more = { ...few, stock: [{ warehouseId: "main", productId: "mug", onHand: 2 }] };
    expect(status(few)).toEqual({ "needs-two": "backordered", "needs-one": "fulfillable" });
    expect(status(more)).toEqual({ "needs-two": "fulfillable", "needs-one": "backordered" });
  });
});

describe("projected dates", () => {
  const projected = (input: EngineInput) => computeFulfillability(input);

  it("hands incoming purchase orders out by expected date in rank order", () => {
    const input = buildInput({
      stock: { mug: 1 },
      orders: [
        { id: "o1", orderDate: day(1), lines: [{ sku: "mug", qty: 3 }] },
        { id: "o2", orderDate: day(2), lines: [{ sku: "mug", qty: 2 }] },
        { id: "o3", orderDate: day(3), lines: [{ sku: "mug", qty: 5 }] },
      ],
      incoming: [
        buildSupply({ id: "po-late", sku: "mug", quantity: 2, expectedDate: day(20) }),
        buildSupply({ id: "po-soon", sku: "mug", quantity: 3, expectedDate: day(10) }),
      ],
    });
    const result = projected(input);
    expect(result.lines.get("o1-1")!.projectedDate).toBe(day(10));
    expect(result.lines.get("o2-1")!.projectedDate).toBe(day(20));
    expect(result.lines.get("o3-1")!.projectedDate).toBeNull();
    expect(result.orders.get("o2")).toEqual({ orderId: "o2", fulfillability: "backordered", projectedDate: day(20) });
  });

  it("serves the lines a purchase order is linked to first", () => {
    const input = buildInput({
      stock: { mug: 0 },
      orders: [
        { id: "first", orderDate: day(1), lines: [{ sku: "mug", qty: 2 }] },
        { id: "special-order", orderDate: day(2), lines: [{ sku: "mug", qty: 2 }] },
      ],
      incoming: [
        buildSupply({ id: "po-1", sku: "mug", quantity: 3, expectedDate: day(10), links: [{ lineId: "special-order-1", quantity: 2 }] }),
        buildSupply({ id: "po-2", sku: "mug", quantity: 5, expectedDate: day(15) }),
      ],
    });
    const result = projected(input);
    expect(result.lines.get("special-order-1")!.projectedDate).toBe(day(10));
    expect(result.lines.get("first-1")!.projectedDate).toBe(day(15));
  });

  it("uses a preorder product's restock date where no purchase order covers it", () => {
    const input = buildInput({
      stock: { "pre-book": 0 },
      orders: [
        { id: "o1", orderDate: day(1), lines: [{ sku: "pre-book", qty: 1 }] },
        { id: "o2", orderDate: day(2), lines: [{ sku: "pre-book", qty: 2 }] },
        { id: "o3", orderDate: day(3), lines: [{ sku: "pre-book", qty: 2 }] },
      ],
      incoming: [buildSupply({ id: "po", sku: "pre-book", quantity: 1, expectedDate: day(7) })],
      preorders: [{ productId: "pre-book", restockDate: day(30), quantity: 3 }],
    });
    const result = projected(input);
    expect(result.lines.get("o1-1")!.projectedDate).toBe(day(7));
    expect(result.lines.get("o2-1")!.projectedDate).toBe(day(30));
    expect(result.lines.get("o3-1")!.projectedDate).toBeNull();
  });

  it("dates an order by its latest short line, and not at all if one line has no date", () => {
    const input = buildInput({
      stock: { mug: 1, cap: 0, hat: 0 },
      orders: [
        { id: "dated", orderDate: day(1), lines: [{ sku: "mug", qty: 1 }, { sku: "cap", qty: 1 }] },
        { id: "undated", orderDate: day(2), lines: [{ sku: "cap", qty: 1 }, { sku: "hat", qty: 1 }] },
      ],
      incoming: [buildSupply({ id: "po", sku: "cap", quantity: 2, expectedDate: day(12) })],
    });
    const result = projected(input);
    expect(result.lines.get("dated-1")!.projectedDate).toBeNull();
    expect(result.orders.get("dated")!.projectedDate).toBe(day(12));
    expect(result.orders.get("undated")!.projectedDate).toBeNull();
  });
});
