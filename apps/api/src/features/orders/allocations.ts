// Hard allocation ("hold for one complete shipment", staging): set stock aside for lines
// explicitly. Units come only from the line's own current allocation or from free stock at
// the key (on hand − everything allocated there), so another line's hard or soft units are
// never taken; then the engine re-ranks the key in the same transaction.
import type { TOrderDetail } from "@bod/contracts/orders";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { keyString, recordStockMovements, type MovementInput } from "../stock/ledger.ts";
// The container rule (one order per container, one container per order) lives with staging.
import { lockContainerForOrder } from "../staging/places.ts";
import { readOrderDetail } from "./detail.ts";
import { addOrderEvent, bumpVersion, lockOrder, requireOpen, settleOrders } from "./write.ts";

/**
 * The staging place, checked to be in the order's warehouse; a container implies its location,
 * is locked, and must hold no other order (and the order no other container).
 */
async function resolvePlace(tx: Tx, tenantId: string, order: { id: string; number: string; warehouseId: string }, input: { locationId?: string; containerId?: string }) {
  const warehouseId = order.warehouseId;
  let locationId = input.locationId ?? null;
  let containerCode: string | null = null;
  if (input.containerId) {
    const container = await lockContainerForOrder(tx, tenantId, order, { containerId: input.containerId });
    if (locationId && locationId !== container.locationId) throw new AppError("rule_violation", "The container is on another location");
    locationId = container.locationId;
    containerCode = container.code;
  }
  if (locationId) {
    const location = await tx.location.findUnique({ where: { tenantId_id: { tenantId, id: locationId } }, select: { warehouseId: true } });
    if (!location) throw new AppError("not_found", "Location not found", [{ path: "locationId", message: "No such location" }]);
    if (location.warehouseId !== warehouseId) throw new AppError("rule_violation", "The location is in another warehouse than the order");
  }
  return { locationId, containerId: input.containerId ?? null, containerCode };
}

export function allocateOrderLines(
  ctx: RequestContext,
  orderId: string,
  input: { lines: { lineId: string; quantity: number }[]; locationId?: string; containerId?: string; version?: number },
): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { order, lines, stock } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireOpen(order, "allocate stock to");
    const { containerCode, ...place } = await resolvePlace(tx, tenantId, order, input);
    const done: { lineId: string; sku: string; quantity: number }[] = [];
    const movements: MovementInput[] = [];
    for (const [i, want] of input.lines.entries()) {
      const line = lines.find((l) => l.id === want.lineId);
      if (!line) throw new AppError("not_found", "Order line not found", [{ path: `lines.${i}.lineId`, message: "No such line on this order" }]);
      if (line.hard + want.quantity > line.remaining) {
        throw new AppError("rule_violation", `Line ${line.lineNo} (${line.sku}) has ${line.remaining - line.hard} unit(s) left to allocate`, { lineId: line.id, requested: want.quantity });
      }
      // Stock levels were read after the key locks: nobody else can allocate here until we commit.
      const level = stock.get(keyString(line)) ?? { onHand: 0, allocated: 0 };
      const available = line.allocated - line.hard + (level.onHand - level.allocated);
      if (want.quantity > available) {
        throw new AppError("insufficient_stock", `Only ${available} unit(s) of ${line.sku} can be set aside for this line`, { lineId: line.id, sku: line.sku, requested: want.quantity, available });
      }
      await tx.allocation.create({ data: { tenantId, lineId: line.id, quantity: want.quantity, locationId: place.locationId, containerId: place.containerId, createdBy: ctx.userId } });
      const newHard = line.hard + want.quantity;
      const grown = Math.max(0, newHard - line.allocated); // units taken from free stock
      await tx.$executeRaw`UPDATE sales_order_lines SET quantity_hard_allocated = ${newHard}, quantity_allocated = GREATEST(quantity_allocated, ${newHard})
        WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
      level.allocated += grown;
      line.allocated = Math.max(line.allocated, newHard);
      line.hard = newHard;
      done.push({ lineId: line.id, sku: line.sku, quantity: want.quantity });
      if (place.containerId) {
        // Into a container: the units move there through the ledger (docs/decisions/005).
        const move = { warehouseId: line.warehouseId, productId: line.productId, kind: "transfer" as const, reason: `Set aside for ${order.number} in container ${containerCode}`, causeType: "staging", causeId: order.id, toLocationId: place.locationId, containerId: place.containerId };
        movements.push({ ...move, quantity: -want.quantity }, { ...move, quantity: want.quantity });
      }
    }
    await recordStockMovements(tx, ctx, movements);
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "allocated", `Set aside ${done.map((d) => `${d.quantity} × ${d.sku}`).join(", ")}`, { lines: done, ...place });
    return readOrderDetail(tx, ctx, orderId);
  });
}

export function releaseAllocation(ctx: RequestContext, orderId: string, allocationId: string): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { lines } = await lockOrder(tx, ctx, orderId);
    const rows = await tx.$queryRaw<{ line_id: string; quantity: number; location_id: string | null; container_id: string | null }[]>`
      SELECT line_id::text, quantity, location_id::text, container_id::text FROM allocations WHERE tenant_id = ${tenantId}::uuid AND id = ${allocationId}::uuid FOR UPDATE`;
    const line = rows[0] && lines.find((l) => l.id === rows[0]!.line_id);
    if (!rows[0] || !line) throw notFound("Allocation");
    if (rows[0].container_id) {
      // Out of the container through the ledger (to an unnamed pick location; unstaging names one).
      const move = { warehouseId: line.warehouseId, productId: line.productId, kind: "transfer" as const, reason: "Released from a container", causeType: "unstage", causeId: orderId, fromLocationId: rows[0].location_id, containerId: rows[0].container_id };
      await recordStockMovements(tx, ctx, [{ ...move, quantity: -rows[0].quantity }, { ...move, quantity: rows[0].quantity }]);
    }
    await tx.$executeRaw`DELETE FROM allocations WHERE tenant_id = ${tenantId}::uuid AND id = ${allocationId}::uuid`;
    await tx.$executeRaw`UPDATE sales_order_lines SET quantity_hard_allocated = GREATEST(0, quantity_hard_allocated - ${rows[0].quantity})
      WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "deallocated", `Released ${rows[0].quantity} × ${line.sku} set aside`, { allocationId, lineId: line.id, quantity: rows[0].quantity });
    return readOrderDetail(tx, ctx, orderId);
  });
}
