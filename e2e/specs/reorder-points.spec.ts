// Issue 16, reorder points. A purchaser opens an item that is not short, asks for a reorder point
// from its demand, takes the suggestion, and finds the item in the backorder report flagged
// "Below reorder point" beside today's backorders; the purchase-order preview says why it buys
// that quantity. On a phone the product page does not scroll sideways.
import { expect, test } from "@playwright/test";
import crypto from "node:crypto";
import { daysFromNow, seedBackorders } from "../fixtures/purchasing.ts";

test("a purchaser sets a reorder point from a suggestion and buys before orders wait", async ({ page }) => {
  const data = await seedBackorders(page.request, "Reorder Goods");
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const post = async (path: string, body: unknown) => {
    const res = await page.request.post(`/api/v1${path}`, { data: body, headers: { "x-csrf-token": me.csrfToken, "idempotency-key": crypto.randomUUID() } });
    expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return res.json();
  };
  // A cup with 20 on hand and 12 ordered over the last 30 days (all allocated: nothing is short).
  const cup = await post("/products", { sku: `CUP-${crypto.randomBytes(3).toString("hex").toUpperCase()}`, name: "Stoneware cup" });
  const put = await page.request.put(`/api/v1/products/${cup.id}/suppliers/${data.suppliers.acme.id}`, {
    data: { unitCostCents: 200, leadTimeDays: 10, minOrderQty: 1, casePack: 6, isPreferred: true },
    headers: { "x-csrf-token": me.csrfToken },
  });
  expect(put.ok()).toBeTruthy();
  await post("/stock/adjustments", { warehouseId: data.warehouse.id, productId: cup.id, quantity: 20, reason: "opening count" });
  for (const [age, quantity] of [[3, 8], [12, 4]] as const) {
    await post("/orders", { channelId: data.channel.id, externalId: `EXT-${crypto.randomUUID()}`, customerName: "Cup buyer", orderDate: daysFromNow(-age), lines: [{ productId: cup.id, quantity, unitPriceCents: 900 }] });
  }

  await page.goto(`/products/${cup.id}`);
  const section = page.getByRole("region", { name: "Reorder points", exact: true });
  await expect(section.getByTestId(`reorder-${data.warehouse.code}`)).toContainText("None");
  // 12 units in 30 days = 0.4 a day; × 10 days' lead time + 2 safety = 6; 30 days' cover = 12.
  await section.getByText("Suggest from demand").click();
  await section.getByLabel("Safety stock").fill("2");
  await section.getByRole("button", { name: "Suggest", exact: true }).click();
  const suggestion = section.getByRole("status", { name: "Suggestion" });
  await expect(suggestion).toContainText("12 units ordered in 30 days = 0.40 a day");
  await expect(suggestion).toContainText("reorder point 6");
  await expect(suggestion).toContainText("reorder quantity 12");
  await section.getByRole("button", { name: "Use this suggestion" }).click();
  await expect(section.getByLabel("Reorder point", { exact: true })).toHaveValue("6");
  // The purchaser wants more headroom than suggested: a point of 10 (20 on hand − 12 promised = 8 < 10).
  await section.getByLabel("Reorder point", { exact: true }).fill("10");
  await section.getByRole("button", { name: "Save reorder point" }).click();
  const row = section.getByTestId(`reorder-${data.warehouse.code}`);
  await expect(row).toContainText("10");
  await expect(row.getByRole("cell").nth(4)).toHaveText("8"); // projected
  await expect(row.getByRole("cell").last()).not.toHaveText("0");

  // The report lists the cup below its reorder point, beside today's backorders.
  await page.goto("/reports/backorders");
  const report = page.getByRole("table", { name: "Backorder report" });
  const cupRow = report.getByRole("row").filter({ hasText: cup.sku });
  await expect(cupRow).toContainText("Below reorder point");
  await expect(cupRow).toContainText("projected 8 · point 10 · by 12");
  await expect(report.getByRole("row").filter({ hasText: data.products.mug.sku })).not.toContainText("Below reorder point");
  await page.getByLabel("Reorder points", { exact: true }).selectOption("only");
  await expect(page).toHaveURL(/reorder=only/);
  await expect(report.getByRole("row").filter({ hasText: data.products.mug.sku })).toHaveCount(0);

  // The preview explains the need (the reorder point) and the rounding (case pack 6).
  await page.getByLabel(`Select ${cup.sku}`).check();
  await page.getByRole("button", { name: "Create purchase orders" }).click();
  const preview = page.getByRole("region", { name: "Proposed purchase orders" });
  await expect(preview).toContainText("below the reorder point 10: 1 × reorder quantity 12 = 12");
  await expect(page.getByLabel(`Quantity for ${cup.sku}`)).toHaveValue("12");
  await expect(preview).not.toContainText("rounded up"); // 12 is two case packs already

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/products/${cup.id}`);
  await expect(page.getByRole("region", { name: "Reorder points", exact: true })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screens/reorder-points-390.png", fullPage: true });
});
