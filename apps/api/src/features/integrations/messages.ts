// What each outbox message asks of the store, built from the message and the database at
// delivery time: a shipment's lines with the store's line ids (and what earlier shipments
// already told the store), a hold's unallocated units, a refund, or a note in words.
import type { Tx } from "../../db/client.ts";
import { STOCK_PUSH, stockLevelsFor } from "./stock-push.ts";
import type { HoldMessage, RefundMessage, ShipmentMessage, StockLevelPush, StoreConnection } from "./stores/types.ts";

export type BuiltMessage =
  | { action: "fulfill"; shipment: Omit<ShipmentMessage, "mayHaveApplied"> }
  | { action: "hold"; hold: Omit<HoldMessage, "mayHaveApplied"> }
  | { action: "refund"; refund: Omit<RefundMessage, "mayHaveApplied"> }
  | { action: "note"; note: { orderExternalId: string; text: string; marker: string } }
  | { action: "stock"; stock: { levels: StockLevelPush[]; key: string } };

export type PreparedMessage = BuiltMessage & {
  eventId: string;
  orderId: string | null;
  type: string;
  mayHaveApplied: boolean;
  channel: { id: string; name: string; kind: string };
  conn: StoreConnection;
};

interface Head {
  id: string;
  seq: number;
  type: string;
  payload: any;
  order_id: string | null;
  channel_id: string | null;
}

const money = (cents: number) => (cents / 100).toFixed(2);
const units = (lines: { quantity: number; sku: string }[] | undefined) => (lines ?? []).map((l) => `${l.quantity} × ${l.sku}`).join(", ");

