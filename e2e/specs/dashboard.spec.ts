// Issue 12, item 5: the dashboard at `/`. With a company holding orders in each state, overdue ones,
// a purchase order with a waiting order linked, a message to the store that gave up and one earlier
// snapshot: the numbers on screen are the API's (and the fixture's), the cards lead to the orders
// desk filtered that way, both charts draw their data points, each role sees only its sections,
// and the page fits a desktop, a tablet and a phone without sideways scrolling and passes axe-core.
import crypto from "node:crypto";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";
import { signInInBrowser, signOutInBrowser } from "../fixtures/accounts.ts";
import { OWNER_DATABASE_URL } from "../support/env.ts";

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "tablet", width: 1024, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Rows the API cannot write: a message that gave up (as the delivery worker leaves it) and yesterday's snapshot. */
async function writePastRows(tenantId: string, channelId: string, warehouseId: string) {
  const db = new pg.Client({ connectionString: OWNER_DATABASE_URL });
  await db.connect();
  try {
    await db.query("BEGIN");
    await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const { rows } = await db.query(
      `INSERT INTO outbox_events (tenant_id, stream, channel_id, type, payload, status, attempts, last_error, outcome)
       VALUES ($1, 'e2e:' || gen_random_uuid(), $2, 'shipment.created', '{}'::jsonb, 'failed', 1, 'store said 500', 'Gave up: store said 500') RETURNING id`,
      [tenantId, channelId],
    );
    await db.query(
      `INSERT INTO outbox_deliveries (tenant_id, event_id, attempt, started_at, finished_at, outcome, http_status, error)
       VALUES ($1, $2, 1, now() - interval '1 day', now() - interval '1 day', 'failed', 500, 'store said 500')`,
      [tenantId, rows[0].id],
    );
    await db.query(
      `INSERT INTO shortfall_snapshots (tenant_id, warehouse_id, day, units_short, net_to_buy, skus_short, backordered_orders)
       VALUES ($1, $2, (now() AT TIME ZONE 'UTC')::date - 1, 9, 4, 2, 2)`,
      [tenantId, warehouseId],
    );
    await db.query("COMMIT");
  } finally {
    await db.end();
  }
}

const stat = (page: Page, id: string) => page.getByTestId(id).locator(".stat-value");

async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
}

