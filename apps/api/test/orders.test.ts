// Order changes through the API: detail, edit, hold/release, priority, tags, notes, cancel,
// partial cancel, exchange, hard allocation. Each: happy path, bad input (field named), 401,
// 403 where a role lacks the right, 404 for another tenant's order with the row unchanged,
// and 409 for a stale version.
import { describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildContainer, buildLocation, buildProduct, buildStock } from "./builders.ts";
import { buildShop, orderRow } from "./order-builders.ts";
import { testEnv } from "./env.ts";

const paths = (res: { body: any }) => (res.body.error?.details ?? []).map((d: any) => d.path);

/** The order of another company: every write and read of the outsider is 404, and the row stays as it was. */
async function expectOutsiderCannotTouch(orderId: string, call: (outsider: ApiClient) => Promise<{ status: number }>) {
  const before = await orderRow(orderId);
  const outsider = await signUpCompany("Outsider Ltd");
  expect((await call(outsider)).status).toBe(404);
  expect(await orderRow(orderId)).toEqual(before);
}

describe("order detail", () => {
  it("shows lines with allocation and free stock, and the timeline newest first with actor names", async () => {
    const shop = await buildShop(5);
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }]);
    await shop.manager.post(`/api/v1/orders/${order.id}/notes`, { body: "Customer called" });
    const res = await shop.staff.get(`/api/v1/orders/${order.id}`);
    expect(res.status).toBe(200);
    expect(res.body.lines[0]).toMatchObject({ ordered: 3, shipped: 0, cancelled: 0, remaining: 3, allocated: 3, hardAllocated: 0, softAllocated: 3, availableInWarehouse: 2, sku: shop.product.sku });
    expect(res.body.events.map((e: any) => e.type)).toEqual(["noted", "imported"]);
    expect(res.body.events[0].actor.name).toBe("manager person");
    expect(res.body.notes[0]).toMatchObject({ body: "Customer called", author: { name: "manager person" } });
    expect((await new ApiClient().get(`/api/v1/orders/${order.id}`)).status).toBe(401);
    expect((await shop.staff.get(`/api/v1/orders/not-a-uuid`)).status).toBe(400);
    await expectOutsiderCannotTouch(order.id, (o) => o.get(`/api/v1/orders/${order.id}`));
  });
});

describe("order detail: overdue", () => {
  it("is overdue once ship-by has passed, until the order is cancelled or shipped (the list's rule)", async () => {
    const shop = await buildShop(0);
    const late = await shop.order([{ productId: shop.product.id, quantity: 1 }], { shipBy: new Date(Date.now() - 86_400_000).toISOString() });
    const onTime = await shop.order([{ productId: shop.product.id, quantity: 1 }], { shipBy: new Date(Date.now() + 86_400_000).toISOString() });
    expect(late.isOverdue).toBe(true);
    expect(onTime.isOverdue).toBe(false);
    const listed = (await shop.admin.get("/api/v1/orders?shipBy=overdue")).body.items.map((i: { id: string }) => i.id);
    expect(listed).toEqual([late.id]);
    const cancelled = await shop.manager.post(`/api/v1/orders/${late.id}/cancel`, { reason: "customer gave up" });
    expect(cancelled.body.isOverdue).toBe(false);
  });
});

