// /_control routes of the fake WooCommerce: read the site's state, create products and orders,
// change or cancel orders as the merchant, make the gateway refuse refunds, add webhooks (with
// WooCommerce's ping) and send deliveries — plus the shared log, fault and clock routes.
import type http from "node:http";
import { runControl, sharedRoutes, type ControlRoute } from "./control.ts";
import type { FakeWooCommerce } from "./woocommerce.ts";

export function wooSnapshot(fake: FakeWooCommerce) {
  const { store } = fake;
  return {
    now: store.clock.now().toISOString(),
    products: [...store.products.values()].map((p) => ({ ...p, stockStatus: store.stockStatus(p) })),
    orders: [...store.orders.values()].map((o) => ({ ...o, total: store.totalCents(o), refunded: store.refundedCents(o), notes: store.notesOf(o.id), refunds: store.refundsOf(o.id) })),
    webhooks: [...fake.webhooks.webhooks.values()],
  };
}

export function handleWooControl(fake: FakeWooCommerce, req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer, url: URL) {
  const { store } = fake;
  const id = (m: RegExpExecArray) => Number(m[1]);
  const routes: ControlRoute[] = [
    ["GET", /^\/info$/, () => ({ kind: "woocommerce", url: fake.url, apiUrl: fake.apiUrl, consumerKey: fake.consumerKey, consumerSecret: fake.consumerSecret, accessToken: fake.accessToken })],
    ["GET", /^\/state$/, () => wooSnapshot(fake)],
    ["GET", /^\/orders\/(\d+)$/, (m) => fake.orderPayload(id(m))],
    ["POST", /^\/products$/, (_m, { body }) => store.createProduct({ name: String(body.name ?? "Product"), sku: String(body.sku ?? ""), price: body.price, stockQuantity: body.stockQuantity, manageStock: body.manageStock, backorders: body.backorders })],
    [
      "POST",
      /^\/orders$/,
      async (_m, { body }) => {
        const { webhook, ...input } = body;
        const r = await fake.createOrder(input as Parameters<FakeWooCommerce["createOrder"]>[0], { webhook });
        return { order: fake.orderPayload(r.order.id), deliveries: r.deliveries };
      },
    ],
    [
      "POST",
      /^\/orders\/(\d+)\/update$/,
      async (m, { body }) => {
        const { webhook, ...patch } = body;
        const r = await fake.updateOrder(id(m), patch, { webhook });
        return { order: fake.orderPayload(r.order.id), deliveries: r.deliveries };
      },
    ],
    [
      "POST",
      /^\/orders\/(\d+)\/cancel$/,
      async (m, { body }) => {
        const r = await fake.cancelOrder(id(m), { webhook: body.webhook });
        return { order: fake.orderPayload(r.order.id), deliveries: r.deliveries };
      },
    ],
    [
      "POST",
      /^\/orders\/(\d+)\/gateway$/,
      (m, { body }) => {
        const order = store.mustOrder(id(m));
        if (body.supportsRefunds !== undefined) order.gatewaySupportsRefunds = !!body.supportsRefunds;
        if (body.refundError !== undefined) order.gatewayRefundError = body.refundError;
        return { supportsRefunds: order.gatewaySupportsRefunds, refundError: order.gatewayRefundError };
      },
    ],
    ["POST", /^\/webhooks$/, (_m, { body }) => fake.createWebhook({ topic: String(body.topic), deliveryUrl: String(body.deliveryUrl), secret: body.secret, name: body.name, ping: body.ping })],
    [
      "POST",
      /^\/webhooks\/(\d+)\/send$/,
      (m, { body }) => {
        const { orderId, payload, ...options } = body;
        return fake.sendWebhook(id(m), orderId !== undefined ? Number(orderId) : payload, options);
      },
    ],
    ["GET", /^\/webhooks\/deliveries$/, () => fake.webhooks.deliveries],
    ...sharedRoutes({ requests: fake.requests, faults: fake.faults, clock: store.clock }),
  ];
  return runControl(routes, req, res, raw, url);
}
