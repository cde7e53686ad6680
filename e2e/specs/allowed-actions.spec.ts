// What users may do comes from the server (issue 12, item 6): the order and PO pages show the
// response's allowedActions, and the navigation only the areas the role may open.
import { expect, test } from "@playwright/test";
import { signInInBrowser, signOutInBrowser } from "../fixtures/accounts.ts";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";

test("a ship-complete order short of stock offers no partial shipment; Close shows on a received PO, not an ordered one", async ({ page, request }) => {
  const co = await createCompany(request, "Actions & Co");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  const shade = await co.createProduct("SHADE", "Lamp shade");
  await co.adjustStock(lamp.sku, 1);
  const order = await co.post<{ id: string; number: string }>("/orders", {
    channelId: co.channel.id,
    customerName: "Nina Complete",
    orderDate: daysFromNow(-2),
    fulfillmentMode: "ship_complete",
    lines: [
      { productId: lamp.id, quantity: 1, unitPriceCents: 2500 },
      { productId: shade.id, quantity: 1, unitPriceCents: 2500 },
    ],
  });
  const supplier = await co.post<{ id: string }>("/suppliers", { name: `Shades Ltd ${Date.now()}` });
  const poInput = { supplierId: supplier.id, warehouseId: co.warehouse.id, expectedDate: daysFromNow(6).slice(0, 10), lines: [{ productId: shade.id, quantity: 1, unitCostCents: 700 }], linkWaitingOrders: false };
  const ordered = await co.post<{ id: string; number: string }>("/purchase-orders", poInput);
  const received = await co.post<{ id: string; number: string }>("/purchase-orders", { ...poInput, lines: [{ productId: lamp.id, quantity: 1, unitCostCents: 700 }] });
  await co.post(`/purchase-orders/${received.id}/receipts`, { receiveAllRemaining: true }, { "idempotency-key": crypto.randomUUID() });

  await signInInBrowser(page, co.admin);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByRole("heading", { name: `Order ${order.number}` })).toBeVisible();
  await expect(page.getByText("Ships complete").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Ship available items" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Pick & stage" })).toBeVisible();

  await page.goto(`/purchasing/${ordered.id}`);
  await expect(page.getByRole("heading", { name: `Purchase order ${ordered.number}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Close", exact: true })).toHaveCount(0);

  await page.goto(`/purchasing/${received.id}`);
  await expect(page.getByRole("heading", { name: `Purchase order ${received.number}` })).toBeVisible();
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("button", { name: "Close purchase order" }).click();
  await expect(page.getByText(`Purchase order ${received.number} closed`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Close", exact: true })).toHaveCount(0);
});

test("staff see no admin areas in the navigation, and /users offers no Invite button", async ({ page, request }) => {
  const co = await createCompany(request, "Nav & Co");
  const staff = await co.createUser("staff", "Sam Staff");
  await signInInBrowser(page, staff);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Orders", exact: true })).toBeVisible();
  for (const area of ["Warehouses", "Channels", "Integrations", "Users", "Settings"]) await expect(nav.getByRole("link", { name: area, exact: true })).toHaveCount(0);
  await page.goto("/users");
  await expect(page.getByText("This page needs a role you do not have.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite user" })).toHaveCount(0);
  await page.goto("/warehouses");
  await expect(page.getByText("This page needs a role you do not have.")).toBeVisible();
  await signOutInBrowser(page);
});
