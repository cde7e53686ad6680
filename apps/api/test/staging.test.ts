// Ship-complete orders (issue 6): pick into a container (hard allocation through a ledger
// transfer), the staging board and slip, PO tags, completing and shipping whole, unstaging,
// the fulfillment mode, bad input that changes nothing, and another tenant's ids.
import { describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildContainer, buildLocation, buildProduct, buildStock, buildSupplier, buildWarehouse } from "./builders.ts";
import { buildOrder, buildShop, orderRow } from "./order-builders.ts";
import { inDays } from "./purchasing-builders.ts";
import { testEnv } from "./env.ts";

const sql = async (text: string, params: unknown[] = []) => (await testEnv.superuser.query(text, params)).rows;

/** A ship-complete shop: product `a` with `stockA` on hand, product `b` with none, a staging location with a tote, a pick location. */
async function buildStagingShop(stockA = 1) {
  const shop = await buildShop(stockA, { defaultFulfillmentMode: "ship_complete" });
  const b = await buildProduct(shop.admin, { barcode: `B-${Date.now()}${Math.random().toString(16).slice(2, 6)}` });
  const staging = await buildLocation(shop.admin, { warehouseId: shop.warehouse.id, kind: "staging" });
  const pick = await buildLocation(shop.admin, { warehouseId: shop.warehouse.id, kind: "pick" });
  const tote = await buildContainer(shop.admin, { locationId: staging.id });
  return { ...shop, a: shop.product, b, staging, pick, tote };
}

type StagingShop = Awaited<ReturnType<typeof buildStagingShop>>;

/** Everything staging may change, for "nothing changed" checks. */
async function snapshot(shop: StagingShop, orderIds: string[]) {
  const tenant = shop.admin.tenantId;
  return {
    orders: await Promise.all(orderIds.map(orderRow)),
    allocations: await sql("SELECT line_id::text, quantity, container_id::text FROM allocations WHERE tenant_id = $1 ORDER BY line_id", [tenant]),
    movements: (await sql("SELECT count(*)::int AS n FROM stock_movements WHERE tenant_id = $1", [tenant]))[0],
    levels: await sql("SELECT product_id::text, on_hand, allocated FROM stock_levels WHERE tenant_id = $1 ORDER BY product_id", [tenant]),
  };
}

const check = async (client: ApiClient) => (await client.get("/api/v1/admin/allocations/check")).body.ok;

