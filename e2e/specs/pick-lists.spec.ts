// Journey (issue 12, item 4): a picker makes a pick list of several fulfillable orders, picks it
// by bin with a scanner typing fast (a wrong scan among them is refused, the field clears and
// keeps focus), the progress survives a reload, "Ship completed orders" ships them, and the
// printed list carries its number as a barcode and the order numbers — on screen and in the PDF.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";
import { readPdf } from "../support/pdf-text.ts";

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "tablet", width: 1024, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** A company with two bins, three binned products in stock, and three fulfillable orders. */
async function seedPickLists(page: Page) {
  const tag = crypto.randomBytes(3).toString("hex").toUpperCase();
  const co = await createCompany(page.request, `Pickers ${tag}`);
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const headers = { "x-csrf-token": me.csrfToken as string };
  const bin = async (code: string) => co.post<{ id: string; code: string }>(`/warehouses/${co.warehouse.id}/locations`, { code, kind: "pick" });
  const binA = await bin(`A-01-${tag}`);
  const binB = await bin(`B-02-${tag}`);
  const mug = await co.createProduct("MUG", "Enamel mug, navy");
  const tea = await co.createProduct("TEA", "Tea towel, linen");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  await co.adjustStock(mug.sku, 10);
  await co.adjustStock(tea.sku, 10);
  await co.adjustStock(lamp.sku, 10);
  for (const [p, b] of [
    [mug, binA],
    [tea, binB],
    [lamp, binA],
  ] as const) {
    const res = await page.request.put(`/api/v1/products/${p.id}/locations/${co.warehouse.id}`, { data: { locationId: b.id }, headers });
    expect(res.ok(), await res.text()).toBeTruthy();
  }
  const first = await co.createOrder({ customerName: "Grace Hopper", orderDate: daysFromNow(-3), shipBy: daysFromNow(1), lines: [{ sku: mug.sku, quantity: 2 }, { sku: tea.sku, quantity: 1 }] });
  const second = await co.createOrder({ customerName: "Alan Turing", orderDate: daysFromNow(-2), priority: 5, lines: [{ sku: mug.sku, quantity: 1 }] });
  const third = await co.createOrder({ customerName: "Ada Lovelace", orderDate: daysFromNow(-1), lines: [{ sku: lamp.sku, quantity: 1 }, { sku: tea.sku, quantity: 1 }] });
  return { co, tag, headers, binA, binB, mug, tea, lamp, orders: [first, second, third] };
}

