// Oversold by accident: the three guided choices on an order with backordered or partially
// fulfillable lines. Each is one transaction (write-path recipe): order lines, refund record,
// order events, outbox events to the channel, and the engine handing released stock to the
// next orders by rank.
//   1. cancel and refund in full;
//   2. refund the unavailable part (cancel those quantities, refund their amount) — the SPA
//      then goes straight to the shipment for what is available;
//   3. exchange an unavailable line for an alternative product, with the price difference
//      recorded as a refund or an amount due.
import type { TOrderDetail } from "@bod/contracts/orders";
import type { TCancelRefundRequest, TExchangeSuggestions, TOversellExchangeRequest, TRefundPartialRequest } from "@bod/contracts/oversell";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { ORDER_CANCELLED, ORDER_LINE_EXCHANGED, ORDER_UNITS_CANCELLED, cancelUnits, lockForExchange, notifyChannel, replaceUnits } from "./cancel.ts";
import { readOrderDetail } from "./detail.ts";
import { money, readOrderMoney, readRefundedParts, recordAmountDue, recordRefund, type RefundLinePart } from "./refunds.ts";
import { addOrderEvent, bumpVersion, lockOrder, requireOpen, settleOrders, statusWhenDone } from "./write.ts";

/** Choice 1: the order is cancelled and everything still refundable is refunded; its demand is released. */
export function cancelAndRefund(ctx: RequestContext, orderId: string, input: TCancelRefundRequest): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireOpen(order, "cancel");
    const shipped = lines.filter((l) => l.shipped > 0);
    if (shipped.length) {
      throw new AppError("rule_violation", `Part of this order has shipped (${shipped.map((l) => `${l.shipped} × ${l.sku}`).join(", ")}): refund the unavailable part instead`, {
        shipped: shipped.map((l) => ({ lineId: l.id, sku: l.sku, shipped: l.shipped })),
      });
    }
    const m = await readOrderMoney(tx, tenantId, orderId);
    const already = await readRefundedParts(tx, tenantId, orderId);

    const cancelled: { lineId: string; sku: string; quantity: number }[] = [];
    for (const line of lines) {
      if (line.remaining === 0) continue;
      cancelled.push({ lineId: line.id, sku: line.sku, quantity: line.remaining });
      await cancelUnits(tx, tenantId, line, line.remaining, ctx.userId, { wholeOrder: true });
    }
    await bumpVersion(tx, tenantId, orderId, { status: "cancelled", amountDueCents: 0 });
    await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "cancelled", `Cancelled: ${input.reason}`, { reason: input.reason, lines: cancelled, status: "cancelled", choice: "cancel_refund" });

    // The whole amount still refundable, itemised: shipping and tax first, then each line's units.
    let left = m.refundable;
    const shippingCents = Math.min(left, Math.max(0, m.shipping - already.shipping));
    left -= shippingCents;
    const taxCents = Math.min(left, Math.max(0, m.tax - already.tax));
    left -= taxCents;
    const parts: RefundLinePart[] = [];
    for (const line of lines) {
      const worth = Math.max(0, line.ordered * line.unitPriceCents - (already.byLine.get(line.id) ?? 0));
      const amountCents = Math.min(left, worth);
      if (amountCents <= 0) continue;
      parts.push({ lineId: line.id, sku: line.sku, quantity: cancelled.find((c) => c.lineId === line.id)?.quantity ?? 0, amountCents });
      left -= amountCents;
    }
    const refund = await recordRefund(tx, ctx, orderId, { kind: "order_cancelled", reason: input.reason, lines: parts, shippingCents, taxCents, unitemisedCents: left });
    if (m.amountDue > 0) await addOrderEvent(tx, ctx, orderId, "amount_due", `Amount due of ${money(m.amountDue)} dropped: the order is cancelled`, { amountCents: -m.amountDue });
    await notifyChannel(tx, tenantId, order, ORDER_CANCELLED, { lines: cancelled, reason: input.reason, refundId: refund?.id ?? null, amountDueDroppedCents: m.amountDue });
    return readOrderDetail(tx, ctx, orderId);
  });
}

