// What a stock increase did for waiting orders, as a receipt's answer names it: the orders it
// turned fulfillable and those it turned partially fulfillable, by number. Used by PO receipts
// and return receipts alike, from the outcome of recomputeAfterIncrease.
import type { Tx } from "../../db/client.ts";
import type { RecomputeOutcome } from "./recompute.ts";

export interface OrderRef {
  orderId: string;
  number: string;
}

export async function improvedOrders(tx: Tx, tenantId: string, outcome: RecomputeOutcome): Promise<{ ordersNowFulfillable: OrderRef[]; ordersNowPartiallyFulfillable: OrderRef[] }> {
  const improved = outcome.changed.filter((c) => c.after === "fulfillable" || c.after === "partially_fulfillable");
  const numbers = improved.length
    ? await tx.salesOrder.findMany({ where: { tenantId, id: { in: improved.map((c) => c.orderId) } }, select: { id: true, number: true }, orderBy: { number: "asc" } })
    : [];
  const after = new Map(improved.map((c) => [c.orderId, c.after]));
  return {
    ordersNowFulfillable: numbers.filter((o) => after.get(o.id) === "fulfillable").map((o) => ({ orderId: o.id, number: o.number })),
    ordersNowPartiallyFulfillable: numbers.filter((o) => after.get(o.id) === "partially_fulfillable").map((o) => ({ orderId: o.id, number: o.number })),
  };
}
