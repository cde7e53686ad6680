// Purchase orders: raised from the report and linked to the waiting orders in rank order
// (tags PO#, projected dates), edited, submitted, cancelled (links, tags and projections go),
// closed; listed and exported. Validation, roles and tenancy for every endpoint.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildProduct, buildSupplier, buildWarehouse } from "./builders.ts";
import { buildPurchasingShop, daysAgo, inDays, poRow, sql } from "./purchasing-builders.ts";

type Shop = Awaited<ReturnType<typeof buildPurchasingShop>>;

const linksOf = (po: any) => po.lines.flatMap((l: any) => l.linkedOrders.map((o: any) => [o.number, o.quantity]));
const order = async (client: ApiClient, id: string) => (await client.get(`/api/v1/orders/${id}`)).body;

describe("purchase orders from the report", () => {
  let shop: Shop;
  let product: { id: string; sku: string };
  let oA: any, oB: any, oC: any, oD: any;
  let first: any;

  beforeAll(async () => {
    shop = await buildPurchasingShop();
    product = await shop.product(0, { unitCostCents: 400, leadTimeDays: 14 });
    // Rank: B (priority 5), C (ship-by), D (older), A.
    oA = await shop.order([{ productId: product.id, quantity: 2 }], { orderDate: daysAgo(3) });
    oB = await shop.order([{ productId: product.id, quantity: 3 }], { priority: 5 });
    oC = await shop.order([{ productId: product.id, quantity: 4 }], { orderDate: daysAgo(1), shipBy: inDays(2) });
    oD = await shop.order([{ productId: product.id, quantity: 1 }], { orderDate: daysAgo(10) });
  });

  it("links the PO to the waiting orders in rank order, tags them PO#, and projects them to its expected date", async () => {
    const expectedDate = inDays(21);
    const res = await shop.purchaser.post(
      "/api/v1/purchase-orders/from-report",
      { pos: [{ supplierId: shop.supplier.id, warehouseId: shop.warehouse.id, expectedDate, lines: [{ productId: product.id, quantity: 6 }] }] },
      { "Idempotency-Key": "from-report-1" },
    );
    expect(res.status).toBe(201);
    expect(res.body.purchaseOrders).toHaveLength(1);
    first = res.body.purchaseOrders[0];
    expect(first).toMatchObject({ number: "PO-000001", status: "ordered", expectedDate, totalCents: 2400 });
    expect(first.lines[0]).toMatchObject({ productId: product.id, quantityOrdered: 6, quantityReceived: 0, remaining: 6, unitCostCents: 400 });
    expect(linksOf(first)).toEqual([
      [oB.number, 3],
      [oC.number, 3],
    ]);

    const b = await order(shop.admin, oB.id);
    expect(b.tags).toContain("PO#PO-000001");
    expect(b.events.some((e: any) => e.type === "tagged" && e.message.includes("PO#PO-000001"))).toBe(true);
    expect(b.fulfillability).toBe("backordered");
    expect(b.projectedDate.slice(0, 10)).toBe(expectedDate);
    const c = await order(shop.admin, oC.id);
    expect(c.tags).toContain("PO#PO-000001");
    expect(c.projectedDate).toBeNull(); // 3 of its 4 units are coming
    for (const other of [oA, oD]) expect((await order(shop.admin, other.id)).tags).not.toContain("PO#PO-000001");

    // A retry with the same key returns the first result and creates nothing.
    const again = await shop.purchaser.post(
      "/api/v1/purchase-orders/from-report",
      { pos: [{ supplierId: shop.supplier.id, warehouseId: shop.warehouse.id, expectedDate, lines: [{ productId: product.id, quantity: 6 }] }] },
      { "Idempotency-Key": "from-report-1" },
    );
    expect(again.status).toBe(201);
    expect(again.body.purchaseOrders[0].id).toBe(first.id);
    expect(await sql("SELECT id FROM purchase_orders WHERE tenant_id = $1", [shop.admin.tenantId])).toHaveLength(1);
  });

  it("a second PO links the units the first does not cover, next in rank", async () => {
    const second = await shop.po([{ productId: product.id, quantity: 4 }], { expectedDate: inDays(30) });
    expect(second.number).toBe("PO-000002");
    expect(linksOf(second)).toEqual([
      [oC.number, 1],
      [oD.number, 1],
      [oA.number, 2],
    ]);
    expect((await order(shop.admin, oC.id)).projectedDate.slice(0, 10)).toBe(inDays(30));
    const report = await shop.purchaser.get(`/api/v1/reports/backorders?warehouseId=${shop.warehouse.id}`);
    expect(report.body.items[0]).toMatchObject({ shortfall: 10, incoming: 10, netToBuy: 0, nearestExpectedDate: inDays(21) });
  });

  it("moving the expected date moves the linked orders' projected dates; a stale version is 409", async () => {
    const later = inDays(40);
    const stale = await shop.purchaser.patch(`/api/v1/purchase-orders/${first.id}`, { version: first.version + 5, expectedDate: later });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    const res = await shop.purchaser.patch(`/api/v1/purchase-orders/${first.id}`, { version: first.version, expectedDate: later, notes: "call before" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ expectedDate: later, notes: "call before", version: first.version + 1 });
    expect((await order(shop.admin, oB.id)).projectedDate.slice(0, 10)).toBe(later);
    first = res.body;
  });

  it("lowering a quantity trims the lowest-ranked links and untags orders no longer linked", async () => {
    const res = await shop.purchaser.patch(`/api/v1/purchase-orders/${first.id}`, { version: first.version, lines: [{ id: first.lines[0].id, quantityOrdered: 3 }] });
    expect(res.status).toBe(200);
    expect(linksOf(res.body)).toEqual([[oB.number, 3]]);
    expect((await order(shop.admin, oC.id)).tags).not.toContain("PO#PO-000001");
    expect((await order(shop.admin, oB.id)).tags).toContain("PO#PO-000001");
    first = res.body;
  });

  it("cancel removes the links, the PO# tags and the projections it gave", async () => {
    const res = await shop.purchaser.post(`/api/v1/purchase-orders/${first.id}/cancel`, { version: first.version });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("cancelled");
    expect(linksOf(res.body)).toEqual([]);
    const b = await order(shop.admin, oB.id);
    expect(b.tags).not.toContain("PO#PO-000001");
    expect(b.events.some((e: any) => e.type === "untagged")).toBe(true);
    // The second PO's units are linked to C, D and A: B has no date any more.
    expect(b.projectedDate).toBeNull();
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
    const again = await shop.purchaser.post(`/api/v1/purchase-orders/${first.id}/cancel`, {});
    expect(again.status).toBe(422);
  });

  it("lists with filters and pages, and exports a PO as CSV", async () => {
    const all = await shop.staff.get("/api/v1/purchase-orders");
    expect(all.status).toBe(200);
    expect(all.body.items.map((p: any) => p.number)).toEqual(["PO-000002", "PO-000001"]);
    expect(all.body.items[0]).toMatchObject({ supplier: { id: shop.supplier.id }, warehouse: { id: shop.warehouse.id, code: shop.warehouse.code }, lineCount: 1, totalCents: 1600 });
    expect((await shop.staff.get("/api/v1/purchase-orders?status=cancelled")).body.items.map((p: any) => p.number)).toEqual(["PO-000001"]);
    expect((await shop.staff.get("/api/v1/purchase-orders?status=ordered,partially_received")).body.items.map((p: any) => p.number)).toEqual(["PO-000002"]);
    expect((await shop.staff.get("/api/v1/purchase-orders?q=000002")).body.items).toHaveLength(1);
    expect((await shop.staff.get(`/api/v1/purchase-orders?supplierId=${shop.supplier.id}`)).body.items).toHaveLength(2);
    const page1 = await shop.staff.get("/api/v1/purchase-orders?limit=1");
    const page2 = await shop.staff.get(`/api/v1/purchase-orders?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((p: any) => p.number)).toEqual(["PO-000001"]);
    expect(page2.body.nextCursor).toBeNull();

    const [po] = all.body.items;
    for (const path of [`/api/v1/purchase-orders/${po.id}/export.csv`, `/api/v1/purchase-orders/${po.id}.csv`]) {
      const csv = await shop.staff.get(path);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
      const lines = String(csv.body).trim().split("\r\n");
      expect(lines[0]).toMatch(/^po_number,supplier/);
      expect(lines[1]).toContain(`PO-000002,`);
      expect(lines[1]).toContain(`,${product.sku},`);
    }
    const listCsv = await shop.staff.get("/api/v1/purchase-orders/export.csv?status=cancelled");
    expect(String(listCsv.body).trim().split("\r\n")).toHaveLength(2);
  });
});

describe("purchase order lifecycle", () => {
  it("a draft gives no projection until submitted; without linking nothing is tagged", async () => {
    const shop = await buildPurchasingShop();
    const product = await shop.product(0);
    const o = await shop.order([{ productId: product.id, quantity: 2 }]);
    const draft = await shop.po([{ productId: product.id, quantity: 5 }], { status: "draft", expectedDate: inDays(9), linkWaitingOrders: false });
    expect(draft.status).toBe("draft");
    expect(linksOf(draft)).toEqual([]);
    expect((await order(shop.admin, o.id)).projectedDate).toBeNull();
    expect((await shop.purchaser.get("/api/v1/reports/backorders")).body.items[0].incoming).toBe(0);

    const submitted = await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/submit`, { version: draft.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("ordered");
    const after = await order(shop.admin, o.id);
    expect(after.projectedDate.slice(0, 10)).toBe(inDays(9));
    expect(after.tags).toEqual([]);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/submit`, {})).status).toBe(422);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/close`, {})).status).toBe(422);
  });

  it("defaults: unit cost from the supplier's terms, expected date today + lead time, status ordered", async () => {
    const shop = await buildPurchasingShop();
    const product = await shop.product(0, { unitCostCents: 777, leadTimeDays: 12 });
    const po = await shop.po([{ productId: product.id, quantity: 2 }]);
    expect(po).toMatchObject({ status: "ordered", expectedDate: inDays(12), totalCents: 1554 });
    expect(po.lines[0].unitCostCents).toBe(777);
    const noTerms = await buildProduct(shop.admin);
    const refused = await shop.purchaser.post("/api/v1/purchase-orders", { supplierId: shop.supplier.id, warehouseId: shop.warehouse.id, lines: [{ productId: noTerms.id, quantity: 1 }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: any) => d.path)).toContain("lines.0.unitCostCents");
  });

  it("close: a partially received PO's remaining is no longer incoming", async () => {
    const shop = await buildPurchasingShop();
    const product = await shop.product(0);
    await shop.order([{ productId: product.id, quantity: 10 }]);
    const po = await shop.po([{ productId: product.id, quantity: 10 }]);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${po.id}/close`, {})).status).toBe(422);
    expect((await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: product.id, quantity: 4 }] })).status).toBe(201);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${po.id}/cancel`, {})).status).toBe(422);
    const reduce = await shop.purchaser.patch(`/api/v1/purchase-orders/${po.id}`, { version: (await poRow(po.id)).version, lines: [{ id: po.lines[0].id, quantityOrdered: 3 }] });
    expect(reduce.status).toBe(422);
    expect(JSON.stringify(reduce.body.error.details)).toContain("lines.0.quantityOrdered");
    expect((await shop.purchaser.get("/api/v1/reports/backorders")).body.items[0]).toMatchObject({ shortfall: 6, incoming: 6, netToBuy: 0 });
    const closed = await shop.purchaser.post(`/api/v1/purchase-orders/${po.id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe("closed");
    expect((await shop.purchaser.get("/api/v1/reports/backorders")).body.items[0]).toMatchObject({ shortfall: 6, incoming: 0, netToBuy: 6 });
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });
});

describe("purchase orders: validation, roles and tenancy", () => {
  let shop: Shop;
  let product: { id: string };
  let po: any;
  let outsider: ApiClient;
  beforeAll(async () => {
    shop = await buildPurchasingShop();
    product = await shop.product(0);
    await shop.order([{ productId: product.id, quantity: 2 }]);
    po = await shop.po([{ productId: product.id, quantity: 3 }]);
    outsider = await signUpCompany("Outsider Co");
  });

  it("400 with the field named: unknown SKU, zero or negative quantities, unknown fields, duplicate lines", async () => {
    const base = { supplierId: shop.supplier.id, warehouseId: shop.warehouse.id };
    const cases: [unknown, string][] = [
      [{ ...base, lines: [{ productId: crypto.randomUUID(), quantity: 1 }] }, "lines.0.productId"],
      [{ ...base, lines: [{ productId: product.id, quantity: 0 }] }, "lines.0.quantity"],
      [{ ...base, lines: [{ productId: product.id, quantity: -2 }] }, "lines.0.quantity"],
      [{ ...base, lines: [{ productId: product.id, quantity: 1.5 }] }, "lines.0.quantity"],
      [{ ...base, lines: [] }, "lines"],
      [{ ...base, lines: [{ productId: product.id, quantity: 1 }, { productId: product.id, quantity: 2 }] }, "lines"],
      [{ ...base, expectedDate: "next week", lines: [{ productId: product.id, quantity: 1 }] }, "expectedDate"],
      [{ ...base, status: "received", lines: [{ productId: product.id, quantity: 1 }] }, "status"],
      [{ ...base, lines: [{ productId: product.id, quantity: 1 }], discount: 5 }, ""],
    ];
    for (const [body, path] of cases) {
      const res = await shop.purchaser.post("/api/v1/purchase-orders", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    }
    const fromReport = await shop.purchaser.post("/api/v1/purchase-orders/from-report", { pos: [{ ...base, lines: [{ productId: crypto.randomUUID(), quantity: 1 }] }] });
    expect(fromReport.status).toBe(400);
    expect(fromReport.body.error.details.map((d: any) => d.path)).toContain("pos.0.lines.0.productId");
    const patch = await shop.purchaser.patch(`/api/v1/purchase-orders/${po.id}`, { expectedDate: inDays(3) });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details.map((d: any) => d.path)).toContain("version");
    const patchLine = await shop.purchaser.patch(`/api/v1/purchase-orders/${po.id}`, { version: po.version, lines: [{ id: po.lines[0].id, quantityOrdered: 0 }] });
    expect(patchLine.body.error.details.map((d: any) => d.path)).toContain("lines.0.quantityOrdered");
    expect((await shop.purchaser.get("/api/v1/purchase-orders/not-an-id")).status).toBe(400);
    expect((await shop.purchaser.get("/api/v1/purchase-orders?status=lost")).status).toBe(400);
    expect(await sql("SELECT count(*)::int AS n FROM purchase_orders WHERE tenant_id = $1", [shop.admin.tenantId])).toEqual([{ n: 1 }]);
  });

  it("401 signed out; 403 for staff creating or changing a PO (staff may read)", async () => {
    const anonymous = new ApiClient();
    const body = { supplierId: shop.supplier.id, warehouseId: shop.warehouse.id, lines: [{ productId: product.id, quantity: 1 }] };
    expect((await anonymous.post("/api/v1/purchase-orders", body)).status).toBe(401);
    expect((await anonymous.get("/api/v1/purchase-orders")).status).toBe(401);
    expect((await anonymous.get(`/api/v1/purchase-orders/${po.id}`)).status).toBe(401);
    const staffCreate = await shop.staff.post("/api/v1/purchase-orders", body);
    expect(staffCreate.status).toBe(403);
    expect((await shop.staff.post("/api/v1/purchase-orders/from-report", { pos: [body] })).status).toBe(403);
    expect((await shop.staff.patch(`/api/v1/purchase-orders/${po.id}`, { version: po.version, notes: "x" })).status).toBe(403);
    for (const action of ["submit", "cancel", "close"]) expect((await shop.staff.post(`/api/v1/purchase-orders/${po.id}/${action}`, {})).status).toBe(403);
    expect((await shop.staff.get(`/api/v1/purchase-orders/${po.id}`)).status).toBe(200);
    expect(await sql("SELECT count(*)::int AS n FROM purchase_orders WHERE tenant_id = $1", [shop.admin.tenantId])).toEqual([{ n: 1 }]);
  });

  it("404 for another company's PO on every endpoint, and the PO is unchanged", async () => {
    const before = await poRow(po.id);
    const paths: [string, string, unknown?][] = [
      ["GET", `/api/v1/purchase-orders/${po.id}`],
      ["GET", `/api/v1/purchase-orders/${po.id}/export.csv`],
      ["PATCH", `/api/v1/purchase-orders/${po.id}`, { version: po.version, notes: "mine now", expectedDate: inDays(1) }],
      ["POST", `/api/v1/purchase-orders/${po.id}/submit`, {}],
      ["POST", `/api/v1/purchase-orders/${po.id}/cancel`, {}],
      ["POST", `/api/v1/purchase-orders/${po.id}/close`, {}],
      ["POST", `/api/v1/purchase-orders/${po.id}/receipts`, { receiveAllRemaining: true }],
    ];
    for (const [method, path, body] of paths) {
      const res = await outsider.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect(await poRow(po.id)).toEqual(before);
    expect((await outsider.get("/api/v1/purchase-orders")).body.items).toEqual([]);
  });

  it("404 for another company's supplier or warehouse, and nothing is created", async () => {
    const theirSupplier = await buildSupplier(outsider);
    const theirWarehouse = await buildWarehouse(outsider);
    const lines = [{ productId: product.id, quantity: 1, unitCostCents: 100 }];
    const s = await shop.purchaser.post("/api/v1/purchase-orders", { supplierId: theirSupplier.id, warehouseId: shop.warehouse.id, lines });
    expect(s.status).toBe(404);
    const w = await shop.purchaser.post("/api/v1/purchase-orders", { supplierId: shop.supplier.id, warehouseId: theirWarehouse.id, lines });
    expect(w.status).toBe(404);
    // Nor can the outsider order this company's product from its own supplier.
    const p = await outsider.post("/api/v1/purchase-orders", { supplierId: theirSupplier.id, warehouseId: theirWarehouse.id, lines });
    expect(p.status).toBe(400);
    expect(await sql("SELECT count(*)::int AS n FROM purchase_orders WHERE tenant_id = ANY($1::uuid[])", [[shop.admin.tenantId, outsider.tenantId]])).toEqual([{ n: 1 }]);
    expect(await sql("SELECT value::int FROM tenant_counters WHERE tenant_id = $1 AND name = 'purchase_order'", [shop.admin.tenantId])).toEqual([{ value: 1 }]);
  });
});
