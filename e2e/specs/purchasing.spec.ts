// Issue: purchasing. A purchaser reads the backorder report, raises purchase orders for the top
// SKUs, sees the waiting orders tagged with the PO, receives part of one PO by scanning, and sees
// which orders that receipt made fulfillable — and finds them under Fulfillable in the orders list.
import { expect, test } from "@playwright/test";
import { seedBackorders } from "../fixtures/purchasing.ts";

test("a purchaser raises POs from the backorder report, receives one in part by scanning, and unblocks waiting orders", async ({ page }) => {
  const data = await seedBackorders(page.request);
  const { mug, tea, bag } = data.products;
  const { order1, order2 } = data.orders;

  // The report lists the three short SKUs, with charts summarised for screen readers.
  await page.goto("/reports/backorders");
  const report = page.getByRole("table", { name: "Backorder report" });
  await expect(report).toBeVisible();
  for (const p of [mug, tea, bag]) await expect(report.getByRole("row").filter({ hasText: p.sku })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shortfall by age" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Top SKUs by units short" })).toBeVisible();

  // Filters live in the URL.
  await page.getByLabel("Only SKUs with a net need").click();
  await expect(page.getByLabel("Only SKUs with a net need")).toBeChecked();
  await expect(page).toHaveURL(/onlyNetNeed=true/);

  // Select the top three SKUs and ask for purchase orders.
  for (const p of [mug, tea, bag]) await page.getByLabel(`Select ${p.sku}`).check();
  await page.getByRole("button", { name: "Create purchase orders" }).click();

  // The preview groups by supplier; quantities and dates can be changed.
  const preview = page.getByRole("region", { name: "Proposed purchase orders" });
  await expect(preview).toBeVisible();
  await expect(page.getByLabel(`Quantity for ${mug.sku}`)).toHaveValue("3");
  await expect(page.getByLabel(`Quantity for ${tea.sku}`)).toHaveValue("2");
  await page.getByLabel(`Quantity for ${bag.sku}`).fill("5");
  const expected = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel(`Expected date for ${data.suppliers.acme.name}`).fill(expected);
  await page.getByRole("button", { name: "Confirm purchase orders" }).click();

  // The created POs are listed with links.
  const created = page.getByRole("list", { name: "Created purchase orders" });
  await expect(created.getByRole("link")).toHaveCount(2);
  const acmeItem = created.getByRole("listitem").filter({ hasText: data.suppliers.acme.name });
  const poNumber = (await acmeItem.getByRole("link").textContent())!.trim();

  // The waiting orders of MUG are now tagged with the PO.
  // The filter lives in the URL; the box reflects it once the navigation commits.
  const onlyNetNeed = page.getByLabel("Only SKUs with a net need");
  await onlyNetNeed.click();
  await expect(onlyNetNeed).not.toBeChecked();
  await page.getByRole("button", { name: `Waiting orders for ${mug.sku}` }).click();
  const waiting = page.getByRole("table", { name: `Waiting orders for ${mug.sku}` });
  await expect(waiting.getByRole("row").filter({ hasText: order1.number })).toContainText("PO#");
  await expect(waiting.getByRole("row").filter({ hasText: order2.number })).toContainText("PO#");

  // Open the Acme PO; it lists the orders it was raised for.
  await acmeItem.getByRole("link").click();
  await expect(page.getByRole("heading", { name: `Purchase order ${poNumber}` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Purchase order lines" }).getByRole("link", { name: order1.number })).toBeVisible();
  // POs raised from the report may start as drafts: send it to the supplier first.
  const submit = page.getByRole("button", { name: "Submit to supplier" });
  if (await submit.isVisible()) await submit.click();
  await page.getByRole("link", { name: "Receive", exact: true }).click();

  // Scan-first receiving: focus waits in the scan field.
  const scan = page.getByLabel("Scan or type SKU");
  await expect(scan).toBeFocused();
  // A SKU that is not on the PO is refused loudly.
  await scan.pressSequentially(bag.barcode, { delay: 5 });
  await scan.press("Enter");
  await expect(page.getByRole("alert")).toContainText("is not on");
  // Three mugs arrive (the keyboard-wedge scanner types fast and presses Enter): each scan adds one, focus stays.
  await expect(scan).toHaveValue("");
  for (let i = 0; i < 3; i++) await page.keyboard.type(`${mug.barcode}\n`, { delay: 0 });
  await expect(page.getByLabel(`Received quantity for ${mug.sku}`)).toHaveValue("3");
  await expect(scan).toBeFocused();
  await expect(scan).toHaveValue("");
  await expect(page.getByRole("table", { name: "Scanned lines" }).getByRole("row").filter({ hasText: mug.sku })).toContainText("Complete");
  await page.getByRole("button", { name: /Post receipt/ }).click();

  // The receipt unblocks orders: order 1 now ships complete, order 2 in part.
  const fulfillable = page.getByRole("list", { name: /Orders now fulfillable/ });
  await expect(fulfillable.getByRole("link", { name: order1.number })).toBeVisible();
  await expect(page.getByRole("list", { name: /Orders now partially fulfillable/ }).getByRole("link", { name: order2.number })).toBeVisible();
  await expect(page.getByRole("table", { name: "Lines to receive" }).getByRole("row").filter({ hasText: mug.sku })).toContainText("3");
  await expect(page.getByText("Partially received")).toBeVisible();

  // Warehouse staff find order 1 under Fulfillable.
  await page.goto("/orders?fulfillability=fulfillable");
  await expect(page.getByText(order1.number)).toBeVisible();
});
