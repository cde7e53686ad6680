// Backorder Desk's messages to a Shopify store, through the GraphQL Admin API:
// - a shipment → fulfillmentCreate for exactly its lines and quantities on the order's open
//   fulfillment orders, with tracking and the notify flag. When an earlier attempt may have gone
//   through, the store's fulfillments are read first: if they already hold this shipment's units
//   (beyond what earlier shipments told it), nothing is created again;
// - backordered lines → a fulfillment hold (reason INVENTORY_OUT_OF_STOCK, our handle) on exactly
//   the unallocated units; the message carries the whole desired state, so the adapter releases
//   its previous holds and places the new one (none: all released);
// - a refund → refundCreate against the order's payment, with an idempotency key Shopify dedupes;
// - other news (cancellations, exchanges, edits) → a line on the order's note, once (by marker);
// - stock → inventorySetQuantities ("available") at the channel's location.
import { fromCents } from "../money.ts";
import type { DeliveryResult, HoldMessage, OrdersPage, RefundMessage, ShipmentMessage, StockLevelPush, StockPushResult, StoreAdapter, StoreCall, StoreConnection } from "../types.ts";
import { StoreError } from "../types.ts";
import {
  FIRST_LOCATION,
  FULFILLMENT_CREATE,
  FULFILLMENT_MORE_LINE_ITEMS,
  FULFILLMENT_ORDER_MORE_LINE_ITEMS,
  ORDER_MORE_FULFILLMENT_ORDERS,
  FULFILLMENT_ORDER_HOLD,
  FULFILLMENT_ORDER_RELEASE_HOLD,
  INVENTORY_SET_QUANTITIES,
  ORDER_MORE_LINE_ITEMS,
  ORDERS_UPDATED_SINCE,
  ORDER_FULFILLMENT_STATE,
  ORDER_NOTE,
  ORDER_TRANSACTIONS,
  ORDER_UPDATE_NOTE,
  REFUND_CREATE,
  VARIANTS_BY_SKU,
} from "./documents.ts";
import { legacyId, lineItemGid, orderGid, shopifyGraphql, throwUserErrors } from "./graphql.ts";
import { fromShopifyGraphql, type ShopifyGraphqlOrder } from "./mapping.ts";

/** Marks the holds Backorder Desk places, so it releases only its own. */
export const HOLD_HANDLE = "backorder-desk";

interface Page<T> {
  pageInfo?: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}
type FoLineItem = { id: string; remainingQuantity: number; totalQuantity: number; lineItem: { id: string; sku: string | null } };
interface FulfillmentOrderNode {
  id: string;
  status: string;
  assignedLocation: { location: { id: string } | null };
  fulfillmentHolds: { id: string; handle: string | null; reason: string }[];
  lineItems: Page<FoLineItem>;
}
type FulfillmentNode = { id: string; status: string; fulfillmentLineItems: Page<{ quantity: number; lineItem: { id: string } }> };
interface OrderState {
  order: {
    id: string;
    cancelledAt: string | null;
    fulfillmentOrders: Page<FulfillmentOrderNode>;
    fulfillments: FulfillmentNode[];
  } | null;
}

/** Fetches the pages after the first of a connection, appending them to it. */
async function restOf<T>(page: Page<T>, next: (after: string) => Promise<Page<T>>) {
  let info = page.pageInfo;
  while (info?.hasNextPage && info.endCursor) {
    const more = await next(info.endCursor);
    page.nodes.push(...more.nodes);
    info = more.pageInfo;
  }
}

async function readOrderState(conn: StoreConnection, externalId: string, calls: StoreCall[]) {
  const data = await shopifyGraphql<OrderState>(conn, ORDER_FULFILLMENT_STATE, { id: orderGid(externalId) }, calls);
  if (!data.order) throw new StoreError(`Shopify has no order ${externalId}`, 200, true, calls);
  await restOf(data.order.fulfillmentOrders, async (after) => (await shopifyGraphql<any>(conn, ORDER_MORE_FULFILLMENT_ORDERS, { id: orderGid(externalId), after }, calls)).order.fulfillmentOrders);
  for (const fo of data.order.fulfillmentOrders.nodes) {
    await restOf(fo.lineItems, async (after) => (await shopifyGraphql<any>(conn, FULFILLMENT_ORDER_MORE_LINE_ITEMS, { id: fo.id, after }, calls)).fulfillmentOrder.lineItems);
  }
  for (const f of data.order.fulfillments) {
    await restOf(f.fulfillmentLineItems, async (after) => (await shopifyGraphql<any>(conn, FULFILLMENT_MORE_LINE_ITEMS, { id: f.id, after }, calls)).fulfillment.fulfillmentLineItems);
  }
  return data.order;
}

