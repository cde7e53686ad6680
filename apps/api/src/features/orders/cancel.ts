// Undoing demand: cancel an order's remaining quantities, cancel part of a line (oversold by
// accident), and exchange units of a line for another product; with refunds. All through the
// write-path recipe, so released stock goes to the next orders in rank in the same transaction,
// and each change tells the channel through the outbox. The guided oversell choices
// (oversell.ts) are built from the same steps.
import type { TOrderDetail } from "@bod/contracts/orders";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { enqueueOutboxEvent } from "../outbox/enqueue.ts";
import { readOrderDetail } from "./detail.ts";
import { recordRefund } from "./refunds.ts";
import { addOrderEvent, bumpVersion, lockOrder, requireOpen, settleOrders, statusWhenDone, trimHardAllocation, type LockedLine, type LockedOrder } from "./write.ts";

export const ORDER_CANCELLED = "order.cancelled";
export const ORDER_UNITS_CANCELLED = "order.units_cancelled";
export const ORDER_LINE_EXCHANGED = "order.line_exchanged";

/**
 * Cancels `quantity` remaining units of a line; its allocation shrinks with it (hard allocation rows too, staged units put back by `userId`).
 * A kit's component is cancelled only with the whole order (`wholeOrder`): one component alone would leave its kit without it.
 */
