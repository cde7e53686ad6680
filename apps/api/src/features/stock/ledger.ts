// The only way stock moves: append to the ledger (stock_movements) and update the cached
// level in the same transaction. Callers lock the keys first (lockStockKeys) and, after
// all their changes, let the engine recompute (recomputeKeys).
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { INT4_MAX } from "@bod/contracts/common";
import { shareCompanyLock } from "../allocation/company-lock.ts";
import { engineScope } from "../allocation/scope.ts";
import { keyString, sortedKeys, type StockKey } from "./keys.ts";

export { keyString, sortedKeys, type StockKey };

export interface MovementInput extends StockKey {
  kind: "receipt" | "shipment" | "adjustment" | "count" | "transfer" | "scan_deduction";
  /** Signed: + into stock, − out of stock; never 0. */
  quantity: number;
  reason?: string | null;
  causeType?: string | null;
  causeId?: string | null;
  /** Transfers (staging): where units left, where they arrived, the container involved. */
  fromLocationId?: string | null;
  toLocationId?: string | null;
  containerId?: string | null;
}

export interface RecordedMovement extends StockKey {
  id: string;
  kind: MovementInput["kind"];
  quantity: number;
}

const locked = new WeakMap<Tx, Set<string>>();

/** The keys this transaction has locked through lockStockKeys. */
export function lockedKeys(tx: Tx): Set<string> {
  let set = locked.get(tx);
  if (!set) locked.set(tx, (set = new Set()));
  return set;
}

/**
 * Creates missing stock-level rows and locks the rows of `keys` — and of the keys a change
 * there makes the engine recompute (allocation/scope.ts) — (SELECT ... FOR UPDATE) in the fixed
 * order. Two writers on the same SKU serialize here; on different SKUs they do not block.
 * Returns on-hand and allocated per key.
 */
export async function lockStockKeys(tx: Tx, tenantId: string, keys: Iterable<StockKey>): Promise<Map<string, { onHand: number; allocated: number }>> {
  // First the company's lock, shared: no policy change or whole-company recompute runs until this
  // transaction ends, so the scope below is computed under the policy the engine will use (decision 012).
  await shareCompanyLock(tx, tenantId);
  // With the keys the engine will have to recompute with them (allocation/scope.ts), so every lock is taken here, in order.
  const { keys: sorted } = await engineScope(tx, tenantId, keys);
  const held = lockedKeys(tx);
  for (const k of sorted) held.add(keyString(k));
  const result = new Map<string, { onHand: number; allocated: number }>();
  if (sorted.length === 0) return result;
  const warehouseIds = sorted.map((k) => k.warehouseId);
  const productIds = sorted.map((k) => k.productId);
  // Only keys without a row: the unique check of an insert that conflicts waits for whoever updated
  // that row and has not committed, a wait outside the fixed order below.
  await tx.$executeRaw`
    INSERT INTO stock_levels (tenant_id, warehouse_id, product_id)
    SELECT ${tenantId}::uuid, w, p FROM unnest(${warehouseIds}::uuid[], ${productIds}::uuid[]) AS k(w, p)
    WHERE NOT EXISTS (SELECT 1 FROM stock_levels s WHERE s.tenant_id = ${tenantId}::uuid AND s.warehouse_id = k.w AND s.product_id = k.p)
    ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<{ warehouse_id: string; product_id: string; on_hand: number; allocated: number }[]>`
    SELECT s.warehouse_id::text, s.product_id::text, s.on_hand, s.allocated
    FROM stock_levels s
    JOIN unnest(${warehouseIds}::uuid[], ${productIds}::uuid[]) AS k(w, p) ON s.warehouse_id = k.w AND s.product_id = k.p
    WHERE s.tenant_id = ${tenantId}::uuid
    ORDER BY s.warehouse_id, s.product_id
    FOR UPDATE OF s`;
  for (const r of rows) result.set(`${r.warehouse_id}|${r.product_id}`, { onHand: r.on_hand, allocated: r.allocated });
  return result;
}

/**
 * Appends movements and moves the cached on-hand by the same amounts. Taking more than is
 * on hand is refused (409 insufficient_stock) and, the transaction failing, changes nothing.
 * The caller must have locked the keys. `allocated` is clamped to the new on-hand until
 * the engine recomputes the key in the same transaction. Returns the new movements, in input order.
 */
export async function recordStockMovements(tx: Tx, scope: { tenantId: string; userId?: string | null }, movements: MovementInput[]): Promise<RecordedMovement[]> {
  if (movements.length === 0) return [];
  for (const m of movements) {
    if (!Number.isInteger(m.quantity) || m.quantity === 0) throw new AppError("invalid_input", "A stock movement needs a whole, non-zero quantity");
  }
  const created = await tx.stockMovement.createManyAndReturn({
    select: { id: true, warehouseId: true, productId: true, kind: true, quantity: true },
    data: movements.map((m) => ({
      tenantId: scope.tenantId,
      warehouseId: m.warehouseId,
      productId: m.productId,
      kind: m.kind,
      quantity: m.quantity,
      reason: m.reason ?? null,
      causeType: m.causeType ?? null,
      causeId: m.causeId ?? null,
      fromLocationId: m.fromLocationId ?? null,
      toLocationId: m.toLocationId ?? null,
      containerId: m.containerId ?? null,
      createdBy: scope.userId ?? null,
    })),
  });
  const delta = new Map<string, number>();
  for (const m of movements) delta.set(keyString(m), (delta.get(keyString(m)) ?? 0) + m.quantity);
  for (const [key, change] of delta) {
    const [warehouseId, productId] = key.split("|") as [string, string];
    const updated = await tx.$queryRaw<{ on_hand: number }[]>`
      UPDATE stock_levels SET on_hand = on_hand + ${change}::bigint, allocated = LEAST(allocated, on_hand + ${change}::bigint), updated_at = now()
      WHERE tenant_id = ${scope.tenantId}::uuid AND warehouse_id = ${warehouseId}::uuid AND product_id = ${productId}::uuid
        AND on_hand + ${change}::bigint BETWEEN 0 AND ${INT4_MAX}
      RETURNING on_hand`;
    if (updated.length === 0) {
      if (change > 0) throw new AppError("rule_violation", `On hand would pass ${INT4_MAX.toLocaleString("en")}, the most one stock level counts`, { warehouseId, productId, change });
      throw new AppError("insufficient_stock", "Not enough stock on hand for this change", { warehouseId, productId, change });
    }
    if (change < 0) {
      // Units set aside for orders (hard allocations) are not free to take: the engine counts
      // them first, so on hand below them would promise more than there is. A shipment
      // consumes its own hard allocation before it records its movements.
      const [hard] = await tx.$queryRaw<{ total: number }[]>`
        SELECT coalesce(sum(quantity_hard_allocated), 0)::int AS total FROM sales_order_lines
        WHERE tenant_id = ${scope.tenantId}::uuid AND warehouse_id = ${warehouseId}::uuid AND product_id = ${productId}::uuid AND quantity_hard_allocated > 0`;
      if (hard!.total > updated[0]!.on_hand) {
        throw new AppError("insufficient_stock", `${hard!.total} unit(s) here are set aside for orders; release them before taking stock below that`, {
          warehouseId,
          productId,
          change,
          hardAllocated: hard!.total,
        });
      }
    }
  }
  return created;
}
