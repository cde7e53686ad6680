// Journey (issue 12, item 2): every printable document opens from its real link, shows what the
// floor needs (company, ship-from warehouse and its address, order or PO number as a barcode,
// SKUs and quantities) and prints: on print media the app's chrome is gone, and the PDF that
// Chromium prints has one sheet per document with the numbers in its text and the barcodes drawn.
import crypto from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createCompany, daysFromNow } from "../fixtures/orders.ts";
import { readPdf } from "../support/pdf-text.ts";

const ADDRESS = ["Unit 7, Dockside Estate", "14 Harbour Road", "Hull HU1 2AB"];
const key = () => ({ "idempotency-key": crypto.randomUUID() });

/** A company with an addressed warehouse, stock for two shipped orders, a staged order and a PO. */
async function seedPrinting(page: Page) {
  const tag = crypto.randomBytes(3).toString("hex").toUpperCase();
  const co = await createCompany(page.request, `Printworks ${tag}`);
  const me = await (await page.request.get("/api/v1/auth/me")).json();
  const patched = await page.request.patch(`/api/v1/warehouses/${co.warehouse.id}`, { data: { address: ADDRESS.join("\n") }, headers: { "x-csrf-token": me.csrfToken } });
  expect(patched.ok(), await patched.text()).toBeTruthy();

  const mug = await co.createProduct("MUG", "Enamel mug, navy");
  const tea = await co.createProduct("TEA", "Tea towel, linen");
  const lamp = await co.createProduct("LAMP", "Desk lamp");
  await co.adjustStock(mug.sku, 5);
  await co.adjustStock(tea.sku, 4);
  const order = (customerName: string, days: number, lines: { sku: string; quantity: number }[], extra: object = {}) =>
    co.post<{ id: string; number: string; lines: { id: string }[] }>("/orders", {
      channelId: co.channel.id,
      customerName,
      shippingAddress: "1 Main Street\nLeeds LS1 1AA",
      orderDate: daysFromNow(days),
      lines: lines.map((l) => ({ productId: co.products.get(l.sku)!.id, quantity: l.quantity, unitPriceCents: 1200 })),
      ...extra,
    });
  const first = await order("Grace Hopper", -3, [{ sku: mug.sku, quantity: 2 }, { sku: tea.sku, quantity: 3 }]);
  const second = await order("Alan Turing", -2, [{ sku: mug.sku, quantity: 1 }]);
  const ship = (o: { id: string }, carrier: string) => co.post<{ shipment: { id: string; number: string } }>(`/orders/${o.id}/shipments`, { carrier, trackingNumber: `TRK${tag}` }, key());
  const firstShipment = (await ship(first, "DHL")).shipment;
  const secondShipment = (await ship(second, "UPS")).shipment;
  return { co, tag, mug, tea, lamp, first, second, firstShipment, secondShipment, order };
}

/** What every document must show on screen, on print media, and in the PDF Chromium prints. */
async function expectPrintable(page: Page, doc: Locator, opts: { name: string; texts: string[]; barcodes: string[]; sheets: number }) {
  for (const t of ADDRESS) await expect(doc.first()).toContainText(t);
  for (const t of opts.texts) await expect(page.getByRole("main")).toContainText(t);
  for (const code of opts.barcodes) {
    const svg = page.getByRole("img", { name: new RegExp(`${code} as a barcode`) });
    await expect(svg).toBeVisible();
    expect(await svg.locator("rect").count(), `bars of ${code}`).toBeGreaterThan(20);
  }
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print", exact: true })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(doc.first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath(`${opts.name}.png`), fullPage: true });
  for (const format of ["A4", "Letter"] as const) {
    const pdf = await page.pdf({ format, printBackground: true, path: test.info().outputPath(`${opts.name}-${format}.pdf`) });
    const { pages, text, rects } = readPdf(pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pages, `${format} sheets`).toBe(opts.sheets);
    for (const t of [...opts.texts, ...opts.barcodes, ADDRESS[2]!]) expect(text, `${format} PDF text`).toContain(t);
    // Each Code 128 barcode is dozens of filled bars of the barcode's height (48).
    expect(rects.filter((r) => r.height === 48).length, `${format} barcode bars`).toBeGreaterThan(20 * opts.barcodes.length);
  }
  await page.emulateMedia({ media: "screen" });
}

