// Reads of returns: one return with its lines, receipts and links; the returns list (newest
// first, keyset pages); an order's returns and what each of its lines may still return.
import { allowedReturnActions, RETURN_CREATE_ROLES, returnCreationRefusal, type TOrderReturns, type TReturn, type TReturnListQuery, type TReturnSummary } from "@bod/contracts/returns";
import type { TPage } from "@bod/contracts/common";
import type { Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import { cursorPart, decodeCursor, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";

/**
 * Units of each order line already taken by returns: authorised on returns still expected or
 * received, what arrived on closed ones, nothing on cancelled ones. SQL expression over `rl` and `r`.
 */
export const RETURNED_UNITS_SQL = "CASE r.status WHEN 'cancelled' THEN 0 WHEN 'closed' THEN rl.quantity_received ELSE rl.quantity END";

/** Shipped minus already returned, per line of the order (lines that shipped nothing are left out). */
export async function returnableByLine(tx: Tx, tenantId: string, orderId: string): Promise<Map<string, { lineNo: number; sku: string; shipped: number; returned: number; returnable: number }>> {
  const rows = await tx.$queryRawUnsafe<{ id: string; line_no: number; sku: string; shipped: number; returned: number }[]>(
    `SELECT l.id::text, l.line_no, p.sku, l.quantity_shipped AS shipped,
       coalesce((SELECT sum(${RETURNED_UNITS_SQL}) FROM return_lines rl JOIN returns r ON r.tenant_id = rl.tenant_id AND r.id = rl.return_id
                 WHERE rl.tenant_id = l.tenant_id AND rl.order_line_id = l.id), 0)::int AS returned
     FROM sales_order_lines l JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
     WHERE l.tenant_id = $1::uuid AND l.order_id = $2::uuid AND l.quantity_shipped > 0 ORDER BY l.line_no`,
    tenantId,
    orderId,
  );
  return new Map(rows.map((r) => [r.id, { lineNo: r.line_no, sku: r.sku, shipped: r.shipped, returned: r.returned, returnable: Math.max(0, r.shipped - r.returned) }]));
}

export async function readReturn(tx: Tx, ctx: Pick<RequestContext, "tenantId" | "role">, returnId: string): Promise<TReturn> {
  const { tenantId } = ctx;
  const r = await tx.return.findUnique({
    where: { tenantId_id: { tenantId, id: returnId } },
    include: {
      order: { select: { id: true, number: true, status: true, warehouseId: true } },
      lines: { include: { orderLine: { select: { lineNo: true, productId: true, unitPriceCents: true, product: { select: { sku: true, name: true, barcode: true } } } } } },
      receipts: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { lines: true } },
    },
  });
  if (!r) throw notFound("Return");
  const lines = r.lines
    .map((l) => ({
      id: l.id,
      orderLineId: l.orderLineId,
      lineNo: l.orderLine.lineNo,
      productId: l.orderLine.productId,
      sku: l.orderLine.product.sku,
      name: l.orderLine.product.name,
      barcode: l.orderLine.product.barcode,
      condition: l.condition,
      quantity: l.quantity,
      quantityReceived: l.quantityReceived,
      remaining: l.quantity - l.quantityReceived,
      unitPriceCents: l.orderLine.unitPriceCents,
    }))
    .sort((a, b) => a.lineNo - b.lineNo || CONDITION_ORDER[a.condition] - CONDITION_ORDER[b.condition]);
  const skuOf = new Map(lines.map((l) => [l.id, l.sku]));
  const refund = r.refundId ? await tx.refund.findUnique({ where: { tenantId_id: { tenantId, id: r.refundId } }, select: { id: true, amountCents: true } }) : null;
  const exchange = r.exchangeOrderId ? await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId, id: r.exchangeOrderId } }, select: { id: true, number: true } }) : null;
  const received = lines.reduce((s, l) => s + l.quantityReceived, 0);
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    reason: r.reason,
    note: r.note,
    order: r.order,
    lines,
    receipts: r.receipts.map((rc) => ({
      id: rc.id,
      createdAt: rc.createdAt.toISOString(),
      lines: rc.lines.map((l) => ({ returnLineId: l.returnLineId, sku: skuOf.get(l.returnLineId) ?? "", condition: l.condition, quantity: l.quantity })),
    })),
    refund,
    exchangeOrder: exchange ? { orderId: exchange.id, number: exchange.number } : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    allowedActions: allowedReturnActions(ctx.role, { status: r.status, received, hasRefund: !!r.refundId, hasExchange: !!r.exchangeOrderId }),
  };
}