export async function cancelUnits(tx: Tx, tenantId: string, line: LockedLine, quantity: number, userId?: string | null, options: { wholeOrder?: boolean } = {}) {
  if (line.kit && !options.wholeOrder) {
    throw new AppError("rule_violation", `${line.sku} is part of kit ${line.kit.sku}: a kit's components cannot be cancelled, exchanged or edited one by one; cancel the order instead`, {
      lineId: line.id,
      kitSku: line.kit.sku,
    });
  }
  if (quantity > line.remaining) {
    throw new AppError("rule_violation", `Only ${line.remaining} unit(s) of ${line.sku} remain to cancel: ${line.shipped} already shipped`, {
      lineId: line.id,
      remaining: line.remaining,
      shipped: line.shipped,
      requested: quantity,
    });
  }
  const remaining = line.remaining - quantity;
  if (line.hard > remaining) line.hard = await trimHardAllocation(tx, tenantId, line.id, remaining, { userId });
  await tx.$executeRaw`UPDATE sales_order_lines SET quantity_cancelled = quantity_cancelled + ${quantity}, quantity_allocated = LEAST(quantity_allocated, ${remaining})
    WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
  line.cancelled += quantity;
  line.remaining = remaining;
  line.allocated = Math.min(line.allocated, remaining);
}

/** Tells the channel about a change of the order's lines (the adapter maps it to the store's API). */
export async function notifyChannel(tx: Tx, tenantId: string, order: LockedOrder, type: string, payload: Record<string, unknown>) {
  const row = await tx.salesOrder.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: order.id } }, select: { externalId: true } });
  await enqueueOutboxEvent(tx, tenantId, type, { orderId: order.id, channelId: order.channelId, externalId: row.externalId, ...payload });
}

export interface ExchangeStep {
  line: LockedLine;
  quantity: number;
  product: { id: string; sku: string };
  unitPriceCents: number;
  userId?: string | null;
}

/** Resolves the replacement product within the tenant (404 naming `newProductId` otherwise). */
export async function findReplacement(tx: Tx, tenantId: string, productId: string) {
  const product = await tx.product.findUnique({ where: { tenantId_id: { tenantId, id: productId } }, select: { id: true, sku: true } });
  if (!product) throw new AppError("not_found", "Product not found", [{ path: "newProductId", message: "No such product" }]);
  return product;
}

/**
 * The units leave the old line (cancelled) and are ordered on a line of the new product (a new
 * line, or the order's existing line of that product at the same price). Returns the new line's id.
 */
export async function replaceUnits(tx: Tx, tenantId: string, orderId: string, lines: LockedLine[], step: ExchangeStep): Promise<string> {
  const { line, quantity, product, unitPriceCents } = step;
  if (line.productId === product.id) throw new AppError("rule_violation", "The new product is the line's own product", [{ path: "newProductId", message: "Choose another product" }]);
  await cancelUnits(tx, tenantId, line, quantity, step.userId);
  const existing = lines.find((l) => l.productId === product.id);
  if (existing) {
    if (existing.unitPriceCents !== unitPriceCents) throw new AppError("rule_violation", `${product.sku} is already on this order at another price: give its price or edit that line`);
    await tx.$executeRaw`UPDATE sales_order_lines SET quantity_ordered = quantity_ordered + ${quantity} WHERE tenant_id = ${tenantId}::uuid AND id = ${existing.id}::uuid`;
    return existing.id;
  }
  const head = await tx.salesOrder.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: orderId } }, select: { orderDate: true } });
  const created = await tx.salesOrderLine.create({
    data: {
      tenantId,
      orderId,
      lineNo: Math.max(...lines.map((l) => l.lineNo)) + 1,
      productId: product.id,
      warehouseId: line.warehouseId,
      quantityOrdered: quantity,
      unitPriceCents,
      rankOrderDate: head.orderDate,
    },
    select: { id: true },
  });
  return created.id;
}

export function cancelOrder(ctx: RequestContext, orderId: string, input: { reason: string; refundCents?: number; version?: number }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireOpen(order, "cancel");
    const cancelled: { lineId: string; sku: string; quantity: number }[] = [];
    for (const line of lines) {
      if (line.remaining === 0) continue;
      cancelled.push({ lineId: line.id, sku: line.sku, quantity: line.remaining });
      await cancelUnits(tx, ctx.tenantId, line, line.remaining, ctx.userId, { wholeOrder: true });
    }
    const status = statusWhenDone(lines)!;
    await bumpVersion(tx, ctx.tenantId, orderId, { status });
    await settleOrders(tx, ctx.tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "cancelled", `Cancelled${status === "shipped" ? " what had not shipped" : ""}: ${input.reason}`, { reason: input.reason, lines: cancelled, status });
    const refund = await recordRefund(tx, ctx, orderId, { kind: "order_cancelled", reason: input.reason, unitemisedCents: input.refundCents });
    await notifyChannel(tx, ctx.tenantId, order, ORDER_CANCELLED, { lines: cancelled, reason: input.reason, refundId: refund?.id ?? null });
    return readOrderDetail(tx, ctx, orderId);
  });
}

export function cancelOrderLine(ctx: RequestContext, orderId: string, lineId: string, input: { quantity: number; reason: string; refundCents?: number; version?: number }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    const line = lines.find((l) => l.id === lineId);
    if (!line) throw notFound("Order line");
    requireOpen(order, "cancel lines of");
    await cancelUnits(tx, ctx.tenantId, line, input.quantity, ctx.userId);
    const status = statusWhenDone(lines);
    await bumpVersion(tx, ctx.tenantId, orderId, status ? { status } : {});
    await settleOrders(tx, ctx.tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "cancelled", `Cancelled ${input.quantity} × ${line.sku}: ${input.reason}`, { lineId, sku: line.sku, quantity: input.quantity, reason: input.reason });
    const refund = input.refundCents
      ? await recordRefund(tx, ctx, orderId, { kind: "units_cancelled", reason: input.reason, lines: [{ lineId, sku: line.sku, quantity: input.quantity, amountCents: input.refundCents }] })
      : undefined;
    await notifyChannel(tx, ctx.tenantId, order, ORDER_UNITS_CANCELLED, { lines: [{ lineId, sku: line.sku, quantity: input.quantity }], reason: input.reason, refundId: refund?.id ?? null });
    return readOrderDetail(tx, ctx, orderId);
  });
}

/**
 * The first steps of every exchange: the replacement product (this company's), the order
 * locked with the replacement's stock key too, the line, and the order still open.
 */
export async function lockForExchange(tx: Tx, ctx: RequestContext, orderId: string, input: { lineId: string; newProductId: string; version?: number }) {
  const head = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: orderId } }, select: { warehouseId: true } });
  if (!head) throw notFound("Order");
  const product = await findReplacement(tx, ctx.tenantId, input.newProductId);
  const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version, extraKeys: [{ warehouseId: head.warehouseId, productId: product.id }] });
  const line = lines.find((l) => l.id === input.lineId);
  if (!line) throw new AppError("not_found", "Order line not found", [{ path: "lineId", message: "No such line on this order" }]);
  requireOpen(order, "exchange lines of");
  return { order, lines, line, product };
}

/**
 * Swaps `quantity` units of a line for another product at the old line's price unless given.
 * No money changes hands here; the guided exchange (oversell.ts) records the price difference.
 */
export function exchangeLine(
  ctx: RequestContext,
  orderId: string,
  input: { lineId: string; quantity: number; newProductId: string; unitPriceCents?: number; reason: string; version?: number },
): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { order, lines, line, product } = await lockForExchange(tx, ctx, orderId, input);
    const price = input.unitPriceCents ?? line.unitPriceCents;
    const newLineId = await replaceUnits(tx, tenantId, orderId, lines, { line, quantity: input.quantity, product, unitPriceCents: price, userId: ctx.userId });
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    const data = { fromLineId: line.id, toLineId: newLineId, quantity: input.quantity, fromSku: line.sku, toSku: product.sku, unitPriceCents: price, reason: input.reason };
    await addOrderEvent(tx, ctx, orderId, "exchanged", `Exchanged ${input.quantity} × ${line.sku} for ${product.sku}: ${input.reason}`, data);
    await notifyChannel(tx, tenantId, order, ORDER_LINE_EXCHANGED, data);
    return readOrderDetail(tx, ctx, orderId);
  });
}