const isOpen = (fo: FulfillmentOrderNode) => (fo.status === "OPEN" || fo.status === "IN_PROGRESS") && fo.fulfillmentHolds.length === 0;
const ourHolds = (fo: FulfillmentOrderNode) => fo.fulfillmentHolds.filter((h) => h.handle === HOLD_HANDLE);

/** Units of each store line fulfilled so far (successful fulfillments). */
function fulfilledByLine(order: NonNullable<OrderState["order"]>): Map<string, number> {
  const by = new Map<string, number>();
  for (const f of order.fulfillments) {
    if (f.status !== "SUCCESS") continue;
    for (const li of f.fulfillmentLineItems.nodes) by.set(legacyId(li.lineItem.id), (by.get(legacyId(li.lineItem.id)) ?? 0) + li.quantity);
  }
  return by;
}

/** Spreads wanted units of store lines over the open fulfillment orders' line items; what cannot be placed is returned as short. */
function placeOnFulfillmentOrders(fos: FulfillmentOrderNode[], wanted: { externalLineId: string; quantity: number }[]) {
  const byFo = new Map<string, { id: string; quantity: number }[]>();
  const short: { externalLineId: string; quantity: number }[] = [];
  for (const w of wanted) {
    let need = w.quantity;
    for (const fo of fos) {
      for (const li of fo.lineItems.nodes) {
        if (need === 0) break;
        if (li.lineItem.id !== lineItemGid(w.externalLineId) || li.remainingQuantity <= 0) continue;
        const take = Math.min(need, li.remainingQuantity);
        byFo.set(fo.id, [...(byFo.get(fo.id) ?? []), { id: li.id, quantity: take }]);
        need -= take;
      }
    }
    if (need > 0) short.push({ externalLineId: w.externalLineId, quantity: need });
  }
  return { byFo, short };
}

async function releaseOurHolds(conn: StoreConnection, fos: FulfillmentOrderNode[], calls: StoreCall[]): Promise<number> {
  let released = 0;
  for (const fo of fos) {
    const holds = ourHolds(fo);
    if (!holds.length) continue;
    const data = await shopifyGraphql<any>(conn, FULFILLMENT_ORDER_RELEASE_HOLD, { id: fo.id, holdIds: holds.map((h) => h.id) }, calls);
    throwUserErrors("hold release", data.fulfillmentOrderReleaseHold?.userErrors, calls);
    released += holds.length;
  }
  return released;
}

function storeLines<T extends { externalLineId: string | null; sku: string }>(lines: T[], calls: StoreCall[]): (T & { externalLineId: string })[] {
  const missing = lines.filter((l) => !l.externalLineId);
  if (missing.length) throw new StoreError(`These lines did not come from the store, so Shopify cannot be told about them: ${missing.map((l) => l.sku).join(", ")}`, null, true, calls);
  return lines as (T & { externalLineId: string })[];
}