describe("picking into a container", () => {
  it("a ship-complete order with one of two items in stock: stage, board, tag, receive, complete, ship whole", async () => {
    const shop = await buildStagingShop(1);
    const supplier = await buildSupplier(shop.admin);
    const order = await shop.order([
      { productId: shop.a.id, quantity: 1 },
      { productId: shop.b.id, quantity: 1 },
    ]);
    expect(order.fulfillmentMode).toBe("ship_complete");
    const po = await shop.admin.post("/api/v1/purchase-orders", { supplierId: supplier.id, warehouseId: shop.warehouse.id, expectedDate: inDays(5), lines: [{ productId: shop.b.id, quantity: 3, unitCostCents: 100 }], linkWaitingOrders: false });
    expect(po.status).toBe(201);
    // A later order for A would take the unit if it were not staged.
    const rival = await shop.order([{ productId: shop.a.id, quantity: 1 }], { priority: 50 });
    expect(rival.fulfillability).toBe("fulfillable");
    const [lineA, lineB] = order.lines;

    // The rival ranks first, so the unit is not this order's to pick.
    const refused = await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: lineA!.id, quantity: 1 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("insufficient_stock");
    await shop.manager.post(`/api/v1/orders/${rival.id}/priority`, { priority: -5, reason: "the complete order goes first" });

    const staged = await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerCode: shop.tote.code, fromLocationId: shop.pick.id, lines: [{ lineId: lineA!.id, quantity: 1 }] });
    expect(staged.status, JSON.stringify(staged.body)).toBe(201);
    expect(staged.body).toMatchObject({
      container: { id: shop.tote.id, code: shop.tote.code },
      location: { id: shop.staging.id, code: shop.staging.code },
      readyToComplete: false,
      lines: [
        { lineId: lineA!.id, picked: 1, awaiting: 0, missing: 0, purchaseOrders: [] },
        { lineId: lineB!.id, picked: 0, awaiting: 1, allocatableNow: 0, missing: 1, purchaseOrders: [{ id: po.body.id, number: po.body.number, expectedDate: inDays(5), quantity: 1 }] },
      ],
    });
    // Tagged by the PO that covers the missing item.
    expect(staged.body.order.tags).toContain(`PO#${po.body.number}`);

    // On hand unchanged; the ledger holds a transfer pair from the pick location into the tote; the rival lost the unit at once.
    const [level] = await sql("SELECT on_hand, allocated FROM stock_levels WHERE product_id = $1", [shop.a.id]);
    expect(level).toEqual({ on_hand: 1, allocated: 1 });
    const moves = await sql("SELECT kind::text, quantity, from_location_id::text, to_location_id::text, container_id::text FROM stock_movements WHERE product_id = $1 AND kind = 'transfer' ORDER BY quantity", [shop.a.id]);
    expect(moves).toEqual([
      { kind: "transfer", quantity: -1, from_location_id: shop.pick.id, to_location_id: shop.staging.id, container_id: shop.tote.id },
      { kind: "transfer", quantity: 1, from_location_id: shop.pick.id, to_location_id: shop.staging.id, container_id: shop.tote.id },
    ]);
    expect((await shop.staff.get(`/api/v1/orders/${rival.id}`)).body.fulfillability).toBe("backordered");
    // A staged unit is never another order's: the rival cannot take it back, even ranked first again.
    await shop.manager.post(`/api/v1/orders/${rival.id}/priority`, { priority: 90, reason: "rush" });
    expect((await shop.staff.get(`/api/v1/orders/${rival.id}`)).body.fulfillability).toBe("backordered");
    expect(await check(shop.admin)).toBe(true);

    // Part of a ship-complete order cannot ship.
    const partial = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: lineA!.id, quantity: 1 }] });
    expect(partial.status).toBe(422);
    expect(partial.body.error.message).toMatch(/ships complete/);

    // The board: an older order staged and ready comes first once the PO arrives.
    let board = await shop.staff.get(`/api/v1/staging/board?warehouseId=${shop.warehouse.id}`);
    expect(board.body.items.map((i: { order: { id: string } }) => i.order.id)).toEqual([order.id]);
    expect(board.body.items[0].readyToComplete).toBe(false);
    const slip = await shop.staff.get(`/api/v1/orders/${order.id}/staging`);
    expect(slip.body.staged).toMatchObject({ container: { code: shop.tote.code }, lines: [{ picked: 1 }, { missing: 1, purchaseOrders: [{ number: po.body.number }] }] });

    const received = await shop.staff.post(`/api/v1/purchase-orders/${po.body.id}/receipts`, { lines: [{ productId: shop.b.id, quantity: 3 }] });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    board = await shop.staff.get("/api/v1/staging/board");
    expect(board.body.items[0]).toMatchObject({ order: { id: order.id, fulfillability: "fulfillable" }, readyToComplete: true, lines: [{ missing: 0 }, { awaiting: 1, allocatableNow: 1, missing: 0 }] });

    // Pick the rest into the same container (another container is refused), then ship whole.
    const other = await buildContainer(shop.admin, { locationId: shop.staging.id });
    const wrongTote = await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerId: other.id, lines: [{ lineId: lineB!.id, quantity: 1 }] });
    expect(wrongTote.status).toBe(409);
    expect(wrongTote.body.error.message).toMatch(/one container per order/);
    const rest = await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: lineB!.id, quantity: 1 }] });
    expect(rest.status).toBe(201);
    expect(rest.body.lines.map((l: { picked: number }) => l.picked)).toEqual([1, 1]);
    const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    expect(shipped.body.order).toMatchObject({ status: "shipped", allocations: [] });
    expect((await shop.staff.get("/api/v1/staging/board")).body.items).toEqual([]);
    expect((await sql("SELECT count(*)::int AS n FROM allocations WHERE container_id = $1", [shop.tote.id]))[0].n).toBe(0);
    expect(await sql("SELECT on_hand FROM stock_levels WHERE product_id = ANY($1) ORDER BY on_hand", [[shop.a.id, shop.b.id]])).toEqual([{ on_hand: 0 }, { on_hand: 2 }]);
    expect(await check(shop.admin)).toBe(true);

    // The freed container takes another order.
    const next = await shop.order([{ productId: shop.b.id, quantity: 1 }]);
    expect((await shop.staff.post(`/api/v1/orders/${next.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: next.lines[0]!.id, quantity: 1 }] })).status).toBe(201);
  });

  it("a retry with the same Idempotency-Key returns the first result and picks nothing again", async () => {
    const shop = await buildStagingShop(3);
    const order = await shop.order([{ productId: shop.a.id, quantity: 3 }]);
    const body = { containerId: shop.tote.id, lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] };
    const first = await shop.staff.post(`/api/v1/orders/${order.id}/staging`, body, { "idempotency-key": "pick-1" });
    const again = await shop.staff.post(`/api/v1/orders/${order.id}/staging`, body, { "idempotency-key": "pick-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await sql("SELECT sum(quantity)::int AS n FROM allocations WHERE container_id = $1", [shop.tote.id]))[0].n).toBe(1);
    expect((await sql("SELECT count(*)::int AS n FROM stock_movements WHERE container_id = $1", [shop.tote.id]))[0].n).toBe(2);
  });
});

describe("bad input changes nothing", () => {
  it("wrong line, too many, unknown container, container of another order or warehouse, wrong pick location", async () => {
    const shop = await buildStagingShop(5);
    const order = await shop.order([{ productId: shop.a.id, quantity: 2 }]);
    const holder = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    const busy = await buildContainer(shop.admin, { locationId: shop.staging.id });
    expect((await shop.staff.post(`/api/v1/orders/${holder.id}/staging`, { containerId: busy.id, lines: [{ lineId: holder.lines[0]!.id, quantity: 1 }] })).status).toBe(201);
    const elsewhere = await buildWarehouse(shop.admin);
    const farStaging = await buildLocation(shop.admin, { warehouseId: elsewhere.id, kind: "staging" });
    const farTote = await buildContainer(shop.admin, { locationId: farStaging.id });
    const farPick = await buildLocation(shop.admin, { warehouseId: elsewhere.id, kind: "pick" });
    const lineId = order.lines[0]!.id;
    const before = await snapshot(shop, [order.id, holder.id]);

    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ containerId: shop.tote.id, lines: [{ lineId: holder.lines[0]!.id, quantity: 1 }] }, 404, "not_found", "lines.0.lineId"],
      [{ containerId: shop.tote.id, lines: [{ lineId, quantity: 3 }] }, 422, "rule_violation"],
      [{ containerId: "00000000-0000-4000-8000-000000000000", lines: [{ lineId, quantity: 1 }] }, 404, "not_found", "containerId"],
      [{ containerCode: "NO-SUCH-TOTE", lines: [{ lineId, quantity: 1 }] }, 404, "not_found", "containerCode"],
      [{ containerId: busy.id, lines: [{ lineId, quantity: 1 }] }, 409, "conflict"],
      [{ containerId: farTote.id, lines: [{ lineId, quantity: 1 }] }, 422, "rule_violation"],
      [{ containerId: shop.tote.id, fromLocationId: farPick.id, lines: [{ lineId, quantity: 1 }] }, 422, "rule_violation", "fromLocationId"],
      [{ containerId: shop.tote.id, fromLocationId: shop.staging.id, lines: [{ lineId, quantity: 1 }] }, 422, "rule_violation", "fromLocationId"],
      [{ lines: [{ lineId, quantity: 1 }] }, 400, "invalid_input", "containerId"],
      [{ containerId: shop.tote.id, containerCode: shop.tote.code, lines: [{ lineId, quantity: 1 }] }, 400, "invalid_input", "containerId"],
      [{ containerId: shop.tote.id, lines: [{ lineId, quantity: 0 }] }, 400, "invalid_input", "lines.0.quantity"],
      [{ containerId: shop.tote.id, lines: [{ lineId, quantity: 1 }], bin: "A" }, 400, "invalid_input"],
    ];
    for (const [body, status, code, path] of cases) {
      const res = await shop.staff.post(`/api/v1/orders/${order.id}/staging`, body);
      expect(res.status, JSON.stringify({ body, res: res.body })).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (path) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerId: busy.id, lines: [{ lineId, quantity: 1 }] })).body.error.message).toMatch(new RegExp(`holds order ${holder.number}`));
    // Unstage: nothing staged, a staging location as target, another warehouse's pick location.
    for (const [body, status] of [
      [{ toLocationId: shop.pick.id }, 422],
      [{ toLocationId: shop.staging.id }, 422],
      [{ toLocationId: farPick.id }, 422],
      [{ toLocationId: "00000000-0000-4000-8000-000000000000" }, 404],
      [{}, 400],
    ] as const) {
      expect((await shop.staff.post(`/api/v1/orders/${order.id}/staging/unstage`, body)).status).toBe(status);
    }
    expect(await snapshot(shop, [order.id, holder.id])).toEqual(before);
  });

  it("an order on hold cannot be picked", async () => {
    const shop = await buildStagingShop(2);
    const held = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    await shop.manager.post(`/api/v1/orders/${held.id}/hold`, { reason: "address check" });
    const res = await shop.staff.post(`/api/v1/orders/${held.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: held.lines[0]!.id, quantity: 1 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/on hold/);
  });
});

