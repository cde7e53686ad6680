// After stock grows at a key (a receipt), hand the new units out reading only the lines the
// increase can affect: under strict_priority that is a prefix of the key's short lines in rank
// order, as long as packages/domain/increase-window.ts says (its property test checks the
// bound against full recomputes). Keys the bound does not cover — complete_orders_first,
// preorder products (restocks are shared across warehouses), keys where kit components wait
// (a kit takes units at several keys together), a key increased twice in one call — take the
// full recompute. Callers lock the keys and record the ledger movements first.
import { computeFulfillability } from "@bod/domain/fulfillability";
import { increaseWindowEnd, windowComplete, windowEngineInput, type WindowLine } from "@bod/domain/increase-window";
import type { Tx } from "../../db/client.ts";
import { keyString, sortedKeys, type StockKey } from "../stock/ledger.ts";
import { loadIncoming } from "./load.ts";
import { recomputeKeys, summarizeOrders, writeLineResults, type RecomputeOutcome } from "./recompute.ts";
import { scopeFacts } from "./scope.ts";

export interface StockIncrease extends StockKey {
  quantity: number;
  /** The purchase-order line the units were received against, with its open quantity before the receipt. */
  supply?: { id: string; openBefore: number };
}

const FIRST_BATCH = 64;
const MAX_BATCH = 4096;

export async function recomputeAfterIncrease(tx: Tx, tenantId: string, increases: StockIncrease[]): Promise<RecomputeOutcome> {
  const keys = sortedKeys(increases);
  if (keys.length === 0) return { changed: [], linesWritten: 0 };
  const { policy, preorders: preorder, kitKeys } = await scopeFacts(tx, tenantId, keys);
  if (policy !== "strict_priority") return recomputeKeys(tx, tenantId, keys);

  const count = new Map<string, number>();
  for (const i of increases) count.set(keyString(i), (count.get(keyString(i)) ?? 0) + 1);
  const whole: StockKey[] = [];
  const outcome: RecomputeOutcome = { changed: [], linesWritten: 0 };
  for (const increase of increases) {
    if (count.get(keyString(increase))! > 1 || preorder.has(increase.productId) || kitKeys.has(keyString(increase))) {
      whole.push(increase);
      continue;
    }
    const part = await recomputeWindow(tx, tenantId, increase);
    outcome.changed.push(...part.changed);
    outcome.linesWritten += part.linesWritten;
  }
  if (whole.length) {
    const part = await recomputeKeys(tx, tenantId, whole);
    outcome.changed.push(...part.changed);
    outcome.linesWritten += part.linesWritten;
  }
  return outcome;
}

interface ShortLineRow {
  id: string;
  order_id: string;
  remaining: number;
  hard: number;
  allocated: number;
  projected_date: Date | null;
  rank_priority: number;
  rank_ship_by: Date | null;
  rank_order_date: Date;
}

