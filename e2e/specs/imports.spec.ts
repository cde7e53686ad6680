// Issue 15, CSV imports. A manager brings a catalogue in from a file: the preview reports the bad
// row with its line and reason, the manager cancels, uploads the corrected file and confirms; the
// same file again is refused and links to the import. Then the day's stock counts, and the stock
// page shows them; then a supplier's terms for a product. On a phone the import page does not scroll sideways.
import { expect, test, type Page } from "@playwright/test";
import crypto from "node:crypto";
import { signUpInBrowser } from "../fixtures/accounts.ts";

async function uploadFile(page: Page, kind: "Products" | "Stock counts" | "Supplier terms" | "Warehouse locations", name: string, csv: string) {
  await page.goto("/imports");
  await page.getByRole("radio", { name: kind }).check();
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.locator(".drop-zone")).toContainText(name);
  await page.getByRole("button", { name: "Upload and read" }).click();
}

const total = (page: Page, name: string) => page.getByTestId(`total-${name}`).locator("dd");

test("a manager imports products and stock counts from CSV files", async ({ page }) => {
  await signUpInBrowser(page, "Import Goods");
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const tag = crypto.randomBytes(3).toString("hex").toUpperCase();
  const warehouse = await page.request.post("/api/v1/warehouses", { data: { code: `WH${tag}`, name: "Main warehouse" }, headers: { "x-csrf-token": me.csrfToken } });
  expect(warehouse.ok(), await warehouse.text()).toBeTruthy();
  const wh = (await warehouse.json()) as { code: string };
  const mug = `MUG-${tag}`;
  const cup = `CUP-${tag}`;

  // A file with one bad row (line 3: a negative restock quantity); the headers are auto-mapped.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Imports" }).click();
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Products template" })).toHaveAttribute("href", "/api/v1/imports/templates/products.csv");
  await uploadFile(page, "Products", "catalogue.csv", `sku,name,restock_qty\r\n${mug},Enamel mug,10\r\n${cup},Stoneware cup,-3\r\n`);
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { name: "catalogue.csv", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Field for column restock_qty")).toHaveValue("restock_quantity");
  const invalid = page.getByRole("table", { name: "Invalid rows" });
  await expect(invalid.getByRole("row")).toHaveCount(2);
  await expect(invalid.getByRole("row").nth(1)).toHaveText("3restock_qtyNegative quantity (-3): must be 0 or more");
  await expect(total(page, "to-create")).toHaveText("1");
  await expect(total(page, "invalid")).toHaveText("1");
  const toWrite = page.getByRole("table", { name: "Rows to write" });
  await expect(toWrite.getByRole("row").filter({ hasText: mug })).toContainText("create");
  // It survives a reload: the page reads the import again.
  await page.reload();
  await expect(invalid.getByRole("row").nth(1)).toContainText("Negative quantity (-3)");
  await page.getByRole("button", { name: "Cancel import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cancelled: nothing was written" })).toBeVisible();

  // The corrected file, confirmed.
  const corrected = `sku,name,restock_qty\r\n${mug},Enamel mug,10\r\n${cup},Stoneware cup,3\r\n`;
  await uploadFile(page, "Products", "catalogue-fixed.csv", corrected);
  await expect(page.getByRole("heading", { name: "catalogue-fixed.csv", level: 1 })).toBeVisible();
  await expect(total(page, "to-create")).toHaveText("2");
  await expect(page.getByText("Every row is valid.")).toBeVisible();
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByText("Imported: 2 created, 0 updated, 0 skipped, 0 rejected.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm import" })).toHaveCount(0);
  const productsImportUrl = page.url();

  // The same file again is refused, with a link to the import it was.
  await uploadFile(page, "Products", "catalogue-fixed.csv", corrected);
  const refusal = page.getByRole("status").filter({ hasText: "This file was imported already" });
  await expect(refusal).toBeVisible();
  await expect(refusal.getByRole("button", { name: "Upload as an update" })).toBeVisible();
  await refusal.getByRole("link", { name: "Open that import" }).click();
  await expect(page).toHaveURL(productsImportUrl);

  // The day's counts for those products, with one unknown SKU rejected (downloadable).
  await uploadFile(page, "Stock counts", "counts.csv", `warehouse,sku,on_hand\r\n${wh.code},${mug},25\r\n${wh.code},${cup},7\r\n${wh.code},NOPE-${tag},4\r\n`);
  await expect(page.getByRole("heading", { name: "counts.csv", level: 1 })).toBeVisible();
  await expect(total(page, "invalid")).toHaveText("1");
  await expect(page.getByRole("table", { name: "Invalid rows" }).getByRole("row").nth(1)).toHaveText(`4skuUnknown SKU NOPE-${tag}`);
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByText(/Imported: \d+ created, \d+ updated, \d+ skipped, 1 rejected\./)).toBeVisible();
  const rejects = page.getByRole("link", { name: "Download rejected rows" });
  const rejectsCsv = await (await page.request.get((await rejects.getAttribute("href"))!)).text();
  expect(rejectsCsv).toContain(`NOPE-${tag}`);

  // The history lists both applied imports and the cancelled one.
  await page.goto("/imports");
  const history = page.getByRole("table", { name: "Import history" });
  await expect(history.getByRole("row")).toHaveCount(4);
  await expect(history.getByRole("row").filter({ hasText: "counts.csv" })).toContainText("Imported");
  await expect(history.getByRole("row").filter({ hasText: "catalogue.csv" })).toContainText("Cancelled");

  // The stock page shows the counts.
  await page.goto(`/stock?q=${tag}`);
  const stock = page.getByRole("table", { name: "Stock levels" });
  await expect(stock.getByRole("row").filter({ hasText: mug }).getByRole("cell").nth(3)).toHaveText("25");
  await expect(stock.getByRole("row").filter({ hasText: cup }).getByRole("cell").nth(3)).toHaveText("7");

  // The supplier's terms for the mug, from a supplier not known yet (created by the import).
  await uploadFile(page, "Supplier terms", "terms.csv", `supplier,sku,unit_cost,lead_time_days,is_preferred\r\nPotter ${tag},${mug},4.20,10,yes\r\n`);
  await expect(page.getByRole("heading", { name: "terms.csv", level: 1 })).toBeVisible();
  await expect(total(page, "to-create")).toHaveText("1");
  await page.getByRole("button", { name: "Confirm import" }).click();
  await expect(page.getByText("Imported: 1 created, 0 updated, 0 skipped, 0 rejected.")).toBeVisible();
  const products = (await (await page.request.get(`/api/v1/products?q=${mug}`)).json()) as { items: { id: string; sku: string }[] };
  const terms = await (await page.request.get(`/api/v1/products/${products.items.find((p) => p.sku === mug)!.id}/suppliers`)).json();
  expect(terms.items).toMatchObject([{ supplierName: `Potter ${tag}`, unitCostCents: 420, leadTimeDays: 10, isPreferred: true }]);

  // Phone width: no sideways scroll on the import page with its tables.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(productsImportUrl);
  await expect(page.getByRole("table", { name: "Rows to write" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screens/imports-390.png", fullPage: true });
  await page.goto("/imports");
  await expect(page.getByRole("table", { name: "Import history" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(productsImportUrl);
  await expect(page.getByRole("table", { name: "Rows to write" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});
