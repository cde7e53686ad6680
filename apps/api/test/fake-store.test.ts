// The fake stores behave like the real ones where Backorder Desk depends on them: Shopify's
// schema refuses what Shopify refuses (including the product's own documents if they drift),
// its fulfillment, hold and refund rules hold, throttling and failures look as documented, and
// webhooks are signed as Shopify and WooCommerce sign them; WooCommerce authenticates, pages,
// refunds and batches as its REST API does. Also the CLI and its control API.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { parse, validate } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as productDocuments from "../src/features/integrations/stores/shopify/documents.ts";
import { startFakeShopify, type FakeShopify } from "./fake-store/shopify.ts";
import { shopifySchema } from "./fake-store/shopify-graphql.ts";
import { requestedQueryCost } from "./fake-store/shopify-cost.ts";
import { startFakeWooCommerce, type FakeWooCommerce } from "./fake-store/woocommerce.ts";

interface Received {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
}

/** A webhook receiver that keeps raw bodies and answers 200. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Shopify's documented check: base64(HMAC-SHA256(secret, raw body)) equals X-Shopify-Hmac-Sha256, compared in constant time. */
function shopifyHmacValid(raw: Buffer, header: string | undefined, secret: string) {
  const digest = crypto.createHmac("sha256", secret).update(raw).digest("base64");
  return !!header && header.length === digest.length && crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(header));
}

/** The product's ORDER_FULFILLMENT_STATE at page sizes Shopify's cost limit allows (cost 146). */
const ORDER_STATE = /* GraphQL */ `
  query OrderState($id: ID!) {
    order(id: $id) {
      id
      fulfillmentOrders(first: 5) { nodes { id status fulfillmentHolds { id handle reason } lineItems(first: 10) { nodes { id remainingQuantity totalQuantity lineItem { id sku } } } } }
      fulfillments(first: 10) { id status fulfillmentLineItems(first: 10) { nodes { quantity lineItem { id } } } }
    }
  }
`;