async function noSidewaysScroll(page: Page) {
  const { scrollWidth, width } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
  expect(scrollWidth, "page scrolls sideways").toBeLessThanOrEqual(width + 1);
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

/** The screen at three sizes: no sideways page scroll, screenshots in /tmp, and axe-core at desktop size. */
async function checkScreen(page: Page, name: string) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await noSidewaysScroll(page);
    await page.screenshot({ path: `/tmp/pick-lists-${name}-${size.name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  expect(await seriousViolations(page)).toEqual([]);
}

test("make a pick list of three orders, pick it by fast scans with one wrong scan, reload, ship the completed orders", async ({ page }) => {
  const s = await seedPickLists(page);
  const [first, second, third] = s.orders as [{ id: string; number: string }, { id: string; number: string }, { id: string; number: string }];
  // Count the error beeps (lib/beep.ts plays one oscillator per refused scan).
  await page.addInitScript(() => {
    const w = window as unknown as { __beeps: number };
    w.__beeps = 0;
    const original = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) {
      w.__beeps += 1;
      return original.call(this);
    };
  });
  const beeps = () => page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);

  // A fourth order already went on a list of its own: it is offered, but left out, with why.
  const taken = await s.co.createOrder({ customerName: "Dora Duplicate", orderDate: daysFromNow(-1), lines: [{ sku: s.lamp.sku, quantity: 1 }] });
  const other = await s.co.post<{ pickList: { number: string } }>("/pick-lists", { orderIds: [taken.id] }, { "idempotency-key": crypto.randomUUID() });

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pick lists" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pick lists" })).toBeVisible();
  for (const o of [...s.orders, taken]) await page.getByRole("checkbox", { name: new RegExp(o.number) }).check();
  await checkScreen(page, "index");
  await page.getByRole("button", { name: "Create pick list (4 orders)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Pick list PL-\d{6}$/ })).toBeVisible();
  await expect(page.getByText("1 order was left out")).toBeVisible();
  await expect(page.getByText(`${taken.number} is already on open pick list ${other.pickList.number}`)).toBeVisible();
  const listId = page.url().split("/pick-lists/")[1]!;
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Pick list ", "");

  // By bin, then SKU; the mugs go to the priority order first.
  const groups = page.getByRole("table", { name: "What to pick" });
  await expect(groups.getByRole("row")).toHaveCount(4);
  const mugRow = groups.getByRole("row").filter({ hasText: s.mug.sku });
  await expect(mugRow).toContainText(s.binA.code);
  await expect(mugRow).toContainText("0 of 3");
  expect(await mugRow.getByRole("listitem").allTextContents()).toEqual([`${second.number} 0/1`, `${first.number} 0/2`]);
  await expect(page.getByRole("status").filter({ hasText: "units picked" })).toHaveText(/0 of 6 units picked/);

  const scan = page.getByLabel("Scan item or bin");
  await expect(scan).toBeFocused();
  // A scanner: the bin, three mugs and a lamp in a row, then a code that is not on the list.
  for (const code of [s.binA.code, s.mug.barcode!, s.mug.barcode!, s.mug.sku, s.lamp.barcode!, "NOT-ON-LIST-42"]) await page.keyboard.type(`${code}\n`, { delay: 0 });
  await expect(page.getByRole("alert")).toContainText("NOT-ON-LIST-42 is not on pick list");
  await expect.poll(beeps).toBe(1);
  await expect(scan).toHaveValue("");
  await expect(scan).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "units picked" })).toHaveText(/4 of 6 units picked/);
  await expect(mugRow).toContainText("3 of 3");

  // Progress is kept by the server.
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "units picked" })).toHaveText(/4 of 6 units picked · 1 order ready to ship/);
  const orders = page.getByRole("table", { name: "Orders on the list" });
  await expect(orders.getByRole("row").filter({ hasText: second.number })).toContainText("Picked");
  await expect(orders.getByRole("row").filter({ hasText: first.number })).toContainText("Picking");

  // The tea towels: at bin B, two scans; a third is refused (every unit picked).
  await expect(page.getByLabel("Scan item or bin")).toBeFocused();
  for (const code of [s.binB.code, s.tea.barcode!, s.tea.sku.toLowerCase(), s.tea.barcode!]) await page.keyboard.type(`${code}\n`, { delay: 0 });
  await expect(page.getByRole("alert")).toContainText(`All 2 unit(s) of ${s.tea.sku}`);
  await expect.poll(beeps).toBe(1);
  await expect(page.getByLabel("Scan item or bin")).toHaveValue("");
  await expect(page.getByRole("status").filter({ hasText: "units picked" })).toHaveText(/6 of 6 units picked · 3 orders ready to ship/);
  await checkScreen(page, "picking");

  await page.getByRole("button", { name: "Ship completed orders (3)" }).click();
  const result = page.getByRole("region", { name: "Shipping result" });
  await expect(result).toContainText("Shipped 3 orders");
  for (const o of s.orders) await expect(result).toContainText(o.number);
  await expect(page.getByText("Completed").first()).toBeVisible();
  for (const o of s.orders) {
    const order = await s.co.get<{ status: string; shipments: unknown[] }>(`/orders/${o.id}`);
    expect(order.status, o.number).toBe("shipped");
  }
  // Through the ledger: 3 mugs, 2 tea towels and a lamp left the shelf.
  const stock = await s.co.get<{ items: { sku: string; onHand: number }[] }>(`/stock?warehouseId=${s.co.warehouse.id}&limit=50`);
  expect(Object.fromEntries(stock.items.map((i) => [i.sku, i.onHand]))).toEqual({ [s.mug.sku]: 7, [s.tea.sku]: 8, [s.lamp.sku]: 9 });
  await expect(page.getByRole("table", { name: "Orders on the list" }).getByRole("row").filter({ hasText: third.number })).toContainText("Shipped");

  const lists = await s.co.get<{ items: { id: string; number: string; status: string }[] }>("/pick-lists");
  expect(lists.items.find((l) => l.id === listId)).toMatchObject({ number, status: "completed" });
});

test("the printed pick list: company, warehouse, list number as a barcode, bins with totals and the orders each unit goes to, tick boxes; prints to PDF", async ({ page }) => {
  const s = await seedPickLists(page);
  const created = await s.co.post<{ pickList: { id: string; number: string } }>("/pick-lists", { orderIds: s.orders.map((o) => o.id) }, { "idempotency-key": crypto.randomUUID() });
  const { id, number } = created.pickList;
  await page.goto(`/pick-lists/${id}`);
  await page.getByRole("link", { name: "Print pick list" }).click();
  const doc = page.getByRole("article", { name: `Pick list ${number}` });
  await expect(doc.getByRole("heading", { name: "Pick list" })).toBeVisible();
  await expect(doc).toContainText(s.co.admin.companyName);
  await expect(doc).toContainText("Main warehouse");
  const rows = doc.getByRole("table", { name: "Pick by bin" });
  await expect(rows.getByRole("row").filter({ hasText: s.mug.sku })).toContainText(s.binA.code);
  await expect(rows.getByRole("row").filter({ hasText: s.mug.sku })).toContainText("3");
  await expect(rows.getByRole("row").filter({ hasText: "Total units" })).toContainText("6");
  await expect(doc.getByRole("img", { name: /^Tick box for / })).toHaveCount(3 + 3);
  const barcode = page.getByRole("img", { name: `Pick list number ${number} as a barcode` });
  await expect(barcode).toBeVisible();
  expect(await barcode.locator("rect").count()).toBeGreaterThan(20);
  await checkScreen(page, "print");

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print", exact: true })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await page.screenshot({ path: "/tmp/pick-lists-print-media.png", fullPage: true });
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format, printBackground: true, path: `/tmp/pick-list-${format}.pdf` });
    const { pages, text, rects } = readPdf(pdf);
    expect(pages, `${format} sheets`).toBe(1);
    for (const t of [number, s.co.admin.companyName, s.binA.code, s.binB.code, s.mug.sku, s.tea.sku, s.lamp.sku, ...s.orders.map((o) => o.number)]) expect(text, `${format} PDF text`).toContain(t);
    expect(rects.filter((r) => r.height === 48).length, `${format} barcode bars`).toBeGreaterThan(20);
  }
  await page.emulateMedia({ media: "screen" });
});

test("a manager sets a product's bin on the product page; the single-order pick screen shows each line's bin", async ({ page }) => {
  const s = await seedPickLists(page);
  const [first] = s.orders as [{ id: string; number: string }];
  await page.goto(`/products/${s.tea.id}`);
  const bins = page.getByRole("table", { name: "Bins per warehouse" });
  const select = bins.getByLabel("Bin in Main warehouse");
  await expect(select).toHaveValue(s.binB.id);
  await select.selectOption({ label: `${s.binA.code} (pick)` });
  await expect(page.getByText(`Bin in Main warehouse: ${s.binA.code}`)).toBeVisible();
  await checkScreen(page, "product-bins");

  await page.goto(`/orders/${first.id}/pick`);
  const lines = page.getByRole("table", { name: "Pick progress" });
  await expect(lines.getByRole("row").filter({ hasText: s.mug.sku })).toContainText(s.binA.code);
  await expect(lines.getByRole("row").filter({ hasText: s.tea.sku })).toContainText(s.binA.code);
  await checkScreen(page, "order-pick");
});
