// Money shows in the company's currency and dates in one format on every screen: an admin
// switches the company to euros in Settings, and the order's payment and the invitation's
// expiry read the way the rest of the app writes them.
import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { daysFromNow } from "../fixtures/orders.ts";
import { createOversellCompany } from "../fixtures/oversell.ts";

test("amounts carry the company's currency (USD until an admin picks another), dates one format", async ({ page, request }) => {
  const co = await createOversellCompany(request, "Euro Mugs Co");
  const mug = await co.createProduct("MUG", "Enamel mug");
  await co.adjustStock(mug.sku, 5);
  const order = await co.createPricedOrder({ customerName: "Erin Euro", orderDate: daysFromNow(-1), shippingCents: 500, taxCents: 0, lines: [{ sku: mug.sku, quantity: 2, unitPriceCents: 123456 }] });

  await signInInBrowser(page, co.admin);
  await page.goto(`/orders/${order.id}`);
  const payment = page.getByRole("region", { name: "Payment" });
  await expect(payment).toContainText("$2,474.12"); // 2 × 1,234.56 + 5.00

  await page.goto("/settings");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();

  await page.goto(`/orders/${order.id}`);
  await expect(payment).toContainText("€2,474.12");
  await expect(payment).not.toContainText("$");

  // One date format: the invitation's expiry is written like every other date-time in the app.
  await page.goto("/users");
  await page.getByRole("button", { name: /Invite/ }).first().click();
  await page.getByLabel("Email").fill(`invitee-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Create invitation" }).click();
  // "Dec 9, 2026, 11:52 AM" (Intl medium date, short time, as lib/format.ts writes every instant), not "12/9/2026, 11:52:07 AM".
  await expect(page.getByText(/valid until/)).toContainText(/valid until [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M\./);
});
