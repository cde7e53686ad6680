// The orders desk grid (issue 12, item 3) on a company with thousands of open orders: scrolling
// reaches the last order without a "Load more" while the DOM holds a screenful of rows; header
// sorts write the URL; columns hidden and resized stay so for that user (after a reload, in a new
// browser) and for no one else; filter chips remove their filter; bulk tag / hold / release on a
// shift-click range; the keyboard moves, selects and opens. Screens at three sizes.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";
import { createGridCompany, gridNumber } from "../fixtures/orders-grid.ts";

const MANY = 2500;

const grid = (page: Page) => page.getByRole("table", { name: "Orders" });
const dataRows = (page: Page) => grid(page).locator("tbody tr");
const firstRow = (page: Page) => grid(page).locator('tbody tr[aria-rowindex="2"]');
const header = (page: Page, name: string) => grid(page).getByRole("columnheader", { name: new RegExp(`^${name}`) });

async function scrollGridTo(page: Page, where: "top" | "bottom") {
  await page.locator(".orders-grid-scroll").evaluate((el, w) => {
    el.scrollTop = w === "top" ? 0 : el.scrollHeight;
  }, where);
}

test.describe.configure({ timeout: 120_000 });

test("thousands of orders scroll to the last one without Load more; header sorts write the URL; the keyboard moves, selects and opens", async ({ page, request }) => {
  const co = await createGridCompany(request, "Bulk Depot", MANY);
  const staff = await co.createUser("staff", "Sam Staff");
  await signInInBrowser(page, staff);
  await page.goto("/orders");

  await expect(firstRow(page)).toContainText(gridNumber(1));
  await expect(grid(page)).toHaveAttribute("aria-rowcount", String(MANY + 1));
  await expect(page.getByRole("button", { name: /load more/i })).toHaveCount(0);

  // Scroll to the end: pages arrive as the end comes into view, until the last order shows.
  const last = grid(page).getByRole("row", { name: new RegExp(gridNumber(MANY)) });
  await expect(async () => {
    await scrollGridTo(page, "bottom");
    await expect(last).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(last).toHaveAttribute("aria-rowindex", String(MANY + 1));
  await expect(page.getByRole("status").filter({ hasText: "orders loaded" })).toContainText(`${MANY.toLocaleString("en-US")} of ${MANY.toLocaleString("en-US")} orders loaded`);
  const inDom = await dataRows(page).count();
  expect(inDom).toBeGreaterThan(10);
  expect(inDom).toBeLessThan(100); // a screenful plus overscan, of 2,500
  await expect(page.getByRole("button", { name: /load more/i })).toHaveCount(0);

  // Header sort: Ship-by ascending, then descending; non-sortable headers are not buttons.
  await expect(header(page, "Customer").getByRole("button")).toHaveCount(0);
  await expect(header(page, "Ship-by")).toHaveAttribute("aria-sort", "none");
  await header(page, "Ship-by").getByRole("button").click();
  await expect(page).toHaveURL(/sort=ship_by/);
  await expect(header(page, "Ship-by")).toHaveAttribute("aria-sort", "ascending");
  await expect(header(page, "Order date")).toHaveAttribute("aria-sort", "none");
  // The fixture's ship-by is (i × 7919 mod N) hours after its start: the smallest is i = N, the largest the i with remainder N − 1.
  const byShipBy = Array.from({ length: MANY }, (_, k) => k + 1).sort((a, b) => ((a * 7919) % MANY) - ((b * 7919) % MANY));
  await expect(firstRow(page)).toContainText(gridNumber(byShipBy[0]!));
  await header(page, "Ship-by").getByRole("button").click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(header(page, "Ship-by")).toHaveAttribute("aria-sort", "descending");
  await expect(firstRow(page)).toContainText(gridNumber(byShipBy[MANY - 1]!));
  await expect(page.getByLabel("Sort by")).toHaveValue("ship_by");
  await expect(page.getByLabel("Direction")).toHaveValue("desc");

  // Keyboard: j j j focuses the third row, Space selects it, k moves back, Enter opens the focused one.
  await page.getByRole("heading", { name: "Orders", level: 1 }).click();
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  const third = grid(page).locator('tbody tr[aria-rowindex="4"]');
  await expect(third).toHaveAttribute("aria-current", "true");
  await page.keyboard.press(" ");
  await expect(third).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("region", { name: "Bulk actions" })).toContainText("1 selected");
  await page.keyboard.press("k");
  await expect(grid(page).locator('tbody tr[aria-rowindex="3"]')).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Order ${gridNumber(byShipBy[MANY - 2]!)}` })).toBeVisible();
});

test("hidden and resized columns stay for that user after a reload and in a new browser, and for no one else", async ({ page, browser, request }) => {
  const co = await createGridCompany(request, "Layout Supplies", 30);
  const ann = await co.createUser("staff", "Ann Layout");
  const ben = await co.createUser("staff", "Ben Default");
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInInBrowser(page, ann);
  await page.goto("/orders");
  await expect(firstRow(page)).toContainText(gridNumber(1));
  await expect(header(page, "Channel")).toBeVisible();

  const saved = () => page.waitForResponse((r) => r.url().includes("/me/preferences/orders-grid") && r.request().method() === "PUT" && r.ok());
  // Hide Channel from the Columns menu.
  let put = saved();
  await page.getByRole("button", { name: /^Columns/ }).click();
  await page.getByRole("group", { name: "Columns" }).getByRole("checkbox", { name: "Channel" }).uncheck();
  await put;
  await expect(header(page, "Channel")).toHaveCount(0);
  // Move Order date before Customer.
  put = saved();
  await page.getByRole("button", { name: "Move Order date earlier" }).click();
  await put;
  const headerNames = (p: Page) => grid(p).getByRole("columnheader").evaluateAll((ths) => ths.slice(1, 4).map((th) => th.textContent?.replace(/[▲▼↕]/g, "").trim()));
  expect(await headerNames(page)).toEqual(["Order", "Order date", "Customer"]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("group", { name: "Columns" })).toHaveCount(0);

  // Resize Customer by keyboard (three steps of 16 px) and Tags by dragging its handle.
  const customerHandle = page.getByRole("separator", { name: "Resize Customer column" });
  const before = Number(await customerHandle.getAttribute("aria-valuenow"));
  put = saved();
  await customerHandle.focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await put;
  await expect(customerHandle).toHaveAttribute("aria-valuenow", String(before + 48));
  const tagsHandle = page.getByRole("separator", { name: "Resize Tags column" });
  const tagsBefore = Number(await tagsHandle.getAttribute("aria-valuenow"));
  await tagsHandle.scrollIntoViewIfNeeded();
  const box = (await tagsHandle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const tagsAfter = Number(await tagsHandle.getAttribute("aria-valuenow"));
  expect(tagsAfter).toBeGreaterThan(tagsBefore + 40);
  // The drag may save on the way; wait for the save of where it ended.
  await expect
    .poll(async () => {
      const res = await page.request.get("/api/v1/me/preferences/orders-grid");
      return (await res.json()).value?.widths?.tags;
    })
    .toBe(tagsAfter);
  const customerWidth = (await header(page, "Customer").boundingBox())!.width;
  expect(Math.round(customerWidth)).toBe(before + 48);

  // After a reload.
  await page.reload();
  await expect(firstRow(page)).toContainText(gridNumber(1));
  await expect(customerHandle).toHaveAttribute("aria-valuenow", String(before + 48));
  await expect(header(page, "Channel")).toHaveCount(0);
  await expect(tagsHandle).toHaveAttribute("aria-valuenow", String(tagsAfter));
  expect(await headerNames(page)).toEqual(["Order", "Order date", "Customer"]);

  // In a fresh browser context of the same user (nothing in its storage).
  const again = await browser.newContext();
  const annAgain = await again.newPage();
  await signInInBrowser(annAgain, ann);
  await annAgain.goto("/orders");
  await expect(firstRow(annAgain)).toContainText(gridNumber(1));
  await expect(annAgain.getByRole("separator", { name: "Resize Customer column" })).toHaveAttribute("aria-valuenow", String(before + 48));
  await expect(header(annAgain, "Channel")).toHaveCount(0);
  expect(await headerNames(annAgain)).toEqual(["Order", "Order date", "Customer"]);
  await again.close();

  // Another user of the same company keeps the default layout.
  const other = await browser.newContext();
  const benPage = await other.newPage();
  await signInInBrowser(benPage, ben);
  await benPage.goto("/orders");
  await expect(firstRow(benPage)).toContainText(gridNumber(1));
  await expect(header(benPage, "Channel")).toBeVisible();
  expect(await headerNames(benPage)).toEqual(["Order", "Channel", "Customer"]);
  await expect(benPage.getByRole("separator", { name: "Resize Customer column" })).toHaveAttribute("aria-valuenow", String(before));
  await other.close();
});

test("chips remove filters; bulk tag, hold and release on a shift-click range", async ({ page, request }) => {
  const co = await createGridCompany(request, "Chip Traders", 30);
  const manager = await co.createUser("manager", "Mo Manager");
  await signInInBrowser(page, manager);
  await page.goto("/orders");
  await expect(firstRow(page)).toContainText(gridNumber(1));
  const bulk = page.getByRole("region", { name: "Bulk actions" });

  // Shift-click selects the range from the last row clicked.
  await page.getByLabel(`Select order ${gridNumber(2)}`).check();
  await page.getByLabel(`Select order ${gridNumber(6)}`).click({ modifiers: ["Shift"] });
  await expect(bulk).toContainText("5 selected");
  for (let i = 2; i <= 6; i++) await expect(page.getByLabel(`Select order ${gridNumber(i)}`)).toBeChecked();
  await expect(page.getByLabel(`Select order ${gridNumber(7)}`)).not.toBeChecked();

  await bulk.getByRole("button", { name: "Tag", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Tag orders" });
  await dialog.getByLabel("Tag").fill("rush");
  await dialog.getByRole("button", { name: "Tag orders" }).click();
  await expect(page.getByText("5 orders updated")).toBeVisible();
  await expect(bulk).toHaveCount(0);
  await expect(grid(page).getByRole("row", { name: new RegExp(gridNumber(4)) })).toContainText("rush");

  // Filters: the full form behind "More filters"; each active one a chip.
  await page.getByRole("button", { name: /^More filters/ }).click();
  await page.getByLabel("Tag", { exact: true }).fill("rush");
  await expect(page).toHaveURL(/tag=rush/);
  await page.getByLabel("Ship-by", { exact: true }).selectOption("overdue");
  await expect(page).toHaveURL(/shipBy=overdue/);
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("listitem")).toHaveCount(2);
  await expect(dataRows(page)).toHaveCount(5);
  await page.getByRole("button", { name: "Remove filter Tag: rush" }).click();
  await expect(page).not.toHaveURL(/tag=rush/);
  await expect(chips.getByRole("listitem")).toHaveCount(1);
  await expect(dataRows(page)).not.toHaveCount(5);
  await page.getByRole("button", { name: "Remove filter Ship-by: Overdue" }).click();
  await expect(page).not.toHaveURL(/shipBy=/);
  await expect(chips).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^More filters$/ })).toBeVisible();

  // Hold three, then release them from the On hold tab.
  await expect(firstRow(page)).toContainText(gridNumber(1));
  await page.getByLabel(`Select order ${gridNumber(1)}`).check();
  await page.getByLabel(`Select order ${gridNumber(3)}`).click({ modifiers: ["Shift"] });
  await expect(bulk).toContainText("3 selected");
  await bulk.getByRole("button", { name: "Hold", exact: true }).click();
  const hold = page.getByRole("dialog", { name: "Hold orders" });
  await hold.getByLabel("Reason").fill("Address check");
  await hold.getByRole("button", { name: "Hold orders" }).click();
  await expect(page.getByText("3 orders updated")).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Order tabs" });
  await expect(tabs.getByRole("link", { name: /^On hold/ })).toContainText("3");
  await tabs.getByRole("link", { name: /^On hold/ }).click();
  await expect(dataRows(page)).toHaveCount(3);
  await page.getByLabel("Select all shown orders").check();
  await expect(bulk).toContainText("3 selected");
  await bulk.getByRole("button", { name: "Release", exact: true }).click();
  await page.getByRole("dialog", { name: "Release orders" }).getByRole("button", { name: "Release orders" }).click();
  await expect(page.getByText("3 orders updated")).toBeVisible();
  await expect(page.getByText("No orders here")).toBeVisible();
  await expect(tabs.getByRole("link", { name: /^On hold/ })).toContainText("0");
});

test("Ship fulfillable ships the fulfillable orders of a selection whole and reports the rest; Create pick list opens the new list", async ({ page, request }) => {
  const co = await createCompany(request, "Ship Bulk Co");
  const mug = await co.createProduct("MUG", "Enamel mug");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  await co.adjustStock(mug.sku, 3);
  const a = await co.createOrder({ customerName: "Ava Ships", orderDate: daysFromNow(-9), lines: [{ sku: mug.sku, quantity: 1 }] });
  const b = await co.createOrder({ customerName: "Bo Ships", orderDate: daysFromNow(-8), lines: [{ sku: mug.sku, quantity: 1 }] });
  const c = await co.createOrder({ customerName: "Cy Waits", orderDate: daysFromNow(-7), lines: [{ sku: lamp.sku, quantity: 1 }] });
  const d = await co.createOrder({ customerName: "Di Picks", orderDate: daysFromNow(-6), lines: [{ sku: mug.sku, quantity: 1 }] });
  const staff = await co.createUser("staff", "Stu Shipper");
  await signInInBrowser(page, staff);
  await page.goto("/orders");
  await expect(firstRow(page)).toContainText(a.number);
  const bulk = page.getByRole("region", { name: "Bulk actions" });

  await page.getByLabel(`Select order ${a.number}`).check();
  await page.getByLabel(`Select order ${c.number}`).click({ modifiers: ["Shift"] });
  await expect(bulk).toContainText("3 selected");
  await bulk.getByRole("button", { name: "Ship fulfillable" }).click();
  await expect(page.getByText(/^2 orders shipped; 1 not shipped/)).toBeVisible();
  const tabs = page.getByRole("navigation", { name: "Order tabs" });
  await expect(tabs.getByRole("link", { name: /^Shipped/ })).toContainText("2");
  await expect(grid(page)).not.toContainText(a.number);
  await expect(grid(page)).not.toContainText(b.number);
  await expect(grid(page).getByRole("row", { name: new RegExp(c.number) })).toContainText("Backordered");
  // Two mugs left through the ledger: one is still on hand.
  const stock = await co.get<{ items: { onHand: number; sku: string }[] }>(`/stock?warehouseId=${co.warehouse.id}&q=${encodeURIComponent(mug.sku)}`);
  expect(stock.items.map((i) => [i.sku, i.onHand])).toEqual([[mug.sku, 1]]);

  await page.getByLabel(`Select order ${d.number}`).check();
  await bulk.getByRole("button", { name: "Create pick list" }).click();
  await expect(page).toHaveURL(/\/pick-lists\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Pick list / })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(d.number);
});

test("screens at 1440×900, 1024×768 and 390×844: no page overflow, the grid scrolls in its own box, no serious accessibility issue", async ({ page, request }) => {
  const co = await createGridCompany(request, "Screen Wholesale", 400);
  const staff = await co.createUser("staff", "Sid Screens");
  await signInInBrowser(page, staff);
  for (const [w, h] of [
    [1440, 900],
    [1024, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto("/orders");
    await expect(firstRow(page)).toContainText(gridNumber(1));
    await page.getByLabel(`Select order ${gridNumber(2)}`).check();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `page overflows at ${w}px`).toBeLessThanOrEqual(0);
    const box = await page.locator(".orders-grid-scroll").evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    if (w < 1440) expect(box.scroll, "the grid scrolls sideways inside its box").toBeGreaterThan(box.client);
    if (w === 1440) {
      // One line per order: every rendered row is one row-height tall.
      const heights = await dataRows(page).evaluateAll((rows) => rows.map((r) => Math.round(r.getBoundingClientRect().height)));
      expect(new Set(heights)).toEqual(new Set([36]));
    }
    await page.screenshot({ path: `/tmp/h3-orders-grid-${w}x${h}.png` });
    if (w === 390) {
      await page.locator(".orders-grid-scroll").scrollIntoViewIfNeeded();
      await page.locator(".orders-grid-scroll").evaluate((el) => {
        el.scrollLeft = 300;
      });
      await page.screenshot({ path: `/tmp/h3-orders-grid-${w}x${h}-grid.png` });
      // Sideways, the checkbox and the order number stay in view.
      const scrollBox = (await page.locator(".orders-grid-scroll").boundingBox())!;
      const numberCell = (await firstRow(page).getByRole("rowheader").boundingBox())!;
      expect(numberCell.x).toBeGreaterThanOrEqual(scrollBox.x);
      expect(numberCell.x).toBeLessThan(scrollBox.x + 60);
    }
    const axe = await new AxeBuilder({ page }).include("main").analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
    await page.getByRole("button", { name: "Clear selection" }).click();
  }
});
