// Returns: authorising one (shipped units of an order, never more than shipped minus what other
// returns took), cancelling, closing, and linking a refund or an exchange order. Each is one
// transaction; the order's timeline records what happened. Receiving is receive.ts.
import { RETURN_REASON_LABELS, returnActionRefusal, type TCreateReturnRequest, type TReturn, type TReturnAction, type TReturnExchangeRequest, type TReturnRefundRequest } from "@bod/contracts/returns";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { money, recordRefund } from "../orders/refunds.ts";
import { addOrderEvent, nextNumber } from "../orders/write.ts";
import { readReturn, returnableByLine } from "./queries.ts";

export interface LockedReturn {
  id: string;
  number: string;
  orderId: string;
  status: TReturn["status"];
  version: number;
  refundId: string | null;
  exchangeOrderId: string | null;
  lines: { id: string; orderLineId: string; productId: string; warehouseId: string; sku: string; condition: TReturn["lines"][number]["condition"]; quantity: number; received: number; unitPriceCents: number }[];
}

/** The return's row locked (FOR UPDATE) and its lines re-read after the lock; 404 for another company's id, 409 for an old `version`. */
export async function lockReturn(tx: Tx, ctx: RequestContext, returnId: string, version?: number): Promise<LockedReturn> {
  const rows = await tx.$queryRaw<{ id: string; number: string; order_id: string; status: LockedReturn["status"]; version: number; refund_id: string | null; exchange_order_id: string | null }[]>`
    SELECT id::text, number, order_id::text, status::text AS status, version, refund_id::text, exchange_order_id::text
    FROM returns WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${returnId}::uuid FOR UPDATE`;
  const r = rows[0];
  if (!r) throw notFound("Return");
  if (version !== undefined && version !== r.version) throw new AppError("stale_version", "The return changed since you read it; reload and try again", { expected: r.version, given: version });
  const lines = await tx.$queryRaw<{ id: string; order_line_id: string; product_id: string; warehouse_id: string; sku: string; condition: LockedReturn["lines"][number]["condition"]; quantity: number; received: number; unit_price_cents: number }[]>`
    SELECT rl.id::text, rl.order_line_id::text, l.product_id::text, l.warehouse_id::text, p.sku, rl.condition::text AS condition, rl.quantity, rl.quantity_received AS received, l.unit_price_cents
    FROM return_lines rl JOIN sales_order_lines l ON l.tenant_id = rl.tenant_id AND l.id = rl.order_line_id JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
    WHERE rl.tenant_id = ${ctx.tenantId}::uuid AND rl.return_id = ${returnId}::uuid ORDER BY l.line_no, rl.condition`;
  return {
    id: r.id,
    number: r.number,
    orderId: r.order_id,
    status: r.status,
    version: r.version,
    refundId: r.refund_id,
    exchangeOrderId: r.exchange_order_id,
    lines: lines.map((l) => ({ id: l.id, orderLineId: l.order_line_id, productId: l.product_id, warehouseId: l.warehouse_id, sku: l.sku, condition: l.condition, quantity: l.quantity, received: l.received, unitPriceCents: l.unit_price_cents })),
  };
}

/** 422 with the rule's reason when the return's state refuses `action` (the same rule allowedActions comes from). */
export function refuseReturnUnless(action: TReturnAction, r: LockedReturn) {
  const reason = returnActionRefusal(action, { status: r.status, received: r.lines.reduce((s, l) => s + l.received, 0), hasRefund: !!r.refundId, hasExchange: !!r.exchangeOrderId });
  if (reason) throw new AppError("rule_violation", `${r.number}: ${reason}`);
}

export async function bumpReturn(tx: Tx, tenantId: string, returnId: string, data: { status?: LockedReturn["status"]; closedAt?: Date; refundId?: string; exchangeOrderId?: string }) {
  await tx.return.update({ where: { tenantId_id: { tenantId, id: returnId } }, data: { ...data, version: { increment: 1 } } });
}

const units = (lines: { sku: string; quantity: number; condition: string }[]) => lines.map((l) => `${l.quantity} × ${l.sku} (${l.condition})`).join(", ");

export function createReturn(ctx: RequestContext, orderId: string, input: TCreateReturnRequest): Promise<TReturn> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    // The order row locked: two returns of the same units serialize here and the second sees the first.
    const [order] = await tx.$queryRaw<{ id: string; number: string }[]>`
      SELECT id::text, number FROM sales_orders WHERE tenant_id = ${tenantId}::uuid AND id = ${orderId}::uuid FOR NO KEY UPDATE`;
    if (!order) throw notFound("Order");
    const returnable = await returnableByLine(tx, tenantId, orderId);
    const asked = new Map<string, number>();
    for (const [i, l] of input.lines.entries()) {
      const line = returnable.get(l.lineId);
      if (!line) {
        const onOrder = await tx.salesOrderLine.findFirst({ where: { tenantId, orderId, id: l.lineId }, select: { lineNo: true } });
        if (!onOrder) throw new AppError("not_found", "Order line not found", [{ path: `lines.${i}.lineId`, message: `No such line on ${order.number}` }]);
        throw new AppError("rule_violation", `Line ${onOrder.lineNo} of ${order.number} has not shipped: only shipped units can be returned`, [{ path: `lines.${i}.quantity`, message: "Nothing shipped on this line" }]);
      }
      const total = (asked.get(l.lineId) ?? 0) + l.quantity;
      asked.set(l.lineId, total);
      if (total > line.returnable) {
        throw new AppError(
          "rule_violation",
          `Line ${line.lineNo} (${line.sku}): ${total} to return but only ${line.returnable} can be (${line.shipped} shipped, ${line.returned} already on returns)`,
          [{ path: `lines.${i}.quantity`, message: `At most ${line.returnable}`, lineId: l.lineId, sku: line.sku, shipped: line.shipped, returned: line.returned, returnable: line.returnable, requested: total }],
        );
      }
    }
    const number = await nextNumber(tx, tenantId, "return", "RMA-");
    const created = await tx.return.create({ data: { tenantId, number, orderId, reason: input.reason, note: input.note ?? null, createdBy: ctx.userId }, select: { id: true } });
    await tx.returnLine.createMany({ data: input.lines.map((l) => ({ tenantId, returnId: created.id, orderLineId: l.lineId, condition: l.condition, quantity: l.quantity })) });
    const described = input.lines.map((l) => ({ sku: returnable.get(l.lineId)!.sku, quantity: l.quantity, condition: l.condition }));
    await addOrderEvent(tx, ctx, orderId, "return_created", `Return ${number} authorised: ${units(described)}. Reason: ${RETURN_REASON_LABELS[input.reason]}${input.note ? ` — ${input.note}` : ""}`, {
      returnId: created.id,
      number,
      reason: input.reason,
      note: input.note ?? null,
      lines: input.lines,
    });
    return readReturn(tx, ctx, created.id);
  });
}

