// Journey: warehouse staff filter the orders that can ship now, take the one whose ship-by is
// oldest, ship it, and see it shipped. Data comes from the API (fixtures/orders.ts).
import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";

test("staff filter Fulfillable, sort by ship-by oldest first, open the first order and ship it", async ({ page, request }) => {
  const co = await createCompany(request, "Dockside Supplies");
  const mug = await co.createProduct("MUG", "Enamel mug");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  await co.adjustStock(mug.sku, 10);

  // Ship-by order differs from order-date order, and the oldest ship-by of all is backordered (no lamps).
  const later = await co.createOrder({ customerName: "Bea Early", orderDate: daysFromNow(-10), shipBy: daysFromNow(3), lines: [{ sku: mug.sku, quantity: 2 }] });
  const first = await co.createOrder({ customerName: "Cal Urgent", orderDate: daysFromNow(-4), shipBy: daysFromNow(-1), lines: [{ sku: mug.sku, quantity: 1 }] });
  const waiting = await co.createOrder({ customerName: "Dee Waiting", orderDate: daysFromNow(-12), shipBy: daysFromNow(-6), lines: [{ sku: lamp.sku, quantity: 1 }] });
  const staff = await co.createUser("staff", "Sam Staff");

  await signInInBrowser(page, staff);
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await page.getByRole("navigation", { name: "Order tabs" }).getByRole("link", { name: /^Fulfillable/ }).click();
  await page.getByLabel("Sort by").selectOption({ label: "Ship-by date" });
  await expect(page.getByLabel("Direction")).toHaveValue("asc");
  await expect(page).toHaveURL(/fulfillability=fulfillable/);
  await expect(page).toHaveURL(/sort=ship_by/);

  const table = page.getByRole("table", { name: "Orders" });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(first.number);
  await expect(rows.nth(0)).toContainText("Overdue");
  await expect(rows.nth(1)).toContainText(later.number);
  await expect(table).not.toContainText(waiting.number);

  // Staff do not get manager controls.
  await rows.nth(0).getByRole("link", { name: first.number }).click();
  await expect(page.getByRole("heading", { name: `Order ${first.number}` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Hold" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);

  await page.getByRole("button", { name: "Ship available items" }).click();
  await expect(page.getByLabel(`Quantity for ${mug.sku}`)).toHaveValue("1");
  await page.getByRole("button", { name: "Create shipment" }).click();

  await expect(page.locator(".page-header").getByText("Shipped", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Shipments" }).locator("tbody tr")).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Order lines" }).getByRole("row").filter({ hasText: mug.sku })).toContainText("1");
});