test("the dashboard shows the company's figures, leads to the filtered desk, draws its charts, and fits every screen", async ({ page }) => {
  test.setTimeout(180_000);
  const co = await createCompany(page.request, "Dashboard Goods");
  const pen = await co.createProduct("PEN", "Fountain pen");
  const ink = await co.createProduct("INK", "Ink bottle");
  const cap = await co.createProduct("CAP", "Pen cap");
  await co.adjustStock(pen.sku, 5);
  await co.adjustStock(cap.sku, 1);
  const olive = await co.createOrder({ customerName: "Olive Overdue", orderDate: daysFromNow(-6), shipBy: daysFromNow(-3), lines: [{ sku: pen.sku, quantity: 2 }] });
  await co.createOrder({ customerName: "Fred Fine", orderDate: daysFromNow(-1), lines: [{ sku: pen.sku, quantity: 1 }] });
  await co.createOrder({ customerName: "Pat Partial", orderDate: daysFromNow(-5), shipBy: daysFromNow(-2), lines: [{ sku: cap.sku, quantity: 3 }] });
  const bea = await co.createOrder({ customerName: "Bea Backordered", orderDate: daysFromNow(-4), shipBy: daysFromNow(-1), lines: [{ sku: ink.sku, quantity: 2 }] });
  const supplier = await co.post<{ id: string; name: string }>("/suppliers", { name: "Inkwell Supply" });
  const expectedDate = daysFromNow(9).slice(0, 10);
  const po = await co.post<{ id: string; number: string }>(
    "/purchase-orders",
    { supplierId: supplier.id, warehouseId: co.warehouse.id, expectedDate, lines: [{ productId: ink.id, quantity: 5, unitCostCents: 200 }] },
    { "idempotency-key": crypto.randomUUID() },
  );
  const me = await co.get<{ tenant: { id: string } }>("/auth/me");
  await writePastRows(me.tenant.id, co.channel.id, co.warehouse.id);

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dashboard", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(stat(page, "stat-fulfillable")).toBeVisible();

  // The numbers on screen are the API's, and the API's are the fixture's.
  const api = await co.get<any>("/dashboard");
  const expected: [string, number, number][] = [
    ["stat-fulfillable", api.shipNow.fulfillableOrders, 2],
    ["stat-partially-fulfillable", api.shipNow.partiallyFulfillableOrders, 1],
    ["stat-overdue", api.overdue.total, 3],
    ["stat-open-pos", api.purchaseOrders.open, 1],
    ["stat-late-pos", api.purchaseOrders.late, 0],
    ["stat-units-short", api.shortfall.days[29].unitsShort, 4],
    ["stat-net-to-buy", api.shortfall.days[29].netToBuy, 2], // the caps: 2 short, none on order
    ["stat-backordered", api.shortfall.days[29].backorderedOrders, 1],
    ["stat-gave-up", api.storeDeliveries.gaveUp, 1],
  ];
  for (const [id, fromApi, fromFixture] of expected) {
    expect(fromApi, id).toBe(fromFixture);
    await expect(stat(page, id), id).toHaveText(String(fromFixture));
  }
  await expect(page.getByTestId("stat-fulfillable")).toContainText("3 units");
  await expect(page.getByTestId("overdue-backordered")).toHaveText("1 backordered");
  const poRow = page.getByTestId(`po-row-${po.number}`);
  await expect(poRow).toContainText("Inkwell Supply");
  await expect(poRow.locator("td").nth(4)).toHaveText("1"); // Bea's order waits on it
  await expect(poRow.locator("td").nth(5)).toHaveText("2");
  await expect(page.getByRole("table", { name: "Longest overdue orders" }).getByRole("row").nth(1)).toContainText(olive.number);

  // Both charts draw their data: two days of the trend (yesterday's snapshot, today), one week of arrivals.
  const trend = page.getByTestId("shortfall-chart");
  await expect(trend.locator(".recharts-wrapper > svg.recharts-surface")).toBeVisible();
  await expect(trend.locator(".recharts-line-dots circle")).toHaveCount(4);
  await expect(page.getByTestId("arrivals-chart").locator(".recharts-bar-rectangle path")).toHaveCount(1);
  // …and say it in words and a table.
  await expect(page.getByText("Down 5 units since")).toBeVisible();
  await page.getByText("Shortfall by day as a table").click();
  await expect(page.getByRole("table", { name: "Shortfall by day" }).getByRole("row").nth(1)).toContainText("4");

  // The cards lead to the orders desk, filtered the same way.
  await page.getByTestId("stat-fulfillable").click();
  await expect(page).toHaveURL(/\/orders\?fulfillability=fulfillable/);
  await expect(page.getByText("Olive Overdue").first()).toBeVisible();
  await expect(page.getByText("Fred Fine").first()).toBeVisible();
  await expect(page.getByText("Bea Backordered")).toHaveCount(0);
  await page.goBack();
  await page.getByTestId("overdue-backordered").click();
  await expect(page).toHaveURL(/fulfillability=backordered/);
  await expect(page).toHaveURL(/shipBy=overdue/);
  await expect(page.getByText(bea.number).first()).toBeVisible();
  await expect(page.getByText("Olive Overdue")).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await page.getByRole("link", { name: co.channel.name }).click();
  await expect(page).toHaveURL(new RegExp(`/integrations\\?channelId=${co.channel.id}&status=failed`));
  await page.goBack();

  // Every size: no sideways page scroll, cards stack on the phone, axe-core finds nothing serious.
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto("/");
    await expect(trend.locator(".recharts-line-dots circle")).toHaveCount(4);
    await page.screenshot({ path: `/tmp/dashboard-${size.name}.png`, fullPage: true });
    const overflow = await sidewaysOverflow(page);
    expect(overflow.scrollWidth, `${size.name} page width`).toBeLessThanOrEqual(overflow.width);
    if (size.name === "phone") {
      const a = await page.getByRole("region", { name: "Ship now", exact: true }).boundingBox();
      const b = await page.getByRole("region", { name: "Overdue", exact: true }).boundingBox();
      expect(b!.y, "cards stack").toBeGreaterThan(a!.y + a!.height - 1);
    }
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
  }

  // Staff see what they may open: no shortfall trend (the backorder report) and no store messages (Integrations).
  const staff = await co.createUser("staff", "Sam Staff");
  await page.setViewportSize({ width: 1440, height: 900 });
  await signOutInBrowser(page);
  await signInInBrowser(page, staff);
  await page.goto("/");
  await expect(stat(page, "stat-fulfillable")).toHaveText("2");
  await expect(page.getByRole("heading", { name: "Overdue", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Waiting on purchase orders" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Shortfall trend" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Failed deliveries to stores" })).toHaveCount(0);
});

test("the dashboard refreshes every minute without blanking, and prints without its controls", async ({ page }) => {
  const co = await createCompany(page.request, "Refresh Goods");
  const pen = await co.createProduct("PEN", "Fountain pen");
  await co.adjustStock(pen.sku, 5);
  await co.createOrder({ customerName: "First Order", orderDate: daysFromNow(-2), lines: [{ sku: pen.sku, quantity: 1 }] });
  await page.clock.install();
  await page.goto("/");
  await expect(stat(page, "stat-fulfillable")).toHaveText("1");
  // Count every moment the headline number leaves the page while the next answer loads.
  await page.evaluate(() => {
    (window as any).__blanked = 0;
    new MutationObserver(() => {
      if (!document.querySelector('[data-testid="stat-fulfillable"]')) (window as any).__blanked++;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await co.createOrder({ customerName: "Second Order", orderDate: daysFromNow(-1), lines: [{ sku: pen.sku, quantity: 2 }] });
  await expect(stat(page, "stat-fulfillable")).toHaveText("1"); // not yet: the minute has not passed
  const refetch = page.waitForResponse((r) => r.url().includes("/api/v1/dashboard") && r.ok());
  await page.clock.fastForward(61_000);
  await refetch;
  await expect(stat(page, "stat-fulfillable")).toHaveText("2");
  expect(await page.evaluate(() => (window as any).__blanked)).toBe(0);

  // The warehouse filter lives in the URL and the cards carry it to the desk.
  await page.getByLabel("Warehouse").selectOption(co.warehouse.id);
  await expect(page).toHaveURL(new RegExp(`warehouseId=${co.warehouse.id}`));
  await expect(page.getByTestId("stat-fulfillable")).toHaveAttribute("href", `/orders?fulfillability=fulfillable&warehouseId=${co.warehouse.id}`);
  await expect(stat(page, "stat-fulfillable")).toHaveText("2");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByLabel("Warehouse")).toBeHidden();
  await expect(page.getByRole("link", { name: "Orders", exact: true })).toBeHidden();
  await page.screenshot({ path: "/tmp/dashboard-print.png", fullPage: true });
});
