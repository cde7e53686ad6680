// Manual stock changes: adjustments and counts (one by the endpoint, many by a stock counts
// import: applyStockCounts). Each locks the keys, appends to the ledger, and lets the engine
// recompute the orders that wait on those keys, in one transaction.
import type { TPage } from "@bod/contracts/common";
import type { TStockAdjustmentRequest, TStockChangeResponse, TStockCountRequest, TStockLevel, TStockListQuery, TStockMovement, TStockMovementListQuery } from "@bod/contracts/stock";
import { inTenant, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { recomputeAfterIncrease } from "../allocation/increase.ts";
import { recomputeKeys } from "../allocation/recompute.ts";
import { lockStockKeys, recordStockMovements, type MovementInput, type StockKey } from "./ledger.ts";
import { queryStockLevels, queryStockMovements, readStockLevel, readStockMovement } from "./queries.ts";

export function listStockLevels(ctx: RequestContext, query: TStockListQuery): Promise<TPage<TStockLevel>> {
  return inTenant(ctx, (tx) => queryStockLevels(tx, ctx.tenantId, query));
}

export function listStockMovements(ctx: RequestContext, query: TStockMovementListQuery): Promise<TPage<TStockMovement>> {
  return inTenant(ctx, (tx) => queryStockMovements(tx, ctx.tenantId, query));
}

/** Both ends of the key must be the tenant's own: another tenant's id reads as unknown (404). */
async function checkKey(tx: Tx, tenantId: string, key: StockKey) {
  const warehouse = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: key.warehouseId } }, select: { id: true } });
  if (!warehouse) throw notFound("Warehouse");
  const product = await tx.product.findUnique({ where: { tenantId_id: { tenantId, id: key.productId } }, select: { id: true } });
  if (!product) throw notFound("Product");
}

async function changeStock(tx: Tx, ctx: RequestContext, key: StockKey, movement: Omit<MovementInput, keyof StockKey> | undefined): Promise<TStockChangeResponse> {
  const recorded = movement ? await recordStockMovements(tx, ctx, [{ ...key, ...movement }]) : [];
  // More stock reaches only the first waiting lines; less can take units back from anyone at the key.
  if (movement && movement.quantity > 0) await recomputeAfterIncrease(tx, ctx.tenantId, [{ ...key, quantity: movement.quantity }]);
  else await recomputeKeys(tx, ctx.tenantId, [key]);
  return {
    movement: recorded[0] ? await readStockMovement(tx, ctx.tenantId, recorded[0].id) : null,
    level: await readStockLevel(tx, ctx.tenantId, key),
  };
}

export function adjustStock(ctx: RequestContext, input: TStockAdjustmentRequest): Promise<TStockChangeResponse> {
  const key = { warehouseId: input.warehouseId, productId: input.productId };
  return inTenant(ctx, async (tx) => {
    await checkKey(tx, ctx.tenantId, key);
    await lockStockKeys(tx, ctx.tenantId, [key]);
    return changeStock(tx, ctx, key, { kind: "adjustment", quantity: input.quantity, reason: input.reason });
  });
}

/** Records the difference between the count and on hand as a `count` movement; none when they agree. */
export function countStock(ctx: RequestContext, input: TStockCountRequest): Promise<TStockChangeResponse> {
  const key = { warehouseId: input.warehouseId, productId: input.productId };
  return inTenant(ctx, async (tx) => {
    await checkKey(tx, ctx.tenantId, key);
    const [recorded] = await applyStockCounts(tx, ctx, [{ ...key, countedQuantity: input.countedQuantity, reason: input.reason }]);
    return {
      movement: recorded?.movementId ? await readStockMovement(tx, ctx.tenantId, recorded.movementId) : null,
      level: await readStockLevel(tx, ctx.tenantId, key),
    };
  });
}

export interface StockCount extends StockKey {
  countedQuantity: number;
  reason?: string | null;
  causeType?: string | null;
  causeId?: string | null;
}

/**
 * Counts of several keys in the caller's transaction (the count endpoint's one, an import's
 * many): locks the keys, appends a `count` movement for each difference to on hand, and lets
 * the engine recompute the keys. Keys must be the tenant's own and appear once each.
 * Returns, per count, the difference recorded (0: none) and its movement.
 */
export async function applyStockCounts(tx: Tx, ctx: { tenantId: string; userId?: string | null }, counts: StockCount[], onPhase?: (phase: string) => void): Promise<{ key: StockKey; difference: number; movementId: string | null }[]> {
  const keys = counts.map((c) => ({ warehouseId: c.warehouseId, productId: c.productId }));
  const levels = await lockStockKeys(tx, ctx.tenantId, keys);
  const changes = counts.map((c) => ({ count: c, difference: c.countedQuantity - (levels.get(`${c.warehouseId}|${c.productId}`)?.onHand ?? 0) }));
  const moving = changes.filter((c) => c.difference !== 0);
  onPhase?.(`Recording ${moving.length} count movement(s)`);
  const recorded = await recordStockMovements(
    tx,
    ctx,
    moving.map(({ count: c, difference }) => ({
      warehouseId: c.warehouseId,
      productId: c.productId,
      kind: "count" as const,
      quantity: difference,
      reason: c.reason ?? `Counted ${c.countedQuantity}`,
      causeType: c.causeType ?? null,
      causeId: c.causeId ?? null,
    })),
  );
  onPhase?.(`Recomputing allocations for ${keys.length} key(s)`);
  // More stock reaches only the first waiting lines; less can take units back from anyone at the key.
  if (moving.length > 0 && moving.every((c) => c.difference > 0)) await recomputeAfterIncrease(tx, ctx.tenantId, moving.map(({ count: c, difference }) => ({ warehouseId: c.warehouseId, productId: c.productId, quantity: difference })));
  else await recomputeKeys(tx, ctx.tenantId, keys);
  const movementOf = new Map(recorded.map((m) => [`${m.warehouseId}|${m.productId}`, m.id]));
  return changes.map(({ count: c, difference }) => ({ key: { warehouseId: c.warehouseId, productId: c.productId }, difference, movementId: movementOf.get(`${c.warehouseId}|${c.productId}`) ?? null }));
}
