// Order changes that are not about stock leaving: edits, hold/release, priority, tags, notes.
// Each one that changes demand or rank goes through the write-path recipe (write.ts).
// Line edits in the app are for channels whose store cannot edit orders (Amazon, eBay); orders
// of channels that support edits are edited in the store and arrive as a store update
// (external-update.ts). Either way the timeline keeps the before and after.
import type { z } from "zod";
import type { TOrderDetail, ZOrderTagsRequest, ZUpdateOrderRequest } from "@bod/contracts/orders";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { enqueueOutboxEvent } from "../outbox/enqueue.ts";
import { cancelUnits } from "./cancel.ts";
import { resolveProducts } from "./create.ts";
import { readOrderDetail } from "./detail.ts";
import { addOrderEvent, bumpVersion, lockOrder, refuseOrderAction, requireOpen, settleOrders, statusWhenDone, trimHardAllocation } from "./write.ts";

type UpdateInput = z.output<typeof ZUpdateOrderRequest>;
export const ORDER_EDITED = "order.edited";
const FIELD_NAMES: Record<string, string> = {
  customerName: "customer name",
  customerEmail: "customer email",
  shippingAddress: "shipping address",
  shipBy: "ship-by",
  lines: "line quantities",
  addedLines: "added lines",
  removedLines: "removed lines",
};
export const humanField = (f: string) => FIELD_NAMES[f] ?? f;
const dateOrNull = (s: string | null | undefined) => (s ? new Date(s) : null);
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function updateOrder(ctx: RequestContext, orderId: string, input: UpdateInput): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const current = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId, id: orderId } }, include: { channel: { select: { supportsOrderEdits: true, name: true } } } });
    if (!current) throw notFound("Order");
    const changesLines = (input.lines?.length ?? 0) > 0 || (input.addLines?.length ?? 0) > 0 || (input.removeLines?.length ?? 0) > 0;
    if (changesLines && current.channel.supportsOrderEdits) {
      throw new AppError(
        "rule_violation",
        `${current.channel.name} supports order edits: change the lines in the store, and the change arrives here as a store update`,
        { channelId: current.channelId },
      );
    }
    const added = input.addLines ? await resolveProducts(tx, tenantId, input.addLines, "addLines") : [];
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version, extraKeys: added.map((a) => ({ warehouseId: current.warehouseId, productId: a.productId })) });
    if (changesLines) requireOpen(order, "edit the lines of");

    const diff: Record<string, { from: unknown; to: unknown }> = {};
    const data: Record<string, unknown> = {};
    const field = (name: string, from: unknown, to: unknown, column = name) => {
      if (to === undefined || from === to) return;
      diff[name] = { from, to };
      data[column] = to;
    };
    field("customerName", current.customerName, input.customerName);
    field("customerEmail", current.customerEmail, input.customerEmail);
    field("shippingAddress", current.shippingAddress, input.shippingAddress);
    if (input.shipBy !== undefined && isoOrNull(current.shipBy) !== isoOrNull(dateOrNull(input.shipBy))) {
      diff.shipBy = { from: isoOrNull(current.shipBy), to: isoOrNull(dateOrNull(input.shipBy)) };
      data.shipBy = dateOrNull(input.shipBy);
    }

    const lineDiffs: { lineId: string; sku: string; from: number; to: number }[] = [];
    for (const [i, change] of (input.lines ?? []).entries()) {
      const line = lines.find((l) => l.id === change.lineId);
      if (!line) throw new AppError("not_found", "Order line not found", [{ path: "lines", message: `No line ${change.lineId} on this order` }]);
      if (input.removeLines?.includes(line.id)) throw new AppError("invalid_input", "A line cannot be both changed and removed", [{ path: "removeLines", message: `Line ${line.lineNo} is also in lines` }]);
      if (change.quantity === line.ordered) continue;
      if (line.kit) {
        throw new AppError("rule_violation", `${line.sku} is part of kit ${line.kit.sku}: a kit's components cannot be cancelled, exchanged or edited one by one; cancel the order instead`, [
          { path: `lines.${i}.lineId`, message: `Part of kit ${line.kit.sku}` },
        ]);
      }
      if (change.quantity < line.shipped + line.cancelled) {
        throw new AppError("rule_violation", `Line ${line.lineNo} (${line.sku}) cannot go below ${line.shipped + line.cancelled}: ${line.shipped} shipped plus ${line.cancelled} cancelled`, [
          { path: `lines.${i}.quantity`, message: `At least ${line.shipped + line.cancelled}` },
        ]);
      }
      const remaining = change.quantity - line.shipped - line.cancelled;
      if (remaining < line.hard) await trimHardAllocation(tx, tenantId, line.id, remaining, { userId: ctx.userId });
      await tx.$executeRaw`UPDATE sales_order_lines SET quantity_ordered = ${change.quantity}, quantity_allocated = LEAST(quantity_allocated, ${remaining})
        WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
      lineDiffs.push({ lineId: line.id, sku: line.sku, from: line.ordered, to: change.quantity });
      line.ordered = change.quantity;
      line.remaining = remaining;
    }
    const addedDiffs: { sku: string; quantity: number; unitPriceCents: number }[] = [];
    if (added.length) {
      const taken = new Set(lines.map((l) => l.productId));
      const clash = added.findIndex((a) => taken.has(a.productId));
      if (clash >= 0) throw new AppError("rule_violation", `${added[clash]!.sku} is already on this order: change that line's quantity instead`);
      let lineNo = Math.max(0, ...lines.map((l) => l.lineNo));
      await tx.salesOrderLine.createMany({
        data: input.addLines!.map((l, i) => ({
          tenantId,
          orderId,
          lineNo: ++lineNo,
          productId: added[i]!.productId,
          warehouseId: current.warehouseId,
          quantityOrdered: l.quantity,
          unitPriceCents: l.unitPriceCents,
          rankOrderDate: current.orderDate,
        })),
      });
      input.addLines!.forEach((l, i) => addedDiffs.push({ sku: added[i]!.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents }));
    }
    const removedDiffs: { lineId: string; sku: string; cancelled: number; shipped: number }[] = [];
    for (const [i, lineId] of (input.removeLines ?? []).entries()) {
      const line = lines.find((l) => l.id === lineId);
      if (!line) throw new AppError("not_found", "Order line not found", [{ path: `removeLines.${i}`, message: "No such line on this order" }]);
      if (line.remaining === 0) throw new AppError("rule_violation", `Line ${line.lineNo} (${line.sku}) has nothing left to remove: ${line.shipped} shipped, ${line.cancelled} cancelled`, { lineId });
      removedDiffs.push({ lineId, sku: line.sku, cancelled: line.remaining, shipped: line.shipped });
      await cancelUnits(tx, tenantId, line, line.remaining, ctx.userId);
    }
    if (removedDiffs.length) diff.removedLines = { from: removedDiffs.map((d) => ({ sku: d.sku, quantity: d.cancelled + d.shipped })), to: removedDiffs.map((d) => ({ sku: d.sku, quantity: d.shipped })) };
    if (lineDiffs.length) diff.lines = { from: lineDiffs.map((d) => ({ sku: d.sku, quantity: d.from })), to: lineDiffs.map((d) => ({ sku: d.sku, quantity: d.to })) };
    if (addedDiffs.length) diff.addedLines = { from: null, to: addedDiffs };

    if (Object.keys(diff).length === 0) return readOrderDetail(tx, ctx, orderId);
    // Everything still wanted has shipped: the order is shipped. (An order edited down to nothing
    // with nothing shipped stays open, so it can be edited up again; cancelling is its own action.)
    const done = (removedDiffs.length || lineDiffs.length) && !addedDiffs.length && statusWhenDone(lines) === "shipped" ? "shipped" : undefined;
    await bumpVersion(tx, tenantId, orderId, done ? { ...data, status: done } : data);
    if (lineDiffs.length || addedDiffs.length || removedDiffs.length || diff.shipBy) await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "edited", `Edited ${Object.keys(diff).map(humanField).join(", ")}`, { diff, source: "app" });
    await enqueueOutboxEvent(tx, tenantId, ORDER_EDITED, { orderId, channelId: current.channelId, externalId: current.externalId, diff });
    return readOrderDetail(tx, ctx, orderId);
  });
}