describe("PATCH /api/v1/orders/:orderId", () => {
  it("edits customer fields and ship-by, bumps the version and records a diff", async () => {
    const shop = await buildShop(5);
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    const res = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: order.version, customerName: "New Name", shipBy: "2031-02-03" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, customer: { name: "New Name" }, shipBy: "2031-02-03T00:00:00.000Z" });
    const edited = res.body.events.find((e: any) => e.type === "edited");
    expect(edited.data.diff.customerName).toEqual({ from: order.customer.name, to: "New Name" });

    const stale = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: order.version, customerName: "Other" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect((await orderRow(order.id)).customer_name).toBe("New Name");
  });

  it("changes line quantities in the app only when the store cannot (channel without order edits), never below shipped + cancelled", async () => {
    const refusing = await buildShop(5, { supportsOrderEdits: true });
    const o1 = await refusing.order([{ productId: refusing.product.id, quantity: 2 }]);
    const refused = await refusing.manager.patch(`/api/v1/orders/${o1.id}`, { version: 1, lines: [{ lineId: o1.lines[0]!.id, quantity: 1 }] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("rule_violation");

    const shop = await buildShop(5);
    const extra = await buildProduct(shop.admin);
    const order = await shop.order([{ productId: shop.product.id, quantity: 4 }]);
    const lineId = order.lines[0]!.id;
    await shop.manager.post(`/api/v1/orders/${order.id}/lines/${lineId}/cancel`, { quantity: 1, reason: "oversold" });
    const tooLow = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: 2, lines: [{ lineId, quantity: 0 }] });
    expect(tooLow.status).toBe(400);
    expect(paths(tooLow)).toContain("lines.0.quantity");
    const belowCancelled = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: 2, lines: [{ lineId, quantity: 1 }] });
    expect(belowCancelled.status).toBe(200); // 1 cancelled: 1 is allowed
    expect(belowCancelled.body.lines[0]).toMatchObject({ ordered: 1, cancelled: 1, remaining: 0 });
    const grown = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: 3, lines: [{ lineId, quantity: 7 }], addLines: [{ productId: extra.id, quantity: 2, unitPriceCents: 50 }] });
    expect(grown.status).toBe(200);
    expect(grown.body.lines.map((l: any) => [l.ordered, l.remaining, l.allocated])).toEqual([
      [7, 6, 5],
      [2, 2, 0],
    ]);
    expect(grown.body.fulfillability).toBe("partially_fulfillable");
    expect(paths(await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: 4, lines: [{ lineId, quantity: 0.5 }] }))).toContain("lines.0.quantity");
    const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId, quantity: 2 }] });
    expect(shipped.status).toBe(201);
    const version = shipped.body.order.version;
    const belowShipped = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version, lines: [{ lineId, quantity: 2 }] });
    expect(belowShipped.status).toBe(422); // 2 shipped + 1 cancelled
    const atShipped = await shop.manager.patch(`/api/v1/orders/${order.id}`, { version, lines: [{ lineId, quantity: 3 }] });
    expect(atShipped.status).toBe(200);
    expect(atShipped.body.lines[0]).toMatchObject({ ordered: 3, shipped: 2, cancelled: 1, remaining: 0 });
    expect((await shop.manager.patch(`/api/v1/orders/${order.id}`, { version: version + 1, discount: 3 })).status).toBe(400);
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("is for managers (403 for staff), 401 without sign-in, 404 for another tenant", async () => {
    const shop = await buildShop(1);
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    expect((await shop.staff.patch(`/api/v1/orders/${order.id}`, { version: 1, customerName: "X" })).status).toBe(403);
    expect((await new ApiClient().patch(`/api/v1/orders/${order.id}`, { version: 1, customerName: "X" })).status).toBe(401);
    expect(paths(await shop.manager.patch(`/api/v1/orders/${order.id}`, { customerName: "X" }))).toContain("version");
    await expectOutsiderCannotTouch(order.id, (o) => o.patch(`/api/v1/orders/${order.id}`, { version: 1, customerName: "Hijacked" }));
  });
});