async function recomputeWindow(tx: Tx, tenantId: string, increase: StockIncrease): Promise<RecomputeOutcome> {
  const { warehouseId, productId } = increase;
  const [level] = await tx.$queryRaw<{ on_hand: number; allocated: number }[]>`
    SELECT on_hand, allocated FROM stock_levels WHERE tenant_id = ${tenantId}::uuid AND warehouse_id = ${warehouseId}::uuid AND product_id = ${productId}::uuid`;
  if (!level) return { changed: [], linesWritten: 0 };
  const supplies = await loadIncoming(tx, tenantId, { keys: [{ warehouseId, productId }] });
  let received: Parameters<typeof increaseWindowEnd>[2] = null;
  if (increase.supply) {
    const [from] = await tx.$queryRaw<{ expected_date: Date | null }[]>`
      SELECT po.expected_date FROM purchase_order_lines pol JOIN purchase_orders po ON po.tenant_id = pol.tenant_id AND po.id = pol.purchase_order_id
      WHERE pol.tenant_id = ${tenantId}::uuid AND pol.id = ${increase.supply.id}::uuid`;
    if (from) received = { supplyId: increase.supply.id, expectedDate: from.expected_date?.getTime() ?? null, withinOpen: increase.quantity <= increase.supply.openBefore };
  }
  const end = increaseWindowEnd(level.on_hand - level.allocated, supplies, received);
  const linkedIds = [...new Set(supplies.flatMap((s) => s.links.filter((l) => l.quantity > 0).map((l) => l.lineId)))];
  const linkedShort = new Set(
    linkedIds.length
      ? (
          await tx.$queryRaw<{ id: string }[]>`
            SELECT id::text FROM sales_order_lines WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${linkedIds}::uuid[])
              AND warehouse_id = ${warehouseId}::uuid AND product_id = ${productId}::uuid
              AND is_active AND quantity_allocated < quantity_ordered - quantity_shipped - quantity_cancelled`
        ).map((r) => r.id)
      : [],
  );

  // The key's short lines in rank order (sales_order_lines_short_idx), in growing batches, until the window is complete.
  const window: WindowLine[] = [];
  const stored = new Map<string, ShortLineRow>();
  let batch = FIRST_BATCH;
  for (;;) {
    const rows = await tx.$queryRaw<ShortLineRow[]>`
      SELECT id::text, order_id::text, quantity_ordered - quantity_shipped - quantity_cancelled AS remaining,
        quantity_hard_allocated AS hard, quantity_allocated AS allocated, projected_date, rank_priority, rank_ship_by, rank_order_date
      FROM sales_order_lines
      WHERE tenant_id = ${tenantId}::uuid AND warehouse_id = ${warehouseId}::uuid AND product_id = ${productId}::uuid
        AND is_active AND quantity_allocated < quantity_ordered - quantity_shipped - quantity_cancelled
      ORDER BY rank_priority DESC, rank_ship_by, rank_order_date, order_id, id
      LIMIT ${batch} OFFSET ${window.length}`;
    for (const r of rows) {
      stored.set(r.id, r);
      window.push({
        line: { id: r.id, orderId: r.order_id, warehouseId, productId, remaining: r.remaining, hardAllocated: Math.min(r.hard, r.remaining) },
        order: { id: r.order_id, status: "open", priority: r.rank_priority, shipBy: r.rank_ship_by?.getTime() ?? null, orderDate: r.rank_order_date.getTime() },
        allocatedBefore: r.allocated,
      });
    }
    if (rows.length < batch || windowComplete(window, end, linkedShort)) break;
    batch = Math.min(batch * 4, MAX_BATCH);
  }
  if (window.length === 0) return { changed: [], linesWritten: 0 };

  const result = computeFulfillability(
    windowEngineInput({ warehouseId, productId, onHandAfter: level.on_hand, allocatedBefore: level.allocated, window, suppliesAfter: supplies }),
  );
  const changed: { id: string; orderId: string; allocated: number; projected: Date | null }[] = [];
  let delta = 0;
  const newAllocated = new Map<string, number>();
  for (const w of window) {
    const r = result.lines.get(w.line.id)!;
    const before = stored.get(w.line.id)!;
    newAllocated.set(w.line.id, r.allocated);
    if (r.allocated !== before.allocated || r.projectedDate !== (before.projected_date?.getTime() ?? null)) {
      changed.push({ id: w.line.id, orderId: w.line.orderId, allocated: r.allocated, projected: r.projectedDate === null ? null : new Date(r.projectedDate) });
      delta += r.allocated - before.allocated;
    }
  }
  await writeLineResults(tx, tenantId, changed);
  if (delta !== 0) {
    await tx.$executeRaw`UPDATE stock_levels SET allocated = allocated + ${delta}
      WHERE tenant_id = ${tenantId}::uuid AND warehouse_id = ${warehouseId}::uuid AND product_id = ${productId}::uuid`;
  }
  const orderIds = [...new Set(changed.map((c) => c.orderId))];
  return { changed: await summarizeOrders(tx, tenantId, orderIds, newAllocated, result.lines), linesWritten: changed.length };
}
