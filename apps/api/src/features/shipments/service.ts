// Shipments: stock leaves the warehouse for (line, quantity) pairs of one order. One
// transaction: lock keys, re-read allocations after the lock, deduct through the ledger,
// record the shipment, consume hard allocation first, move the order's status, recompute,
// and write the timeline and the outbox message to the channel.
import type { TCreateShipmentRequest, TPackingSlip, TShipmentResponse } from "@bod/contracts/orders";
import { shipmentRefusal } from "@bod/contracts/actions";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { recordStockMovements } from "../stock/ledger.ts";
// Shared order write steps and the order detail live with orders; shipments compose them.
import { readOrderDetail, readShipments } from "../orders/detail.ts";
import { assertWholeKits, shippableNow } from "../orders/kits.ts";
import { addOrderEvent, bumpVersion, lockOrder, nextNumber, settleOrders, trimHardAllocation } from "../orders/write.ts";
import { enqueueOutboxEvent } from "../outbox/enqueue.ts";

export const SHIPMENT_CREATED = "shipment.created";

export function createShipment(ctx: RequestContext, orderId: string, input: TCreateShipmentRequest): Promise<TShipmentResponse> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    // The state rules (packages/contracts/src/actions.ts) the order's allowedActions "ship" uses.
    const state = { status: order.status, fulfillmentMode: order.fulfillmentMode, lines };
    const stateRefusal = shipmentRefusal({ ...state, lines: lines.map((l) => ({ ...l, allocated: l.remaining })) });
    if (stateRefusal) throw new AppError("rule_violation", stateRefusal);

    // What ships: the lines asked for, or every line's current allocation (read after the key locks).
    const shippable = shippableNow(lines);
    const wanted = input.lines
      ? input.lines.map((w, i) => {
          const line = lines.find((l) => l.id === w.lineId);
          if (!line) throw new AppError("not_found", "Order line not found", [{ path: `lines.${i}.lineId`, message: "No such line on this order" }]);
          return { line, quantity: w.quantity };
        })
      : lines.filter((l) => shippable.get(l.id)! > 0).map((line) => ({ line, quantity: shippable.get(line.id)! }));
    // Kit components leave in whole kits (orders/kits.ts), and only as many as every component holds.
    const asked = new Map(wanted.map((w) => [w.line.id, w.quantity]));
    assertWholeKits(lines, (l) => asked.get(l.id) ?? 0, "ship");
    for (const { line, quantity } of wanted) {
      const can = shippable.get(line.id)!;
      if (quantity > can) {
        const why = line.kit && can < line.allocated ? ` (${line.allocated} held, but kit ${line.kit.sku} can ship ${can / line.kit.perKit} whole kit(s) now)` : "";
        throw new AppError("insufficient_stock", `Line ${line.lineNo} (${line.sku}) has ${can} unit(s) allocated${why}; ${quantity} requested`, {
          lineId: line.id,
          sku: line.sku,
          requested: quantity,
          allocated: can,
        });
      }
    }
    if (wanted.length === 0) throw new AppError("rule_violation", "Nothing to ship: no line has stock allocated");

    const shippedNow = new Map(wanted.map((w) => [w.line.id, w.quantity]));
    const partial = lines.some((l) => l.remaining - (shippedNow.get(l.id) ?? 0) > 0);
    if (shipmentRefusal(state, lines.map((l) => shippedNow.get(l.id) ?? 0)) === "ships complete") {
      // Ship-complete orders leave in one shipment; a manager may change the mode (with a reason) to ship in parts.
      const short = lines.filter((l) => l.remaining - (shippedNow.get(l.id) ?? 0) > 0).map((l) => `${l.remaining - (shippedNow.get(l.id) ?? 0)} × ${l.sku}`);
      throw new AppError("rule_violation", `Order ${order.number} ships complete: it cannot ship without ${short.join(", ")}. Ship it whole, or have a manager change its fulfillment mode to ship in parts.`, {
        fulfillmentMode: order.fulfillmentMode,
        missing: lines.filter((l) => l.remaining - (shippedNow.get(l.id) ?? 0) > 0).map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.remaining - (shippedNow.get(l.id) ?? 0) })),
      });
    }

    const number = await nextNumber(tx, tenantId, "shipment", "SH-");
    const shipment = await tx.shipment.create({
      data: { tenantId, orderId, number, carrier: input.carrier ?? null, trackingNumber: input.trackingNumber ?? null, createdBy: ctx.userId },
      select: { id: true },
    });
    await tx.shipmentLine.createMany({ data: wanted.map((w) => ({ tenantId, shipmentId: shipment.id, lineId: w.line.id, quantity: w.quantity })) });
    for (const { line, quantity } of wanted) {
      // Hard allocation is consumed first (those units were set aside for exactly this), and
      // before the ledger is asked: it refuses to take units still set aside.
      const hardLeft = line.hard - Math.min(line.hard, quantity);
      if (hardLeft !== line.hard) await trimHardAllocation(tx, tenantId, line.id, hardLeft, { consumed: true });
      await tx.$executeRaw`UPDATE sales_order_lines SET quantity_shipped = quantity_shipped + ${quantity}, quantity_allocated = quantity_allocated - ${quantity}
        WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
    }
    await recordStockMovements(
      tx,
      ctx,
      wanted.map((w) => ({
        warehouseId: w.line.warehouseId,
        productId: w.line.productId,
        kind: "shipment" as const,
        quantity: -w.quantity,
        reason: `Shipment ${number} for ${order.number}`,
        causeType: "shipment",
        causeId: shipment.id,
      })),
    );
    const status = partial ? "partially_shipped" : "shipped";
    await bumpVersion(tx, tenantId, orderId, { status });
    await settleOrders(tx, tenantId, [orderId]);

    const channel = await tx.salesChannel.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: order.channelId } }, select: { name: true, notifyOnPartialShipment: true, notifyCustomers: true } });
    // The shipment that completes the order is always announced, unless the channel never notifies.
    const notifyCustomer = channel.notifyCustomers && (channel.notifyOnPartialShipment || !partial);
    const units = wanted.reduce((s, w) => s + w.quantity, 0);
    await addOrderEvent(tx, ctx, orderId, "shipped", `Shipped ${units} unit(s) in ${number}${partial ? " (partial)" : ""}`, {
      shipmentId: shipment.id,
      number,
      partial,
      lines: wanted.map((w) => ({ lineId: w.line.id, sku: w.line.sku, quantity: w.quantity })),
    });
    await enqueueOutboxEvent(tx, tenantId, SHIPMENT_CREATED, { orderId, shipmentId: shipment.id, partial, notifyCustomer });
    await addOrderEvent(
      tx,
      ctx,
      orderId,
      "notification",
      notifyCustomer
        ? `${channel.name} will notify the customer of ${number}`
        : `${channel.name} will not notify the customer of ${number}: ${channel.notifyCustomers ? "partial shipments are not announced on this channel" : "this channel never notifies customers"}`,
      { shipmentId: shipment.id, notifyCustomer },
    );

    const [created] = await readShipments(tx, tenantId, { shipmentId: shipment.id });
    return { shipment: created!, order: await readOrderDetail(tx, ctx, orderId) };
  });
}

/** Packing-slip data for one shipment. */
export function getShipment(ctx: RequestContext, shipmentId: string): Promise<TPackingSlip> {
  return inTenant(ctx, async (tx) => {
    const [shipment] = await readShipments(tx, ctx.tenantId, { shipmentId });
    if (!shipment) throw notFound("Shipment");
    const order = await tx.salesOrder.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: shipment.orderId } },
      select: {
        id: true,
        number: true,
        externalId: true,
        customerName: true,
        customerEmail: true,
        shippingAddress: true,
        channel: { select: { name: true } },
        warehouse: { select: { id: true, code: true, name: true, address: true } },
      },
    });
    return {
      shipment,
      order: { id: order.id, number: order.number, externalId: order.externalId, channelName: order.channel.name },
      customer: { name: order.customerName, email: order.customerEmail, shippingAddress: order.shippingAddress },
      warehouse: order.warehouse,
    };
  });
}