describe("the product's Shopify documents against the 2026-10 schema", () => {
  const documents = Object.entries(productDocuments).filter(([, v]) => typeof v === "string") as [string, string][];

  it.each(documents)("%s is valid against Shopify's schema", (_name, text) => {
    const errors = validate(shopifySchema(), parse(text));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each(documents)("%s stays within Shopify's single-query cost limit (1,000) at its page sizes", (_name, text) => {
    const doc = parse(text);
    const operation = doc.definitions.find((d) => d.kind === "OperationDefinition")!;
    const cost = requestedQueryCost(shopifySchema(), operation as never, [], {});
    expect(cost).toBeLessThanOrEqual(1000);
  });
});

describe("fake Shopify: Admin GraphQL API", () => {
  let shop: FakeShopify;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    shop = await startFakeShopify({ webhook: { url: receiver.url, secret: "app-secret" } });
    shop.store.createProduct({ title: "Widget", variants: [{ sku: "W-1", price: "12.50", available: 10 }, { sku: "W 2", price: "3.00", available: 4 }] });
  });
  afterAll(async () => {
    await shop.close();
    await receiver.close();
  });

  const stateOf = async (gid: string) => (await shop.graphql(ORDER_STATE, { id: gid }, {})).body;
  const newOrder = async (quantity = 3) => (await shop.createOrder({ lines: [{ sku: "W-1", quantity }, { sku: "W 2", quantity: 1 }], shippingPrice: "5.00" })).gid;
  const foOf = (gid: string) => {
    const order = shop.store.mustOrder(Number(gid.split("/").pop()));
    return shop.store.fulfillmentOrdersOf(order.id);
  };

  it("refuses a wrong access token with Shopify's 401 body, and unknown API versions with 404", async () => {
    const wrong = await shop.graphql("{ shop { name } }", {}, { "X-Shopify-Access-Token": "nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    const res = await fetch(`${shop.url}/admin/api/2025-01/graphql.json`, { method: "POST", headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": shop.accessToken }, body: JSON.stringify({ query: "{ shop { name } }" }) });
    expect(res.status).toBe(404);
  });

  it("answers a field that is not in Shopify's schema with HTTP 200 and a validation error, as Shopify does", async () => {
    const res = await shop.graphql(`query OrderNote($id: ID!) { order(id: $id) { id noteAttributes } }`, { id: "gid://shopify/Order/1" });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0]).toMatchObject({ message: "Field 'noteAttributes' doesn't exist on type 'Order'", path: ["query OrderNote", "order", "noteAttributes"], extensions: { code: "undefinedField", typeName: "Order", fieldName: "noteAttributes" } });
    const badArg = await shop.graphql(`{ orders(first: 1, status: OPEN) { nodes { id } } }`);
    expect(badArg.body.errors[0].extensions).toMatchObject({ code: "argumentNotAccepted", argumentName: "status" });
  });

  it("refuses a query over the 1,000 cost limit with MAX_COST_EXCEEDED", async () => {
    const res = await shop.graphql(`{ orders(first: 50) { nodes { lineItems(first: 250) { nodes { id } } } } }`);
    expect(res.status).toBe(200);
    expect(res.body.errors[0].extensions).toEqual({ code: "MAX_COST_EXCEEDED", cost: 12652, maxCost: 1000 });
    expect(res.body.errors[0].message).toMatch(/^Query cost is 12652, which exceeds the single query max cost limit \(1000\)\./);
  });

  it("keeps one OPEN fulfillment order per new order and one successful sale", async () => {
    const gid = await newOrder();
    const res = await shop.graphql(`query($id: ID!) { order(id: $id) { legacyResourceId name displayFinancialStatus fulfillmentOrders(first: 5) { nodes { status lineItems(first: 5) { nodes { totalQuantity remainingQuantity } } } } transactions(first: 5) { kind status amountSet { shopMoney { amount currencyCode } } } } }`, { id: gid });
    const order = res.body.data.order;
    expect(order.legacyResourceId).toBe(gid.split("/").pop());
    expect(order.name).toBe(`#${order.legacyResourceId}`);
    expect(order.displayFinancialStatus).toBe("PAID");
    expect(order.fulfillmentOrders.nodes).toHaveLength(1);
    expect(order.fulfillmentOrders.nodes[0].status).toBe("OPEN");
    expect(order.transactions).toEqual([{ kind: "SALE", status: "SUCCESS", amountSet: { shopMoney: { amount: "45.5", currencyCode: "USD" } } }]);
  });

  it("refuses to fulfill more than a fulfillment order line item's remainingQuantity, and fulfills what remains", async () => {
    const gid = await newOrder(2);
    const [fo] = foOf(gid);
    const fulfill = (quantity: number) =>
      shop.graphql(productDocuments.FULFILLMENT_CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fo!.id}`, fulfillmentOrderLineItems: [{ id: `gid://shopify/FulfillmentOrderLineItem/${fo!.lineItems[0]!.id}`, quantity }] }], notifyCustomer: false } });
    const tooMany = await fulfill(3);
    expect(tooMany.body.data.fulfillmentCreate).toEqual({ fulfillment: null, userErrors: [{ field: ["fulfillment"], message: "Invalid fulfillment order line item quantity requested." }] });
    expect(shop.store.fulfillmentsOf(fo!.orderId)).toHaveLength(0);
    const ok = await fulfill(2);
    expect(ok.body.data.fulfillmentCreate.userErrors).toEqual([]);
    expect(ok.body.data.fulfillmentCreate.fulfillment.status).toBe("SUCCESS");
    expect((await fulfill(1)).body.data.fulfillmentCreate.userErrors[0].message).toBe("Invalid fulfillment order line item quantity requested.");
    expect(fo!.status).toBe("IN_PROGRESS");
  });

  it("splits a fulfillment order when some of its line items are held, refuses to fulfill the held one, and releases by hold id", async () => {
    const gid = await newOrder(3);
    const state = (await stateOf(gid)).data.order;
    const fo = state.fulfillmentOrders.nodes[0];
    const widget = fo.lineItems.nodes.find((l: any) => l.lineItem.sku === "W-1");
    const held = await shop.graphql(productDocuments.FULFILLMENT_ORDER_HOLD, { id: fo.id, fulfillmentHold: { reason: "INVENTORY_OUT_OF_STOCK", handle: "backorder-desk", fulfillmentOrderLineItems: [{ id: widget.id, quantity: 2 }] } });
    const payload = held.body.data.fulfillmentOrderHold;
    expect(payload.userErrors).toEqual([]);
    expect(payload.fulfillmentOrder).toEqual({ id: fo.id, status: "ON_HOLD" });
    expect(payload.remainingFulfillmentOrder.status).toBe("OPEN");
    const after = foOf(gid);
    expect(after.map((f) => [f.status, f.lineItems.map((l) => l.remainingQuantity)])).toEqual([["ON_HOLD", [2]], ["OPEN", [1, 1]]]);

    const again = await shop.graphql(productDocuments.FULFILLMENT_ORDER_HOLD, { id: fo.id, fulfillmentHold: { reason: "OTHER", handle: "backorder-desk" } });
    expect(again.body.data.fulfillmentOrderHold.userErrors[0].code).toBe("DUPLICATE_FULFILLMENT_HOLD_HANDLE");

    const onHold = await shop.graphql(productDocuments.FULFILLMENT_CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } });
    expect(onHold.body.data.fulfillmentCreate.userErrors[0].message).toMatch(/unfulfillable status= on_hold/);

    const released = await shop.graphql(productDocuments.FULFILLMENT_ORDER_RELEASE_HOLD, { id: fo.id, holdIds: [payload.fulfillmentHold.id] });
    expect(released.body.data.fulfillmentOrderReleaseHold).toEqual({ fulfillmentOrder: { id: fo.id, status: "OPEN" }, userErrors: [] });
  });

  it("creates one refund for one @idempotent key, refuses the key with other arguments, and requires the directive (2026-04+)", async () => {
    const gid = await newOrder(1);
    const tx = (await shop.graphql(productDocuments.ORDER_TRANSACTIONS, { id: gid })).body.data.order.transactions[0];
    const lineItemId = `gid://shopify/LineItem/${shop.store.mustOrder(Number(gid.split("/").pop())).lineItems[0]!.id}`;
    const input = { orderId: gid, note: "Backorder", notify: true, refundLineItems: [{ lineItemId, quantity: 1, restockType: "NO_RESTOCK" }], transactions: [{ orderId: gid, parentId: tx.id, amount: "12.50", gateway: tx.gateway, kind: "REFUND" }] };
    const first = await shop.graphql(productDocuments.REFUND_CREATE, { input, idempotencyKey: "refund-1" });
    const second = await shop.graphql(productDocuments.REFUND_CREATE, { input, idempotencyKey: "refund-1" });
    expect(first.body.data.refundCreate.userErrors).toEqual([]);
    expect(second.body.data.refundCreate.refund).toEqual(first.body.data.refundCreate.refund);
    expect(first.body.data.refundCreate.refund.totalRefundedSet.shopMoney.amount).toBe("12.5");
    expect(shop.store.refundsOf(Number(gid.split("/").pop()))).toHaveLength(1);

    const other = await shop.graphql(productDocuments.REFUND_CREATE, { input: { ...input, note: "changed" }, idempotencyKey: "refund-1" });
    expect(other.body.data.refundCreate.userErrors[0].message).toMatch(/same idempotency key cannot be used with different operation parameters/);
    const tooMuch = await shop.graphql(productDocuments.REFUND_CREATE, { input: { ...input, refundLineItems: [], transactions: [{ ...input.transactions[0], amount: "999.00" }] }, idempotencyKey: "refund-2" });
    expect(tooMuch.body.data.refundCreate.userErrors[0].field).toEqual(["transactions", "0", "amount"]);

    const withoutKey = await shop.graphql(`mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { field message } } }`, { input });
    expect(withoutKey.body.errors[0].message).toMatch(/@idempotent directive is required/);
    expect(shop.store.refundsOf(Number(gid.split("/").pop()))).toHaveLength(1);
  });

  it("sets inventory with 2026-10 compare-and-swap: changeFromQuantity must be given, null skips the check, a stale value is refused", async () => {
    const item = `gid://shopify/InventoryItem/${shop.store.variantBySku("W-1")!.inventoryItemId}`;
    const location = `gid://shopify/Location/${shop.store.defaultLocation().id}`;
    const set = (q: Record<string, unknown>, key: string) => shop.graphql(productDocuments.INVENTORY_SET_QUANTITIES, { input: { name: "available", reason: "correction", referenceDocumentUri: "backorder-desk://stock-push/t", quantities: [{ inventoryItemId: item, locationId: location, ...q }] }, idempotencyKey: key });
    expect((await set({ quantity: 7 }, "s1")).body.data.inventorySetQuantities.userErrors[0].field).toEqual(["input", "quantities", "0", "changeFromQuantity"]);
    expect((await set({ quantity: 7, changeFromQuantity: 999 }, "s2")).body.data.inventorySetQuantities.userErrors[0].code).toBe("CHANGE_FROM_QUANTITY_STALE");
    expect((await set({ quantity: 7, changeFromQuantity: null }, "s3")).body.data.inventorySetQuantities.userErrors).toEqual([]);
    expect(shop.store.available("W-1")).toBe(7);
    const wrongReason = await shop.graphql(productDocuments.INVENTORY_SET_QUANTITIES, { input: { name: "available", reason: "stock push", quantities: [] }, idempotencyKey: "s4" });
    expect(wrongReason.body.data.inventorySetQuantities.userErrors[0].code).toBe("INVALID_REASON");
  });

  it("finds variants by `sku:X OR sku:\"Y\"` and orders by `updated_at:>='ISO'`, oldest change first, paged by cursor", async () => {
    const variants = await shop.graphql(productDocuments.VARIANTS_BY_SKU, { query: `sku:W-1 OR sku:"W 2"` });
    expect(variants.body.data.productVariants.nodes.map((v: any) => v.sku)).toEqual(["W-1", "W 2"]);
    const since = new Date(shop.store.clock.now().getTime() + 1000);
    shop.store.clock.advance(5_000);
    const a = await newOrder(1);
    shop.store.clock.advance(2_000);
    const b = await newOrder(1);
    shop.store.clock.advance(2_000);
    await shop.updateOrder(Number(a.split("/").pop()), { note: "changed" });
    const page = (after?: string) => shop.graphql(`query($q: String!, $after: String) { orders(first: 1, after: $after, query: $q, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { id updatedAt } } }`, { q: `updated_at:>='${since.toISOString()}'`, after });
    const p1 = (await page()).body.data.orders;
    const p2 = (await page(p1.pageInfo.endCursor)).body.data.orders;
    expect([p1.nodes[0].id, p2.nodes[0].id]).toEqual([b, a]);
    expect([p1.pageInfo.hasNextPage, p2.pageInfo.hasNextPage]).toEqual([true, false]);
    const bare = await shop.graphql(`query($q: String!) { orders(first: 5, query: $q) { nodes { id } } }`, { q: `updated_at:>=${since.toISOString()}` });
    expect(bare.body.data.orders.nodes).toHaveLength(2);
  });

  it("throttles the two ways Shopify does: HTTP 200 THROTTLED with the bucket's state, and HTTP 429 with Retry-After", async () => {
    shop.faults.throttleNext(1);
    const soft = await shop.graphql("{ shop { name } }");
    expect(soft.status).toBe(200);
    expect(soft.body.errors[0]).toMatchObject({ message: "Throttled", extensions: { code: "THROTTLED" } });
    expect(Object.keys(soft.body.extensions.cost.throttleStatus).sort()).toEqual(["currentlyAvailable", "maximumAvailable", "restoreRate"]);
    shop.faults.throttleNext(1, { http429: true, retryAfterSeconds: 2 });
    const hard = await shop.graphql("{ shop { name } }");
    expect(hard.status).toBe(429);
    expect(hard.headers.get("retry-after")).toBe("2.0");
    shop.bucket.drain(1);
    const drained = await shop.graphql(`{ orders(first: 10) { nodes { id } } }`);
    expect(drained.body.errors[0].extensions.code).toBe("THROTTLED");
    expect(drained.body.extensions.cost).toMatchObject({ requestedQueryCost: 12, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, restoreRate: 100 } });
    shop.bucket.drain(2000);
  });

  it("fails the next requests on demand, and can apply a fulfillment then answer 500 so the client must read before retrying", async () => {
    shop.faults.failNext(1, { status: 502 });
    expect((await shop.graphql("{ shop { name } }")).status).toBe(502);
    const gid = await newOrder(1);
    const [fo] = foOf(gid);
    shop.faults.applyThenFail(1, { match: { operationName: "FulfillmentCreate" } });
    const res = await shop.graphql(productDocuments.FULFILLMENT_CREATE, { fulfillment: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${fo!.id}` }] } });
    expect(res.status).toBe(500);
    expect(res.body.errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
    const state = (await stateOf(gid)).data.order;
    expect(state.fulfillments.map((f: any) => f.status)).toEqual(["SUCCESS"]);
    expect(shop.requests.byOperation("FulfillmentCreate").at(-1)).toMatchObject({ status: 500, fault: "apply-then-fail" });
  });

  it("can hang (the client's timeout fires) or drop the connection after applying", async () => {
    shop.faults.hangNext(1);
    await expect(fetch(shop.graphqlUrl, { method: "POST", headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": shop.accessToken }, body: JSON.stringify({ query: "{ shop { name } }" }), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const gid = await newOrder(1);
    shop.faults.applyThenFail(1, { drop: true, match: { operationName: "OrderUpdateNote" } });
    await expect(shop.graphql(productDocuments.ORDER_UPDATE_NOTE, { input: { id: gid, note: "applied [m]" } })).rejects.toThrow();
    expect(shop.store.mustOrder(Number(gid.split("/").pop())).note).toBe("applied [m]");
  });

  it("signs webhooks as Shopify documents, with every header, one event id across duplicates and a new webhook id per copy", async () => {
    receiver.received.length = 0;
    const { order } = await shop.createOrder({ lines: [{ sku: "W-1", quantity: 1 }] }, { webhook: { duplicate: 1 } });
    expect(receiver.received).toHaveLength(2);
    const [one, two] = receiver.received as [Received, Received];
    expect(shopifyHmacValid(one.raw, one.headers["x-shopify-hmac-sha256"] as string, "app-secret")).toBe(true);
    expect(shopifyHmacValid(one.raw, one.headers["x-shopify-hmac-sha256"] as string, "rotated-secret")).toBe(false);
    expect(one.headers).toMatchObject({ "content-type": "application/json", "x-shopify-topic": "orders/create", "x-shopify-shop-domain": "fake-shop.myshopify.com", "x-shopify-api-version": "2026-10" });
    expect(one.headers["x-shopify-triggered-at"]).toBeTruthy();
    expect(two.headers["x-shopify-event-id"]).toBe(one.headers["x-shopify-event-id"]);
    expect(two.headers["x-shopify-webhook-id"]).not.toBe(one.headers["x-shopify-webhook-id"]);
    const body = JSON.parse(one.raw.toString("utf8"));
    expect(body).toMatchObject({ id: order.id, admin_graphql_api_id: `gid://shopify/Order/${order.id}`, name: order.name, order_number: order.id, financial_status: "paid", currency: "USD", total_shipping_price_set: { shop_money: { amount: "0.00", currency_code: "USD" } } });
    expect(body.line_items[0]).toMatchObject({ sku: "W-1", quantity: 1, current_quantity: 1, price: "12.50", fulfillable_quantity: 1, admin_graphql_api_id: expect.stringMatching(/^gid:\/\/shopify\/LineItem\/\d+$/) });
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00$/);
  });

  it("delivers two orders/updated out of order (newest first), and signs with a wrong secret on demand", async () => {
    receiver.received.length = 0;
    const { order } = await shop.createOrder({ lines: [{ sku: "W-1", quantity: 1 }] });
    await shop.updateOrder(order.id, { note: "first" });
    const older = shop.buildWebhook("orders/updated", order.id);
    shop.store.clock.advance(1_000);
    await shop.updateOrder(order.id, { note: "second" });
    const newer = shop.buildWebhook("orders/updated", order.id);
    await shop.sendWebhook("orders/updated", newer);
    await shop.sendWebhook("orders/updated", older, { secret: "wrong" });
    const bodies = receiver.received.map((r) => JSON.parse(r.raw.toString("utf8")));
    expect(bodies.map((b) => b.note)).toEqual(["second", "first"]);
    expect(bodies[0].updated_at > bodies[1].updated_at).toBe(true);
    expect(shopifyHmacValid(receiver.received[1]!.raw, receiver.received[1]!.headers["x-shopify-hmac-sha256"] as string, "app-secret")).toBe(false);
    await shop.cancelOrder(order.id, { webhook: true });
    expect(receiver.received.at(-1)!.headers["x-shopify-topic"]).toBe("orders/cancelled");
    expect(JSON.parse(receiver.received.at(-1)!.raw.toString("utf8")).cancelled_at).toBeTruthy();
    await shop.sendAppUninstalled();
    expect(JSON.parse(receiver.received.at(-1)!.raw.toString("utf8")).myshopify_domain).toBe("fake-shop.myshopify.com");
  });

  it("can name the shop after its own host, for receivers that compare X-Shopify-Shop-Domain with the store URL", async () => {
    const other = await startFakeShopify({ shopDomain: (url) => new URL(url).host, webhook: { url: receiver.url, secret: "s" } });
    try {
      expect(other.shopDomain).toBe(new URL(other.url).host);
      await other.sendAppUninstalled();
      expect(receiver.received.at(-1)!.headers["x-shopify-shop-domain"]).toBe(new URL(other.url).host);
    } finally {
      await other.close();
    }
  });

  it("logs every request with its operation name and variables", async () => {
    shop.requests.clear();
    await shop.graphql(productDocuments.ORDER_NOTE, { id: "gid://shopify/Order/1001" });
    expect(shop.requests.all()).toMatchObject([{ method: "POST", path: "/admin/api/2026-10/graphql.json", operationName: "OrderNote", variables: { id: "gid://shopify/Order/1001" }, status: 200 }]);
  });
});

