// Backorder Desk's messages to a WooCommerce store, through its REST API (v3, /wp-json/wc/v3)
// with the store's consumer key and secret, by HTTP Basic — which WooCommerce accepts over HTTPS
// only (a store served over plain HTTP would need OAuth 1.0a, not supported).
// WooCommerce has no fulfillment orders or holds, so:
// - a shipment → an order note naming the units and tracking (a customer note when the
//   customer is to be notified), and the order marked completed when nothing remains;
// - backordered lines → a private order note saying which units wait (and when none do);
// - a refund → POST /orders/:id/refunds (api_refund: the store's gateway pays it back);
// - other news → a private order note.
// Every note and refund carries a marker `[bod:<kind>:<id>]`; when an earlier attempt may have
// gone through, the store's notes or refunds are read first and nothing is written twice.
// Stock: products by SKU, then POST /products/batch with stock_quantity (simple products).
import { callStore } from "../http.ts";
import { fromCents } from "../money.ts";
import type { DeliveryResult, HoldMessage, OrdersPage, RefundMessage, ShipmentMessage, StockLevelPush, StockPushResult, StoreAdapter, StoreCall, StoreConnection } from "../types.ts";
import { StoreError } from "../types.ts";
import { fromWooOrder, ZWooOrder } from "./mapping.ts";

const api = (conn: StoreConnection, path: string) => `${conn.storeUrl}/wp-json/wc/v3${path}`;

