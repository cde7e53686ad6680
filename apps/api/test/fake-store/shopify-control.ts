// /_control routes of the fake Shopify: read the shop's state, create products and orders (and
// send their webhooks), edit or cancel orders as the merchant, place merchant holds, set stock,
// configure and send webhooks, drain the cost bucket — plus the shared log, fault and clock routes.
import type http from "node:http";
import { runControl, sharedRoutes, type ControlRoute } from "./control.ts";
import { gid } from "./shopify-gid.ts";
import type { FakeShopify } from "./shopify.ts";
import type { ShopifyStore } from "./shopify-state.ts";

/** Everything the shop holds, as plain JSON (numeric ids; gids beside them). */
export function shopifySnapshot(store: ShopifyStore) {
  return {
    now: store.clock.now().toISOString(),
    locations: [...store.locations.values()].map((l) => ({ ...l, gid: gid("Location", l.id) })),
    products: [...store.products.values()].map((p) => ({
      ...p,
      gid: gid("Product", p.id),
      variants: p.variantIds.map((id) => {
        const v = store.variants.get(id)!;
        const item = store.inventoryItems.get(v.inventoryItemId)!;
        return { ...v, gid: gid("ProductVariant", v.id), inventoryItemGid: gid("InventoryItem", item.id), levels: [...item.levels.values()].map((l) => ({ locationId: l.locationId, available: l.available, committed: l.committed, onHand: l.available + l.committed })) };
      }),
    })),
    orders: [...store.orders.values()].map((o) => orderSnapshot(store, o.id)),
    adjustmentGroups: [...store.adjustmentGroups.values()],
  };
}

export function orderSnapshot(store: ShopifyStore, orderId: number) {
  const o = store.mustOrder(orderId);
  return {
    ...o,
    gid: gid("Order", o.id),
    lineItems: o.lineItems.map((li) => ({ ...li, gid: gid("LineItem", li.id), currentQuantity: li.quantity - li.removedQuantity, fulfilled: store.fulfilledQuantity(o.id, li.id), unfulfilled: store.unfulfilledQuantity(o.id, li.id) })),
    financialStatus: store.financialStatus(o),
    fulfillmentStatus: store.fulfillmentStatus(o),
    fulfillmentOrders: store.fulfillmentOrdersOf(o.id).map((fo) => ({ ...fo, gid: gid("FulfillmentOrder", fo.id), lineItems: fo.lineItems.map((l) => ({ ...l, gid: gid("FulfillmentOrderLineItem", l.id) })), holds: fo.holds.map((h) => ({ ...h, gid: gid("FulfillmentHold", h.id) })) })),
    fulfillments: store.fulfillmentsOf(o.id).map((f) => ({ ...f, gid: gid("Fulfillment", f.id) })),
    transactions: store.transactionsOf(o.id).map((t) => ({ ...t, gid: gid("OrderTransaction", t.id) })),
    refunds: store.refundsOf(o.id).map((r) => ({ ...r, gid: gid("Refund", r.id) })),
  };
}

export function handleShopifyControl(fake: FakeShopify, req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer, url: URL) {
  const { store } = fake;
  const id = (m: RegExpExecArray) => Number(m[1]);
  const routes: ControlRoute[] = [
    ["GET", /^\/info$/, () => ({ kind: "shopify", url: fake.url, graphqlUrl: fake.graphqlUrl, accessToken: fake.accessToken, apiVersion: fake.apiVersion, shopDomain: fake.shopDomain, webhookSecret: fake.webhooks.config.secret, webhookUrl: fake.webhooks.config.url })],
    ["GET", /^\/state$/, () => shopifySnapshot(store)],
    ["GET", /^\/orders\/(\d+)$/, (m) => orderSnapshot(store, id(m))],
    ["GET", /^\/orders\/(\d+)\/payload$/, (m) => fake.orderPayload(id(m))],
    ["POST", /^\/locations$/, (_m, { body }) => store.createLocation({ name: String(body.name ?? "Location"), isActive: body.isActive, fulfillsOnlineOrders: body.fulfillsOnlineOrders })],
    ["POST", /^\/products$/, (_m, { body }) => store.createProduct(body as Parameters<ShopifyStore["createProduct"]>[0])],
    ["POST", /^\/inventory$/, (_m, { body }) => (store.setAvailable(String(body.sku), Number(body.available), body.locationId), { sku: body.sku, available: store.available(String(body.sku), body.locationId) })],
    [
      "POST",
      /^\/orders$/,
      async (_m, { body }) => {
        const { webhook, ...input } = body;
        const r = await fake.createOrder(input as Parameters<FakeShopify["createOrder"]>[0], { webhook });
        return { order: orderSnapshot(store, r.order.id), deliveries: r.deliveries };
      },
    ],
    [
      "POST",
      /^\/orders\/(\d+)\/update$/,
      async (m, { body }) => {
        const { webhook, ...patch } = body;
        const r = await fake.updateOrder(id(m), patch, { webhook });
        return { order: orderSnapshot(store, r.order.id), deliveries: r.deliveries };
      },
    ],
    [
      "POST",
      /^\/orders\/(\d+)\/cancel$/,
      async (m, { body }) => {
        const r = await fake.cancelOrder(id(m), { reason: body.reason, webhook: body.webhook });
        return { order: orderSnapshot(store, r.order.id), deliveries: r.deliveries };
      },
    ],
    [
      "POST",
      /^\/orders\/(\d+)\/remove-units$/,
      async (m, { body }) => {
        store.removeUnits(id(m), Number(body.lineItemId), Number(body.quantity));
        const deliveries = body.webhook ? await fake.sendWebhook("orders/updated", id(m), body.webhook === true ? {} : body.webhook) : [];
        return { order: orderSnapshot(store, id(m)), deliveries };
      },
    ],
    ["POST", /^\/fulfillment-orders\/(\d+)\/hold$/, (m, { body }) => store.holdAsMerchant(id(m), body.reason, body.reasonNotes ?? null)],
    [
      "POST",
      /^\/webhooks\/config$/,
      (_m, { body }) => {
        if (body.url !== undefined) fake.webhooks.config.url = body.url;
        if (body.secret !== undefined) fake.webhooks.config.secret = body.secret;
        return { url: fake.webhooks.config.url, secret: fake.webhooks.config.secret };
      },
    ],
    [
      "POST",
      /^\/webhooks\/send$/,
      (_m, { body }) => {
        const { topic, orderId, payload, ...options } = body;
        return fake.sendWebhook(String(topic), orderId !== undefined ? Number(orderId) : payload, options);
      },
    ],
    ["POST", /^\/webhooks\/app-uninstalled$/, (_m, { body }) => fake.sendAppUninstalled(body)],
    ["GET", /^\/webhooks\/deliveries$/, () => fake.webhooks.deliveries],
    ["POST", /^\/bucket\/drain$/, (_m, { body }) => (fake.bucket.drain(Number(body.left ?? 0)), fake.bucket.status())],
    ...sharedRoutes({ requests: fake.requests, faults: fake.faults, clock: store.clock }),
  ];
  return runControl(routes, req, res, raw, url);
}
