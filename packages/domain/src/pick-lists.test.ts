// Pick lists (docs/decisions/015): grouping by bin and SKU, and which line a scan picks for.
// Examples from the floor, and a property: whatever is scanned, in any order, no line is picked
// past its quantity, a group's units go in dealing order, and a refused scan changes nothing.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { choosePickLine, groupPickLines, type PickLine } from "./pick-lists.ts";

const line = (over: Partial<PickLine> & Pick<PickLine, "lineId" | "orderId" | "position" | "productId" | "sku">): PickLine => ({
  orderNumber: `SO-${over.orderId}`,
  lineNo: 1,
  name: `Product ${over.sku}`,
  barcode: `BAR-${over.sku}`,
  locationId: null,
  locationCode: null,
  quantity: 1,
  picked: 0,
  ...over,
});

const mugA = { productId: "mug", sku: "MUG", locationId: "loc-a", locationCode: "A-01" };
const teaB = { productId: "tea", sku: "TEA", locationId: "loc-b", locationCode: "B-02" };
const lamp = { productId: "lamp", sku: "LAMP" };

describe("grouping a pick list", () => {
  it("by bin code with no bin last, then SKU; each group's drops in dealing order", () => {
    const lines = [
      line({ lineId: "l1", orderId: "late", position: 3, ...mugA, quantity: 2 }),
      line({ lineId: "l2", orderId: "late", position: 3, lineNo: 2, ...lamp }),
      line({ lineId: "l3", orderId: "urgent", position: 1, ...teaB, quantity: 3 }),
      line({ lineId: "l4", orderId: "urgent", position: 1, lineNo: 2, ...mugA, picked: 1 }),
    ];
    const groups = groupPickLines(lines);
    expect(groups.map((g) => [g.location?.code ?? null, g.sku, g.quantity, g.picked])).toEqual([
      ["A-01", "MUG", 3, 1],
      ["B-02", "TEA", 3, 0],
      [null, "LAMP", 1, 0],
    ]);
    expect(groups[0]!.drops.map((d) => [d.orderNumber, d.quantity])).toEqual([
      ["SO-urgent", 1],
      ["SO-late", 2],
    ]);
  });
});

describe("a scan", () => {
  const lines = [
    line({ lineId: "l1", orderId: "second", position: 2, ...mugA, quantity: 2 }),
    line({ lineId: "l2", orderId: "first", position: 1, ...mugA, picked: 1 }),
    line({ lineId: "l3", orderId: "first", position: 1, ...teaB }),
  ];

  it("picks for the first order still short: by barcode, or by SKU in any case, at the bin or anywhere", () => {
    expect(choosePickLine(lines, { code: "BAR-MUG" }, "PL-1")).toMatchObject({ ok: true, line: { lineId: "l1" } });
    expect(choosePickLine(lines, { code: "mug", locationCode: "a-01" }, "PL-1")).toMatchObject({ ok: true, line: { lineId: "l1" } });
  });

  it("is refused for a code not on the list, another bin, or when every unit is picked", () => {
    expect(choosePickLine(lines, { code: "NOPE" }, "PL-1")).toEqual({ ok: false, reason: "not_on_list", message: "NOPE is not on pick list PL-1" });
    expect(choosePickLine(lines, { code: "TEA", locationCode: "A-01" }, "PL-1")).toEqual({ ok: false, reason: "other_bin", message: "TEA is picked from B-02, not A-01" });
    const done = lines.map((l) => ({ ...l, picked: l.quantity }));
    expect(choosePickLine(done, { code: "MUG" }, "PL-1")).toEqual({ ok: false, reason: "fully_picked", message: "All 3 unit(s) of MUG on PL-1 are picked" });
  });
});

describe("any sequence of scans", () => {
  const products = [mugA, teaB, lamp];
  const linesArb = fc
    .array(fc.record({ product: fc.integer({ min: 0, max: 2 }), position: fc.integer({ min: 1, max: 6 }), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 12 })
    .map((rows) => rows.map((r, i) => line({ lineId: `l${i}`, orderId: `o${r.position}`, position: r.position, lineNo: i, ...products[r.product]!, quantity: r.quantity })));
  const scansArb = fc.array(fc.constantFrom("BAR-MUG", "tea", "LAMP", "BAR-LAMP", "NOPE"), { maxLength: 40 });

  it("never picks a line past its quantity, deals each group's units in order, and a refusal changes nothing", () => {
    fc.assert(
      fc.property(linesArb, scansArb, (start, scans) => {
        let lines = start;
        for (const code of scans) {
          const outcome = choosePickLine(lines, { code }, "PL-1");
          if (!outcome.ok) continue;
          lines = lines.map((l) => (l.lineId === outcome.line.lineId ? { ...l, picked: l.picked + 1 } : l));
        }
        for (const l of lines) expect(l.picked).toBeLessThanOrEqual(l.quantity);
        for (const g of groupPickLines(lines)) {
          // In dealing order, a drop is picked only once every earlier drop of its group is complete.
          const firstShort = g.drops.findIndex((d) => d.picked < d.quantity);
          if (firstShort >= 0) for (const d of g.drops.slice(firstShort + 1)) expect(d.picked).toBe(0);
        }
        const scannedUnits = (sku: string) => scans.filter((c) => c.toLowerCase() === sku.toLowerCase() || c === `BAR-${sku}`).length;
        for (const g of groupPickLines(lines)) expect(g.picked).toBe(Math.min(g.quantity, scannedUnits(g.sku)));
      }),
      { numRuns: 500 },
    );
  });
});
