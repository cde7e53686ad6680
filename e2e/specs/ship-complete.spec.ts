// Journey (issue 6): a ship-complete order with one of two items in stock. Staff pick and
// stage the available item into a container by scanning, print the staging slip; the PO for
// the missing item arrives; the board shows the order "ready to complete" on top; staff pick
// the rest and ship the order whole.
import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { seedShipComplete } from "../fixtures/staging.ts";

test("stage the available item, print the slip, receive the PO, complete and ship whole", async ({ page, request }) => {
  const s = await seedShipComplete(request);
  await signInInBrowser(page, s.staff);

  // The board: scan the order number to open its pick screen.
  await page.getByRole("link", { name: "Staging", exact: true }).click();
  await expect(page.getByRole("table", { name: "Staged orders" })).toContainText(s.waiting.number);
  await page.getByLabel("Scan order number to pick").fill(s.target.number);
  await page.getByLabel("Scan order number to pick").press("Enter");
  await expect(page.getByRole("heading", { name: `Pick order ${s.target.number}` })).toBeVisible();

  // A partial shipment is not offered; scan the container, then items: wrong and too many are refused loudly.
  await page.getByLabel("Scan container").fill(s.tote.code);
  await page.getByLabel("Scan container").press("Enter");
  const item = page.getByLabel("Scan item");
  await expect(item).toBeFocused();
  await item.fill("NOT-ON-ORDER");
  await item.press("Enter");
  await expect(page.getByRole("alert")).toContainText("Wrong item: NOT-ON-ORDER is not on order");
  await item.fill(s.lamp.barcode!);
  await item.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `${s.lamp.sku}: 1 of 1` })).toBeVisible();
  await item.fill(s.lamp.sku);
  await item.press("Enter");
  await expect(page.getByRole("alert")).toContainText(`Too many ${s.lamp.sku}`);
  await item.fill(s.shade.barcode!);
  await item.press("Enter");
  await expect(page.getByRole("alert")).toContainText(`${s.shade.sku}: only 0 in stock`);
  await page.getByRole("button", { name: `Stage 1 unit into ${s.tote.code}` }).click();
  const progress = page.getByRole("table", { name: "Pick progress" });
  await expect(progress.getByRole("row").filter({ hasText: s.lamp.sku }).locator("td").nth(4)).toHaveText("1");
  await expect(progress.getByRole("row").filter({ hasText: s.shade.sku })).toContainText(`Waits for ${s.po.number}`);
  await expect(page.getByText(`Picking into container ${s.tote.code}`)).toBeVisible();

  // The staging slip travels with the container: container, picked items, awaited items and their PO.
  await page.getByRole("link", { name: "Print staging slip" }).click();
  const slip = page.getByRole("article", { name: `Staging slip for ${s.target.number}` });
  await expect(slip).toContainText(s.tote.code);
  await expect(slip.getByRole("table", { name: "Items picked" })).toContainText(s.lamp.sku);
  const awaited = slip.getByRole("table", { name: "Items awaited" });
  await expect(awaited).toContainText(s.shade.sku);
  await expect(awaited).toContainText(s.po.number);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(slip).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // The PO arrives: the order is ready to complete and leads the board, ahead of the older waiting one.
  await s.receivePo();
  await page.getByRole("link", { name: "Staging", exact: true }).click();
  const rows = page.getByRole("table", { name: "Staged orders" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(s.target.number);
  await expect(rows.nth(0)).toContainText("Ready to complete");
  await expect(rows.nth(1)).toContainText(s.waiting.number);
  await expect(rows.nth(1)).not.toContainText("Ready to complete");

  // Complete: pick the rest into the same container, then ship the whole order in one shipment.
  await rows.nth(0).getByRole("link", { name: "Complete" }).click();
  await expect(page.getByRole("heading", { name: `Pick order ${s.target.number}` })).toBeVisible();
  await page.getByLabel("Scan item").fill(s.shade.barcode!);
  await page.getByLabel("Scan item").press("Enter");
  await page.getByRole("button", { name: `Stage 1 unit into ${s.tote.code}` }).click();
  await page.getByRole("button", { name: "Ship whole order" }).click();
  await expect(page.getByRole("heading", { name: `Order ${s.target.number} shipped` })).toBeVisible();
  await expect(page.getByText("the whole order left in one shipment")).toBeVisible();

  const detail = await s.co.get(`/orders/${s.target.id}`);
  expect(detail.status).toBe("shipped");
  expect(detail.shipments).toHaveLength(1);
  expect(detail.allocations).toEqual([]);
  const board = await s.co.get("/staging/board");
  expect(board.items.map((i: { order: { number: string } }) => i.order.number)).toEqual([s.waiting.number]);
});
