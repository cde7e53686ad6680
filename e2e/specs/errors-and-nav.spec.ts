// Issue 12, items 7 and 8: errors a person can act on (offline, no answer, too slow, a 500 — a
// message within seconds, a Retry that works once the network is back, the request id only in
// "Details"), and the navigation folding behind a Menu button on a phone and a tablet.
import { expect, test, type Page } from "@playwright/test";
import { signUpInBrowser } from "../fixtures/accounts.ts";

const SHOTS = process.env.E2E_SHOTS ?? "/tmp/pw-errors/shots";
const PRODUCTS_API = "**/api/v1/products?**";

async function openProducts(page: Page) {
  await page.getByRole("link", { name: "Products" }).click();
  await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();
}

test("a list that cannot reach the server says so within seconds and Retry loads it once the network is back", async ({ page }) => {
  await signUpInBrowser(page, "Errors Network Co");
  await page.route(PRODUCTS_API, (route) => route.abort("internetdisconnected"));
  await openProducts(page);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Cannot reach the server", { timeout: 5_000 });
  await page.unroute(PRODUCTS_API);
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("offline: the banner and the message show at once, Retry works when the connection is back", async ({ page, context }) => {
  await signUpInBrowser(page, "Errors Offline Co");
  // The page's code is loaded while online (a lazy route's code cannot load offline); then a
  // search needs a request that the offline browser cannot send.
  await openProducts(page);
  await context.setOffline(true);
  await page.locator("[data-page-search]").fill("mug");
  await expect(page.getByText("You're offline — check the connection", { exact: false }).first()).toBeVisible({ timeout: 3_000 });
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("You're offline", { timeout: 3_000 });
  await page.screenshot({ path: `${SHOTS}/offline-list.png`, fullPage: true });
  await context.setOffline(false);
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByText("You're offline")).toHaveCount(0);
});

test("a 500 shows what to do, not 'Internal error'; the request id is only inside Details", async ({ page }) => {
  await signUpInBrowser(page, "Errors Server Co");
  let calls = 0;
  await page.route(PRODUCTS_API, (route) => {
    calls += 1;
    return route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "internal", message: "Internal error", requestId: "req-e2e-4711" } }) });
  });
  await openProducts(page);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Something went wrong on the server", { timeout: 5_000 });
  await expect(page.getByText("Internal error")).toHaveCount(0);
  await expect(page.getByText("req-e2e-4711")).toBeHidden();
  await page.getByText("Details", { exact: true }).click();
  await expect(alert.getByText("req-e2e-4711")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/server-error-details.png`, fullPage: true });
  const before = calls;
  await page.unroute(PRODUCTS_API);
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
  expect(before).toBeGreaterThan(0);
});

test("a request with no answer stops after the time limit with 'took too long' and a Retry", async ({ page }) => {
  test.setTimeout(60_000);
  await signUpInBrowser(page, "Errors Slow Co");
  await page.route(PRODUCTS_API, () => {
    /* never answered */
  });
  await openProducts(page);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The server took too long", { timeout: 18_000 });
  await page.unroute(PRODUCTS_API);
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

for (const size of [
  { name: "phone", width: 390, height: 844 },
  { name: "tablet", width: 1024, height: 768 },
]) {
  test(`on a ${size.name} (${size.width}×${size.height}) the navigation folds behind Menu and the shell does not scroll sideways`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await signUpInBrowser(page, `Nav ${size.name} Co`);
    const menu = page.getByRole("button", { name: "Menu" });
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toHaveAttribute("aria-controls", "sidenav");
    await expect(nav).toBeHidden();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/${size.name}-closed.png` });

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/${size.name}-open.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // Navigating closes it.
    await nav.getByRole("link", { name: "Products" }).click();
    await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    // Escape closes it and gives focus back to Menu.
    await menu.click();
    await expect(nav).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
  });
}

test("on a desktop the navigation stays open and there is no Menu button", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUpInBrowser(page, "Nav Desktop Co");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
});

test("a page whose code cannot be fetched (dropped connection, or offline) says so and Reload / Try again opens it", async ({ page, context }) => {
  await signUpInBrowser(page, "Errors Chunk Co");
  // Suppliers' code has not been fetched yet (pages load on first visit).
  await page.route("**/assets/suppliers-page-*.js", (route) => route.abort("connectionreset"));
  await page.getByRole("link", { name: "Suppliers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "This page could not be opened" })).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("could not fetch this page's code");
  await page.unroute("**/assets/suppliers-page-*.js");
  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();

  await context.setOffline(true);
  await page.getByRole("link", { name: "Stock" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You're offline" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await context.setOffline(false);
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stock" })).toBeVisible();
});

test("a stock adjustment whose answer is lost offers Retry, which re-sends the same Idempotency-Key: the ledger moves once", async ({ page }) => {
  await signUpInBrowser(page, "Errors Retry Co");
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const headers = { "x-csrf-token": me.csrfToken as string };
  await page.request.post("/api/v1/warehouses", { data: { code: "MAIN", name: "Main" }, headers });
  const product = await (await page.request.post("/api/v1/products", { data: { sku: "RETRY-1", name: "Retry mug" }, headers })).json();

  // The first answer is lost after the server applied the adjustment (a proxy answers 502).
  const keys: string[] = [];
  await page.route("**/api/v1/stock/adjustments", async (route) => {
    keys.push(route.request().headers()["idempotency-key"] ?? "");
    const response = await route.fetch();
    if (keys.length === 1) return route.fulfill({ status: 502, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" });
    return route.fulfill({ response });
  });
  await page.goto("/stock/adjust");
  await expect(page.getByRole("heading", { level: 1, name: "Adjust stock" })).toBeVisible();
  await page.getByLabel("Product").fill("RETRY-1");
  await page.getByLabel("Quantity").fill("5");
  await page.getByLabel("Reason").fill("Found");
  await page.getByRole("button", { name: "Save adjustment" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Something went wrong on the server");
  await alert.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("status").filter({ hasText: "on hand now 5" }).first()).toBeVisible();

  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const ledger = await (await page.request.get(`/api/v1/stock/movements?productId=${product.id}`)).json();
  expect(ledger.items).toHaveLength(1);
  expect(ledger.items[0].quantity).toBe(5);
});