/** Choice 2: cancel the named quantities, refund their amount; the order keeps what it can ship. */
export function refundUnavailable(ctx: RequestContext, orderId: string, input: TRefundPartialRequest): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireOpen(order, "cancel lines of");
    const parts: RefundLinePart[] = [];
    for (const [i, want] of input.lines.entries()) {
      const line = lines.find((l) => l.id === want.lineId);
      if (!line) throw new AppError("not_found", "Order line not found", [{ path: `lines.${i}.lineId`, message: "No such line on this order" }]);
      if (want.quantity > line.remaining) {
        throw new AppError("rule_violation", `Line ${line.lineNo} (${line.sku}): only ${line.remaining} unit(s) remain to cancel; ${line.shipped} already shipped`, [
          { path: `lines.${i}.quantity`, message: `At most ${line.remaining}` },
        ]);
      }
      await cancelUnits(tx, tenantId, line, want.quantity, ctx.userId);
      parts.push({ lineId: line.id, sku: line.sku, quantity: want.quantity, amountCents: want.quantity * line.unitPriceCents });
    }
    const status = statusWhenDone(lines);
    await bumpVersion(tx, tenantId, orderId, status ? { status } : {});
    await settleOrders(tx, tenantId, [orderId]);
    const summary = parts.map((p) => `${p.quantity} × ${p.sku}`).join(", ");
    await addOrderEvent(tx, ctx, orderId, "cancelled", `Cancelled the unavailable part (${summary}): ${input.reason}`, {
      reason: input.reason,
      lines: parts.map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity })),
      choice: "refund_partial",
      ...(status ? { status } : {}),
    });
    const refund = await recordRefund(tx, ctx, orderId, { kind: "units_cancelled", reason: input.reason, lines: parts });
    await notifyChannel(tx, tenantId, order, ORDER_UNITS_CANCELLED, {
      lines: parts.map(({ lineId, sku, quantity }) => ({ lineId, sku, quantity })),
      reason: input.reason,
      refundId: refund?.id ?? null,
    });
    return readOrderDetail(tx, ctx, orderId);
  });
}

/** Choice 3: replace units of a line with another product of this company; the price difference is refunded or due. */
export function exchangeUnavailable(ctx: RequestContext, orderId: string, input: TOversellExchangeRequest): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { order, lines, line, product } = await lockForExchange(tx, ctx, orderId, input);
    const oldPrice = line.unitPriceCents;
    const newPrice = input.unitPriceCents ?? oldPrice;
    const newLineId = await replaceUnits(tx, tenantId, orderId, lines, { line, quantity: input.quantity, product, unitPriceCents: newPrice, userId: ctx.userId });
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);

    const differenceCents = (newPrice - oldPrice) * input.quantity;
    const data = { fromLineId: line.id, toLineId: newLineId, quantity: input.quantity, fromSku: line.sku, toSku: product.sku, fromUnitPriceCents: oldPrice, unitPriceCents: newPrice, differenceCents, reason: input.reason };
    const outcome = differenceCents < 0 ? `; ${money(-differenceCents)} back to the customer` : differenceCents > 0 ? `; ${money(differenceCents)} due from the customer` : "; same price";
    await addOrderEvent(tx, ctx, orderId, "exchanged", `Exchanged ${input.quantity} × ${line.sku} for ${product.sku}${outcome}: ${input.reason}`, data);
    const refund =
      differenceCents < 0
        ? await recordRefund(tx, ctx, orderId, { kind: "exchange", reason: input.reason, lines: [{ lineId: line.id, sku: line.sku, quantity: input.quantity, amountCents: -differenceCents }] })
        : undefined;
    if (differenceCents > 0) await recordAmountDue(tx, ctx, orderId, differenceCents, input.reason, { fromSku: line.sku, toSku: product.sku, quantity: input.quantity });
    await notifyChannel(tx, tenantId, order, ORDER_LINE_EXCHANGED, { ...data, refundId: refund?.id ?? null });
    return readOrderDetail(tx, ctx, orderId);
  });
}

