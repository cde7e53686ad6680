// Recomputes everything from scratch for a tenant and reports any difference from what is
// stored: line allocations and projected dates, order fulfillability, negative availability,
// and the ledger against the cached stock levels. Reads only; changes nothing.
import { computeFulfillability } from "@bod/domain/fulfillability";
import type { EngineOrder } from "@bod/domain/types";
import type { Tx } from "../../db/client.ts";
import { loadEngineState } from "./load.ts";
import { tenantPolicy } from "./recompute.ts";
import { recordAllocationCheck } from "../../metrics/allocation-check.ts";

export interface AllocationCheck {
  linesChecked: number;
  ordersChecked: number;
  lineDifferences: { lineId: string; stored: number; expected: number }[];
  projectionDifferences: { lineId: string; stored: string | null; expected: string | null }[];
  orderDifferences: { orderId: string; stored: string | null; expected: string | null }[];
  overAllocatedKeys: { warehouseId: string; productId: string; onHand: number; allocated: number }[];
  ledgerMismatches: { warehouseId: string; productId: string; onHand: number; ledgerSum: number }[];
  ok: boolean;
}

const LIMIT = 100; // differences listed per kind

export async function checkAllocations(tx: Tx, tenantId: string): Promise<AllocationCheck> {
  const policy = await tenantPolicy(tx, tenantId);
  const state = await loadEngineState(tx, tenantId, "all");
  const orders = new Map<string, EngineOrder>();
  for (const l of state.lines) {
    if (!orders.has(l.orderId)) orders.set(l.orderId, { id: l.orderId, status: l.isActive ? "open" : "on_hold", priority: l.rankPriority, shipBy: l.rankShipBy, orderDate: l.rankOrderDate });
  }
  const result = computeFulfillability({ policy, orders: [...orders.values()], lines: state.lines, stock: state.stock, incoming: state.incoming, preorders: state.preorders });

  const lineDifferences: AllocationCheck["lineDifferences"] = [];
  const projectionDifferences: AllocationCheck["projectionDifferences"] = [];
  for (const l of state.lines) {
    const r = result.lines.get(l.id)!;
    if (r.allocated !== l.allocated) lineDifferences.push({ lineId: l.id, stored: l.allocated, expected: r.allocated });
    if (r.projectedDate !== l.projectedDate) projectionDifferences.push({ lineId: l.id, stored: iso(l.projectedDate), expected: iso(r.projectedDate) });
  }

  // Every order, not only those with lines loaded: an open order with no active line must show no fulfillability.
  const storedOrders = await tx.$queryRaw<{ id: string; status: string; fulfillability: string | null }[]>`
    SELECT id::text, status::text, fulfillability::text FROM sales_orders WHERE tenant_id = ${tenantId}::uuid AND (fulfillability IS NOT NULL OR status IN ('open', 'partially_shipped'))`;
  const orderDifferences: AllocationCheck["orderDifferences"] = [];
  for (const o of storedOrders) {
    const expected = o.status === "open" || o.status === "partially_shipped" ? (result.orders.get(o.id)?.fulfillability ?? null) : null;
    if (expected !== o.fulfillability) orderDifferences.push({ orderId: o.id, stored: o.fulfillability, expected });
  }

  const overAllocatedKeys = (
    await tx.$queryRaw<{ warehouse_id: string; product_id: string; on_hand: number; allocated: number }[]>`
      SELECT warehouse_id::text, product_id::text, on_hand, allocated FROM stock_levels
      WHERE tenant_id = ${tenantId}::uuid AND (on_hand < 0 OR allocated > on_hand OR allocated < 0)`
  ).map((r) => ({ warehouseId: r.warehouse_id, productId: r.product_id, onHand: r.on_hand, allocated: r.allocated }));

  const ledgerMismatches = (
    await tx.$queryRaw<{ warehouse_id: string; product_id: string; on_hand: number; ledger_sum: number }[]>`
      SELECT coalesce(s.warehouse_id, m.warehouse_id)::text AS warehouse_id, coalesce(s.product_id, m.product_id)::text AS product_id,
             coalesce(s.on_hand, 0) AS on_hand, coalesce(m.total, 0)::int AS ledger_sum
      FROM (SELECT * FROM stock_levels WHERE tenant_id = ${tenantId}::uuid) s
      FULL JOIN (SELECT warehouse_id, product_id, sum(quantity) AS total FROM stock_movements WHERE tenant_id = ${tenantId}::uuid GROUP BY 1, 2) m
        ON m.warehouse_id = s.warehouse_id AND m.product_id = s.product_id
      WHERE coalesce(s.on_hand, 0) <> coalesce(m.total, 0)`
  ).map((r) => ({ warehouseId: r.warehouse_id, productId: r.product_id, onHand: r.on_hand, ledgerSum: r.ledger_sum }));

  const ok = !lineDifferences.length && !projectionDifferences.length && !orderDifferences.length && !overAllocatedKeys.length && !ledgerMismatches.length;
  const report: AllocationCheck = {
    linesChecked: state.lines.length,
    ordersChecked: storedOrders.length,
    lineDifferences: lineDifferences.slice(0, LIMIT),
    projectionDifferences: projectionDifferences.slice(0, LIMIT),
    orderDifferences: orderDifferences.slice(0, LIMIT),
    overAllocatedKeys: overAllocatedKeys.slice(0, LIMIT),
    ledgerMismatches: ledgerMismatches.slice(0, LIMIT),
    ok,
  };
  recordAllocationCheck(report);
  return report;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