export function holdOrder(ctx: RequestContext, orderId: string, input: { reason: string; version?: number }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order } = await lockOrder(tx, ctx, orderId, { version: input.version });
    refuseOrderAction("hold", order);
    await bumpVersion(tx, ctx.tenantId, orderId, { status: "on_hold" });
    await settleOrders(tx, ctx.tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "held", `Held: ${input.reason}`, { reason: input.reason, from: order.status });
    return readOrderDetail(tx, ctx, orderId);
  });
}

export function releaseOrder(ctx: RequestContext, orderId: string, input: { reason?: string; version?: number }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    refuseOrderAction("release", order);
    const status = lines.some((l) => l.shipped > 0) ? "partially_shipped" : "open";
    await bumpVersion(tx, ctx.tenantId, orderId, { status });
    await settleOrders(tx, ctx.tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "released", input.reason ? `Released: ${input.reason}` : "Released", { reason: input.reason ?? null, to: status });
    return readOrderDetail(tx, ctx, orderId);
  });
}

export function reprioritiseOrder(ctx: RequestContext, orderId: string, input: { priority: number; reason: string; version?: number }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { order } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireOpen(order, "reprioritise");
    await bumpVersion(tx, ctx.tenantId, orderId, { priority: input.priority });
    await settleOrders(tx, ctx.tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "reprioritised", `Priority ${order.priority} → ${input.priority}: ${input.reason}`, { from: order.priority, to: input.priority, reason: input.reason });
    return readOrderDetail(tx, ctx, orderId);
  });
}

