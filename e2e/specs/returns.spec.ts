// Issue 16, returns: a manager authorises a return on a shipped order, the parcel is received by
// scanning its item, and the restocked unit turns another customer's backorder fulfillable — named
// on the receipt as a link, and shown fulfillable on that order's page.
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "../fixtures/accounts.ts";

test("a return received by scanning turns a waiting backorder fulfillable", async ({ page }) => {
  const request = page.request;
  const signup = await request.post("/api/v1/auth/signup", { data: { companyName: "Return Goods", name: "Max Manager", email: uniqueEmail("returns"), password: PASSWORD } });
  expect(signup.ok(), await signup.text()).toBeTruthy();
  const me = await (await request.get("/api/v1/auth/me")).json();
  const post = async (path: string, data: unknown) => {
    const res = await request.post(`/api/v1${path}`, { data, headers: { "x-csrf-token": me.csrfToken, "idempotency-key": crypto.randomUUID() } });
    expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return res.json();
  };
  const tag = crypto.randomBytes(3).toString("hex").toUpperCase();
  const warehouse = await post("/warehouses", { code: `RW${tag}`, name: "Returns warehouse" });
  const channel = await post("/channels", { name: `Shop ${tag}`, kind: "manual", defaultWarehouseId: warehouse.id });
  const barcode = `${Date.now()}`.slice(-9) + String(Math.floor(Math.random() * 1e4)).padStart(4, "0");
  const lamp = await post("/products", { sku: `LAMP-${tag}`, name: "Desk lamp, brass", barcode });
  await post("/stock/adjustments", { warehouseId: warehouse.id, productId: lamp.id, quantity: 1, reason: "Opening stock" });
  const sold = await post("/orders", { channelId: channel.id, customerName: "Rosa Returner", priority: 5, lines: [{ productId: lamp.id, quantity: 1, unitPriceCents: 4900 }] });
  await post(`/orders/${sold.id}/shipments`, {});
  const waiting = await post("/orders", { channelId: channel.id, customerName: "Walt Waiting", lines: [{ productId: lamp.id, quantity: 1, unitPriceCents: 4900 }] });
  expect(waiting.fulfillability).toBe("backordered");

  // The shipped order offers "Create return": one unit, back to stock, with a reason.
  await page.goto(`/orders/${sold.id}`);
  const returns = page.getByRole("region", { name: "Returns", exact: true });
  await returns.getByRole("button", { name: "Create return" }).click();
  await page.getByLabel(`Quantity to return of ${lamp.sku}`).fill("1");
  await expect(page.getByLabel(`Condition of ${lamp.sku}`)).toHaveValue("restock");
  await page.getByLabel("Reason").selectOption("no_longer_needed");
  await page.getByRole("button", { name: "Authorise return" }).click();

  // The return page: scan the lamp's barcode (a keyboard-wedge scanner types fast, then Enter).
  await expect(page.getByRole("heading", { name: /^Return RMA-\d+$/ })).toBeVisible();
  const scan = page.getByLabel("Scan or type SKU");
  await expect(scan).toBeFocused();
  await page.keyboard.type(barcode, { delay: 0 });
  await page.keyboard.press("Enter");
  await expect(page.getByLabel(`Counted ${lamp.sku} restock`)).toHaveValue("1");
  await expect(scan).toHaveValue("");
  await page.getByRole("button", { name: "Receive (1 units)" }).click();

  // The receipt names the waiting order as a link; it is fulfillable now.
  const summary = page.getByRole("status").filter({ hasText: "Return received" });
  await expect(summary).toContainText("1 unit back in stock");
  const fulfillable = summary.getByRole("list", { name: /Orders now fulfillable/ });
  await expect(fulfillable.getByRole("link")).toHaveText([waiting.number]);
  await expect(page.getByRole("table", { name: "Return lines" }).getByRole("row").filter({ hasText: lamp.sku })).toContainText("1");
  await fulfillable.getByRole("link", { name: waiting.number }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${waiting.id}$`));
  await expect(page.getByText("Fulfillable", { exact: true }).first()).toBeVisible();

  // The returned order lists the return as received.
  await page.goto(`/orders/${sold.id}`);
  await expect(page.getByRole("region", { name: "Returns", exact: true })).toContainText("Received");
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