/**
 * Alternatives for a line that are available now in the order's warehouse: products sharing a
 * supplier with the line's product (preferred supplier first), or, with `q`, a manual search.
 */
export function exchangeSuggestions(ctx: RequestContext, orderId: string, query: { lineId: string; q?: string }): Promise<TExchangeSuggestions> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const line = await tx.salesOrderLine.findFirst({
      where: { tenantId, orderId, id: query.lineId },
      include: { product: { select: { sku: true, name: true } }, order: { select: { id: true } } },
    });
    if (!line) {
      const order = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId, id: orderId } }, select: { id: true } });
      throw order ? new AppError("not_found", "Order line not found", [{ path: "lineId", message: "No such line on this order" }]) : notFound("Order");
    }
    const remaining = line.quantityOrdered - line.quantityShipped - line.quantityCancelled;
    const pattern = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await tx.$queryRaw<{ id: string; sku: string; name: string; available: number; supplier_name: string | null; last_price: number | null }[]>`
      WITH mine AS (
        SELECT supplier_id, is_preferred FROM product_suppliers WHERE tenant_id = ${tenantId}::uuid AND product_id = ${line.productId}::uuid
      ), candidates AS (
        SELECT p.id, p.sku, p.name,
          (SELECT s.name FROM product_suppliers ps JOIN mine ON mine.supplier_id = ps.supplier_id JOIN suppliers s ON s.tenant_id = ps.tenant_id AND s.id = ps.supplier_id
            WHERE ps.tenant_id = p.tenant_id AND ps.product_id = p.id ORDER BY (mine.is_preferred AND ps.is_preferred) DESC, s.name LIMIT 1) AS supplier_name
        FROM products p
        WHERE p.tenant_id = ${tenantId}::uuid AND p.id <> ${line.productId}::uuid
          AND (${pattern}::text IS NULL OR p.sku ILIKE ${pattern} OR p.name ILIKE ${pattern} OR p.barcode ILIKE ${pattern})
      )
      SELECT c.id::text, c.sku, c.name, (s.on_hand - s.allocated) AS available, c.supplier_name,
        (SELECT l.unit_price_cents FROM sales_order_lines l WHERE l.tenant_id = ${tenantId}::uuid AND l.product_id = c.id ORDER BY l.rank_order_date DESC LIMIT 1) AS last_price
      FROM candidates c JOIN stock_levels s ON s.tenant_id = ${tenantId}::uuid AND s.warehouse_id = ${line.warehouseId}::uuid AND s.product_id = c.id
      WHERE s.on_hand - s.allocated > 0 AND (${pattern}::text IS NOT NULL OR c.supplier_name IS NOT NULL)
      ORDER BY (c.supplier_name IS NULL), (s.on_hand - s.allocated) >= ${remaining} DESC, c.sku
      LIMIT 20`;
    return {
      line: { id: line.id, sku: line.product.sku, name: line.product.name, unitPriceCents: line.unitPriceCents, unavailable: Math.max(0, remaining - line.quantityAllocated) },
      items: rows.map((r) => {
        const unitPriceCents = r.last_price ?? line.unitPriceCents;
        return {
          productId: r.id,
          sku: r.sku,
          name: r.name,
          available: r.available,
          unitPriceCents,
          priceDifferenceCents: unitPriceCents - line.unitPriceCents,
          why: r.supplier_name ? ("same_supplier" as const) : ("search" as const),
          supplierName: r.supplier_name,
        };
      }),
    };
  });
}