/** Tags change neither stock nor rank: the order row is locked and versioned, nothing is recomputed. */
export function changeOrderTags(ctx: RequestContext, orderId: string, input: z.output<typeof ZOrderTagsRequest>): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const rows = await tx.$queryRaw<{ tags: string[]; version: number }[]>`
      SELECT tags, version FROM sales_orders WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw notFound("Order");
    if (input.version !== undefined && input.version !== row.version) throw new AppError("stale_version", "The order changed since you read it; reload and try again");
    const remove = new Set(input.remove ?? []);
    const tags = [...new Set([...row.tags.filter((t) => !remove.has(t)), ...(input.add ?? [])])];
    const added = tags.filter((t) => !row.tags.includes(t));
    const removed = row.tags.filter((t) => !tags.includes(t));
    if (added.length || removed.length) {
      await bumpVersion(tx, ctx.tenantId, orderId, { tags });
      const parts = [added.length ? `added ${added.map((t) => `"${t}"`).join(", ")}` : "", removed.length ? `removed ${removed.map((t) => `"${t}"`).join(", ")}` : ""].filter(Boolean);
      await addOrderEvent(tx, ctx, orderId, "tagged", `Tags ${parts.join("; ")}`, { added, removed });
    }
    return readOrderDetail(tx, ctx, orderId);
  });
}

export function addOrderNote(ctx: RequestContext, orderId: string, input: { body: string }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const order = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: orderId } }, select: { id: true } });
    if (!order) throw notFound("Order");
    await tx.orderNote.create({ data: { tenantId: ctx.tenantId, orderId, body: input.body, authorId: ctx.userId } });
    await addOrderEvent(tx, ctx, orderId, "noted", input.body.length > 120 ? `${input.body.slice(0, 117)}...` : input.body);
    return readOrderDetail(tx, ctx, orderId);
  });
}