describe("hold, release and priority", () => {
  it("a held order releases its soft allocation to the next order in rank, and gets it back on release", async () => {
    const shop = await buildShop(1);
    const first = await shop.order([{ productId: shop.product.id, quantity: 1 }], { orderDate: "2030-01-01T00:00:00Z" });
    const second = await shop.order([{ productId: shop.product.id, quantity: 1 }], { orderDate: "2030-01-02T00:00:00Z" });
    expect([first.fulfillability, second.fulfillability]).toEqual(["fulfillable", "backordered"]);

    const held = await shop.manager.post(`/api/v1/orders/${first.id}/hold`, { reason: "fraud check" });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ status: "on_hold", fulfillability: null, version: 2 });
    expect(held.body.events[0]).toMatchObject({ type: "held", message: "Held: fraud check" });
    expect((await shop.staff.get(`/api/v1/orders/${second.id}`)).body.fulfillability).toBe("fulfillable");

    const released = await shop.manager.post(`/api/v1/orders/${first.id}/release`, {});
    expect(released.body).toMatchObject({ status: "open", fulfillability: "fulfillable" });
    expect((await shop.staff.get(`/api/v1/orders/${second.id}`)).body.fulfillability).toBe("backordered");
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("priority moves an order ahead in rank, with the reason on the timeline; staff get 403", async () => {
    const shop = await buildShop(1);
    const first = await shop.order([{ productId: shop.product.id, quantity: 1 }], { orderDate: "2030-01-01T00:00:00Z" });
    const second = await shop.order([{ productId: shop.product.id, quantity: 1 }], { orderDate: "2030-01-02T00:00:00Z" });
    expect((await shop.staff.post(`/api/v1/orders/${second.id}/priority`, { priority: 10, reason: "VIP" })).status).toBe(403);
    expect((await new ApiClient().post(`/api/v1/orders/${second.id}/priority`, { priority: 10, reason: "VIP" })).status).toBe(401);
    for (const [body, path] of [
      [{ priority: 101, reason: "x" }, "priority"],
      [{ priority: 1.5, reason: "x" }, "priority"],
      [{ priority: 5 }, "reason"],
      [{ priority: 5, reason: "x", extra: 1 }, ""],
    ] as const) {
      const bad = await shop.manager.post(`/api/v1/orders/${second.id}/priority`, body);
      expect(bad.status).toBe(400);
      expect(paths(bad)).toContain(path);
    }
    const res = await shop.manager.post(`/api/v1/orders/${second.id}/priority`, { priority: 10, reason: "VIP customer", version: second.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priority: 10, fulfillability: "fulfillable" });
    expect(res.body.events[0]).toMatchObject({ type: "reprioritised", data: { from: 0, to: 10, reason: "VIP customer" } });
    expect((await shop.staff.get(`/api/v1/orders/${first.id}`)).body.fulfillability).toBe("backordered");
    const stale = await shop.manager.post(`/api/v1/orders/${second.id}/priority`, { priority: 1, reason: "x", version: second.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    await expectOutsiderCannotTouch(first.id, (o) => o.post(`/api/v1/orders/${first.id}/priority`, { priority: 50, reason: "mine now" }));
    await expectOutsiderCannotTouch(first.id, (o) => o.post(`/api/v1/orders/${first.id}/hold`, { reason: "x" }));
  });

  it("hold and release are for managers, and stale versions are refused", async () => {
    const shop = await buildShop(1);
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/hold`, { reason: "x" })).status).toBe(403);
    expect(paths(await shop.manager.post(`/api/v1/orders/${order.id}/hold`, {}))).toContain("reason");
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/hold`, { reason: "x", version: 99 })).status).toBe(409);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/release`, {})).status).toBe(422);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/hold`, { reason: "x" })).status).toBe(200);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/release`, {})).status).toBe(403);
    await expectOutsiderCannotTouch(order.id, (o) => o.post(`/api/v1/orders/${order.id}/release`, {}));
  });
});

describe("tags and notes", () => {
  it("adds and removes trimmed tags, and notes from any role", async () => {
    const shop = await buildShop(1);
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }], { tags: ["old"] });
    const res = await shop.staff.post(`/api/v1/orders/${order.id}/tags`, { add: ["  gift  ", "fragile"], remove: ["old"] });
    expect(res.status).toBe(200);
    expect(res.body.tags).toEqual(["gift", "fragile"]);
    expect(res.body.events[0]).toMatchObject({ type: "tagged", data: { added: ["gift", "fragile"], removed: ["old"] } });
    expect(paths(await shop.staff.post(`/api/v1/orders/${order.id}/tags`, { add: ["   "] }))).toContain("add.0");
    expect(paths(await shop.staff.post(`/api/v1/orders/${order.id}/tags`, { add: ["x".repeat(41)] }))).toContain("add.0");
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/tags`, { add: ["y"], version: 1 })).status).toBe(409);

    const note = await shop.staff.post(`/api/v1/orders/${order.id}/notes`, { body: "Left at door" });
    expect(note.status).toBe(201);
    expect(note.body.events[0]).toMatchObject({ type: "noted", message: "Left at door", actor: { name: "staff person" } });
    expect(paths(await shop.staff.post(`/api/v1/orders/${order.id}/notes`, { body: "" }))).toContain("body");
    expect((await new ApiClient().post(`/api/v1/orders/${order.id}/notes`, { body: "x" })).status).toBe(401);
    await expectOutsiderCannotTouch(order.id, (o) => o.post(`/api/v1/orders/${order.id}/tags`, { add: ["pwned"] }));
    await expectOutsiderCannotTouch(order.id, (o) => o.post(`/api/v1/orders/${order.id}/notes`, { body: "pwned" }));
  });
});

