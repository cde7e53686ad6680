// Journey: an order placed in a Shopify store (a fake Shopify on 127.0.0.1 that signs its
// webhooks like Shopify) appears on the orders desk; a manager ships what is in stock; the store
// receives exactly that fulfillment, and the order's timeline says it was sent.
import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { createCompany } from "../fixtures/orders.ts";
import { startFakeShopify, type FakeShopify } from "../../apps/api/test/fake-store/shopify.ts";
import { BASE_URL } from "../support/env.ts";

let fake: FakeShopify;
test.afterEach(async () => {
  await fake?.close();
});

test("an order from the store's webhook is shipped in part, and the store gets that fulfillment", async ({ page, request }) => {
  const co = await createCompany(request, "Shopify Goods");
  fake = await startFakeShopify({ rateLimit: false });
  const channel = await co.post<{ id: string }>("/channels", {
    name: "My Shopify store",
    kind: "shopify",
    defaultWarehouseId: co.warehouse.id,
    supportsOrderEdits: true,
    notifyOnPartialShipment: false,
    storeUrl: fake.url,
    accessToken: fake.accessToken,
    webhookSecret: fake.webhookSecret,
  });
  fake.webhooks.config.url = `${BASE_URL}/api/v1/webhooks/shopify/${channel.id}`;
  const mug = await co.createProduct("MUG", "Enamel mug");
  const lid = await co.createProduct("LID", "Mug lid");
  await co.adjustStock(mug.sku, 2);
  fake.store.createProduct({ title: "Enamel mug", variants: [{ sku: mug.sku, price: "14.00" }] });
  fake.store.createProduct({ title: "Mug lid", variants: [{ sku: lid.sku, price: "3.00" }] });
  const manager = await co.createUser("manager", "Max Manager");

  const { order: placed, deliveries } = await fake.createOrder(
    { lines: [{ sku: mug.sku, quantity: 2 }, { sku: lid.sku, quantity: 1 }], customer: { firstName: "Sam", lastName: "Store" } },
    { webhook: true },
  );
  expect(deliveries.map((d) => d.status)).toEqual([200]);

  await signInInBrowser(page, manager);
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await page.getByRole("navigation", { name: "Order tabs" }).getByRole("link", { name: /^Partially fulfillable/ }).click();
  const row = page.getByRole("table", { name: "Orders" }).getByRole("row", { name: /Sam Store/ });
  await expect(row).toBeVisible({ timeout: 15_000 }); // the worker imports it from the inbox
  await row.getByRole("link").first().click();

  const header = page.locator(".page-header");
  await expect(header.getByText("Partially fulfillable", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Ship available items" }).click();
  await expect(page.getByLabel(`Quantity for ${mug.sku}`)).toHaveValue("2");
  await page.getByRole("button", { name: "Create shipment" }).click();
  await expect(header.getByText("Partially shipped", { exact: true })).toBeVisible();

  // The store receives exactly the shipped units, without a customer notification (the channel's setting).
  await expect.poll(() => [...fake.store.fulfillments.values()].filter((f) => f.orderId === placed.id).length, { timeout: 20_000 }).toBe(1);
  const [fulfillment] = [...fake.store.fulfillments.values()].filter((f) => f.orderId === placed.id);
  expect(fulfillment!.notifyCustomer).toBe(false);
  expect(fulfillment!.lineItems.map((li) => [placed.lineItems.find((l) => l.id === li.lineItemId)!.sku, li.quantity])).toEqual([[mug.sku, 2]]);
  // The lid waits on hold in the store, as out of stock.
  expect(fake.store.fulfillmentOrdersOf(placed.id).some((fo) => fo.holds.some((h) => h.reason === "INVENTORY_OUT_OF_STOCK"))).toBe(true);

  // The timeline says it was sent.
  await expect.poll(async () => {
    await page.reload();
    // The page loads its code lazily: count once the timeline is on screen, not before.
    await expect(page.getByRole("list", { name: "Order events, newest first" })).toBeVisible();
    return page.getByText(/Sent to Shopify ✓ Shopify fulfillment/).count();
  }, { timeout: 20_000 }).toBeGreaterThan(0);
});
