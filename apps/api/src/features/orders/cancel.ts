// Undoing demand: cancel an order's remaining quantities, cancel part of a line (oversold by
// accident), and exchange units of a line for another product; with refunds. All through the
// write-path recipe, so released stock goes to the next orders in rank in the same transaction.
import type { TOrderDetail } from "@bod/contracts/orders";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { readOrderDetail } from "./detail.ts";
import { addOrderEvent, bumpVersion, lockOrder, requireOpen, settleOrders, statusWhenDone, trimHardAllocation, type LockedLine } from "./write.ts";

/** Cancels `quantity` remaining units of a line; its allocation shrinks with it (hard allocation rows too). */
async function cancelUnits(tx: Tx, tenantId: string, line: LockedLine, quantity: number) {
  const remaining = line.remaining - quantity;
  if (line.hard > remaining) await trimHardAllocation(tx, tenantId, line.id, remaining);
  await tx.$executeRaw`UPDATE sales_order_lines SET quantity_cancelled = quantity_cancelled + ${quantity}, quantity_allocated = LEAST(quantity_allocated, ${remaining})
    WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
  line.cancelled += quantity;
  line.remaining = remaining;
}

async function refund(tx: Tx, ctx: RequestContext, orderId: string, amountCents: number | undefined, reason: string) {
  if (!amountCents) return;
  await tx.refund.create({ data: { tenantId: ctx.tenantId, orderId, amountCents, reason, createdBy: ctx.userId } });
  await addOrderEvent(tx, ctx, orderId, "refunded", `Refunded ${(amountCents / 100).toFixed(2)}: ${reason}`, { amountCents, reason });
}

export function cancelOrder(ctx: RequestContext, orderId: string, input: { reason: string; refundCents?: number; version?: number }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireOpen(order, "cancel");
    const cancelled: { sku: string; quantity: number }[] = [];
    for (const line of lines) {
      if (line.remaining === 0) continue;
      cancelled.push({ sku: line.sku, quantity: line.remaining });
      await cancelUnits(tx, ctx.tenantId, line, line.remaining);
    }
    const status = statusWhenDone(lines)!;
    await bumpVersion(tx, ctx.tenantId, orderId, { status });
    await settleOrders(tx, ctx.tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "cancelled", `Cancelled${status === "shipped" ? " what had not shipped" : ""}: ${input.reason}`, { reason: input.reason, lines: cancelled, status });
    await refund(tx, ctx, orderId, input.refundCents, input.reason);
    return readOrderDetail(tx, ctx.tenantId, orderId);
  });
}

export function cancelOrderLine(ctx: RequestContext, orderId: string, lineId: string, input: { quantity: number; reason: string; refundCents?: number; version?: number }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    const line = lines.find((l) => l.id === lineId);
    if (!line) throw notFound("Order line");
    requireOpen(order, "cancel lines of");
    if (input.quantity > line.remaining) {
      throw new AppError("rule_violation", `Only ${line.remaining} unit(s) of ${line.sku} remain to cancel`, { lineId, remaining: line.remaining, requested: input.quantity });
    }
    await cancelUnits(tx, ctx.tenantId, line, input.quantity);
    const status = statusWhenDone(lines);
    await bumpVersion(tx, ctx.tenantId, orderId, status ? { status } : {});
    await settleOrders(tx, ctx.tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "cancelled", `Cancelled ${input.quantity} × ${line.sku}: ${input.reason}`, { lineId, sku: line.sku, quantity: input.quantity, reason: input.reason });
    await refund(tx, ctx, orderId, input.refundCents, input.reason);
    return readOrderDetail(tx, ctx.tenantId, orderId);
  });
}

/**
 * Swaps `quantity` units of a line for another product: those units are cancelled on the old
 * line and ordered on a line of the new product (a new one at the old line's price unless
 * given, or the order's existing line of that product).
 */
export function exchangeLine(
  ctx: RequestContext,
  orderId: string,
  input: { lineId: string; quantity: number; newProductId: string; unitPriceCents?: number; reason: string; version?: number },
): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const head = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId, id: orderId } }, select: { warehouseId: true, orderDate: true } });
    if (!head) throw notFound("Order");
    const product = await tx.product.findUnique({ where: { tenantId_id: { tenantId, id: input.newProductId } }, select: { id: true, sku: true } });
    if (!product) throw new AppError("not_found", "Product not found", [{ path: "newProductId", message: "No such product" }]);
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version, extraKeys: [{ warehouseId: head.warehouseId, productId: product.id }] });
    const line = lines.find((l) => l.id === input.lineId);
    if (!line) throw new AppError("not_found", "Order line not found", [{ path: "lineId", message: "No such line on this order" }]);
    requireOpen(order, "exchange lines of");
    if (line.productId === product.id) throw new AppError("rule_violation", "The new product is the line's own product");
    if (input.quantity > line.remaining) {
      throw new AppError("rule_violation", `Only ${line.remaining} unit(s) of ${line.sku} remain to exchange`, { lineId: line.id, remaining: line.remaining, requested: input.quantity });
    }
    const price = input.unitPriceCents ?? line.unitPriceCents;
    await cancelUnits(tx, tenantId, line, input.quantity);
    const existing = lines.find((l) => l.productId === product.id);
    let newLineId: string;
    if (existing) {
      if (existing.unitPriceCents !== price) throw new AppError("rule_violation", `${product.sku} is already on this order at another price: give its price or edit that line`);
      await tx.$executeRaw`UPDATE sales_order_lines SET quantity_ordered = quantity_ordered + ${input.quantity} WHERE tenant_id = ${tenantId}::uuid AND id = ${existing.id}::uuid`;
      newLineId = existing.id;
    } else {
      const created = await tx.salesOrderLine.create({
        data: {
          tenantId,
          orderId,
          lineNo: Math.max(...lines.map((l) => l.lineNo)) + 1,
          productId: product.id,
          warehouseId: line.warehouseId,
          quantityOrdered: input.quantity,
          unitPriceCents: price,
          rankOrderDate: head.orderDate,
        },
        select: { id: true },
      });
      newLineId = created.id;
    }
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "exchanged", `Exchanged ${input.quantity} × ${line.sku} for ${product.sku}: ${input.reason}`, {
      fromLineId: line.id,
      toLineId: newLineId,
      quantity: input.quantity,
      fromSku: line.sku,
      toSku: product.sku,
      unitPriceCents: price,
      reason: input.reason,
    });
    return readOrderDetail(tx, tenantId, orderId);
  });
}
