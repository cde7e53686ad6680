// Issue: foundation. Sign up → sign in → create a product → adjust stock → see the ledger
// entry; a second company cannot see any of it.
import { expect, test } from "@playwright/test";
import { signInInBrowser, signOutInBrowser, signUpInBrowser } from "../fixtures/accounts.ts";

test("an admin signs up, creates a product, adjusts its stock and sees the ledger; another company sees none of it", async ({ page, browser }) => {
  const sku = `MUG-${Date.now().toString(36).toUpperCase()}`;
  const account = await signUpInBrowser(page, "Harbor Goods");

  // Sign out and back in with the new account.
  await signOutInBrowser(page);
  await signInInBrowser(page, account);

  // Create a product.
  await page.getByRole("link", { name: "Products" }).click();
  await page.getByRole("button", { name: "New product" }).click();
  await page.getByLabel("SKU").fill(sku);
  await page.getByLabel("Name").fill("Enamel mug, navy");
  await page.getByLabel("Barcode").fill("4006381333931");
  await page.getByRole("button", { name: "Save product" }).click();
  await page.getByRole("link", { name: "Products" }).click();
  await expect(page.getByRole("cell", { name: sku })).toBeVisible();

  // Stock needs a warehouse: create one.
  await page.getByRole("link", { name: "Warehouses" }).click();
  await page.getByRole("button", { name: "New warehouse" }).click();
  await page.getByLabel("Code").fill("MAIN");
  await page.getByLabel("Name").fill("Main warehouse");
  await page.getByRole("button", { name: "Save warehouse" }).click();
  await expect(page.getByText("Warehouse MAIN created")).toBeVisible();

  // Adjust stock by scanning the barcode into the product field.
  await page.getByRole("link", { name: "Stock" }).click();
  await page.getByRole("button", { name: "Adjust stock" }).click();
  await page.getByLabel("Warehouse").selectOption({ label: "MAIN · Main warehouse" });
  await page.getByLabel("Product").fill("4006381333931");
  await page.getByLabel("Product").press("Enter");
  await page.getByLabel("Quantity").fill("12");
  await page.getByLabel("Reason").fill("Opening count");
  await page.getByRole("button", { name: "Save adjustment" }).click();

  // The ledger shows the movement, with its reason.
  const ledger = page.getByRole("table", { name: "Stock ledger" });
  await expect(ledger).toBeVisible();
  await expect(ledger.getByRole("row").filter({ hasText: "Opening count" })).toContainText("+12");

  // A second company sees neither the product nor the stock.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signUpInBrowser(otherPage, "Other Company");
  await otherPage.getByRole("link", { name: "Products" }).click();
  await expect(otherPage.getByRole("heading", { name: "Products" })).toBeVisible();
  await expect(otherPage.getByText(sku)).toHaveCount(0);
  await otherPage.getByRole("link", { name: "Stock" }).click();
  await expect(otherPage.getByText(sku)).toHaveCount(0);
  // And the product's API URL of the first company is a 404 for the second.
  const products = await page.request.get(`/api/v1/products?q=${sku}`);
  const productId = (await products.json()).items[0].id;
  const peek = await otherPage.request.get(`/api/v1/products/${productId}`);
  expect(peek.status()).toBe(404);
  await other.close();
});