const CONDITION_ORDER = { restock: 0, damaged: 1, quarantine: 2 } as const;

interface SummaryRow {
  id: string;
  number: string;
  status: TReturnSummary["status"];
  reason: TReturnSummary["reason"];
  order_id: string;
  order_number: string;
  units: number;
  units_received: number;
  created_at: Date;
}

const SUMMARY_SELECT = `
  SELECT r.id::text, r.number, r.status::text AS status, r.reason::text AS reason, r.order_id::text, o.number AS order_number, r.created_at,
    (SELECT coalesce(sum(rl.quantity), 0)::int FROM return_lines rl WHERE rl.tenant_id = r.tenant_id AND rl.return_id = r.id) AS units,
    (SELECT coalesce(sum(rl.quantity_received), 0)::int FROM return_lines rl WHERE rl.tenant_id = r.tenant_id AND rl.return_id = r.id) AS units_received
  FROM returns r JOIN sales_orders o ON o.tenant_id = r.tenant_id AND o.id = r.order_id`;

const toSummary = (r: SummaryRow): TReturnSummary => ({
  id: r.id,
  number: r.number,
  status: r.status,
  reason: r.reason,
  orderId: r.order_id,
  orderNumber: r.order_number,
  units: r.units,
  unitsReceived: r.units_received,
  createdAt: r.created_at.toISOString(),
});

/** Newest first; `q` matches the RMA number or the order number. */
export async function listReturns(tx: Tx, tenantId: string, query: TReturnListQuery): Promise<TPage<TReturnSummary>> {
  const after = decodeCursor(query.cursor, [cursorPart.instant, cursorPart.id]);
  const params: unknown[] = [tenantId];
  const where = ["r.tenant_id = $1::uuid"];
  if (query.status) {
    params.push(query.status);
    where.push(`r.status = $${params.length}::"ReturnStatus"`);
  }
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(r.number ILIKE $${params.length} OR o.number ILIKE $${params.length})`);
  }
  if (after) {
    params.push(after[0], after[1]);
    where.push(`(r.created_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(query.limit + 1);
  const rows = await tx.$queryRawUnsafe<SummaryRow[]>(`${SUMMARY_SELECT} WHERE ${where.join(" AND ")} ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`, ...params);
  return toPage(rows, query.limit, (r) => [r.created_at.toISOString(), r.id], toSummary);
}

/** For the order detail: the order's returns (oldest first), what each line may still return, and whether this user may create one. */
export async function readOrderReturns(tx: Tx, ctx: Pick<RequestContext, "tenantId" | "role">, order: { id: string; status: string }): Promise<TOrderReturns> {
  const rows = await tx.$queryRawUnsafe<SummaryRow[]>(`${SUMMARY_SELECT} WHERE r.tenant_id = $1::uuid AND r.order_id = $2::uuid ORDER BY r.created_at, r.id`, ctx.tenantId, order.id);
  const returnable = [...(await returnableByLine(tx, ctx.tenantId, order.id)).entries()].map(([lineId, l]) => ({ lineId, quantity: l.returnable }));
  const may = RETURN_CREATE_ROLES.includes(ctx.role) && returnCreationRefusal({ status: order.status, returnable }) === undefined;
  return { items: rows.map(toSummary), returnable, allowedActions: may ? ["create_return"] : [] };
}
