// Keeps the stored fulfillability true: runs the domain engine over the (warehouse, SKU)
// keys a change touched and writes allocations, order statuses and projected dates in the
// same transaction as the change. Callers lock the keys first (stock/ledger.ts lockStockKeys),
// make their change, then call recomputeKeys with the keys and any orders they changed.
import { computeFulfillability, summarizeOrder, wholeKitAllocation } from "@bod/domain/fulfillability";
import type { AllocationPolicy, EngineInput, EngineLine, EngineOrder, Fulfillability } from "@bod/domain/types";
import { pinnedToIds, type Tx } from "../../db/client.ts";
import { keyString, lockedKeys, lockStockKeys, sortedKeys, type StockKey } from "../stock/ledger.ts";
import { holdCompanyLock } from "./company-lock.ts";
import { announceHolds } from "./holds.ts";
import { engineScope, tenantPolicy } from "./scope.ts";

export { tenantPolicy };
import { loadEngineState, type KeyScope, type LoadedLine } from "./load.ts";

export interface FulfillabilityChange {
  orderId: string;
  before: Fulfillability | null;
  after: Fulfillability | null;
}

export interface RecomputeOutcome {
  /** Orders whose fulfillability changed, with before and after. */
  changed: FulfillabilityChange[];
  linesWritten: number;
}

/**
 * Recomputes the keys a change touched and writes what differs. `orderIds`: orders whose
 * status, rank or lines the caller changed, re-summarised even if no allocation moved.
 *
 * Under strict_priority a key's allocation depends only on that key's lines and stock, so
 * the keys given are all that is recomputed — unless a preorder product's restock spans
 * warehouses, or, under complete_orders_first, orders spanning keys let a change cascade:
 * allocation/scope.ts widens the keys to what they can affect.
 */
export async function recomputeKeys(tx: Tx, tenantId: string, keys: Iterable<StockKey>, options: { orderIds?: string[] } = {}): Promise<RecomputeOutcome> {
  const given = sortedKeys(keys);
  if (given.length === 0 && !options.orderIds?.length) return { changed: [], linesWritten: 0 };
  const { policy, keys: scope } = await engineScope(tx, tenantId, given);
  // Writers lock the whole scope up front; should it have grown since (rare), lock the rest now
  // (out of the fixed order, so it may deadlock; inTenant then runs the transaction again).
  const held = lockedKeys(tx);
  const missing = scope.filter((k) => !held.has(keyString(k)));
  if (missing.length) await lockStockKeys(tx, tenantId, missing);
  return recompute(tx, tenantId, policy, { keys: scope }, options.orderIds ?? []);
}

/**
 * Recomputes every key of the tenant (demo data, policy change, repairs). The company's lock is
 * taken exclusively first (allocation/company-lock.ts, decision 012): it waits for the writers in
 * flight, and writers that come meanwhile wait for it (or are told to retry), so none of them holds
 * a stock level it needs. Then every stock level is locked (created where lines wait on a key without one).
 */
