// Journey: a manager ships what is in stock of a partially fulfillable order (partially shipped),
// stock for the rest arrives, the order turns fulfillable, and the manager ships the rest.
import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";

test("a manager ships a partially fulfillable order in two shipments as stock arrives", async ({ page, request }) => {
  const co = await createCompany(request, "Harbor Goods");
  const mug = await co.createProduct("MUG", "Enamel mug");
  const kettle = await co.createProduct("KETTLE", "Stovetop kettle");
  await co.adjustStock(mug.sku, 2);
  const order = await co.createOrder({
    customerName: "Mia Partial",
    orderDate: daysFromNow(-3),
    shipBy: daysFromNow(2),
    lines: [
      { sku: mug.sku, quantity: 2 },
      { sku: kettle.sku, quantity: 3 },
    ],
  });
  const manager = await co.createUser("manager", "Max Manager");

  await signInInBrowser(page, manager);
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await page.getByRole("navigation", { name: "Order tabs" }).getByRole("link", { name: /^Partially fulfillable/ }).click();
  await page.getByRole("table", { name: "Orders" }).getByRole("link", { name: order.number }).click();

  const header = page.locator(".page-header");
  await expect(header.getByText("Partially fulfillable", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Hold" })).toBeVisible(); // manager controls are there

  // First shipment: what is allocated (2 mugs); kettles have nothing allocated.
  await page.getByRole("button", { name: "Ship available items" }).click();
  await expect(page.getByLabel(`Quantity for ${mug.sku}`)).toHaveValue("2");
  await expect(page.getByLabel(`Quantity for ${kettle.sku}`)).toHaveValue("0");
  await expect(page.getByLabel(`Quantity for ${kettle.sku}`)).toBeDisabled();
  await page.getByRole("button", { name: "Create shipment" }).click();
  await expect(header.getByText("Partially shipped", { exact: true })).toBeVisible();
  await expect(header.getByText("Backordered", { exact: true })).toBeVisible();

  // Kettles arrive; the order becomes fulfillable.
  await co.adjustStock(kettle.sku, 3, "Received from supplier");
  await page.reload();
  await expect(header.getByText("Fulfillable", { exact: true })).toBeVisible();

  // Ship the rest.
  await page.getByRole("button", { name: "Ship available items" }).click();
  await expect(page.getByLabel(`Quantity for ${kettle.sku}`)).toHaveValue("3");
  await page.getByRole("button", { name: "Create shipment" }).click();
  await expect(header.getByText("Shipped", { exact: true })).toBeVisible();
  const shipments = page.getByRole("table", { name: "Shipments" });
  await expect(shipments.locator("tbody tr")).toHaveCount(2);
  await expect(shipments).toContainText(`2 × ${mug.sku}`);
  await expect(shipments).toContainText(`3 × ${kettle.sku}`);
});