describe("unstaging and cancelling", () => {
  it("unstage returns the units to a pick location through the ledger and frees the container and the stock", async () => {
    const shop = await buildStagingShop(1);
    const order = await shop.order([{ productId: shop.a.id, quantity: 1 }, { productId: shop.b.id, quantity: 1 }]);
    const waiting = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] })).status).toBe(201);
    // The order should ship in parts after all: a manager changes the mode, staff unstage.
    const mode = await shop.manager.post(`/api/v1/orders/${order.id}/fulfillment-mode`, { mode: "ship_partial", reason: "customer asked for what is in stock" });
    expect(mode.status).toBe(200);
    expect(mode.body.fulfillmentMode).toBe("ship_partial");
    expect(mode.body.events[0]).toMatchObject({ type: "mode_changed", message: expect.stringMatching(/ship complete → ship in parts\. Reason: customer asked/) });

    const res = await shop.staff.post(`/api/v1/orders/${order.id}/staging/unstage`, { toLocationId: shop.pick.id, reason: "mode changed" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.allocations).toEqual([]);
    expect(res.body.lines[0]).toMatchObject({ hardAllocated: 0 });
    expect(res.body.events[0].type).toBe("unstaged");
    const back = await sql("SELECT quantity, from_location_id::text, to_location_id::text, container_id::text FROM stock_movements WHERE product_id = $1 AND cause_type = 'unstage' ORDER BY quantity", [shop.a.id]);
    expect(back).toEqual([
      { quantity: -1, from_location_id: shop.staging.id, to_location_id: shop.pick.id, container_id: shop.tote.id },
      { quantity: 1, from_location_id: shop.staging.id, to_location_id: shop.pick.id, container_id: shop.tote.id },
    ]);
    expect((await shop.staff.get(`/api/v1/orders/${order.id}/staging`)).body).toEqual({ staged: null });
    // The unit goes back to the ranking: the older order gets it again, the waiting one does not.
    expect((await shop.staff.get(`/api/v1/orders/${waiting.id}`)).body.fulfillability).toBe("backordered");
    expect((await sql("SELECT on_hand FROM stock_levels WHERE product_id = $1", [shop.a.id]))[0].on_hand).toBe(1);
    expect(await check(shop.admin)).toBe(true);
  });

  it("cancelling a staged order releases its container, putting the units back through the ledger", async () => {
    const shop = await buildStagingShop(1);
    const order = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    const waiting = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: order.lines[0]!.id, quantity: 1 }] })).status).toBe(201);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/cancel`, { reason: "customer cancelled" })).status).toBe(200);
    expect((await sql("SELECT count(*)::int AS n FROM allocations WHERE container_id = $1", [shop.tote.id]))[0].n).toBe(0);
    expect((await sql("SELECT sum(quantity)::int AS n, count(*)::int AS c FROM stock_movements WHERE container_id = $1 AND cause_type = 'unstage'", [shop.tote.id]))[0]).toEqual({ n: 0, c: 2 });
    expect((await shop.staff.get(`/api/v1/orders/${waiting.id}`)).body.fulfillability).toBe("fulfillable");
    expect(await check(shop.admin)).toBe(true);
  });
});

describe("fulfillment mode", () => {
  it("defaults from the channel, then the company; a manager changes it with a reason; the list filters by it", async () => {
    const admin = await signUpCompany();
    expect((await admin.patch("/api/v1/settings", { defaultFulfillmentMode: "ship_complete" })).body.defaultFulfillmentMode).toBe("ship_complete");
    const warehouse = await buildWarehouse(admin);
    const product = await buildProduct(admin);
    await buildStock(admin, { warehouseId: warehouse.id, productId: product.id, quantity: 1 });
    const deferring = (await admin.post("/api/v1/channels", { name: "Deferring", kind: "manual", defaultWarehouseId: warehouse.id })).body;
    expect(deferring.defaultFulfillmentMode).toBeNull();
    const partialChannel = (await admin.post("/api/v1/channels", { name: "Parts", kind: "manual", defaultWarehouseId: warehouse.id, defaultFulfillmentMode: "ship_partial" })).body;
    const fromCompany = await buildOrder(admin, { channelId: deferring.id, lines: [{ productId: product.id, quantity: 1 }] });
    const fromChannel = await buildOrder(admin, { channelId: partialChannel.id, lines: [{ productId: product.id, quantity: 1 }] });
    const explicit = await buildOrder(admin, { channelId: partialChannel.id, fulfillmentMode: "ship_complete", lines: [{ productId: product.id, quantity: 1 }] });
    expect([fromCompany.fulfillmentMode, fromChannel.fulfillmentMode, explicit.fulfillmentMode]).toEqual(["ship_complete", "ship_partial", "ship_complete"]);

    const list = await admin.get("/api/v1/orders?mode=ship_complete");
    expect(list.body.items.map((o: { id: string }) => o.id).sort()).toEqual([fromCompany.id, explicit.id].sort());
    expect(list.body.items.every((o: { fulfillmentMode: string }) => o.fulfillmentMode === "ship_complete")).toBe(true);
    expect((await admin.get("/api/v1/orders/counts?mode=ship_partial")).body.open).toBe(1);
    expect((await admin.get("/api/v1/orders?mode=sometimes")).status).toBe(400);

    const before = await orderRow(fromChannel.id);
    expect((await admin.post(`/api/v1/orders/${fromChannel.id}/fulfillment-mode`, { mode: "ship_complete" })).status).toBe(400);
    expect((await admin.post(`/api/v1/orders/${fromChannel.id}/fulfillment-mode`, { mode: "ship_partial", reason: "same" })).status).toBe(422);
    expect((await admin.post(`/api/v1/orders/${fromChannel.id}/fulfillment-mode`, { mode: "ship_complete", reason: "x", version: fromChannel.version + 5 })).status).toBe(409);
    expect(await orderRow(fromChannel.id)).toEqual(before);
  });
});

describe("staging endpoints guard themselves", () => {
  it("another tenant's user gets 404 for every endpoint and ids, and nothing changes; roles are enforced", async () => {
    const shop = await buildStagingShop(2);
    const order = await shop.order([{ productId: shop.a.id, quantity: 2 }]);
    const lineId = order.lines[0]!.id;
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId, quantity: 1 }] })).status).toBe(201);
    const outsider = await signUpCompany("Outsider Ltd");
    const purchaser = await (await import("./client.ts")).addMember(shop.admin, "purchaser");
    const before = await snapshot(shop, [order.id]);

    const calls: [string, (c: ApiClient) => Promise<{ status: number; body: any }>][] = [
      ["GET staging", (c) => c.get(`/api/v1/orders/${order.id}/staging`)],
      ["POST staging", (c) => c.post(`/api/v1/orders/${order.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId, quantity: 1 }] })],
      ["POST unstage", (c) => c.post(`/api/v1/orders/${order.id}/staging/unstage`, { toLocationId: shop.pick.id })],
      ["POST mode", (c) => c.post(`/api/v1/orders/${order.id}/fulfillment-mode`, { mode: "ship_partial", reason: "x" })],
    ];
    for (const [name, call] of calls) {
      expect((await call(new ApiClient())).status, name).toBe(401);
      const res = await call(outsider);
      expect(res.status, name).toBe(404);
      expect(res.body.error.code, name).toBe("not_found");
    }
    // The owner's container and locations from the outsider's own order: 404 too.
    const own = await buildStagingShop(1);
    const theirs = await buildOrder(own.admin, { channelId: own.channel.id, lines: [{ productId: own.a.id, quantity: 1 }] });
    expect((await own.admin.post(`/api/v1/orders/${theirs.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: theirs.lines[0]!.id, quantity: 1 }] })).status).toBe(404);
    expect((await own.admin.post(`/api/v1/orders/${theirs.id}/staging`, { containerCode: shop.tote.code, lines: [{ lineId: theirs.lines[0]!.id, quantity: 1 }] })).status).toBe(404);
    expect((await own.admin.post(`/api/v1/orders/${theirs.id}/staging`, { containerId: own.tote.id, fromLocationId: shop.pick.id, lines: [{ lineId: theirs.lines[0]!.id, quantity: 1 }] })).status).toBe(404);
    expect((await own.admin.post(`/api/v1/orders/${theirs.id}/staging/unstage`, { toLocationId: shop.pick.id })).status).toBe(404);
    // The board shows only the tenant's own staged orders.
    expect((await outsider.get("/api/v1/staging/board")).body.items).toEqual([]);
    expect((await own.admin.get("/api/v1/staging/board")).body.items).toEqual([]);

    // Roles: purchasers do not pick; staff do not change modes.
    expect((await purchaser.post(`/api/v1/orders/${order.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId, quantity: 1 }] })).status).toBe(403);
    expect((await purchaser.post(`/api/v1/orders/${order.id}/staging/unstage`, { toLocationId: shop.pick.id })).status).toBe(403);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/fulfillment-mode`, { mode: "ship_partial", reason: "x" })).status).toBe(403);
    expect(await snapshot(shop, [order.id])).toEqual(before);
  });
});

describe("concurrent pickers on a real PostgreSQL server", () => {
  it("two pickers staging the last unit for two orders: one wins, the other gets 409, nothing is double-allocated", async () => {
    for (let round = 0; round < 5; round++) {
      const shop = await buildStagingShop(1);
      const first = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
      const second = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
      const tote2 = await buildContainer(shop.admin, { locationId: shop.staging.id });
      const [r1, r2] = await Promise.all([
        shop.staff.post(`/api/v1/orders/${first.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: first.lines[0]!.id, quantity: 1 }] }),
        shop.manager.post(`/api/v1/orders/${second.id}/staging`, { containerId: tote2.id, lines: [{ lineId: second.lines[0]!.id, quantity: 1 }] }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([201, 409]);
      expect([r1, r2].find((r) => r.status === 409)!.body.error.code).toBe("insufficient_stock");
      const [hard] = await sql("SELECT coalesce(sum(quantity), 0)::int AS n FROM allocations WHERE tenant_id = $1", [shop.admin.tenantId]);
      expect(hard.n).toBe(1);
      expect(await sql("SELECT on_hand, allocated FROM stock_levels WHERE product_id = $1", [shop.a.id])).toEqual([{ on_hand: 1, allocated: 1 }]);
      expect(await check(shop.admin)).toBe(true);
    }
  });

  it("two pickers putting two orders into one container at once: one wins, the other gets 409", async () => {
    for (let round = 0; round < 5; round++) {
      const shop = await buildStagingShop(2);
      const first = await shop.order([{ productId: shop.a.id, quantity: 1 }]);
      const second = await shop.order([{ productId: shop.b.id, quantity: 1 }]);
      await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: shop.b.id, quantity: 1 });
      const results = await Promise.all([
        shop.staff.post(`/api/v1/orders/${first.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: first.lines[0]!.id, quantity: 1 }] }),
        shop.manager.post(`/api/v1/orders/${second.id}/staging`, { containerId: shop.tote.id, lines: [{ lineId: second.lines[0]!.id, quantity: 1 }] }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)!.body.error.code).toBe("conflict");
      const holders = await sql("SELECT DISTINCT l.order_id::text FROM allocations a JOIN sales_order_lines l ON l.id = a.line_id WHERE a.container_id = $1", [shop.tote.id]);
      expect(holders).toHaveLength(1);
      expect(await check(shop.admin)).toBe(true);
    }
  });
});