export async function buildMessage(tx: Tx, tenantId: string, head: Head): Promise<{ skip: string; message?: undefined } | { skip?: undefined; message: BuiltMessage }> {
  if (head.type === STOCK_PUSH && head.channel_id) {
    const levels = await stockLevelsFor(tx, tenantId, head.channel_id, head.payload.productIds ?? []);
    if (!levels.length) return { skip: "no product of this message is on sale any more" };
    return { message: { action: "stock", stock: { levels, key: head.id } } };
  }
  if (!head.order_id) return { skip: `${head.type}: no store message for this kind` };
  const [order] = await tx.$queryRaw<{ external_id: string | null; number: string; store_order_name: string | null }[]>`
    SELECT external_id, number, store_order_name FROM sales_orders WHERE tenant_id = ${tenantId}::uuid AND id = ${head.order_id}::uuid`;
  if (!order) return { skip: "the order no longer exists" };
  if (!order.external_id) return { skip: `${order.number} was created in Backorder Desk, not in the store: nothing to tell the store` };
  const ext = order.external_id;
  const p = head.payload;

  switch (head.type) {
    case "shipment.created": {
      const [shipment] = await tx.$queryRaw<{ id: string; number: string; carrier: string | null; tracking_number: string | null }[]>`
        SELECT id::text, number, carrier, tracking_number FROM shipments WHERE tenant_id = ${tenantId}::uuid AND id = ${p.shipmentId}::uuid`;
      if (!shipment) return { skip: "the shipment no longer exists" };
      const lines = await tx.$queryRaw<{ line_id: string; external_line_id: string | null; sku: string; quantity: number }[]>`
        SELECT l.id::text AS line_id, l.external_line_id, pr.sku, sl.quantity FROM shipment_lines sl
        JOIN sales_order_lines l ON l.tenant_id = sl.tenant_id AND l.id = sl.line_id
        JOIN products pr ON pr.tenant_id = l.tenant_id AND pr.id = l.product_id
        WHERE sl.tenant_id = ${tenantId}::uuid AND sl.shipment_id = ${shipment.id}::uuid ORDER BY l.line_no`;
      // What the store was told shipped before this shipment: earlier shipment messages of the order that were delivered.
      const before = await tx.$queryRaw<{ external_line_id: string; quantity: number }[]>`
        SELECT l.external_line_id, sum(sl.quantity)::int AS quantity FROM outbox_events e
        JOIN shipment_lines sl ON sl.tenant_id = e.tenant_id AND sl.shipment_id = (e.payload->>'shipmentId')::uuid
        JOIN sales_order_lines l ON l.tenant_id = sl.tenant_id AND l.id = sl.line_id
        WHERE e.tenant_id = ${tenantId}::uuid AND e.stream = ${`order:${head.order_id}`} AND e.type = 'shipment.created' AND e.status = 'delivered' AND e.seq < ${head.seq}
          AND l.external_line_id IS NOT NULL
        GROUP BY l.external_line_id`;
      return {
        message: {
          action: "fulfill",
          shipment: {
            orderExternalId: ext,
            shipmentId: shipment.id,
            shipmentNumber: shipment.number,
            lines: lines.map((l) => ({ lineId: l.line_id, externalLineId: l.external_line_id, sku: l.sku, quantity: l.quantity })),
            previouslyShipped: new Map(before.map((b) => [b.external_line_id, b.quantity])),
            carrier: shipment.carrier,
            trackingNumber: shipment.tracking_number,
            notifyCustomer: !!p.notifyCustomer,
            completesOrder: !p.partial,
          },
        },
      };
    }
    case "order.hold": {
      // A newer hold message of the order says what is wanted now: this one is superseded.
      const [newer] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM outbox_events WHERE tenant_id = ${tenantId}::uuid AND stream = ${`order:${head.order_id}`} AND type = 'order.hold' AND seq > ${head.seq} LIMIT 1`;
      if (newer) return { skip: "superseded by a newer hold message of this order" };
      const hold = (p.hold ?? {}) as Record<string, number>;
      const ids = Object.keys(hold);
      const skus = await tx.$queryRaw<{ external_line_id: string; sku: string }[]>`
        SELECT l.external_line_id, pr.sku FROM sales_order_lines l JOIN products pr ON pr.tenant_id = l.tenant_id AND pr.id = l.product_id
        WHERE l.tenant_id = ${tenantId}::uuid AND l.order_id = ${head.order_id}::uuid AND l.external_line_id = ANY(${ids}::text[])`;
      const skuOf = new Map(skus.map((s) => [s.external_line_id, s.sku]));
      return {
        message: {
          action: "hold",
          hold: { orderExternalId: ext, marker: `bod:hold:${head.id}`, lines: ids.filter((id) => hold[id]! > 0).map((id) => ({ externalLineId: id, sku: skuOf.get(id) ?? id, quantity: hold[id]! })) },
        },
      };
    }
    case "refund.requested": {
      const lines = await tx.$queryRaw<{ line_id: string; external_line_id: string | null; sku: string; quantity: number }[]>`
        SELECT l.id::text AS line_id, l.external_line_id, pr.sku, rl.quantity FROM refund_lines rl
        JOIN sales_order_lines l ON l.tenant_id = rl.tenant_id AND l.id = rl.line_id
        JOIN products pr ON pr.tenant_id = l.tenant_id AND pr.id = l.product_id
        WHERE rl.tenant_id = ${tenantId}::uuid AND rl.refund_id = ${p.refundId}::uuid`;
      return {
        message: {
          action: "refund",
          refund: {
            orderExternalId: ext,
            refundId: p.refundId,
            amountCents: p.amountCents,
            shippingCents: p.shippingCents ?? 0,
            reason: p.reason ?? null,
            lines: lines.map((l) => ({ lineId: l.line_id, externalLineId: l.external_line_id, sku: l.sku, quantity: l.quantity })),
          },
        },
      };
    }
    default: {
      const text = noteText(head.type, p, order.number);
      if (!text) return { skip: `${head.type}: no store message for this kind` };
      return { message: { action: "note", note: { orderExternalId: ext, text, marker: `bod:${head.type}:${head.id}` } } };
    }
  }
}

/** The news a store's staff should read on the order, for messages the store has no call for. */
function noteText(type: string, p: any, number: string): string | null {
  const reason = p.reason ? ` Reason: ${p.reason}.` : "";
  switch (type) {
    case "order.cancelled":
      return `Backorder Desk cancelled what had not shipped of ${number}: ${units(p.lines) || "nothing remained"}.${reason}`;
    case "order.units_cancelled":
      return `Backorder Desk cancelled ${units(p.lines)} of ${number} (out of stock).${reason}`;
    case "order.line_exchanged":
      return `Backorder Desk exchanged ${p.quantity ?? ""} × ${p.fromSku ?? p.oldSku ?? "an item"} for ${p.toSku ?? p.newSku ?? "another item"} on ${number}.${reason}`;
    case "order.edited":
      return `Backorder Desk edited ${number}: ${Object.keys(p.diff ?? {}).join(", ") || "details"}.`;
    case "return.received":
      return `Backorder Desk received return ${p.returnNumber ?? ""} of ${number}: ${(p.lines ?? []).map((l: any) => `${l.quantity} × ${l.sku} (${l.condition})`).join(", ")}.`;
    case "payment.requested":
      return `The customer owes ${money(p.amountCents ?? 0)} on ${number} (exchange for a dearer item): please collect it.${reason}`;
    default:
      return null;
  }
}