describe("cancel, partial cancel, exchange", () => {
  it("cancelling an order frees its stock for the next order and records a refund", async () => {
    const shop = await buildShop(2);
    const first = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-01T00:00:00Z" });
    const second = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-02T00:00:00Z" });
    expect((await shop.staff.post(`/api/v1/orders/${first.id}/cancel`, { reason: "x" })).status).toBe(403);
    expect(paths(await shop.manager.post(`/api/v1/orders/${first.id}/cancel`, { reason: "x", refundCents: -5 }))).toContain("refundCents");
    expect((await shop.manager.post(`/api/v1/orders/${first.id}/cancel`, { reason: "x", version: 7 })).status).toBe(409);
    await expectOutsiderCannotTouch(first.id, (o) => o.post(`/api/v1/orders/${first.id}/cancel`, { reason: "x" }));

    const tooMuch = await shop.manager.post(`/api/v1/orders/${first.id}/cancel`, { reason: "customer request", refundCents: 2001 });
    expect(tooMuch.status).toBe(422); // paid 2 × 10.00: a refund never exceeds what was paid
    expect(tooMuch.body.error.details).toMatchObject({ refundableCents: 2000 });
    const res = await shop.manager.post(`/api/v1/orders/${first.id}/cancel`, { reason: "customer request", refundCents: 2000 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", fulfillability: null });
    expect(res.body.lines[0]).toMatchObject({ cancelled: 2, remaining: 0, allocated: 0 });
    expect(res.body.refunds).toMatchObject([{ amountCents: 2000, reason: "customer request" }]);
    expect(res.body.events.map((e: any) => e.type).slice(0, 2)).toEqual(["refunded", "cancelled"]);
    expect((await shop.staff.get(`/api/v1/orders/${second.id}`)).body.fulfillability).toBe("fulfillable");
    expect((await shop.manager.post(`/api/v1/orders/${first.id}/cancel`, { reason: "again" })).status).toBe(422);
  });

  it("partly refunded and shipped in part: cancel one oversold unit, ship the rest", async () => {
    const shop = await buildShop(1);
    const order = await shop.order([{ productId: shop.product.id, quantity: 2, unitPriceCents: 2500 }]);
    const lineId = order.lines[0]!.id;
    for (const [body, path] of [
      [{ quantity: 0, reason: "x" }, "quantity"],
      [{ quantity: -1, reason: "x" }, "quantity"],
      [{ quantity: 1.5, reason: "x" }, "quantity"],
      [{ quantity: 1 }, "reason"],
      [{ quantity: 1, reason: "x", other: true }, ""],
    ] as const) {
      expect(paths(await shop.manager.post(`/api/v1/orders/${order.id}/lines/${lineId}/cancel`, body))).toContain(path);
    }
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/lines/${lineId}/cancel`, { quantity: 3, reason: "x" })).status).toBe(422);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/lines/${lineId}/cancel`, { quantity: 1, reason: "x" })).status).toBe(403);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/lines/${lineId}/cancel`, { quantity: 1, reason: "x", version: 9 })).status).toBe(409);
    await expectOutsiderCannotTouch(order.id, (o) => o.post(`/api/v1/orders/${order.id}/lines/${lineId}/cancel`, { quantity: 1, reason: "x" }));

    const res = await shop.manager.post(`/api/v1/orders/${order.id}/lines/${lineId}/cancel`, { quantity: 1, reason: "oversold", refundCents: 2500 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "open", fulfillability: "fulfillable" });
    expect(res.body.lines[0]).toMatchObject({ ordered: 2, cancelled: 1, remaining: 1, allocated: 1 });
    const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(shipped.status).toBe(201);
    expect(shipped.body.order).toMatchObject({ status: "shipped", fulfillability: null });
    expect(shipped.body.order.refunds).toHaveLength(1);
  });

  it("exchanges units of a line for another product at the same price", async () => {
    const shop = await buildShop(3);
    const other = await buildProduct(shop.admin);
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: other.id, quantity: 1 });
    const order = await shop.order([{ productId: shop.product.id, quantity: 3, unitPriceCents: 1500 }]);
    const lineId = order.lines[0]!.id;
    const body = { lineId, quantity: 2, newProductId: other.id, reason: "wrong size" };
    expect(paths(await shop.manager.post(`/api/v1/orders/${order.id}/exchange`, { ...body, quantity: 0 }))).toContain("quantity");
    expect(paths(await shop.manager.post(`/api/v1/orders/${order.id}/exchange`, { ...body, newProductId: "nope" }))).toContain("newProductId");
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/exchange`, body)).status).toBe(403);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/exchange`, { ...body, version: 5 })).status).toBe(409);
    await expectOutsiderCannotTouch(order.id, (o) => o.post(`/api/v1/orders/${order.id}/exchange`, body));

    const res = await shop.manager.post(`/api/v1/orders/${order.id}/exchange`, body);
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: any) => [l.sku, l.ordered, l.cancelled, l.remaining, l.allocated, l.unitPriceCents])).toEqual([
      [shop.product.sku, 3, 2, 1, 1, 1500],
      [other.sku, 2, 0, 2, 1, 1500],
    ]);
    expect(res.body.fulfillability).toBe("partially_fulfillable");
    expect(res.body.events[0]).toMatchObject({ type: "exchanged", data: { quantity: 2, fromSku: shop.product.sku, toSku: other.sku } });
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });
});

describe("hard allocation", () => {
  it("sets stock aside from the order's own allocation or free stock, never another line's", async () => {
    const shop = await buildShop(3);
    const container = await buildContainer(shop.admin, { locationId: (await buildLocation(shop.admin, { warehouseId: shop.warehouse.id, kind: "staging" })).id });
    const first = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-01T00:00:00Z" });
    const second = await shop.order([{ productId: shop.product.id, quantity: 2 }], { orderDate: "2030-01-02T00:00:00Z" });
    const lineId = second.lines[0]!.id;
    // second holds 1 soft unit, nothing is free: 2 would take first's unit.
    const tooMuch = await shop.staff.post(`/api/v1/orders/${second.id}/allocations`, { lines: [{ lineId, quantity: 2 }] });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: "insufficient_stock", details: { lineId, requested: 2, available: 1 } });
    for (const [body, path] of [
      [{ lines: [{ lineId, quantity: 0 }] }, "lines.0.quantity"],
      [{ lines: [{ lineId, quantity: -1 }] }, "lines.0.quantity"],
      [{ lines: [{ lineId, quantity: 0.5 }] }, "lines.0.quantity"],
      [{ lines: [] }, "lines"],
      [{ lines: [{ lineId, quantity: 1 }], bin: "A" }, ""],
    ] as const) {
      expect(paths(await shop.staff.post(`/api/v1/orders/${second.id}/allocations`, body))).toContain(path);
    }
    expect((await new ApiClient().post(`/api/v1/orders/${second.id}/allocations`, { lines: [{ lineId, quantity: 1 }] })).status).toBe(401);
    await expectOutsiderCannotTouch(second.id, (o) => o.post(`/api/v1/orders/${second.id}/allocations`, { lines: [{ lineId, quantity: 1 }] }));

    const res = await shop.staff.post(`/api/v1/orders/${second.id}/allocations`, { lines: [{ lineId, quantity: 1 }], containerId: container.id });
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ allocated: 1, hardAllocated: 1, softAllocated: 0 });
    expect(res.body.allocations).toMatchObject([{ lineId, quantity: 1, containerId: container.id, locationId: container.locationId }]);
    expect(res.body.events[0].type).toBe("allocated");

    // The hard unit stays with the held order, while first keeps its two.
    await shop.manager.post(`/api/v1/orders/${second.id}/hold`, { reason: "wait for the rest" });
    const heldView = (await shop.staff.get(`/api/v1/orders/${second.id}`)).body;
    expect(heldView.lines[0]).toMatchObject({ allocated: 1, hardAllocated: 1 });
    expect((await shop.staff.get(`/api/v1/orders/${first.id}`)).body.fulfillability).toBe("fulfillable");

    const released = await shop.staff.delete(`/api/v1/orders/${second.id}/allocations/${res.body.allocations[0].id}`);
    expect(released.status).toBe(200);
    expect(released.body.lines[0]).toMatchObject({ allocated: 0, hardAllocated: 0 });
    expect(released.body.allocations).toEqual([]);
    expect((await shop.staff.delete(`/api/v1/orders/${first.id}/allocations/${res.body.allocations[0].id}`)).status).toBe(404);
    const { rows } = await testEnv.superuser.query("SELECT count(*)::int AS n FROM allocations WHERE tenant_id = $1", [shop.admin.tenantId]);
    expect(rows[0].n).toBe(0);
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("stock set aside cannot be adjusted away (409), so the promise never exceeds on hand", async () => {
    const shop = await buildShop(2);
    const order = await shop.order([{ productId: shop.product.id, quantity: 2 }]);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/allocations`, { lines: [{ lineId: order.lines[0]!.id, quantity: 2 }] })).status).toBe(201);
    const res = await shop.staff.post("/api/v1/stock/adjustments", { warehouseId: shop.warehouse.id, productId: shop.product.id, quantity: -1, reason: "damaged" });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "insufficient_stock", details: { hardAllocated: 2 } });
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });
});