export const shopifyAdapter: StoreAdapter = {
  kind: "shopify",

  async fulfill(conn, m: ShipmentMessage): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    const lines = storeLines(m.lines, calls);
    let order = await readOrderState(conn, m.orderExternalId, calls);
    if (m.mayHaveApplied) {
      const fulfilled = fulfilledByLine(order);
      const done = lines.every((l) => (fulfilled.get(l.externalLineId) ?? 0) >= (m.previouslyShipped.get(l.externalLineId) ?? 0) + l.quantity);
      if (done) return { outcome: "already_applied", summary: `Shopify already has the fulfillment of ${m.shipmentNumber}`, calls };
    }
    const wanted = lines.map((l) => ({ externalLineId: l.externalLineId, quantity: l.quantity }));
    let placed = placeOnFulfillmentOrders(order.fulfillmentOrders.nodes.filter(isOpen), wanted);
    if (placed.short.length && (await releaseOurHolds(conn, order.fulfillmentOrders.nodes, calls)) > 0) {
      // Units the store still holds as backordered are shipping now: lift our holds and place again.
      order = await readOrderState(conn, m.orderExternalId, calls);
      placed = placeOnFulfillmentOrders(order.fulfillmentOrders.nodes.filter(isOpen), wanted);
    }
    if (placed.short.length) {
      const what = placed.short.map((s) => `${s.quantity} of line ${s.externalLineId}`).join(", ");
      throw new StoreError(`Shopify has no open units left for ${what} (fulfilled or removed in the store?)`, 200, true, calls);
    }
    // One fulfillment per location: Shopify fulfils fulfillment orders of one location together.
    const locationOf = new Map(order.fulfillmentOrders.nodes.map((fo) => [fo.id, fo.assignedLocation.location?.id ?? "none"]));
    const byLocation = new Map<string, { fulfillmentOrderId: string; fulfillmentOrderLineItems: { id: string; quantity: number }[] }[]>();
    for (const [fulfillmentOrderId, items] of placed.byFo) {
      const loc = locationOf.get(fulfillmentOrderId)!;
      byLocation.set(loc, [...(byLocation.get(loc) ?? []), { fulfillmentOrderId, fulfillmentOrderLineItems: items }]);
    }
    const ids: string[] = [];
    for (const lineItemsByFulfillmentOrder of byLocation.values()) {
      const fulfillment = {
        lineItemsByFulfillmentOrder,
        notifyCustomer: m.notifyCustomer,
        ...(m.trackingNumber ? { trackingInfo: { number: m.trackingNumber, ...(m.carrier ? { company: m.carrier } : {}) } } : {}),
      };
      const data = await shopifyGraphql<any>(conn, FULFILLMENT_CREATE, { fulfillment, message: `Backorder Desk shipment ${m.shipmentNumber}` }, calls);
      throwUserErrors("fulfillment", data.fulfillmentCreate?.userErrors, calls);
      ids.push(legacyId(data.fulfillmentCreate.fulfillment.id));
    }
    const units = lines.reduce((s, l) => s + l.quantity, 0);
    return { outcome: "sent", summary: `Shopify fulfillment ${ids.join(", ")}: ${units} unit(s), customer ${m.notifyCustomer ? "notified" : "not notified"}`, calls };
  },

  async hold(conn, m: HoldMessage): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    let order = await readOrderState(conn, m.orderExternalId, calls);
    // What our holds cover now, per store line; equal to what is wanted: nothing to do.
    const held = new Map<string, number>();
    for (const fo of order.fulfillmentOrders.nodes) {
      if (!ourHolds(fo).length) continue;
      for (const li of fo.lineItems.nodes) held.set(legacyId(li.lineItem.id), (held.get(legacyId(li.lineItem.id)) ?? 0) + li.remainingQuantity);
    }
    const want = new Map(m.lines.map((l) => [l.externalLineId, l.quantity]));
    const same = held.size === want.size && [...want].every(([k, q]) => held.get(k) === q);
    if (same) return { outcome: "already_applied", summary: m.lines.length ? "Shopify already holds these backordered units" : "Shopify has no hold of ours", calls };

    const released = await releaseOurHolds(conn, order.fulfillmentOrders.nodes, calls);
    if (!m.lines.length) return { outcome: "sent", summary: `Released ${released} backorder hold(s) in Shopify: every unit can ship`, calls };
    if (released) order = await readOrderState(conn, m.orderExternalId, calls);
    const placed = placeOnFulfillmentOrders(order.fulfillmentOrders.nodes.filter(isOpen), m.lines);
    const notes = m.lines.map((l) => `${l.quantity} × ${l.sku}`).join(", ");
    for (const [id, items] of placed.byFo) {
      const data = await shopifyGraphql<any>(conn, FULFILLMENT_ORDER_HOLD, {
        id,
        fulfillmentHold: { reason: "INVENTORY_OUT_OF_STOCK", reasonNotes: `Backordered in Backorder Desk: ${notes}`.slice(0, 255), handle: HOLD_HANDLE, fulfillmentOrderLineItems: items, notifyMerchant: false },
      }, calls);
      throwUserErrors("fulfillment hold", data.fulfillmentOrderHold?.userErrors, calls);
    }
    const units = m.lines.reduce((s, l) => s + l.quantity, 0) - placed.short.reduce((s, l) => s + l.quantity, 0);
    return { outcome: "sent", summary: `Shopify holds ${units} backordered unit(s) (out of stock)${placed.short.length ? `; ${placed.short.length} line(s) had no open units to hold` : ""}`, calls };
  },

  async refund(conn, m: RefundMessage): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    const data = await shopifyGraphql<any>(conn, ORDER_TRANSACTIONS, { id: orderGid(m.orderExternalId) }, calls);
    if (!data.order) throw new StoreError(`Shopify has no order ${m.orderExternalId}`, 200, true, calls);
    const parent = (data.order.transactions as any[]).find((t) => t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE"));
    if (!parent) throw new StoreError("Shopify has no captured payment on this order to refund", 200, true, calls);
    const lines = m.lines.filter((l) => l.externalLineId);
    const input = {
      orderId: orderGid(m.orderExternalId),
      note: `${m.reason ?? "Refund"} (Backorder Desk refund ${m.refundId})`.slice(0, 255),
      notify: true,
      refundLineItems: lines.map((l) => ({ lineItemId: lineItemGid(l.externalLineId!), quantity: l.quantity, restockType: "NO_RESTOCK" })),
      ...(m.shippingCents > 0 ? { shipping: { amount: fromCents(m.shippingCents) } } : {}),
      transactions: [{ orderId: orderGid(m.orderExternalId), parentId: parent.id, amount: fromCents(m.amountCents), gateway: parent.gateway, kind: "REFUND" }],
    };
    const result = await shopifyGraphql<any>(conn, REFUND_CREATE, { input, idempotencyKey: `bod-refund-${m.refundId}` }, calls);
    throwUserErrors("refund", result.refundCreate?.userErrors, calls);
    return { outcome: "sent", summary: `Shopify refund ${legacyId(result.refundCreate.refund.id)} of ${fromCents(m.amountCents)}`, calls };
  },

  async note(conn, orderExternalId, text, marker): Promise<DeliveryResult> {
    const calls: StoreCall[] = [];
    const data = await shopifyGraphql<any>(conn, ORDER_NOTE, { id: orderGid(orderExternalId) }, calls);
    if (!data.order) throw new StoreError(`Shopify has no order ${orderExternalId}`, 200, true, calls);
    const current: string = data.order.note ?? "";
    if (current.includes(`[${marker}]`)) return { outcome: "already_applied", summary: "The order's note in Shopify already says so", calls };
    const note = `${current ? current + "\n" : ""}${text} [${marker}]`.slice(-5000);
    const result = await shopifyGraphql<any>(conn, ORDER_UPDATE_NOTE, { input: { id: orderGid(orderExternalId), note } }, calls);
    throwUserErrors("note", result.orderUpdate?.userErrors, calls);
    return { outcome: "sent", summary: "Added to the order's note in Shopify", calls };
  },

  async pushStock(conn, levels: StockLevelPush[], idempotencyKey: string): Promise<StockPushResult> {
    const calls: StoreCall[] = [];
    let locationId = conn.locationId;
    if (!locationId) {
      const data = await shopifyGraphql<any>(conn, FIRST_LOCATION, {}, calls);
      locationId = data.locations.nodes[0]?.id ?? null;
      if (!locationId) throw new StoreError("Shopify has no location to set stock at", 200, true, calls);
    }
    const known = new Map(levels.filter((l) => l.storeInventoryId).map((l) => [l.sku, l.storeInventoryId!]));
    const learned: { sku: string; storeInventoryId: string }[] = [];
    const lookup = levels.filter((l) => !l.storeInventoryId).map((l) => l.sku);
    for (let i = 0; i < lookup.length; i += 50) {
      const skus = lookup.slice(i, i + 50);
      const data = await shopifyGraphql<any>(conn, VARIANTS_BY_SKU, { query: skus.map((s) => `sku:${JSON.stringify(s)}`).join(" OR ") }, calls);
      for (const v of data.productVariants.nodes as { sku: string | null; inventoryItem: { id: string } }[]) {
        if (v.sku && skus.includes(v.sku) && !known.has(v.sku)) {
          known.set(v.sku, v.inventoryItem.id);
          learned.push({ sku: v.sku, storeInventoryId: v.inventoryItem.id });
        }
      }
    }
    const quantities = levels.filter((l) => known.has(l.sku)).map((l) => ({ inventoryItemId: known.get(l.sku)!, locationId, quantity: l.available, changeFromQuantity: null }));
    for (let i = 0; i < quantities.length; i += 250) {
      const input = { name: "available", reason: "correction", referenceDocumentUri: `backorder-desk://stock-push/${idempotencyKey}`, quantities: quantities.slice(i, i + 250) };
      const data = await shopifyGraphql<any>(conn, INVENTORY_SET_QUANTITIES, { input, idempotencyKey: `${idempotencyKey}-${i / 250}` }, calls);
      throwUserErrors("stock update", data.inventorySetQuantities?.userErrors, calls);
    }
    return { pushed: quantities.length, unknown: levels.filter((l) => !known.has(l.sku)).map((l) => l.sku), learned, calls };
  },

  async ordersUpdatedSince(conn, since, cursor): Promise<OrdersPage> {
    const calls: StoreCall[] = [];
    const data = await shopifyGraphql<{ orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ShopifyGraphqlOrder[] } }>(
      conn,
      ORDERS_UPDATED_SINCE,
      { query: `updated_at:>='${since.toISOString()}'`, after: cursor },
      calls,
    );
    for (const o of data.orders.nodes) {
      await restOf(o.lineItems, async (after) => (await shopifyGraphql<any>(conn, ORDER_MORE_LINE_ITEMS, { id: orderGid(String(o.legacyResourceId)), after }, calls)).order.lineItems);
    }
    return { orders: data.orders.nodes.map(fromShopifyGraphql), next: data.orders.pageInfo.hasNextPage ? data.orders.pageInfo.endCursor : null };
  },
};