function auth(conn: StoreConnection) {
  const [key, secret] = conn.accessToken.split(":");
  if (!key || !secret) throw new StoreError("The WooCommerce credential must read consumer_key:consumer_secret", null, false);
  return { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}` };
}

async function get<T>(conn: StoreConnection, path: string, calls: StoreCall[]) {
  return callStore<T>({ method: "GET", url: api(conn, path), headers: auth(conn) }, calls);
}
async function send<T>(conn: StoreConnection, method: "POST" | "PUT", path: string, body: unknown, calls: StoreCall[]) {
  return callStore<T>({ method, url: api(conn, path), headers: auth(conn), body }, calls);
}

interface WooNote {
  id: number;
  note: string;
  customer_note: boolean;
}

async function hasNote(conn: StoreConnection, orderId: string, marker: string, calls: StoreCall[]) {
  const { body } = await get<WooNote[]>(conn, `/orders/${orderId}/notes?type=any`, calls);
  return Array.isArray(body) && body.some((n) => n.note.includes(`[${marker}]`));
}

async function addNote(conn: StoreConnection, orderId: string, text: string, marker: string, customerNote: boolean, calls: StoreCall[]) {
  await send(conn, "POST", `/orders/${orderId}/notes`, { note: `${text} [${marker}]`, customer_note: customerNote }, calls);
}

async function completeOrder(conn: StoreConnection, orderId: string, calls: StoreCall[]) {
  const { body } = await get<{ status: string }>(conn, `/orders/${orderId}`, calls);
  if (body.status !== "completed") await send(conn, "PUT", `/orders/${orderId}`, { status: "completed" }, calls);
}

export const wooCommerceAdapter: StoreAdapter = {
  kind: "woocommerce",

  async fulfill(conn, m: ShipmentMessage): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    const marker = `bod:shipment:${m.shipmentId}`;
    const already = m.mayHaveApplied && (await hasNote(conn, m.orderExternalId, marker, calls));
    if (!already) {
      const units = m.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ");
      const tracking = m.trackingNumber ? ` Tracking: ${[m.carrier, m.trackingNumber].filter(Boolean).join(" ")}.` : "";
      const text = `Shipped ${units} (${m.shipmentNumber}${m.completesOrder ? "" : ", the rest follows"}).${tracking}`;
      await addNote(conn, m.orderExternalId, text, marker, m.notifyCustomer, calls);
    }
    if (m.completesOrder) await completeOrder(conn, m.orderExternalId, calls);
    return {
      outcome: already ? "already_applied" : "sent",
      summary: already ? `WooCommerce already has the note of ${m.shipmentNumber}` : `WooCommerce order note for ${m.shipmentNumber}${m.notifyCustomer ? " (sent to the customer)" : ""}${m.completesOrder ? "; order completed" : ""}`,
      calls,
    };
  },

  async hold(conn, m: HoldMessage): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    if (m.mayHaveApplied && (await hasNote(conn, m.orderExternalId, m.marker, calls))) return { outcome: "already_applied", summary: "WooCommerce already has this backorder note", calls };
    const text = m.lines.length ? `Backordered, waiting for stock: ${m.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ")}.` : "Every item of this order can ship now.";
    await addNote(conn, m.orderExternalId, text, m.marker, false, calls);
    return { outcome: "sent", summary: `WooCommerce order note: ${text}`, calls };
  },

  async refund(conn, m: RefundMessage): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    const marker = `bod:refund:${m.refundId}`;
    if (m.mayHaveApplied) {
      const { body } = await get<{ id: number; reason: string }[]>(conn, `/orders/${m.orderExternalId}/refunds`, calls);
      if (Array.isArray(body) && body.some((r) => r.reason?.includes(`[${marker}]`))) return { outcome: "already_applied", summary: "WooCommerce already has this refund", calls };
    }
    try {
      const { body } = await send<{ id: number }>(conn, "POST", `/orders/${m.orderExternalId}/refunds`, { amount: fromCents(m.amountCents), reason: `${m.reason ?? "Refund"} [${marker}]`, api_refund: true, api_restock: false }, calls);
      return { outcome: "sent", summary: `WooCommerce refund ${body.id} of ${fromCents(m.amountCents)}`, calls };
    } catch (error) {
      // WooCommerce answers a refused refund (amount, gateway without refunds) with 500 and its own error code: not worth retrying.
      const answer = calls[calls.length - 1]?.response as { code?: string; message?: string } | null;
      if (error instanceof StoreError && error.httpStatus === 500 && typeof answer?.code === "string" && answer.code.startsWith("woocommerce_")) {
        throw new StoreError(`WooCommerce refused the refund: ${answer.message ?? answer.code}`, 500, true, calls);
      }
      throw error;
    }
  },

  async note(conn, orderExternalId, text, marker): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    if (await hasNote(conn, orderExternalId, marker, calls)) return { outcome: "already_applied", summary: "WooCommerce already has this note", calls };
    await addNote(conn, orderExternalId, text, marker, false, calls);
    return { outcome: "sent", summary: "WooCommerce order note added", calls };
  },

  async pushStock(conn, levels: StockLevelPush[]): Promise<StockPushResult> {
    const calls: StoreCall[] = [];
    const known = new Map(levels.filter((l) => l.storeInventoryId).map((l) => [l.sku, l.storeInventoryId!]));
    const learned: { sku: string; storeInventoryId: string }[] = [];
    const lookup = levels.filter((l) => !l.storeInventoryId).map((l) => l.sku);
    for (let i = 0; i < lookup.length; i += 50) {
      const skus = lookup.slice(i, i + 50);
      const { body } = await get<{ id: number; sku: string }[]>(conn, `/products?per_page=100&sku=${encodeURIComponent(skus.join(","))}`, calls);
      for (const p of Array.isArray(body) ? body : []) {
        if (p.sku && skus.includes(p.sku) && !known.has(p.sku)) {
          known.set(p.sku, String(p.id));
          learned.push({ sku: p.sku, storeInventoryId: String(p.id) });
        }
      }
    }
    const updates = levels.filter((l) => known.has(l.sku)).map((l) => ({ id: Number(known.get(l.sku)), stock_quantity: l.available, manage_stock: true }));
    const refused = new Set<number>();
    for (let i = 0; i < updates.length; i += 100) {
      // A batch answers 200 with an error in place of each item it could not update.
      const { body } = await send<{ update?: { id: number; error?: { message?: string } }[] }>(conn, "POST", "/products/batch", { update: updates.slice(i, i + 100) }, calls);
      for (const item of body?.update ?? []) if (item.error) refused.add(item.id);
    }
    const skuOf = new Map([...known].map(([sku, id]) => [Number(id), sku]));
    return {
      pushed: updates.length - refused.size,
      unknown: [...levels.filter((l) => !known.has(l.sku)).map((l) => l.sku), ...[...refused].map((id) => skuOf.get(id) ?? String(id))],
      learned,
      calls,
    };
  },

  async ordersUpdatedSince(conn, since, cursor): Promise<OrdersPage> {
    const calls: StoreCall[] = [];
    const page = cursor ? Number(cursor) : 1;
    // WooCommerce's modified_after is strictly after, to the second: one second earlier keeps "at or after".
    const after = new Date(Math.floor(since.getTime() / 1000) * 1000 - 1000);
    const query = new URLSearchParams({ modified_after: after.toISOString(), dates_are_gmt: "true", orderby: "modified", order: "asc", per_page: "50", page: String(page), status: "any" });
    const { body, headers } = await get<unknown[]>(conn, `/orders?${query}`, calls);
    const orders = (Array.isArray(body) ? body : []).flatMap((o) => {
      const parsed = ZWooOrder.safeParse(o);
      return parsed.success ? [fromWooOrder(parsed.data)] : [];
    });
    const pages = Number(headers.get("x-wp-totalpages") ?? 1);
    return { orders, next: page < pages ? String(page + 1) : null };
  },
};