export async function recomputeTenant(tx: Tx, tenantId: string, onProgress?: ProgressReport): Promise<RecomputeOutcome> {
  await holdCompanyLock(tx, tenantId, "unbounded");
  await tx.$executeRaw`
    INSERT INTO stock_levels (tenant_id, warehouse_id, product_id)
    SELECT DISTINCT l.tenant_id, l.warehouse_id, l.product_id FROM sales_order_lines l WHERE l.tenant_id = ${tenantId}::uuid AND (l.is_active OR l.quantity_hard_allocated > 0)
      AND NOT EXISTS (SELECT 1 FROM stock_levels s WHERE s.tenant_id = l.tenant_id AND s.warehouse_id = l.warehouse_id AND s.product_id = l.product_id)
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`SELECT 1 FROM stock_levels WHERE tenant_id = ${tenantId}::uuid ORDER BY warehouse_id, product_id FOR UPDATE`;
  return recompute(tx, tenantId, await tenantPolicy(tx, tenantId), "all", [], onProgress);
}

/** Whole-company recomputes report their phase (1: computing, 2: writing) to whoever waits for them. */
export type ProgressReport = (phase: string, done: number) => void;

async function recompute(tx: Tx, tenantId: string, policy: AllocationPolicy, scope: KeyScope, extraOrderIds: string[], onProgress?: ProgressReport): Promise<RecomputeOutcome> {
  const state = await loadEngineState(tx, tenantId, scope);
  onProgress?.(`Computing allocations for ${state.lines.length} waiting line(s)`, 1);
  const result = computeFulfillability(toEngineInput(policy, state));
  onProgress?.("Writing the new allocations", 2);

  const changedLines: { id: string; allocated: number; projected: Date | null }[] = [];
  const newAllocated = new Map<string, number>();
  const allocatedByKey = new Map<string, number>();
  for (const line of state.lines) {
    const r = result.lines.get(line.id)!;
    const key = keyString(line);
    allocatedByKey.set(key, (allocatedByKey.get(key) ?? 0) + r.allocated);
    if (r.allocated !== line.allocated || r.projectedDate !== line.projectedDate) {
      changedLines.push({ id: line.id, allocated: r.allocated, projected: r.projectedDate === null ? null : new Date(r.projectedDate) });
    }
    newAllocated.set(line.id, r.allocated);
  }
  await writeLineResults(tx, tenantId, changedLines);
  const keyList = [...allocatedByKey.keys()];
  if (scope !== "all") for (const k of scope.keys) if (!allocatedByKey.has(keyString(k))) keyList.push(keyString(k));
  if (keyList.length) {
    const split = keyList.map((k) => k.split("|") as [string, string]);
    await tx.$executeRaw`
      UPDATE stock_levels s SET allocated = v.a
      FROM unnest(${split.map((k) => k[0])}::uuid[], ${split.map((k) => k[1])}::uuid[], ${keyList.map((k) => allocatedByKey.get(k) ?? 0)}::int[]) AS v(w, p, a)
      WHERE s.tenant_id = ${tenantId}::uuid ${pinnedToIds("s.warehouse_id", [...new Set(split.map((k) => k[0]))])} ${pinnedToIds("s.product_id", [...new Set(split.map((k) => k[1]))])}
        AND s.warehouse_id = v.w AND s.product_id = v.p AND s.allocated <> v.a`;
  }

  const orderIds = new Set(extraOrderIds);
  const lineById = new Map(state.lines.map((l) => [l.id, l]));
  for (const c of changedLines) orderIds.add(lineById.get(c.id)!.orderId);
  const changed = await summarizeOrders(tx, tenantId, [...orderIds], newAllocated, result.lines);
  return { changed, linesWritten: changedLines.length };
}

/** Stores new allocations and projected dates of lines, in one statement. */
export async function writeLineResults(tx: Tx, tenantId: string, lines: { id: string; allocated: number; projected: Date | null }[]) {
  if (lines.length === 0) return;
  await tx.$executeRaw`
    UPDATE sales_order_lines l SET quantity_allocated = v.a, projected_date = v.p
    FROM unnest(${lines.map((c) => c.id)}::uuid[], ${lines.map((c) => c.allocated)}::int[], ${lines.map((c) => c.projected)}::timestamptz[]) AS v(id, a, p)
    WHERE l.tenant_id = ${tenantId}::uuid ${pinnedToIds("l.id", lines.map((c) => c.id))} AND l.id = v.id`;
}

/** Re-derives each order's fulfillability and projected date from all its lines, and writes what differs. */
export async function summarizeOrders(
  tx: Tx,
  tenantId: string,
  orderIds: string[],
  newAllocated: Map<string, number>,
  lineResults: Map<string, { projectedDate: number | null }>,
): Promise<FulfillabilityChange[]> {
  if (orderIds.length === 0) return [];
  // An order's lines can sit at keys this transaction has not locked, which another writer may
  // be changing: lock the order rows (in id order) before reading their lines, so the summary is
  // taken from committed lines and the last writer's summary is the true one.
  const orders = await tx.$queryRaw<{ id: string; status: string; fulfillability: Fulfillability | null; projected_date: Date | null }[]>`
    SELECT id::text, status::text, fulfillability::text, projected_date FROM sales_orders
    WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${orderIds}::uuid[])
    ORDER BY id FOR NO KEY UPDATE`;
  const lines = await tx.$queryRaw<
    { id: string; order_id: string; remaining: number; allocated: number; projected_date: Date | null; kit_id: string | null; per_kit: number | null }[]
  >`
    SELECT id::text, order_id::text, quantity_ordered - quantity_shipped - quantity_cancelled AS remaining, quantity_allocated AS allocated, projected_date,
      kit_id::text, per_kit
    FROM sales_order_lines WHERE tenant_id = ${tenantId}::uuid AND order_id = ANY(${orderIds}::uuid[])`;
  const linesByOrder = new Map<string, typeof lines>();
  for (const l of lines) (linesByOrder.get(l.order_id) ?? linesByOrder.set(l.order_id, []).get(l.order_id)!).push(l);

  const changes: FulfillabilityChange[] = [];
  const writes: { id: string; f: Fulfillability | null; p: Date | null }[] = [];
  for (const order of orders) {
    const own = linesByOrder.get(order.id) ?? [];
    let summary: { fulfillability: Fulfillability | null; projectedDate: number | null } = { fulfillability: null, projectedDate: null };
    if (order.status === "open" || order.status === "partially_shipped") {
      const n = own.length;
      const remaining = new Float64Array(n);
      const allocated = new Float64Array(n);
      const projected = new Float64Array(n);
      own.forEach((l, i) => {
        remaining[i] = l.remaining;
        allocated[i] = newAllocated.get(l.id) ?? l.allocated;
        const p = lineResults.has(l.id) ? lineResults.get(l.id)!.projectedDate : (l.projected_date?.getTime() ?? null);
        projected[i] = p === null ? NaN : p;
      });
      const shippable = wholeKitAllocation(own.map((l) => ({ kitId: l.kit_id, perKit: l.per_kit, remaining: l.remaining })), allocated);
      summary = summarizeOrder(Int32Array.from(own.keys()), 0, n, remaining, allocated, projected, shippable);
    }
    const projectedDate = summary.projectedDate === null ? null : new Date(summary.projectedDate);
    if (summary.fulfillability !== order.fulfillability || projectedDate?.getTime() !== order.projected_date?.getTime()) {
      writes.push({ id: order.id, f: summary.fulfillability, p: projectedDate });
    }
    if (summary.fulfillability !== order.fulfillability) changes.push({ orderId: order.id, before: order.fulfillability, after: summary.fulfillability });
  }
  if (writes.length) {
    await tx.$executeRaw`
      UPDATE sales_orders o SET fulfillability = v.f::"Fulfillability", projected_date = v.p
      FROM unnest(${writes.map((w) => w.id)}::uuid[], ${writes.map((w) => w.f)}::text[], ${writes.map((w) => w.p)}::timestamptz[]) AS v(id, f, p)
      WHERE o.tenant_id = ${tenantId}::uuid ${pinnedToIds("o.id", writes.map((w) => w.id))} AND o.id = v.id`;
  }
  await announceHolds(tx, tenantId, orderIds);
  return changes;
}

/**
 * Copies each order's lifecycle status and rank keys (priority, ship-by, order date) onto its
 * lines: `is_active` (the order takes stock and the line has something remaining) and
 * `rank_*`. An inactive line keeps only its hard allocation. Returns the keys its lines hold.
 */
export async function refreshOrderLines(tx: Tx, tenantId: string, orderIds: string[]): Promise<StockKey[]> {
  if (orderIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ warehouse_id: string; product_id: string }[]>`
    UPDATE sales_order_lines l SET
      is_active = a.active,
      rank_priority = a.priority, rank_ship_by = a.ship_by, rank_order_date = a.order_date,
      quantity_hard_allocated = LEAST(l.quantity_hard_allocated, a.remaining),
      quantity_allocated = CASE WHEN a.active THEN LEAST(l.quantity_allocated, a.remaining) ELSE LEAST(l.quantity_hard_allocated, a.remaining) END,
      projected_date = CASE WHEN a.active THEN l.projected_date ELSE NULL END
    FROM (
      -- The UPDATE's own row cannot be referenced from a LATERAL in FROM, so the derived values come from a self-join.
      SELECT x.id, o.priority, o.ship_by, o.order_date,
        o.status IN ('open', 'partially_shipped') AND x.quantity_ordered - x.quantity_shipped - x.quantity_cancelled > 0 AS active,
        x.quantity_ordered - x.quantity_shipped - x.quantity_cancelled AS remaining
      FROM sales_order_lines x JOIN sales_orders o ON o.tenant_id = x.tenant_id AND o.id = x.order_id
      WHERE x.tenant_id = ${tenantId}::uuid AND x.order_id = ANY(${orderIds}::uuid[])
    ) a
    WHERE l.tenant_id = ${tenantId}::uuid ${pinnedToIds("l.order_id", orderIds)} AND l.id = a.id
    RETURNING l.warehouse_id::text, l.product_id::text`;
  return sortedKeys(rows.map((r) => ({ warehouseId: r.warehouse_id, productId: r.product_id })));
}

function toEngineInput(policy: AllocationPolicy, state: Awaited<ReturnType<typeof loadEngineState>>): EngineInput {
  const orders = new Map<string, EngineOrder>();
  const lines: EngineLine[] = [];
  for (const l of state.lines) {
    if (!orders.has(l.orderId)) orders.set(l.orderId, engineOrder(l));
    lines.push({
      id: l.id,
      orderId: l.orderId,
      warehouseId: l.warehouseId,
      productId: l.productId,
      remaining: l.remaining,
      hardAllocated: l.hardAllocated,
      ...(l.kitId === undefined ? {} : { kitId: l.kitId, perKit: l.perKit ?? 1 }),
    });
  }
  return { policy, orders: [...orders.values()], lines, stock: state.stock, incoming: state.incoming, preorders: state.preorders };
}

/** The order as the engine ranks it, from the rank keys copied on its line. Inactive lines (held orders) only keep their hard allocation. */
function engineOrder(l: LoadedLine): EngineOrder {
  return { id: l.orderId, status: l.isActive ? "open" : "on_hold", priority: l.rankPriority, shipBy: l.rankShipBy, orderDate: l.rankOrderDate };
}
