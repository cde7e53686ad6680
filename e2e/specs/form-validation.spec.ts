// SPA forms check what they send with the API's own zod contracts (lib/api.ts `checked`): what
// the server would refuse is refused in the browser, under the field, and no request leaves.
import { test, expect } from "@playwright/test";
import { signUpInBrowser } from "../fixtures/accounts.ts";

test("a warehouse code longer than the contract allows is refused under the field without a request, then saves once fixed", async ({ page }) => {
  await signUpInBrowser(page, "Contract Forms Co");
  const writes: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/warehouses") writes.push(r.url());
  });
  await page.goto("/warehouses");
  await page.getByRole("button", { name: "New warehouse" }).click();
  await page.getByLabel("Code").fill("W".repeat(41));
  await page.getByLabel("Name").fill("Overflow site");
  await page.getByRole("button", { name: "Save warehouse" }).click();
  // The contract's own message (max 40), shown where the server's would be.
  await expect(page.getByText(/<=40 characters/)).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Some values are not accepted");
  expect(writes).toEqual([]);

  await page.getByLabel("Code").fill("W".repeat(40));
  await page.getByRole("button", { name: "Save warehouse" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /W{40}|Overflow site/ })).toBeVisible();
  expect(writes).toHaveLength(1);
});

test("a stock adjustment reason over the contract's limit is refused in the browser; nothing reaches the ledger", async ({ page }) => {
  await signUpInBrowser(page, "Contract Stock Co");
  const writes: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname.startsWith("/api/v1/stock/")) writes.push(r.url());
  });
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const headers = { "x-csrf-token": me.csrfToken as string };
  const wh = await (await page.request.post("/api/v1/warehouses", { data: { code: "MAIN", name: "Main" }, headers })).json();
  const product = await (await page.request.post("/api/v1/products", { data: { sku: "CONTRACT-1", name: "Contract mug" }, headers })).json();
  expect(wh.id && product.id).toBeTruthy();

  await page.goto("/stock/adjust");
  await expect(page.getByRole("heading", { level: 1, name: "Adjust stock" })).toBeVisible();
  await expect(page.getByLabel("Warehouse")).toHaveValue(wh.id);
  await page.getByLabel("Product").fill("CONTRACT-1");
  await page.getByLabel("Quantity").fill("5");
  await page.getByLabel("Reason").fill("x".repeat(501));
  await page.getByRole("button", { name: "Save adjustment" }).click();
  await expect(page.getByText(/<=500 characters/)).toBeVisible();
  expect(writes).toEqual([]);
  const ledger = await (await page.request.get(`/api/v1/stock/movements?productId=${product.id}`)).json();
  expect(ledger.items).toHaveLength(0);
});
