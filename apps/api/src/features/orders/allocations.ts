// Hard allocation ("hold for one complete shipment", staging): set stock aside for lines
// explicitly. Units come only from the line's own current allocation or from free stock at
// the key (on hand − everything allocated there), so another line's hard or soft units are
// never taken; then the engine re-ranks the key in the same transaction.
import type { TOrderDetail } from "@bod/contracts/orders";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { keyString } from "../stock/ledger.ts";
import { readOrderDetail } from "./detail.ts";
import { addOrderEvent, bumpVersion, lockOrder, requireOpen, settleOrders } from "./write.ts";

/** The staging place, checked to be in the order's warehouse; a container implies its location. */
async function resolvePlace(tx: Tx, tenantId: string, warehouseId: string, input: { locationId?: string; containerId?: string }) {
  let locationId = input.locationId ?? null;
  if (input.containerId) {
    const container = await tx.container.findUnique({ where: { tenantId_id: { tenantId, id: input.containerId } }, select: { locationId: true } });
    if (!container) throw new AppError("not_found", "Container not found", [{ path: "containerId", message: "No such container" }]);
    if (locationId && locationId !== container.locationId) throw new AppError("rule_violation", "The container is on another location");
    locationId = container.locationId;
  }
  if (locationId) {
    const location = await tx.location.findUnique({ where: { tenantId_id: { tenantId, id: locationId } }, select: { warehouseId: true } });
    if (!location) throw new AppError("not_found", "Location not found", [{ path: "locationId", message: "No such location" }]);
    if (location.warehouseId !== warehouseId) throw new AppError("rule_violation", "The location is in another warehouse than the order");
  }
  return { locationId, containerId: input.containerId ?? null };
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
    const place = await resolvePlace(tx, tenantId, order.warehouseId, input);
    const done: { lineId: string; sku: string; quantity: number }[] = [];
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
    }
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "allocated", `Set aside ${done.map((d) => `${d.quantity} × ${d.sku}`).join(", ")}`, { lines: done, ...place });
    return readOrderDetail(tx, tenantId, orderId);
  });
}

export function releaseAllocation(ctx: RequestContext, orderId: string, allocationId: string): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { lines } = await lockOrder(tx, ctx, orderId);
    const rows = await tx.$queryRaw<{ line_id: string; quantity: number }[]>`
      SELECT line_id::text, quantity FROM allocations WHERE tenant_id = ${tenantId}::uuid AND id = ${allocationId}::uuid FOR UPDATE`;
    const line = rows[0] && lines.find((l) => l.id === rows[0]!.line_id);
    if (!rows[0] || !line) throw notFound("Allocation");
    await tx.$executeRaw`DELETE FROM allocations WHERE tenant_id = ${tenantId}::uuid AND id = ${allocationId}::uuid`;
    await tx.$executeRaw`UPDATE sales_order_lines SET quantity_hard_allocated = GREATEST(0, quantity_hard_allocated - ${rows[0].quantity})
      WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "deallocated", `Released ${rows[0].quantity} × ${line.sku} set aside`, { allocationId, lineId: line.id, quantity: rows[0].quantity });
    return readOrderDetail(tx, tenantId, orderId);
  });
}
