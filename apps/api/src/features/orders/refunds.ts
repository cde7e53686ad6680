// Refunds are records of money owed back (amount, reason, lines), never payments: the channel
// takes the money back, asked by an outbox event written in the same transaction. The total
// refunded never exceeds what was paid (lines + shipping + tax): checked here with the order row
// locked, and again by the database (sales_orders_money_check).
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { enqueueOutboxEvent } from "../outbox/enqueue.ts";
import { addOrderEvent } from "./write.ts";

export const REFUND_REQUESTED = "refund.requested";
export const PAYMENT_REQUESTED = "payment.requested";

export type RefundKind = "order_cancelled" | "units_cancelled" | "exchange" | "manual";
export interface RefundLinePart {
  lineId: string;
  sku: string;
  quantity: number;
  amountCents: number;
}
export interface RefundInput {
  kind: RefundKind;
  reason: string;
  lines?: RefundLinePart[];
  shippingCents?: number;
  taxCents?: number;
  /** Only for refunds not itemised by line (the older cancel endpoints' `refundCents`). */
  unitemisedCents?: number;
}

/** "1234.5" style money for timeline messages (integer cents in, two decimals out). */
export const money = (cents: number) => `${cents < 0 ? "-" : ""}${Math.floor(Math.abs(cents) / 100).toLocaleString("en-US")}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;

/** What the order's money looks like now (call after lockOrder: the order row is locked). */
export async function readOrderMoney(tx: Tx, tenantId: string, orderId: string) {
  const rows = await tx.$queryRaw<{ paid_cents: number; refunded_cents: number; shipping_cents: number; tax_cents: number; amount_due_cents: number; external_id: string | null; channel_id: string }[]>`
    SELECT paid_cents, refunded_cents, shipping_cents, tax_cents, amount_due_cents, external_id, channel_id::text FROM sales_orders WHERE tenant_id = ${tenantId}::uuid AND id = ${orderId}::uuid`;
  const r = rows[0]!;
  return { paid: r.paid_cents, refunded: r.refunded_cents, refundable: r.paid_cents - r.refunded_cents, shipping: r.shipping_cents, tax: r.tax_cents, amountDue: r.amount_due_cents, externalId: r.external_id, channelId: r.channel_id };
}

/** What has already been refunded of each line, of shipping and of tax. */
export async function readRefundedParts(tx: Tx, tenantId: string, orderId: string) {
  const lines = await tx.$queryRaw<{ line_id: string; amount: number }[]>`
    SELECT rl.line_id::text, sum(rl.amount_cents)::int AS amount FROM refund_lines rl JOIN refunds r ON r.tenant_id = rl.tenant_id AND r.id = rl.refund_id
    WHERE r.tenant_id = ${tenantId}::uuid AND r.order_id = ${orderId}::uuid GROUP BY rl.line_id`;
  const [parts] = await tx.$queryRaw<{ shipping: number; tax: number }[]>`
    SELECT coalesce(sum(shipping_cents), 0)::int AS shipping, coalesce(sum(tax_cents), 0)::int AS tax FROM refunds WHERE tenant_id = ${tenantId}::uuid AND order_id = ${orderId}::uuid`;
  return { byLine: new Map(lines.map((l) => [l.line_id, l.amount])), shipping: parts!.shipping, tax: parts!.tax };
}

/**
 * Records a refund (with its lines), raises the order's refunded total, writes the timeline and
 * the outbox event asking the channel to pay it back. Refuses (422, nothing written) a refund
 * above what remains refundable. Returns undefined when there is nothing to refund.
 */
export async function recordRefund(tx: Tx, ctx: RequestContext, orderId: string, input: RefundInput): Promise<{ id: string; amountCents: number } | undefined> {
  const lines = (input.lines ?? []).filter((l) => l.amountCents > 0);
  const shippingCents = input.shippingCents ?? 0;
  const taxCents = input.taxCents ?? 0;
  const amountCents = lines.reduce((s, l) => s + l.amountCents, 0) + shippingCents + taxCents + (input.unitemisedCents ?? 0);
  if (amountCents <= 0) return undefined;
  const m = await readOrderMoney(tx, ctx.tenantId, orderId);
  if (amountCents > m.refundable) {
    throw new AppError(
      "rule_violation",
      `A refund of ${money(amountCents)} is more than what can still be refunded: ${money(m.refundable)} (paid ${money(m.paid)}, already refunded ${money(m.refunded)})`,
      { amountCents, refundableCents: m.refundable, paidCents: m.paid, refundedCents: m.refunded },
    );
  }
  const refund = await tx.refund.create({
    data: { tenantId: ctx.tenantId, orderId, kind: input.kind, amountCents, shippingCents, taxCents, reason: input.reason, createdBy: ctx.userId },
    select: { id: true },
  });
  if (lines.length) {
    await tx.refundLine.createMany({ data: lines.map((l) => ({ tenantId: ctx.tenantId, refundId: refund.id, lineId: l.lineId, quantity: l.quantity, amountCents: l.amountCents })) });
  }
  await tx.$executeRaw`UPDATE sales_orders SET refunded_cents = refunded_cents + ${amountCents} WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid`;
  const outboxEventId = await enqueueOutboxEvent(tx, ctx.tenantId, REFUND_REQUESTED, {
    orderId,
    refundId: refund.id,
    channelId: m.channelId,
    externalId: m.externalId,
    kind: input.kind,
    amountCents,
    shippingCents,
    taxCents,
    reason: input.reason,
    lines: lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, amountCents: l.amountCents })),
  });
  await tx.refund.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: refund.id } }, data: { outboxEventId } });
  const parts = [
    ...lines.map((l) => `${l.quantity} × ${l.sku} ${money(l.amountCents)}`),
    ...(shippingCents ? [`shipping ${money(shippingCents)}`] : []),
    ...(taxCents ? [`tax ${money(taxCents)}`] : []),
  ];
  await addOrderEvent(tx, ctx, orderId, "refunded", `Refund of ${money(amountCents)} recorded${parts.length ? ` (${parts.join(", ")})` : ""}; the channel is asked to pay it back: ${input.reason}`, {
    refundId: refund.id,
    kind: input.kind,
    amountCents,
    shippingCents,
    taxCents,
    lines,
    reason: input.reason,
  });
  return { id: refund.id, amountCents };
}

/** The customer owes more (an exchange to a dearer product): recorded on the order; the channel is asked to collect it. */
export async function recordAmountDue(tx: Tx, ctx: RequestContext, orderId: string, amountCents: number, reason: string, data: Record<string, unknown>) {
  if (amountCents <= 0) return;
  const m = await readOrderMoney(tx, ctx.tenantId, orderId);
  await tx.$executeRaw`UPDATE sales_orders SET amount_due_cents = amount_due_cents + ${amountCents} WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid`;
  await enqueueOutboxEvent(tx, ctx.tenantId, PAYMENT_REQUESTED, { orderId, channelId: m.channelId, externalId: m.externalId, amountCents, reason, ...data });
  await addOrderEvent(tx, ctx, orderId, "amount_due", `Amount due of ${money(amountCents)} recorded; the channel is asked to collect it: ${reason}`, { amountCents, reason, ...data });
}