export function cancelReturn(ctx: RequestContext, returnId: string, version: number): Promise<TReturn> {
  return inTenant(ctx, async (tx) => {
    const r = await lockReturn(tx, ctx, returnId, version);
    refuseReturnUnless("cancel", r);
    await bumpReturn(tx, ctx.tenantId, r.id, { status: "cancelled", closedAt: new Date() });
    await addOrderEvent(tx, ctx, r.orderId, "return_cancelled", `Return ${r.number} cancelled: its units can be returned again`, { returnId: r.id, number: r.number });
    return readReturn(tx, ctx, r.id);
  });
}

export function closeReturn(ctx: RequestContext, returnId: string, version: number): Promise<TReturn> {
  return inTenant(ctx, async (tx) => {
    const r = await lockReturn(tx, ctx, returnId, version);
    refuseReturnUnless("close", r);
    const missing = r.lines.filter((l) => l.quantity > l.received);
    await bumpReturn(tx, ctx.tenantId, r.id, { status: "closed", closedAt: new Date() });
    await addOrderEvent(
      tx,
      ctx,
      r.orderId,
      "return_closed",
      `Return ${r.number} closed${missing.length ? `; never arrived: ${units(missing.map((l) => ({ ...l, quantity: l.quantity - l.received })))}` : ""}`,
      { returnId: r.id, number: r.number },
    );
    return readReturn(tx, ctx, r.id);
  });
}

/** Refunds the units received on the return at the price they sold at (what other refunds of those lines left), and links the refund. */
export function refundReturn(ctx: RequestContext, returnId: string, input: TReturnRefundRequest): Promise<TReturn> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const r = await lockReturn(tx, ctx, returnId, input.version);
    refuseReturnUnless("refund", r);
    // The order row locked, as recordRefund expects (refunded total checked against paid).
    await tx.$queryRaw`SELECT 1 FROM sales_orders WHERE tenant_id = ${tenantId}::uuid AND id = ${r.orderId}::uuid FOR UPDATE`;
    const perLine = new Map<string, { lineId: string; sku: string; quantity: number; amountCents: number }>();
    for (const l of r.lines) {
      if (l.received === 0) continue;
      const part = perLine.get(l.orderLineId) ?? { lineId: l.orderLineId, sku: l.sku, quantity: 0, amountCents: 0 };
      part.quantity += l.received;
      part.amountCents += l.received * l.unitPriceCents;
      perLine.set(l.orderLineId, part);
    }
    const lines = [...perLine.values()];
    const reason = input.reason ? `Return ${r.number}: ${input.reason}` : `Return ${r.number}`;
    const refund = await recordRefund(tx, ctx, r.orderId, { kind: "manual", reason, lines });
    if (!refund) throw new AppError("rule_violation", `${r.number}: the received units are worth nothing to refund`);
    await bumpReturn(tx, tenantId, r.id, { refundId: refund.id });
    await addOrderEvent(tx, ctx, r.orderId, "return_refunded", `Return ${r.number}: refund of ${money(refund.amountCents)} linked`, {
      returnId: r.id,
      refundId: refund.id,
      amountCents: refund.amountCents,
    });
    return readReturn(tx, ctx, r.id);
  });
}

/** Links the order that sends the customer a replacement (an order of this company other than the return's own). */
export function linkExchange(ctx: RequestContext, returnId: string, input: TReturnExchangeRequest): Promise<TReturn> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const r = await lockReturn(tx, ctx, returnId, input.version);
    refuseReturnUnless("link_exchange", r);
    const target = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId, id: input.orderId } }, select: { id: true, number: true } });
    if (!target) throw new AppError("not_found", "Order not found", [{ path: "orderId", message: "No such order" }]);
    if (target.id === r.orderId) throw new AppError("rule_violation", "The exchange order must be another order than the one returned", [{ path: "orderId", message: "This is the returned order" }]);
    await bumpReturn(tx, tenantId, r.id, { exchangeOrderId: target.id });
    await addOrderEvent(tx, ctx, r.orderId, "return_exchanged", `Return ${r.number}: exchange sent on ${target.number}`, { returnId: r.id, exchangeOrderId: target.id, exchangeOrderNumber: target.number });
    await addOrderEvent(tx, ctx, target.id, "return_exchanged", `Replacement for return ${r.number}`, { returnId: r.id, returnNumber: r.number });
    return readReturn(tx, ctx, r.id);
  });
}
