// Issue 12, item 1: one scan-input behaviour on every scan screen. A keyboard-wedge scanner is
// emulated by `keyboard.type(code + "\n", { delay: 0 })`, several scans in a row, starting right
// after `page.goto` (before the field exists), with a bad scan in between. Every scan must be
// applied exactly once, and the field must be empty (scan fields) or hold just the last scan,
// selected (search boxes), and focused after each. Screenshots of the screens at 390×844 and
// 1440×900 go to the output dir. Data comes from the API (fixtures/orders.ts).
import crypto from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";

type Company = Awaited<ReturnType<typeof createCompany>>;

/** What a keyboard-wedge scanner does: the code at full speed, then Enter. */
const scan = (page: Page, ...codes: string[]) => page.keyboard.type(codes.map((c) => `${c}\n`).join(""), { delay: 0 });

async function expectReady(field: Locator) {
  await expect(field).toHaveValue("");
  await expect(field).toBeFocused();
}

/** A search box after a scan: exactly the last code (nothing merged), selected, focused. */
async function expectSearchHolds(field: Locator, code: string) {
  await expect(field).toHaveValue(code);
  await expect(field).toBeFocused();
  expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, code.length]);
}

async function screenshots(page: Page, name: string) {
  for (const [w, h] of [
    [390, 844],
    [1440, 900],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: test.info().outputPath(`${name}-${w}x${h}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

const bare = (number: string) => String(Number(number.replace(/^\D+-/, "")));

async function purchaseOrder(co: Company, lines: { id: string; quantity: number }[]) {
  const supplier = await co.post<{ id: string }>("/suppliers", { name: `Supplier ${crypto.randomBytes(3).toString("hex")}` });
  const po = await co.post<{ id: string; number: string; status: string; version: number }>("/purchase-orders", {
    supplierId: supplier.id,
    warehouseId: co.warehouse.id,
    expectedDate: daysFromNow(5).slice(0, 10),
    lines: lines.map((l) => ({ productId: l.id, quantity: l.quantity, unitCostCents: 500 })),
    linkWaitingOrders: false,
  });
  if (po.status === "draft") await co.post(`/purchase-orders/${po.id}/submit`, { version: po.version });
  return po;
}

test("scan-to-ship: order by bare number, store id or full number; items counted once each; field empty and focused after every scan", async ({ page }) => {
  const co = await createCompany(page.request, "Scan Ship Co");
  const mug = await co.createProduct("MUG", "Enamel mug");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  await co.adjustStock(mug.sku, 5);
  await co.adjustStock(lamp.sku, 5);
  const first = await co.createOrder({ customerName: "Fay First", orderDate: daysFromNow(-2), shipBy: daysFromNow(3), lines: [{ sku: mug.sku, quantity: 2 }, { sku: lamp.sku, quantity: 1 }] });
  const second = await co.post<{ id: string; number: string }>("/orders", {
    channelId: co.channel.id,
    externalId: "STORE-4417",
    customerName: "Sid Second",
    orderDate: daysFromNow(-1),
    lines: [{ productId: mug.id, quantity: 1, unitPriceCents: 1500 }],
  });

  // Straight after navigation, before the field exists: a bad order code, the bare order number,
  // then the items — the same mug twice, the lamp by SKU, a wrong item, one lamp too many.
  await page.goto("/orders/scan");
  await scan(page, "SO-999999", bare(first.number), mug.barcode!, mug.barcode!, lamp.sku, "NOT-ON-ORDER", lamp.barcode!);
  await expect(page.getByRole("heading", { name: new RegExp(`Order ${first.number}`) })).toBeVisible();
  const item = page.getByLabel("Scan item");
  const progress = page.getByRole("table", { name: "Scan progress" });
  await expect(progress.getByRole("row").filter({ hasText: mug.sku }).locator("td").nth(3)).toHaveText("2 ✔");
  await expect(progress.getByRole("row").filter({ hasText: lamp.sku }).locator("td").nth(3)).toHaveText("1 ✔");
  await expect(page.getByRole("alert")).toContainText(`Too many ${lamp.sku}`);
  await expect(page.getByText("3 items scanned")).toBeVisible();
  await expectReady(item);
  await screenshots(page, "scan-to-ship");

  await page.getByRole("button", { name: "Confirm shipment" }).click();
  await expect(page.getByText(`created for order ${first.number}`)).toBeVisible();
  const orderField = page.getByLabel("Order number");
  await expectReady(orderField);

  // The shipped order again (full number, as on the packing slip's barcode) is refused; the next scan is not merged with it.
  await scan(page, first.number);
  await expect(page.getByRole("alert")).toContainText(`Order ${first.number} has nothing to ship now (already shipped)`);
  await expectReady(orderField);
  // The store's own order id finds the other order; its item scans straight after.
  await scan(page, "STORE-4417", mug.barcode!);
  await expect(page.getByRole("heading", { name: new RegExp(`Order ${second.number}`) })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: `${mug.sku}: 1 of 1` })).toBeVisible();
  await expectReady(item);
  const detail = await co.get(`/orders/${first.id}`);
  expect(detail.shipments[0].lines.map((l: { sku: string; quantity: number }) => [l.sku, l.quantity]).sort()).toEqual([[lamp.sku, 1], [mug.sku, 2]].sort());
});

test("staging and pick: the order scan opens the pick screen and the item scans typed meanwhile count once each", async ({ page }) => {
  const co = await createCompany(page.request, "Scan Pick Co");
  const tag = crypto.randomBytes(3).toString("hex").toUpperCase();
  const staging = await co.post<{ id: string }>(`/warehouses/${co.warehouse.id}/locations`, { code: `STG-${tag}`, kind: "staging" });
  const tote = await co.post<{ id: string; code: string }>(`/locations/${staging.id}/containers`, { code: `TOTE-${tag}` });
  const mug = await co.createProduct("MUG", "Enamel mug");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  await co.adjustStock(mug.sku, 3);
  await co.adjustStock(lamp.sku, 1);
  const order = await co.post<{ id: string; number: string }>("/orders", {
    channelId: co.channel.id,
    customerName: "Pia Picker",
    orderDate: daysFromNow(-1),
    fulfillmentMode: "ship_complete",
    lines: [
      { productId: mug.id, quantity: 3, unitPriceCents: 1500 },
      { productId: lamp.id, quantity: 1, unitPriceCents: 1500 },
    ],
  });

  await page.goto("/staging");
  await scan(page, "NO-SUCH-ORDER", bare(order.number).padStart(6, "0"), mug.barcode!, mug.barcode!, "NOT-ON-ORDER", lamp.sku);
  await expect(page.getByRole("heading", { name: `Pick order ${order.number}` })).toBeVisible();
  const progress = page.getByRole("table", { name: "Pick progress" });
  // The last column is Scanned.
  await expect(progress.getByRole("row").filter({ hasText: mug.sku }).locator("td").last()).toHaveText("2");
  await expect(progress.getByRole("row").filter({ hasText: lamp.sku }).locator("td").last()).toHaveText("1");
  await expect(page.getByRole("status").filter({ hasText: `${lamp.sku}: 1 of 1` })).toBeVisible();
  const item = page.getByLabel("Scan item");
  await expectReady(item);

  // A wrong item between two good ones: refused loudly, the field empty again, the good ones counted.
  await scan(page, "NOT-ON-ORDER");
  await expect(page.getByRole("alert")).toContainText("Wrong item: NOT-ON-ORDER");
  await expectReady(item);
  await scan(page, mug.barcode!);
  await expect(progress.getByRole("row").filter({ hasText: mug.sku }).locator("td").last()).toHaveText("3");
  await expectReady(item);
  await screenshots(page, "pick");

  // The container is scanned too; focus comes back to the item field.
  await page.getByLabel("Scan container").click();
  await scan(page, tote.code);
  await expectReady(item);
  await page.getByRole("button", { name: `Stage 4 units into ${tote.code}` }).click();
  await expect(page.getByText(`Picking into container ${tote.code}`)).toBeVisible();
  const staged = await co.get(`/orders/${order.id}`);
  expect(staged.lines.map((l: { hardAllocated: number }) => l.hardAllocated)).toEqual([3, 1]);
});

test("receiving: each scan adds one unit, focus never leaves the scan field, a count is changed in the table", async ({ page }) => {
  const co = await createCompany(page.request, "Scan Receive Co");
  const mug = await co.createProduct("MUG", "Enamel mug");
  const tea = await co.createProduct("TEA", "Tea towel");
  const po = await purchaseOrder(co, [
    { id: mug.id, quantity: 3 },
    { id: tea.id, quantity: 4 },
  ]);

  await page.goto(`/receiving/${po.id}`);
  await scan(page, mug.barcode!, "2000000001555", mug.barcode!, tea.sku, mug.barcode!, "NOT-ON-PO");
  const receipt = page.getByRole("table", { name: "Scanned lines" });
  await expect(page.getByLabel(`Received quantity for ${mug.sku}`)).toHaveValue("3");
  await expect(page.getByLabel(`Received quantity for ${tea.sku}`)).toHaveValue("1");
  await expect(receipt.getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("alert")).toContainText("“NOT-ON-PO” is not on");
  await expect(page.getByRole("button", { name: "Post receipt (4 units)" })).toBeVisible();
  const field = page.getByLabel("Scan or type SKU");
  await expectReady(field);
  await scan(page, tea.barcode!);
  await expect(page.getByLabel(`Received quantity for ${tea.sku}`)).toHaveValue("2");
  await expectReady(field);
  await screenshots(page, "receive");

  // A count typed in the table; Enter there goes back to the scan field.
  await page.getByLabel(`Received quantity for ${tea.sku}`).fill("4");
  await page.getByLabel(`Received quantity for ${tea.sku}`).press("Enter");
  await expectReady(field);
  await page.getByRole("button", { name: "Post receipt (7 units)" }).click();
  await expect(page.getByText(`Received 7 units on ${po.number}`)).toBeVisible();
  const after = await co.get(`/purchase-orders/${po.id}`);
  expect(after.lines.map((l: { quantityReceived: number }) => l.quantityReceived)).toEqual([3, 4]);
});

test("search boxes on Products, Purchasing and Receiving keep every scanned character, right after navigation too", async ({ page }) => {
  const co = await createCompany(page.request, "Scan Search Co");
  const mug = await co.createProduct("MUG", "Enamel mug");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  const tea = await co.createProduct("TEA", "Tea towel");
  const poA = await purchaseOrder(co, [{ id: mug.id, quantity: 2 }]);
  const poB = await purchaseOrder(co, [{ id: lamp.id, quantity: 2 }]);
  const poC = await purchaseOrder(co, [{ id: tea.id, quantity: 2 }]);

  // Products: by barcode straight after navigation, then 12 fast scans, a bad one among them.
  await page.goto("/products");
  await scan(page, mug.barcode!);
  const products = page.getByRole("table", { name: "Products" }).locator("tbody tr");
  const productSearch = page.getByLabel("Search products");
  await expect(products).toHaveCount(1);
  await expect(products.first()).toContainText(mug.sku);
  await expectSearchHolds(productSearch, mug.barcode!);
  const codes = [lamp.sku, tea.barcode!, mug.sku, "NO-SUCH-SKU", lamp.barcode!, tea.sku];
  for (const code of [...codes, ...codes]) {
    await scan(page, code);
    await expectSearchHolds(productSearch, code);
    if (code === "NO-SUCH-SKU") await expect(page.getByText("No products match “NO-SUCH-SKU”")).toBeVisible();
    else {
      await expect(products).toHaveCount(1);
      await expect(products.first()).toContainText(code.startsWith("LAMP") || code === lamp.barcode ? lamp.sku : code.startsWith("TEA") || code === tea.barcode ? tea.sku : mug.sku);
    }
  }
  await expect(page).toHaveURL(new RegExp(`q=${tea.sku}`));
  await screenshots(page, "products-search");

  // Purchasing and Receiving: PO numbers, several in a row straight after navigation, a bad one between.
  for (const [path, label, table] of [
    ["/purchasing", "Search purchase orders", "Purchase orders"],
    ["/receiving", "Search open purchase orders", "Open purchase orders"],
  ] as const) {
    await page.goto(path);
    await scan(page, poA.number, "PO-999999", poB.number);
    const rows = page.getByRole("table", { name: table }).locator("tbody tr");
    const search = page.getByLabel(label);
    await expectSearchHolds(search, poB.number);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(poB.number);
    for (const po of [poC, poA, poB, poC]) {
      await scan(page, po.number);
      await expectSearchHolds(search, po.number);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(po.number);
    }
    await scan(page, "PO-999999");
    await expectSearchHolds(search, "PO-999999");
    await expect(page.getByRole("table", { name: table })).toHaveCount(0);
    await scan(page, poA.number);
    await expect(rows.first()).toContainText(poA.number);
    await screenshots(page, `${path.slice(1)}-search`);
  }
});