test("packing slip from the order page: company, ship-from address, ship-to, lines and the order barcode; prints on one sheet", async ({ page }) => {
  const s = await seedPrinting(page);
  await page.goto(`/orders/${s.first.id}`);
  await page.getByRole("link", { name: `Packing slip of ${s.firstShipment.number}` }).click();
  const slip = page.getByRole("article", { name: `Packing slip ${s.firstShipment.number}` });
  await expect(slip.getByRole("heading", { name: "Packing slip" })).toBeVisible();
  await expect(slip.getByRole("region", { name: "Ship to" })).toContainText("1 Main Street");
  const items = slip.getByRole("table", { name: `Items in shipment ${s.firstShipment.number}` });
  await expect(items.getByRole("row").filter({ hasText: s.mug.sku })).toContainText("2");
  await expect(items.getByRole("row").filter({ hasText: s.tea.sku })).toContainText("3");
  await expect(items.getByRole("row").filter({ hasText: "Total units" })).toContainText("5");
  await expectPrintable(page, slip, {
    name: "packing-slip",
    texts: [s.co.admin.companyName, "Main warehouse", s.first.number, s.firstShipment.number, s.mug.sku, s.tea.sku, "Grace Hopper"],
    barcodes: [s.first.number],
    sheets: 1,
  });
  await page.getByRole("link", { name: `Back to order ${s.first.number}` }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${s.first.id}$`));
});

test("bulk packing slips from the order list: one slip and one sheet per selected order", async ({ page }) => {
  const s = await seedPrinting(page);
  await page.goto("/orders");
  await page.getByRole("navigation", { name: "Order tabs" }).getByRole("link", { name: /^Shipped/ }).click();
  await page.getByLabel(`Select order ${s.first.number}`).check();
  await page.getByLabel(`Select order ${s.second.number}`).check();
  await page.getByRole("button", { name: "Print packing slips" }).click();
  const slips = page.getByRole("article", { name: /^Packing slip / });
  await expect(slips).toHaveCount(2);
  await expect(page.getByRole("article", { name: `Packing slip ${s.firstShipment.number}` })).toContainText(s.tea.sku);
  await expect(page.getByRole("article", { name: `Packing slip ${s.secondShipment.number}` })).toContainText("Alan Turing");
  await expectPrintable(page, slips, {
    name: "packing-slips-bulk",
    texts: [s.co.admin.companyName, s.first.number, s.second.number, s.firstShipment.number, s.secondShipment.number],
    barcodes: [s.first.number, s.second.number],
    sheets: 2,
  });
});

test("packing slip from scan-to-ship's success message", async ({ page }) => {
  const s = await seedPrinting(page);
  const third = await s.order("Ada Lovelace", -1, [{ sku: s.mug.sku, quantity: 1 }]);
  await page.goto("/orders");
  await page.getByRole("link", { name: "Scan to ship" }).click();
  await page.getByLabel("Order number").fill(third.number);
  await page.getByLabel("Order number").press("Enter");
  await page.getByLabel("Scan item").fill(s.mug.barcode!);
  await page.getByLabel("Scan item").press("Enter");
  await page.getByRole("button", { name: "Confirm shipment" }).click();
  await page.getByRole("link", { name: "Print packing slip" }).click();
  const slip = page.getByRole("article", { name: /^Packing slip / });
  await expect(slip.getByRole("row").filter({ hasText: s.mug.sku })).toContainText("1");
  await expectPrintable(page, slip, { name: "packing-slip-scan-to-ship", texts: [s.co.admin.companyName, third.number, s.mug.sku, "Ada Lovelace"], barcodes: [third.number], sheets: 1 });
});

test("staging slip from the pick screen, and the packing slip after shipping the whole order", async ({ page }) => {
  const s = await seedPrinting(page);
  const staging = await s.co.post<{ id: string }>(`/warehouses/${s.co.warehouse.id}/locations`, { code: `STG-${s.tag}`, kind: "staging" });
  const tote = await s.co.post<{ id: string; code: string }>(`/locations/${staging.id}/containers`, { code: `TOTE-${s.tag}` });
  const staged = await s.order("Nina Complete", -1, [{ sku: s.tea.sku, quantity: 1 }, { sku: s.lamp.sku, quantity: 2 }], { fulfillmentMode: "ship_complete" });
  await s.co.post(`/orders/${staged.id}/staging`, { containerId: tote.id, lines: [{ lineId: staged.lines[0]!.id, quantity: 1 }] }, key());
  const supplier = await s.co.post<{ id: string }>("/suppliers", { name: `Lamps Ltd ${s.tag}` });
  const po = await s.co.post<{ id: string; number: string }>("/purchase-orders", {
    supplierId: supplier.id,
    warehouseId: s.co.warehouse.id,
    expectedDate: daysFromNow(5).slice(0, 10),
    lines: [{ productId: s.lamp.id, quantity: 2, unitCostCents: 900 }],
    linkWaitingOrders: false,
  });

  await page.goto(`/orders/${staged.id}/pick`);
  await page.getByRole("link", { name: "Print staging slip" }).click();
  const slip = page.getByRole("article", { name: `Staging slip for ${staged.number}` });
  await expect(slip.getByRole("table", { name: "Items picked" }).getByRole("row").filter({ hasText: s.tea.sku })).toContainText("1");
  await expect(slip.getByRole("table", { name: "Items awaited" }).getByRole("row").filter({ hasText: s.lamp.sku })).toContainText(po.number);
  await expectPrintable(page, slip, {
    name: "staging-slip",
    texts: [s.co.admin.companyName, "Main warehouse", staged.number, tote.code, s.tea.sku, s.lamp.sku, po.number],
    barcodes: [staged.number],
    sheets: 1,
  });

  // The lamps arrive and are staged too: "Ship whole order" on the pick screen, then its slip.
  await s.co.post(`/purchase-orders/${po.id}/receipts`, { receiveAllRemaining: true }, key());
  await s.co.post(`/orders/${staged.id}/staging`, { containerId: tote.id, lines: [{ lineId: staged.lines[1]!.id, quantity: 2 }] }, key());
  await page.getByRole("link", { name: "Back to picking" }).click();
  await page.getByRole("button", { name: "Ship whole order" }).click();
  await page.getByRole("link", { name: "Print packing slip" }).click();
  const packing = page.getByRole("article", { name: /^Packing slip / });
  await expect(packing.getByRole("row").filter({ hasText: s.lamp.sku })).toContainText("2");
  await expectPrintable(page, packing, { name: "packing-slip-ship-whole", texts: [s.co.admin.companyName, staged.number, s.tea.sku, s.lamp.sku, "Nina Complete"], barcodes: [staged.number], sheets: 1 });
});

test("purchase order print view from Print PO: supplier, deliver-to address, lines, totals, expected date and the PO barcode", async ({ page }) => {
  const s = await seedPrinting(page);
  const supplier = await s.co.post<{ id: string; name: string }>("/suppliers", { name: `Acme Ceramics ${s.tag}`, email: `orders-${s.tag.toLowerCase()}@acme.example` });
  const expected = daysFromNow(9).slice(0, 10);
  const po = await s.co.post<{ id: string; number: string }>("/purchase-orders", {
    supplierId: supplier.id,
    warehouseId: s.co.warehouse.id,
    expectedDate: expected,
    lines: [
      { productId: s.mug.id, quantity: 12, unitCostCents: 450 },
      { productId: s.lamp.id, quantity: 3, unitCostCents: 2599 },
    ],
    linkWaitingOrders: false,
  });
  await page.goto(`/purchasing/${po.id}`);
  await page.getByRole("link", { name: "Print PO" }).click();
  const doc = page.getByRole("article", { name: `Purchase order ${po.number}` });
  await expect(doc.getByRole("region", { name: "Supplier" })).toContainText(supplier.name);
  await expect(doc.getByRole("region", { name: "Deliver to" })).toContainText(ADDRESS[1]!);
  const lines = doc.getByRole("table", { name: "Purchase order lines" });
  await expect(lines.getByRole("row").filter({ hasText: s.mug.sku })).toContainText(/12\s*\$4\.50\s*\$54\.00/);
  await expect(lines.getByRole("row").filter({ hasText: s.lamp.sku })).toContainText(/3\s*\$25\.99\s*\$77\.97/);
  await expect(lines.getByRole("row").filter({ hasText: "Total" })).toContainText(/15\s*\$131\.97/);
  await expectPrintable(page, doc, {
    name: "purchase-order",
    // The expected date as every screen writes a date ("Dec 11, 2026"), not the ISO form.
    texts: [s.co.admin.companyName, supplier.name, "Main warehouse", po.number, new Intl.DateTimeFormat("en-US", { dateStyle: "medium" }).format(new Date(`${expected}T12:00:00`)), s.mug.sku, s.lamp.sku, "$131.97"],
    barcodes: [po.number],
    sheets: 1,
  });
});
