// Manual stock changes: adjustments and counts. Both lock the key, append to the ledger,
// and let the engine recompute the orders that wait on that key, in one transaction.
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
    const levels = await lockStockKeys(tx, ctx.tenantId, [key]);
    const onHand = levels.get(`${key.warehouseId}|${key.productId}`)?.onHand ?? 0;
    const difference = input.countedQuantity - onHand;
    return changeStock(tx, ctx, key, difference === 0 ? undefined : { kind: "count", quantity: difference, reason: input.reason ?? `Counted ${input.countedQuantity}` });
  });
}
