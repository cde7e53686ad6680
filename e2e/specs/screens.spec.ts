// Every main screen at desktop, tablet and phone size, with data on it: the page never scrolls
// sideways (wide tables scroll inside their own container) and axe-core finds no serious or
// critical accessibility violation. Screenshots land in test-results/screens/ for a person to look at.
import crypto from "node:crypto";
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { daysFromNow } from "../fixtures/orders.ts";
import { seedShipComplete } from "../fixtures/staging.ts";

const SHOTS = "test-results/screens";
const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "tablet", width: 1024, height: 768 },
  { name: "phone", width: 390, height: 844 },
] as const;

type Screen = { name: string; path: string; ready: (page: Page) => Promise<void> };

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
};

/** Elements whose right edge passes the viewport without a scrolling ancestor to hold them (names for the failure message). */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (/(auto|scroll|hidden|clip)/.test(style.overflowX) && e.clientWidth < window.innerWidth) return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll("*"))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.right > width + 1 && !scrolls(el.parentElement)) {
        const id = el.id ? `#${el.id}` : "";
        const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        offenders.push(`${el.tagName.toLowerCase()}${id}${cls} (right ${Math.round(r.right)} > ${width})`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, offenders: offenders.slice(0, 8) };
  });
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("every main screen fits a desktop, a tablet and a phone, and passes axe-core", async ({ page }) => {
  test.setTimeout(600_000);
  const s = await seedShipComplete(page.request);
  const { co } = s;
  const key = () => ({ "idempotency-key": crypto.randomUUID() });

  // A shipped order (its packing slip), a fulfillable one and a backordered one on the desk.
  const cup = await co.createProduct("CUP", "Stoneware cup with a long descriptive name for wrapping");
  await co.adjustStock(cup.sku, 5);
  const shipped = await co.createOrder({ customerName: "Shirley Shipped", orderDate: daysFromNow(-5), shipBy: daysFromNow(-1), lines: [{ sku: cup.sku, quantity: 1 }] });
  const shipment = await co.post<{ shipment: { id: string } }>(`/orders/${shipped.id}/shipments`, { carrier: "UPS", trackingNumber: "1Z999AA10123456784" }, key());
  const fulfillable = await co.createOrder({ customerName: "Fran Fulfillable", orderDate: daysFromNow(-3), shipBy: daysFromNow(2), lines: [{ sku: cup.sku, quantity: 2 }] });
  await co.createOrder({ customerName: "Bea Backordered", orderDate: daysFromNow(-1), lines: [{ sku: s.shade.sku, quantity: 4 }, { sku: cup.sku, quantity: 1 }] });
  const pickList = await co.post<{ pickList: { id: string; number: string } }>("/pick-lists", { orderIds: [fulfillable.id] }, key());
  const product = co.products.get(cup.sku)!;
  const supplier = await co.post<{ id: string }>("/suppliers", { name: "Screens Supply Co" });
  await co.post("/customer-policies", { email: "one-parcel@screens.example", name: "Olive One-Parcel", policy: "ship_complete", note: "Wants everything in one box" });

  const screens: Screen[] = [
    { name: "dashboard", path: "/", ready: async (p) => { await heading("Dashboard")(p); await expect(p.locator(".recharts-surface").first()).toBeVisible(); } },
    { name: "orders", path: "/orders", ready: async (p) => { await heading("Orders")(p); await expect(p.getByText("Fran Fulfillable").first()).toBeVisible(); } },
    { name: "order", path: `/orders/${s.target.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1, name: new RegExp(s.target.number) })).toBeVisible(); await expect(p.getByText(s.lamp.sku).first()).toBeVisible(); } },
    { name: "scan", path: "/orders/scan", ready: heading(/Scan to ship/i) },
    { name: "pick", path: `/orders/${s.target.id}/pick`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); await expect(p.getByText(s.lamp.sku).first()).toBeVisible(); } },
    { name: "packing-slip", path: `/shipments/${shipment.shipment.id}/slip`, ready: async (p) => { await expect(p.getByText("Shirley Shipped").first()).toBeVisible(); } },
    { name: "staging-slip", path: `/orders/${s.waiting.id}/staging-slip`, ready: async (p) => { await expect(p.getByText("Olga Older").first()).toBeVisible(); } },
    { name: "pick-lists", path: "/pick-lists", ready: async (p) => { await heading("Pick lists")(p); await expect(p.getByText(pickList.pickList.number).first()).toBeVisible(); } },
    { name: "pick-list", path: `/pick-lists/${pickList.pickList.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1, name: new RegExp(pickList.pickList.number) })).toBeVisible(); await expect(p.getByText(cup.sku).first()).toBeVisible(); } },
    { name: "pick-list-print", path: `/pick-lists/${pickList.pickList.id}/print`, ready: async (p) => { await expect(p.getByText(pickList.pickList.number).first()).toBeVisible(); await expect(p.getByText(cup.sku).first()).toBeVisible(); } },
    { name: "purchasing", path: "/purchasing", ready: async (p) => { await heading("Purchasing")(p); await expect(p.getByText(s.po.number).first()).toBeVisible(); } },
    { name: "purchase-order", path: `/purchasing/${s.po.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1, name: new RegExp(s.po.number) })).toBeVisible(); } },
    { name: "purchase-order-new", path: "/purchasing/new", ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); } },
    { name: "purchase-order-print", path: `/purchasing/${s.po.id}/print`, ready: async (p) => { await expect(p.getByText(s.po.number).first()).toBeVisible(); } },
    { name: "receiving", path: "/receiving", ready: async (p) => { await heading("Receiving")(p); await expect(p.getByText(s.po.number).first()).toBeVisible(); } },
    { name: "receive", path: `/receiving/${s.po.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); await expect(p.getByText(s.shade.sku).first()).toBeVisible(); } },
    { name: "staging", path: "/staging", ready: async (p) => { await heading("Staging")(p); await expect(p.getByText(s.waiting.number).first()).toBeVisible(); } },
    { name: "backorder-report", path: "/reports/backorders", ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); await expect(p.getByText(s.shade.sku).first()).toBeVisible(); } },
    { name: "stock", path: "/stock", ready: async (p) => { await heading("Stock")(p); await expect(p.getByText(cup.sku).first()).toBeVisible(); } },
    { name: "stock-adjust", path: "/stock/adjust", ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); } },
    { name: "stock-count", path: "/stock/count", ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); } },
    { name: "stock-ledger", path: "/stock/ledger", ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); await expect(p.getByText(cup.sku).first()).toBeVisible(); } },
    { name: "products", path: "/products", ready: async (p) => { await heading("Products")(p); await expect(p.getByText(cup.sku).first()).toBeVisible(); } },
    { name: "product", path: `/products/${product.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); await expect(p.getByText(cup.sku).first()).toBeVisible(); } },
    { name: "product-new", path: "/products/new", ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); } },
    { name: "suppliers", path: "/suppliers", ready: async (p) => { await heading("Suppliers")(p); await expect(p.getByText("Screens Supply Co").first()).toBeVisible(); } },
    { name: "customer-policies", path: "/customer-policies", ready: async (p) => { await heading("Customer policies")(p); await expect(p.getByText("one-parcel@screens.example")).toBeVisible(); } },
    { name: "supplier", path: `/suppliers/${supplier.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1, name: /Screens Supply Co/ })).toBeVisible(); } },
    { name: "warehouses", path: "/warehouses", ready: heading("Warehouses") },
    { name: "warehouse", path: `/warehouses/${co.warehouse.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); await expect(p.getByText(s.staging.code).first()).toBeVisible(); } },
    { name: "channels", path: "/channels", ready: async (p) => { await heading("Channels")(p); await expect(p.getByText(co.channel.name).first()).toBeVisible(); } },
    { name: "channel", path: `/channels/${co.channel.id}`, ready: async (p) => { await expect(p.getByRole("heading", { level: 1 })).toBeVisible(); } },
    { name: "integrations", path: "/integrations", ready: heading("Integrations") },
    { name: "users", path: "/users", ready: async (p) => { await heading("Users")(p); await expect(p.getByText("Sam Staff").first()).toBeVisible(); } },
    { name: "settings", path: "/settings", ready: heading("Settings") },
  ];

  const failures: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const screen of screens) {
      await page.goto(screen.path);
      await screen.ready(page);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `${SHOTS}/${size.name}-${screen.name}.png`, fullPage: true });
      const overflow = await sidewaysOverflow(page);
      if (overflow.scrollWidth > overflow.width || overflow.offenders.length > 0) {
        failures.push(`${size.name} ${screen.path}: page is ${overflow.scrollWidth}px wide in ${overflow.width}px; ${overflow.offenders.join(", ")}`);
      }
      if (size.name !== "tablet") {
        for (const v of await seriousViolations(page)) failures.push(`${size.name} ${screen.path}: axe ${v}`);
      }
    }
  }
  expect(failures, failures.join("\n")).toEqual([]);
});
