import fc from "fast-check";
import type {
  AllocationPolicy,
  EngineInput,
  EngineLine,
  EngineOrder,
  EngineStock,
  IncomingSupply,
  OrderStatus,
  PreorderRestock,
} from "../types.ts";

/**
 * Small random warehouses: few keys and many orders per key, so lines compete
 * for the same units and ties in the ranking are common.
 */
export const WAREHOUSES = ["w1", "w2"];
export const PRODUCTS = ["p1", "p2", "p3"];

const statusArb: fc.Arbitrary<OrderStatus> = fc.constantFrom(
  "open",
  "open",
  "open",
  "open",
  "partially_shipped",
  "on_hold",
  "shipped",
  "cancelled",
);

const lineArb = fc
  .record({
    warehouseId: fc.constantFrom(...WAREHOUSES),
    productId: fc.constantFrom(...PRODUCTS),
    remaining: fc.integer({ min: 0, max: 5 }),
    hardShare: fc.integer({ min: 0, max: 5 }),
    withHard: fc.boolean(),
  })
  .map(({ warehouseId, productId, remaining, hardShare, withHard }) => ({
    warehouseId,
    productId,
    remaining,
    hardAllocated: withHard ? Math.min(remaining, hardShare) : 0,
  }));

const orderArb = fc.record({
  status: statusArb,
  priority: fc.integer({ min: 0, max: 2 }),
  shipBy: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  orderDate: fc.integer({ min: 0, max: 4 }),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
});

/** A kit on an order: components at distinct products of one warehouse. */
const kitArb = fc.record({
  warehouseId: fc.constantFrom(...WAREHOUSES),
  components: fc.uniqueArray(
    fc.record({ productId: fc.constantFrom(...PRODUCTS), perKit: fc.integer({ min: 1, max: 3 }), hardShare: fc.integer({ min: 0, max: 4 }) }),
    { minLength: 1, maxLength: 3, selector: (c) => c.productId },
  ),
  kits: fc.integer({ min: 0, max: 3 }),
  withHard: fc.boolean(),
});

export interface InputOptions {
  policy?: AllocationPolicy;
  withSupply?: boolean;
  /** orders may also hold a kit (EngineLine.kitId) */
  withKits?: boolean;
  /** with kits: kit components may hold hard units (not necessarily whole kits) */
  kitHard?: boolean;
}

export function inputArb(options: InputOptions = {}): fc.Arbitrary<EngineInput> {
  const policyArb: fc.Arbitrary<AllocationPolicy> = options.policy
    ? fc.constant(options.policy)
    : fc.constantFrom("strict_priority", "complete_orders_first");
  return fc
    .record({
      policy: policyArb,
      orders: fc.array(fc.tuple(orderArb, options.withKits ? fc.option(kitArb, { nil: null, freq: 2 }) : fc.constant(null)), { minLength: 0, maxLength: 9 }),
      onHand: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: WAREHOUSES.length * PRODUCTS.length, maxLength: WAREHOUSES.length * PRODUCTS.length }),
      supplies: fc.array(
            fc.record({
              key: fc.integer({ min: 0, max: WAREHOUSES.length * PRODUCTS.length - 1 }),
              quantity: fc.integer({ min: 0, max: 8 }),
              expectedDate: fc.option(fc.integer({ min: 10, max: 14 }), { nil: null }),
              link: fc.option(fc.record({ line: fc.nat(), quantity: fc.integer({ min: 1, max: 5 }) }), { nil: null }),
            }),
            { maxLength: options.withSupply ? 4 : 0 },
          ),
      preorders: fc.array(
            fc.record({
              productId: fc.constantFrom(...PRODUCTS),
              restockDate: fc.integer({ min: 20, max: 24 }),
              quantity: fc.integer({ min: 0, max: 6 }),
            }),
            { maxLength: options.withSupply ? 2 : 0 },
          ),
    })
    .map(({ policy, orders: specs, onHand, supplies, preorders }) => {
      const orders: EngineOrder[] = [];
      const lines: EngineLine[] = [];
      specs.forEach(([spec, kit], o) => {
        const id = `o${o}`;
        orders.push({ id, status: spec.status, priority: spec.priority, shipBy: spec.shipBy, orderDate: spec.orderDate });
        spec.lines.forEach((line, l) => lines.push({ id: `${id}-l${l}`, orderId: id, ...line }));
        if (kit && options.withKits) {
          kit.components.forEach((c, n) => {
            const remaining = kit.kits * c.perKit;
            const hardAllocated = options.kitHard !== false && kit.withHard ? Math.min(remaining, c.hardShare) : 0;
            lines.push({ id: `${id}-k${n}`, orderId: id, warehouseId: kit.warehouseId, productId: c.productId, remaining, hardAllocated, kitId: `${id}-kit`, perKit: c.perKit });
          });
        }
      });
      const stock: EngineStock[] = [];
      WAREHOUSES.forEach((warehouseId, w) =>
        PRODUCTS.forEach((productId, p) => stock.push({ warehouseId, productId, onHand: onHand[w * PRODUCTS.length + p]! })),
      );
      const incoming: IncomingSupply[] = supplies.map((s, i) => {
        const warehouseId = WAREHOUSES[Math.floor(s.key / PRODUCTS.length)]!;
        const productId = PRODUCTS[s.key % PRODUCTS.length]!;
        const linked = s.link && lines.length > 0 ? lines[s.link.line % lines.length]! : null;
        return {
          id: `po${i}`,
          warehouseId,
          productId,
          quantity: s.quantity,
          expectedDate: s.expectedDate,
          links:
            linked && linked.warehouseId === warehouseId && linked.productId === productId
              ? [{ lineId: linked.id, quantity: s.link!.quantity }]
              : [],
        };
      });
      const restocks: PreorderRestock[] = preorders;
      return { policy, orders, lines, stock, incoming, preorders: restocks };
    });
}
