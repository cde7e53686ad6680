// Journeys: oversold by accident. A manager (1) refunds the unavailable part of a two-line order
// and ships the rest, and (2) exchanges an unavailable item for an alternative in stock and ships it.
import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { daysFromNow } from "../fixtures/orders.ts";
import { createOversellCompany } from "../fixtures/oversell.ts";

test("refund the unavailable part, ship the rest: the refund and the partial shipment are on the timeline, the order is shipped", async ({ page, request }) => {
  const co = await createOversellCompany(request, "Copper Kettle Co");
  const mug = await co.createProduct("MUG", "Enamel mug");
  const kettle = await co.createProduct("KETTLE", "Stovetop kettle");
  await co.adjustStock(mug.sku, 2);
  await co.adjustStock(kettle.sku, 1);
  const order = await co.createPricedOrder({
    customerName: "Olive Oversold",
    orderDate: daysFromNow(-2),
    shippingCents: 500,
    taxCents: 450,
    lines: [
      { sku: mug.sku, quantity: 2, unitPriceCents: 1200 },
      { sku: kettle.sku, quantity: 3, unitPriceCents: 2500 },
    ],
  });
  const manager = await co.createUser("manager", "Max Manager");

  await signInInBrowser(page, manager);
  await page.goto(`/orders/${order.id}`);
  const header = page.locator(".page-header");
  await expect(header.getByText("Partially fulfillable", { exact: true })).toBeVisible();
  const payment = page.getByRole("region", { name: "Payment" });
  await expect(payment).toContainText("108.50"); // 2 × 12.00 + 3 × 25.00 + 5.00 + 4.50

  // The choices, side by side, each saying what it means for the customer and for stock.
  const oversell = page.getByRole("region", { name: "Oversold: choose what to do" });
  await expect(oversell.getByRole("radio")).toHaveCount(3);
  await expect(oversell).toContainText("gets $108.50 back");
  await expect(oversell).toContainText("$50.00 back for the 2 units we cannot ship");
  await expect(oversell).toContainText("3 units ship now");

  await oversell.getByRole("radio", { name: "Refund the unavailable part, ship the rest" }).check();
  await expect(page.getByLabel(`Cancel and refund units of ${kettle.sku}`)).toHaveValue("2");
  await expect(page.getByLabel(`Cancel and refund units of ${mug.sku}`)).toHaveValue("0");
  await expect(page.getByTestId("partial-refund-total")).toHaveText("$50.00");
  await oversell.getByLabel("Reason").fill("Kettle oversold: only one left");
  await oversell.getByRole("button", { name: "Refund $50.00 and ship the rest" }).click();

  // Straight to the shipment for what is available.
  await expect(page.getByLabel(`Quantity for ${mug.sku}`)).toHaveValue("2");
  await expect(page.getByLabel(`Quantity for ${kettle.sku}`)).toHaveValue("1");
  await expect(oversell).toBeHidden(); // nothing is unavailable any more
  await page.getByRole("button", { name: "Create shipment" }).click();

  await expect(header.getByText("Shipped", { exact: true })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Order events, newest first" });
  await expect(timeline).toContainText("Refund of 50.00 recorded");
  await expect(timeline).toContainText(`Cancelled the unavailable part (2 × ${kettle.sku})`);
  await expect(timeline).toContainText("Shipped 3 unit(s)");
  await expect(page.getByRole("list", { name: "Refunds" })).toContainText("Refund $50.00");
  await expect(payment).toContainText("58.50"); // still refundable
  await expect(page.getByRole("table", { name: "Shipments" })).toContainText(`1 × ${kettle.sku}`);
});

test("exchange an unavailable item for an alternative in stock, and ship it", async ({ page, request }) => {
  const co = await createOversellCompany(request, "Teapot Traders");
  const teapot = await co.createSuppliedProduct("TEAPOT", "Cast iron teapot");
  const large = await co.createSuppliedProduct("TEAPOTXL", "Cast iron teapot, large");
  await co.adjustStock(large.sku, 4);
  const order = await co.createPricedOrder({
    customerName: "Theo Exchange",
    orderDate: daysFromNow(-1),
    shippingCents: 400,
    taxCents: 0,
    lines: [{ sku: teapot.sku, quantity: 1, unitPriceCents: 3000 }],
  });
  const manager = await co.createUser("manager", "Mona Manager");

  await signInInBrowser(page, manager);
  await page.goto(`/orders/${order.id}`);
  const header = page.locator(".page-header");
  await expect(header.getByText("Backordered", { exact: true })).toBeVisible();

  const oversell = page.getByRole("region", { name: "Oversold: choose what to do" });
  await oversell.getByRole("radio", { name: "Exchange an unavailable item" }).focus();
  await page.keyboard.press("Space"); // keyboard: choose with the space bar
  const alternatives = oversell.getByRole("table", { name: "Alternatives" });
  await expect(alternatives).toContainText(large.sku);
  await expect(alternatives).toContainText("Same supplier");
  await alternatives.getByRole("radio", { name: `Exchange for ${large.sku} Cast iron teapot, large` }).check();
  await expect(oversell.getByLabel("Unit price of the alternative")).toHaveValue("30.00");
  await expect(page.getByTestId("exchange-difference")).toHaveText("Same price: no money changes hands.");
  await oversell.getByLabel("Unit price of the alternative").fill("27.50");
  await expect(page.getByTestId("exchange-difference")).toContainText("The customer gets $2.50 back");
  await oversell.getByLabel("Reason").fill("Small teapot sold out; customer took the large one");
  await oversell.getByRole("button", { name: "Exchange" }).click();

  await expect(header.getByText("Fulfillable", { exact: true })).toBeVisible();
  await expect(page.getByLabel(`Quantity for ${large.sku}`)).toHaveValue("1");
  await page.getByRole("button", { name: "Create shipment" }).click();
  await expect(header.getByText("Shipped", { exact: true })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Order events, newest first" });
  await expect(timeline).toContainText(`Exchanged 1 × ${teapot.sku} for ${large.sku}; 2.50 back to the customer`);
  await expect(timeline).toContainText("Refund of 2.50 recorded");
  await expect(page.getByRole("table", { name: "Shipments" })).toContainText(`1 × ${large.sku}`);
});

test("an in-app edit shows its before and after; a store change that conflicts with a shipment is shown on the order", async ({ page, request }) => {
  const co = await createOversellCompany(request, "Edit Emporium");
  const mug = await co.createProduct("MUG", "Enamel mug");
  await co.adjustStock(mug.sku, 5);
  const order = await co.createPricedOrder({ customerName: "Edna Edit", orderDate: daysFromNow(-1), shippingCents: 0, taxCents: 0, lines: [{ sku: mug.sku, quantity: 3, unitPriceCents: 1200 }] });
  // A second channel whose store edits its own orders: one of its orders shipped in part, then the store asks for less.
  const store = await co.post<{ id: string; name: string }>("/channels", { name: "Web store with edits", kind: "shopify", defaultWarehouseId: co.warehouse.id, supportsOrderEdits: true });
  const storeOrder = await co.post<{ id: string; lines: { id: string }[] }>("/orders", {
    channelId: store.id,
    externalId: "STORE-77",
    customerName: "Sam Store",
    lines: [{ productId: mug.id, quantity: 2, unitPriceCents: 1200 }],
  });
  await co.post(`/orders/${storeOrder.id}/shipments`, { lines: [{ lineId: storeOrder.lines[0]!.id, quantity: 1 }] });
  const me = await (await request.get("/api/v1/auth/me")).json();
  const put = await request.put(`/api/v1/channels/${store.id}/orders/STORE-77`, { data: { lines: [] }, headers: { "x-csrf-token": me.csrfToken } });
  expect(put.ok(), await put.text()).toBeTruthy();
  const manager = await co.createUser("manager", "Eve Editor");

  await signInInBrowser(page, manager);
  await page.goto(`/orders/${order.id}`);
  await page.getByRole("button", { name: "Edit order" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit order" });
  await dialog.getByLabel(`Ordered quantity of ${mug.sku}`).fill("2");
  await dialog.getByLabel("Ship-by").fill("2031-04-30");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  const timeline = page.getByRole("list", { name: "Order events, newest first" });
  await expect(timeline).toContainText("Edited ship-by, line quantities");
  const diff = timeline.getByRole("table", { name: "Before and after" }).first();
  await expect(diff.getByRole("row", { name: new RegExp(`Quantities: ${mug.sku}`) }).getByRole("cell")).toHaveText(["3", "2"]); // before, after
  await expect(diff).toContainText("Ship-by");

  await page.goto(`/orders/${storeOrder.id}`);
  const conflicts = page.getByRole("region", { name: "1 change from the store could not be applied" });
  await expect(conflicts).toContainText(`The store asks for 0 × ${mug.sku}, but 1 already shipped`);
  await conflicts.getByRole("button", { name: "Mark resolved" }).click();
  await expect(conflicts).toBeHidden();
  await expect(page.getByRole("list", { name: "Order events, newest first" })).toContainText("Conflict resolved");
});