describe("fake WooCommerce: REST API v3", () => {
  let woo: FakeWooCommerce;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    woo = await startFakeWooCommerce({ offsetMinutes: 120 });
    woo.store.createProduct({ name: "Widget", sku: "W-1", price: "12.50", stockQuantity: 10 });
    woo.store.createProduct({ name: "Gadget", sku: "G-1", price: "4.00", stockQuantity: 3 });
  });
  afterAll(async () => {
    await woo.close();
    await receiver.close();
  });

  it("authenticates with HTTP Basic or consumer_key/consumer_secret, and answers like WooCommerce otherwise", async () => {
    expect((await woo.request("GET", "/orders")).status).toBe(200);
    expect((await woo.request("GET", "/orders", undefined, { query: true })).status).toBe(200);
    const anonymous = await woo.request("GET", "/orders", undefined, { auth: false });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ code: "woocommerce_rest_cannot_view", message: "Sorry, you cannot list resources.", data: { status: 401 } });
    const unknownKey = await woo.request("GET", "/orders", undefined, { auth: { key: "ck_unknown", secret: "cs_x" } });
    expect(unknownKey.body.code).toBe("woocommerce_rest_cannot_view");
    const wrongSecret = await woo.request("GET", "/orders", undefined, { auth: { key: woo.consumerKey, secret: "cs_wrong" } });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.code).toBe("woocommerce_rest_authentication_error");
    expect(wrongSecret.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    const plain = await startFakeWooCommerce({ plainHttp: true });
    try {
      expect((await plain.request("GET", "/orders")).body.code).toBe("woocommerce_rest_cannot_view");
    } finally {
      await plain.close();
    }
  });

  it("pages GET /orders by modified date (strictly after, GMT when dates_are_gmt) with X-WP-Total and X-WP-TotalPages", async () => {
    const since = woo.store.clock.now();
    woo.store.clock.advance(1_000);
    for (let i = 0; i < 3; i++) {
      await woo.createOrder({ lines: [{ sku: "G-1", quantity: 1 }] });
      woo.store.clock.advance(1_000);
    }
    const q = (page: number, gmt = "true") => `/orders?modified_after=${since.toISOString()}&dates_are_gmt=${gmt}&orderby=modified&order=asc&per_page=2&page=${page}&status=any`;
    const p1 = await woo.request("GET", q(1));
    const p2 = await woo.request("GET", q(2));
    expect([p1.headers.get("x-wp-total"), p1.headers.get("x-wp-totalpages")]).toEqual(["3", "2"]);
    expect(p1.headers.get("link")).toContain('rel="next"');
    expect([...p1.body, ...p2.body].map((o: any) => o.date_modified_gmt)).toEqual([...p1.body, ...p2.body].map((o: any) => o.date_modified_gmt).sort());
    expect(p1.body[0].date_modified_gmt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(p1.body[0].date_created).not.toBe(p1.body[0].date_created_gmt);
    // Without dates_are_gmt the value is compared with local times (+02:00 here), so the same instant finds more.
    const local = await woo.request("GET", `/orders?modified_after=${since.toISOString()}&per_page=100`);
    expect(Number(local.headers.get("x-wp-total"))).toBeGreaterThanOrEqual(3);
    const bad = await woo.request("GET", "/orders?per_page=200");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "rest_invalid_param", data: { params: { per_page: "per_page must be between 1 (inclusive) and 100 (inclusive)" } } });
  });

  it("keeps order notes (customer or private, listed by type) and adds a system note on a status change", async () => {
    const { order } = await woo.createOrder({ lines: [{ sku: "W-1", quantity: 1 }] });
    const created = await woo.request("POST", `/orders/${order.id}/notes`, { note: "Shipped 1 × W-1 [bod:shipment:1]", customer_note: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ note: "Shipped 1 × W-1 [bod:shipment:1]", customer_note: true });
    expect((await woo.request("POST", `/orders/${order.id}/notes`, {})).body.code).toBe("rest_missing_callback_param");
    await woo.request("PUT", `/orders/${order.id}`, { status: "completed" });
    const customer = await woo.request("GET", `/orders/${order.id}/notes?type=customer`);
    const internal = await woo.request("GET", `/orders/${order.id}/notes?type=internal`);
    expect(customer.body.map((n: any) => n.note)).toEqual(["Shipped 1 × W-1 [bod:shipment:1]"]);
    expect(internal.body.map((n: any) => n.note)).toContain("Order status changed from Processing to Completed.");
    expect((await woo.request("GET", `/orders/${order.id}`)).body.status).toBe("completed");
    expect((await woo.request("GET", "/orders/999999")).body).toEqual({ code: "woocommerce_rest_shop_order_invalid_id", message: "Invalid ID.", data: { status: 404 } });
  });

  it("refunds within what is left (WooCommerce answers refusals with HTTP 500) and marks a fully refunded order refunded", async () => {
    const { order } = await woo.createOrder({ lines: [{ sku: "W-1", quantity: 2 }], shippingTotal: "5.00" });
    const tooMuch = await woo.request("POST", `/orders/${order.id}/refunds`, { amount: "30.01", reason: "x", api_refund: true });
    expect(tooMuch.status).toBe(500);
    expect(tooMuch.body).toMatchObject({ code: "woocommerce_rest_cannot_create_order_refund", message: "Invalid refund amount." });
    const part = await woo.request("POST", `/orders/${order.id}/refunds`, { amount: "10.00", reason: "Late [bod:refund:1]", api_refund: true, api_restock: false });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ amount: "10.00", reason: "Late [bod:refund:1]", refunded_payment: true });
    const rest = await woo.request("POST", `/orders/${order.id}/refunds`, { amount: "20.00", api_refund: true });
    expect(rest.status).toBe(201);
    expect((await woo.request("GET", `/orders/${order.id}`)).body).toMatchObject({ status: "refunded", refunds: [{ total: "-20.00" }, { total: "-10.00" }] });
    const listed = await woo.request("GET", `/orders/${order.id}/refunds`);
    expect(listed.headers.get("x-wp-total")).toBe("2");

    const other = await woo.createOrder({ lines: [{ sku: "W-1", quantity: 1 }], gatewaySupportsRefunds: false });
    const noGateway = await woo.request("POST", `/orders/${other.order.id}/refunds`, { amount: "1.00", api_refund: true });
    expect(noGateway.status).toBe(500);
    expect(noGateway.body.message).toBe("The payment gateway for this order does not support automatic refunds.");
    expect(woo.store.refundsOf(other.order.id)).toHaveLength(0);
  });

  it("finds products by exact SKUs and updates stock in a batch, reporting a bad item in its place", async () => {
    const found = await woo.request("GET", "/products?per_page=100&sku=W-1,G-1,NOPE");
    expect(found.body.map((p: any) => p.sku).sort()).toEqual(["G-1", "W-1"]);
    const w = found.body.find((p: any) => p.sku === "W-1");
    const batch = await woo.request("POST", "/products/batch", { update: [{ id: w.id, stock_quantity: 42, manage_stock: true }, { id: 999999, stock_quantity: 1 }] });
    expect(batch.status).toBe(200);
    expect(batch.body.update[0]).toMatchObject({ id: w.id, stock_quantity: 42, stock_status: "instock" });
    expect(batch.body.update[1]).toEqual({ id: 999999, error: { code: "woocommerce_rest_product_invalid_id", message: "Invalid ID.", data: { status: 400 } } });
    const tooMany = await woo.request("POST", "/products/batch", { update: Array.from({ length: 101 }, () => ({ id: w.id })) });
    expect(tooMany.status).toBe(413);
  });

  it("pings a new webhook unsigned, then delivers signed v3 payloads with WC_Webhook's headers", async () => {
    receiver.received.length = 0;
    const { webhook, ping } = await woo.createWebhook({ topic: "order.created", deliveryUrl: receiver.url, secret: "wc-secret" });
    expect(ping?.status).toBe(200);
    expect(receiver.received[0]!.raw.toString("utf8")).toBe(`webhook_id=${webhook.id}`);
    expect(receiver.received[0]!.headers["x-wc-webhook-signature"]).toBeUndefined();
    const { order } = await woo.createOrder({ lines: [{ sku: "W-1", quantity: 1 }] });
    const hit = receiver.received[1]!;
    expect(hit.headers).toMatchObject({ "x-wc-webhook-source": `${woo.url}/`, "x-wc-webhook-topic": "order.created", "x-wc-webhook-resource": "order", "x-wc-webhook-event": "created", "x-wc-webhook-id": String(webhook.id) });
    expect(hit.headers["x-wc-webhook-delivery-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(hit.headers["x-wc-webhook-signature"]).toBe(crypto.createHmac("sha256", "wc-secret").update(hit.raw).digest("base64"));
    expect(hit.raw.toString("utf8")).toContain(":\\/\\/"); // wp_json_encode escapes slashes
    expect(JSON.parse(hit.raw.toString("utf8"))).toMatchObject({ id: order.id, status: "processing", number: String(order.id), line_items: [{ sku: "W-1", quantity: 1, price: 12.5 }] });
    await woo.sendWebhook(webhook.id, order.id, { duplicate: 1, secret: "rotated" });
    expect(receiver.received).toHaveLength(4);
  });

  it("can apply a note and then answer 500, like a request that timed out after WooCommerce saved it", async () => {
    const { order } = await woo.createOrder({ lines: [{ sku: "W-1", quantity: 1 }] }, { webhook: false });
    woo.faults.applyThenFail(1, { match: { pathIncludes: "/notes" } });
    const res = await woo.request("POST", `/orders/${order.id}/notes`, { note: "Backordered [bod:hold:1]" });
    expect(res.status).toBe(500);
    expect(woo.store.notesOf(order.id).map((n) => n.note)).toContain("Backordered [bod:hold:1]");
    expect(woo.requests.all().at(-1)).toMatchObject({ method: "POST", status: 500, fault: "apply-then-fail" });
  });
});

