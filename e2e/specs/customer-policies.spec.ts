// Issue 16, backorder policy per customer. A manager (here the admin) adds a customer who refuses
// backorders; that customer's next short order arrives tagged no-backorders on a channel that
// accepts backorders, with the reason on its timeline; changing the policy to ship complete holds
// the next order for one shipment. The page does not scroll sideways on a phone.
import { expect, test } from "@playwright/test";
import crypto from "node:crypto";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";

test("a customer's backorder policy decides how their orders arrive", async ({ page }) => {
  const co = await createCompany(page.request, "Policy Outfitters");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  await co.adjustStock(lamp.sku, 1);
  const email = `strict-${crypto.randomBytes(3).toString("hex")}@example.test`;

  await page.goto("/");
  await page.getByRole("link", { name: "Customer policies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Customer policies" })).toBeVisible();
  await expect(page.getByText("No customer policies yet")).toBeVisible();
  // An address the API would refuse is refused before anything is sent, next to its field.
  await page.getByLabel("E-mail").fill("not-an-address");
  await page.getByRole("button", { name: "Add policy" }).click();
  await expect(page.locator(".field-invalid").getByLabel("E-mail")).toBeVisible();
  await page.getByLabel("E-mail").fill(email.toUpperCase());
  await page.getByLabel("Name (optional)").fill("Stella Strict");
  await page.getByLabel("Backorder policy").selectOption("refuse");
  await expect(page.getByText("an order that cannot ship on arrival is tagged no-backorders")).toBeVisible();
  await page.getByRole("button", { name: "Add policy" }).click();
  const table = page.getByRole("table", { name: "Customer policies" });
  await expect(table.getByRole("row").filter({ hasText: email })).toBeVisible(); // stored lower-cased

  // Her order for two lamps (one in stock) arrives tagged for a manager.
  const order = await co.post<{ id: string; number: string }>("/orders", {
    channelId: co.channel.id,
    customerName: "Stella Strict",
    customerEmail: email,
    orderDate: daysFromNow(0),
    lines: [{ productId: lamp.id, quantity: 2, unitPriceCents: 4000 }],
  });
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByText("no-backorders").first()).toBeVisible();
  await expect(page.getByText(/The customer's backorder policy refuses backorders/)).toBeVisible();

  // Ship complete instead: the next order waits for one shipment, untagged.
  await page.goto("/customer-policies");
  await table.getByLabel(`Policy of ${email}`, { exact: true }).selectOption("ship_complete");
  await expect(page.getByText(`${email}: ship complete`)).toBeVisible();
  const next = await co.post<{ id: string; fulfillmentMode: string; tags: string[] }>("/orders", {
    channelId: co.channel.id,
    customerName: "Stella Strict",
    customerEmail: email,
    lines: [{ productId: lamp.id, quantity: 1, unitPriceCents: 4000 }],
  });
  expect(next).toMatchObject({ fulfillmentMode: "ship_complete", tags: [] });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/customer-policies");
  await expect(table.getByRole("row").filter({ hasText: email })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "test-results/screens/customer-policies-390.png", fullPage: true });
});
