// The order detail: order fields, lines with their allocation and what the warehouse has
// free, hard allocations, shipments, notes, timeline (newest first), refunds and returns.
import { allowedOrderActions } from "@bod/contracts/actions";
import type { TOrderDetail, TShipment } from "@bod/contracts/orders";
import { inTenant, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import { isOverdue } from "../order-list/service.ts";
import { readOrderReturns } from "../returns/queries.ts";
import type { RequestContext } from "../../http/types.ts";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function getOrder(ctx: RequestContext, orderId: string): Promise<TOrderDetail> {
  return inTenant(ctx, (tx) => readOrderDetail(tx, ctx, orderId));
}

export async function readShipments(tx: Tx, tenantId: string, where: { orderId: string } | { shipmentId: string }): Promise<TShipment[]> {
  const shipments = await tx.shipment.findMany({
    where: "orderId" in where ? { tenantId, orderId: where.orderId } : { tenantId, id: where.shipmentId },
    orderBy: [{ createdAt: "asc" }, { number: "asc" }],
    include: { lines: { include: { line: { select: { lineNo: true, productId: true, product: { select: { sku: true, name: true, barcode: true } } } } } } },
  });
  return shipments.map((s) => ({
    id: s.id,
    number: s.number,
    orderId: s.orderId,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    createdAt: s.createdAt.toISOString(),
    lines: s.lines
      .sort((a, b) => a.line.lineNo - b.line.lineNo)
      .map((l) => ({ lineId: l.lineId, productId: l.line.productId, sku: l.line.product.sku, name: l.line.product.name, barcode: l.line.product.barcode, quantity: l.quantity })),
  }));
}

/** The order as `ctx`'s user sees it: with the actions that user may take on it now. */
export async function readOrderDetail(tx: Tx, ctx: Pick<RequestContext, "tenantId" | "role">, orderId: string): Promise<TOrderDetail> {
  const { tenantId } = ctx;
  const order = await tx.salesOrder.findUnique({
    where: { tenantId_id: { tenantId, id: orderId } },
    include: {
      channel: { select: { id: true, name: true, kind: true, supportsOrderEdits: true } },
      lines: { orderBy: { lineNo: "asc" }, include: { product: { select: { sku: true, name: true, barcode: true } }, allocations: { orderBy: { createdAt: "asc" } } } },
      notes: { orderBy: { createdAt: "desc" } },
      events: { orderBy: [{ createdAt: "desc" }] },
      refunds: { orderBy: { createdAt: "asc" }, include: { lines: { include: { line: { select: { lineNo: true, product: { select: { sku: true } } } } } } } },
      conflicts: { orderBy: { createdAt: "desc" } },
      kits: { orderBy: { position: "asc" }, include: { product: { select: { sku: true, name: true } } } },
    },
  });
  if (!order) throw notFound("Order");

  const keys = order.lines.map((l) => ({ w: l.warehouseId, p: l.productId }));
  const levels = keys.length
    ? await tx.$queryRaw<{ warehouse_id: string; product_id: string; on_hand: number; allocated: number }[]>`
        SELECT s.warehouse_id::text, s.product_id::text, s.on_hand, s.allocated FROM stock_levels s
        JOIN unnest(${keys.map((k) => k.w)}::uuid[], ${keys.map((k) => k.p)}::uuid[]) AS k(w, p) ON s.warehouse_id = k.w AND s.product_id = k.p
        WHERE s.tenant_id = ${tenantId}::uuid`
    : [];
  const level = new Map(levels.map((l) => [`${l.warehouse_id}|${l.product_id}`, l]));

  const outboxIds = order.refunds.flatMap((r) => (r.outboxEventId ? [r.outboxEventId] : []));
  const outbox = outboxIds.length ? await tx.outboxEvent.findMany({ where: { tenantId, id: { in: outboxIds } }, select: { id: true, status: true } }) : [];
  const deliveryOf = new Map(outbox.map((e) => [e.id, e.status]));

  const actorIds = [...new Set([...order.events.map((e) => e.actorId), ...order.notes.map((n) => n.authorId)].filter((x): x is string => !!x))];
  const users = actorIds.length ? await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const person = (id: string | null) => (id ? { id, name: userName.get(id) ?? "Unknown user" } : null);

  const detail: Omit<TOrderDetail, "allowedActions"> = {
    id: order.id,
    number: order.number,
    channel: order.channel,
    externalId: order.externalId,
    storeOrderName: order.storeOrderName,
    warehouseId: order.warehouseId,
    customer: { name: order.customerName, email: order.customerEmail, shippingAddress: order.shippingAddress },
    orderDate: order.orderDate.toISOString(),
    shipBy: iso(order.shipBy),
    isOverdue: isOverdue({ ship_by: order.shipBy, status: order.status }, new Date()),
    priority: order.priority,
    status: order.status,
    fulfillability: order.fulfillability,
    projectedDate: iso(order.projectedDate),
    fulfillmentMode: order.fulfillmentMode,
    tags: order.tags,
    version: order.version,
    createdAt: order.createdAt.toISOString(),
    lines: order.lines.map((l) => {
      const s = level.get(`${l.warehouseId}|${l.productId}`);
      return {
        id: l.id,
        lineNo: l.lineNo,
        productId: l.productId,
        sku: l.product.sku,
        name: l.product.name,
        barcode: l.product.barcode,
        warehouseId: l.warehouseId,
        ordered: l.quantityOrdered,
        shipped: l.quantityShipped,
        cancelled: l.quantityCancelled,
        remaining: l.quantityOrdered - l.quantityShipped - l.quantityCancelled,
        allocated: l.quantityAllocated,
        hardAllocated: l.quantityHardAllocated,
        softAllocated: l.quantityAllocated - l.quantityHardAllocated,
        availableInWarehouse: s ? s.on_hand - s.allocated : 0,
        unitPriceCents: l.unitPriceCents,
        projectedDate: iso(l.projectedDate),
        kitId: l.kitId,
        perKit: l.perKit,
      };
    }),
    kits: order.kits.map((k) => {
      const parts = order.lines.filter((l) => l.kitId === k.id);
      // Kits move in whole kits (orders/kits.ts): each component's counts divided by its units per kit agree.
      const kitsOf = (f: (l: (typeof parts)[number]) => number) => (parts.length ? Math.min(...parts.map((l) => Math.floor(f(l) / (l.perKit ?? 1)))) : 0);
      const remaining = kitsOf((l) => l.quantityOrdered - l.quantityShipped - l.quantityCancelled);
      return {
        id: k.id,
        position: k.position,
        productId: k.productId,
        sku: k.product.sku,
        name: k.product.name,
        ordered: k.quantity,
        shipped: kitsOf((l) => l.quantityShipped),
        cancelled: kitsOf((l) => l.quantityCancelled),
        remaining,
        allocated: Math.min(remaining, kitsOf((l) => l.quantityAllocated)),
        unitPriceCents: k.unitPriceCents,
      };
    }),
    allocations: order.lines.flatMap((l) =>
      l.allocations.map((a) => ({ id: a.id, lineId: a.lineId, quantity: a.quantity, locationId: a.locationId, containerId: a.containerId, createdAt: a.createdAt.toISOString() })),
    ),
    shipments: await readShipments(tx, tenantId, { orderId }),
    notes: order.notes.map((n) => ({ id: n.id, body: n.body, author: person(n.authorId), createdAt: n.createdAt.toISOString() })),
    events: order.events.map((e) => ({ id: e.id, type: e.type, message: e.message, data: e.data ?? null, actor: person(e.actorId), createdAt: e.createdAt.toISOString() })),
    refunds: order.refunds.map((r) => ({
      id: r.id,
      kind: r.kind,
      amountCents: r.amountCents,
      shippingCents: r.shippingCents,
      taxCents: r.taxCents,
      reason: r.reason,
      lines: r.lines.sort((a, b) => a.line.lineNo - b.line.lineNo).map((l) => ({ lineId: l.lineId, sku: l.line.product.sku, quantity: l.quantity, amountCents: l.amountCents })),
      channelStatus: r.outboxEventId ? (deliveryOf.get(r.outboxEventId) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
    })),
    money: {
      shippingCents: order.shippingCents,
      taxCents: order.taxCents,
      paidCents: order.paidCents,
      refundedCents: order.refundedCents,
      refundableCents: order.paidCents - order.refundedCents,
      amountDueCents: order.amountDueCents,
    },
    conflicts: order.conflicts.map((c) => ({
      id: c.id,
      source: c.source,
      kind: c.kind,
      message: c.message,
      data: c.data ?? null,
      createdAt: c.createdAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
    })),
    returns: await readOrderReturns(tx, ctx, { id: order.id, status: order.status }),
  };
  return { ...detail, allowedActions: allowedOrderActions(ctx.role, detail) };
}