describe("fake store CLI and control API", () => {
  it("starts a fake WooCommerce as its own process, prints its URL and credentials, and is driven through /_control", async () => {
    const cli = fileURLToPath(new URL("./fake-store/cli.mts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", cli, "woocommerce", "--seed"], { stdio: ["ignore", "pipe", "pipe"], cwd: fileURLToPath(new URL("../../..", import.meta.url)) });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
          if (out.includes("\n")) resolve(out.split("\n")[0]!);
        });
        child.once("exit", (code) => reject(new Error(`cli exited ${code}`)));
      });
      const info = JSON.parse(line);
      expect(info).toMatchObject({ kind: "woocommerce", url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), consumerKey: expect.stringMatching(/^ck_/) });
      const created = await fetch(`${info.url}/_control/orders`, { method: "POST", body: JSON.stringify({ lines: [{ sku: "DEMO-1", quantity: 2 }] }) }).then((r) => r.json());
      expect(created.order.line_items[0]).toMatchObject({ sku: "DEMO-1", quantity: 2 });
      await fetch(`${info.url}/_control/faults`, { method: "POST", body: JSON.stringify({ kind: "status", status: 503 }) });
      const auth = { Authorization: `Basic ${Buffer.from(`${info.consumerKey}:${info.consumerSecret}`).toString("base64")}` };
      expect((await fetch(`${info.url}/wp-json/wc/v3/orders`, { headers: auth })).status).toBe(503);
      expect((await fetch(`${info.url}/wp-json/wc/v3/orders`, { headers: auth })).status).toBe(200);
      const requests = await fetch(`${info.url}/_control/requests`).then((r) => r.json());
      expect(requests.map((r: any) => r.status)).toEqual([503, 200]);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
