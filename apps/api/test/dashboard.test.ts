// The dashboard on a hand-built company: exact figures per section (orders in each state, overdue
// ones, a late purchase order with linked orders, failed messages to a store), the warehouse
// filter, another company's data never counted (their warehouse id: 404), sections per role, bad
// queries 400, and the shortfall snapshot job run by the real worker.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, addMember, signUpCompany } from "./client.ts";
import { buildProduct, buildStock, buildWarehouse } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { buildPurchasingShop, daysAgo, inDays, sql } from "./purchasing-builders.ts";
import { expectInvalid, expectOutsider404 } from "./guards.ts";
import { eventually, startTestWorker } from "./worker.ts";
import { testEnv } from "./env.ts";

type Shop = Awaited<ReturnType<typeof buildPurchasingShop>>;

const inDaysInstant = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A message to the store on `channelId` with failed attempts `daysAgoList` (days back), in state `status`; written as the worker would, past the API. */
async function failedMessage(tenantId: string, channelId: string | null, status: "failed" | "pending", daysAgoList: number[]) {
  const client = await testEnv.superuser.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]); // the enqueue trigger checks the job's tenant
    const { rows } = await client.query(
      `INSERT INTO outbox_events (tenant_id, stream, channel_id, type, payload, status, attempts, last_error, available_at)
       VALUES ($1, 'test:' || gen_random_uuid(), $2, 'shipment.created', '{}'::jsonb, $3::"OutboxStatus", $4, 'store said 500', now() + interval '1 day') RETURNING id::text`,
      [tenantId, channelId, status, daysAgoList.length],
    );
    for (const [i, d] of daysAgoList.entries()) {
      await client.query(
        `INSERT INTO outbox_deliveries (tenant_id, event_id, attempt, started_at, finished_at, outcome, http_status, error)
         VALUES ($1, $2, $3, now() - make_interval(days => $4::int), now() - make_interval(days => $4::int), 'failed', 500, 'store said 500')`,
        [tenantId, rows[0].id, i + 1, d],
      );
    }
    await client.query("COMMIT");
    return rows[0].id as string;
  } finally {
    client.release();
  }
}

describe("GET /api/v1/dashboard", () => {
  let shop: Shop;
  let manager: ApiClient;
  let outsider: ApiClient;
  let w2: { id: string; code: string };
  let orders: Record<string, any>;
  let latePo: any, soonPo: any;
  const soonDate = inDays(10);

  beforeAll(async () => {
    shop = await buildPurchasingShop();
    manager = await addMember(shop.admin, "manager");
    const p1 = await shop.product(10); // plenty: A, B, F ship
    const p2 = await shop.product(0); // none: D backordered (E held)
    const p3 = await shop.product(2); // 2 of C's 5
    const a = await shop.order([{ productId: p1.id, quantity: 3 }], { shipBy: daysAgo(5) });
    const b = await shop.order([{ productId: p1.id, quantity: 2 }], { shipBy: inDaysInstant(3) });
    const c = await shop.order([{ productId: p3.id, quantity: 5 }], { shipBy: daysAgo(4) });
    const d = await shop.order([{ productId: p2.id, quantity: 4 }], { shipBy: daysAgo(3) });
    const e = await shop.order([{ productId: p2.id, quantity: 1 }], { shipBy: daysAgo(2) });
    const f = await shop.order([{ productId: p1.id, quantity: 1 }], { shipBy: daysAgo(6) });
    expect((await manager.post(`/api/v1/orders/${e.id}/hold`, { reason: "customer asked" })).status).toBe(200);
    expect((await shop.admin.post(`/api/v1/orders/${f.id}/shipments`, {})).status).toBe(201);
    // A second warehouse with one fulfillable order of its own.
    const w = await buildWarehouse(shop.admin);
    w2 = w;
    await buildStock(shop.admin, { warehouseId: w.id, productId: p1.id, quantity: 1 });
    const g = await buildOrder(shop.admin, { channelId: shop.channel.id, warehouseId: w.id, lines: [{ productId: p1.id, quantity: 1 }] });
    orders = { a, b, c, d, e, f, g };
    // A purchase order for P2 (3 units, linked to D) made late, and one for P3 due in 10 days (linked to C's 3 short).
    latePo = await shop.po([{ productId: p2.id, quantity: 3 }], { expectedDate: inDays(5) });
    await sql(`UPDATE purchase_orders SET expected_date = current_date - 2 WHERE id = $1`, [latePo.id]);
    soonPo = await shop.po([{ productId: p3.id, quantity: 10 }], { expectedDate: soonDate });
    // Messages to the store: one gave up 2 days ago, one retrying after a failed attempt today, one gave up 10 days ago (outside the window).
    const tenantId = shop.admin.tenantId!;
    await failedMessage(tenantId, shop.channel.id, "failed", [3, 2]);
    await failedMessage(tenantId, shop.channel.id, "pending", [0]);
    await failedMessage(tenantId, shop.channel.id, "failed", [10]);

    // Another company with an order of every kind and a failed message: never counted above.
    outsider = await signUpCompany("Outsider Co");
    const ow = await buildWarehouse(outsider);
    const op = await buildProduct(outsider);
    await buildStock(outsider, { warehouseId: ow.id, productId: op.id, quantity: 1 });
    const oo = await buildOrder(outsider, { warehouseId: ow.id, lines: [{ productId: op.id, quantity: 3 }], shipBy: daysAgo(1) });
    await failedMessage(outsider.tenantId!, oo.channel.id, "failed", [1]);
    await buildOrder(outsider, { warehouseId: ow.id, lines: [{ productId: op.id, quantity: 1 }] });
  });

  it("counts what can ship now, per warehouse, with its units", async () => {
    const res = await manager.get("/api/v1/dashboard");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = res.body.shipNow;
    // A (3) and B (2) here, G (1) at the second warehouse; C has 2 of 5 allocated.
    expect(s).toMatchObject({ fulfillableOrders: 3, fulfillableUnits: 6, partiallyFulfillableOrders: 1, partiallyFulfillableUnits: 2 });
    const w1 = s.byWarehouse.find((w: any) => w.warehouseId === shop.warehouse.id);
    const second = s.byWarehouse.find((w: any) => w.warehouseId === w2.id);
    expect(w1).toMatchObject({ code: shop.warehouse.code, fulfillableOrders: 2, fulfillableUnits: 5, partiallyFulfillableOrders: 1, partiallyFulfillableUnits: 2 });
    expect(second).toMatchObject({ code: w2.code, fulfillableOrders: 1, fulfillableUnits: 1, partiallyFulfillableOrders: 0, partiallyFulfillableUnits: 0 });
    expect(s.byWarehouse).toHaveLength(2);
  });

  it("agrees with the orders desk's tab counts", async () => {
    const desk = await manager.get("/api/v1/orders/counts");
    const res = await manager.get("/api/v1/dashboard");
    expect(res.body.shipNow.fulfillableOrders).toBe(desk.body.fulfillable);
    expect(res.body.shipNow.partiallyFulfillableOrders).toBe(desk.body.partially_fulfillable);
    const overdueDesk = await manager.get("/api/v1/orders/counts?shipBy=overdue");
    expect(res.body.overdue.fulfillable).toBe(overdueDesk.body.fulfillable);
    expect(res.body.overdue.backordered).toBe(overdueDesk.body.backordered);
    expect(res.body.overdue.total).toBe(overdueDesk.body.open + overdueDesk.body.on_hold + overdueDesk.body.partially_shipped);
  });

  it("lists overdue orders by fulfillability, held ones apart, the oldest first; shipped ones are not overdue", async () => {
    const o = (await manager.get("/api/v1/dashboard")).body.overdue;
    expect(o).toMatchObject({ total: 4, fulfillable: 1, partiallyFulfillable: 1, backordered: 1, onHold: 1 });
    expect(o.oldest.map((x: any) => [x.number, x.daysOverdue, x.status, x.fulfillability])).toEqual([
      [orders.a.number, 5, "open", "fulfillable"],
      [orders.c.number, 4, "open", "partially_fulfillable"],
      [orders.d.number, 3, "open", "backordered"],
      [orders.e.number, 2, "on_hold", null],
    ]);
  });

  it("lists open purchase orders with their waiting orders, the late one flagged, and arrivals by week", async () => {
    const p = (await manager.get("/api/v1/dashboard")).body.purchaseOrders;
    expect(p).toMatchObject({ open: 2, late: 1, unitsRemaining: 13, lateUnits: 3, undatedUnits: 0 });
    expect(p.items.map((x: any) => [x.number, x.isLate, x.unitsRemaining, x.waitingOrders, x.waitingUnits, x.supplierName])).toEqual([
      [latePo.number, true, 3, 1, 3, shop.supplier.name],
      [soonPo.number, false, 10, 1, 3, shop.supplier.name],
    ]);
    expect(p.arrivals).toHaveLength(8);
    const week = p.arrivals.filter((a: any) => a.units > 0);
    expect(week).toHaveLength(1);
    expect(week[0]).toMatchObject({ units: 10, purchaseOrders: 1 });
    expect(week[0].weekStart <= soonDate && soonDate < new Date(Date.parse(week[0].weekStart) + 7 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
    expect(new Date(`${week[0].weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it("shows the shortfall of today live and earlier days from snapshots", async () => {
    await sql(
      `INSERT INTO shortfall_snapshots (tenant_id, warehouse_id, day, units_short, net_to_buy, skus_short, backordered_orders)
       VALUES ($1, $2, current_date - 1, 9, 4, 3, 2), ($1, $3, current_date - 1, 1, 1, 1, 0)`,
      [shop.admin.tenantId, shop.warehouse.id, w2.id],
    );
    const t = (await manager.get("/api/v1/dashboard")).body.shortfall;
    expect(t.days).toHaveLength(30);
    const today = t.days[29];
    // P2: D's 4 short (E is held), 3 on order: 1 to buy; P3: C's 3 short, 10 on order.
    expect(today).toMatchObject({ unitsShort: 7, netToBuy: 1, skusShort: 2, backorderedOrders: 1 });
    expect(t.days[28]).toMatchObject({ unitsShort: 10, netToBuy: 5, skusShort: 4, backorderedOrders: 2 });
    expect(t.days[27]).toMatchObject({ unitsShort: null, netToBuy: null });
    const filtered = (await manager.get(`/api/v1/dashboard?warehouseId=${w2.id}`)).body.shortfall;
    expect(filtered.days[28]).toMatchObject({ unitsShort: 1, netToBuy: 1, skusShort: 1, backorderedOrders: 0 });
    expect(filtered.days[29]).toMatchObject({ unitsShort: 0, netToBuy: 0, skusShort: 0, backorderedOrders: 0 });
  });

  it("counts failed messages to stores of the last 7 days per channel", async () => {
    const d = (await manager.get("/api/v1/dashboard")).body.storeDeliveries;
    expect(d).toMatchObject({ sinceDays: 7, gaveUp: 1, retrying: 1, failedAttempts: 3, gaveUpAllTime: 2 });
    expect(d.byChannel).toHaveLength(1);
    expect(d.byChannel[0]).toMatchObject({ channelId: shop.channel.id, name: shop.channel.name, gaveUp: 1, retrying: 1, failedAttempts: 3 });
  });

  it("filters by warehouse", async () => {
    const res = await manager.get(`/api/v1/dashboard?warehouseId=${w2.id}`);
    expect(res.status).toBe(200);
    expect(res.body.warehouseId).toBe(w2.id);
    expect(res.body.shipNow).toMatchObject({ fulfillableOrders: 1, fulfillableUnits: 1, partiallyFulfillableOrders: 0 });
    expect(res.body.shipNow.byWarehouse.map((w: any) => w.warehouseId)).toEqual([w2.id]);
    expect(res.body.overdue).toMatchObject({ total: 0, oldest: [] });
    expect(res.body.purchaseOrders).toMatchObject({ open: 0, items: [] });
  });

  it("shows another company only its own figures, and their warehouse id is 404 with nothing changed", async () => {
    const theirs = await outsider.get("/api/v1/dashboard");
    expect(theirs.status).toBe(200);
    // Its 1 unit goes to the order with a ship-by date (1 of 3): partially fulfillable; the other waits.
    expect(theirs.body.shipNow).toMatchObject({ fulfillableOrders: 0, fulfillableUnits: 0, partiallyFulfillableOrders: 1, partiallyFulfillableUnits: 1 });
    expect(theirs.body.overdue.total).toBe(1);
    expect(theirs.body.purchaseOrders.open).toBe(0);
    expect(theirs.body.storeDeliveries).toMatchObject({ gaveUp: 1, gaveUpAllTime: 1, failedAttempts: 1 });
    expect(theirs.body.shortfall.days[28].unitsShort).toBeNull();
    await expectOutsider404(
      outsider,
      (c) => c.get(`/api/v1/dashboard?warehouseId=${shop.warehouse.id}`),
      () => sql(`SELECT * FROM shortfall_snapshots WHERE warehouse_id = $1 ORDER BY day`, [shop.warehouse.id]),
    );
  });

  it("shows each role the sections it may open", async () => {
    const staff = (await shop.staff.get("/api/v1/dashboard")).body;
    expect(staff.shipNow.fulfillableOrders).toBe(3);
    expect(staff.overdue.total).toBe(4);
    expect(staff.purchaseOrders.open).toBe(2);
    expect(staff.shortfall).toBeNull();
    expect(staff.storeDeliveries).toBeNull();
    const purchaser = (await shop.purchaser.get("/api/v1/dashboard")).body;
    expect(purchaser.shortfall.days).toHaveLength(30);
    expect(purchaser.storeDeliveries).toBeNull();
    const admin = (await shop.admin.get("/api/v1/dashboard")).body;
    expect(admin.storeDeliveries.gaveUp).toBe(1);
    const anonymous = await new ApiClient().get("/api/v1/dashboard");
    expect(anonymous.status).toBe(401);
  });

  it("refuses a bad query with 400 naming the field", async () => {
    expectInvalid(await manager.get("/api/v1/dashboard?warehouseId=nope"), "warehouseId");
    const unknown = await manager.get("/api/v1/dashboard?days=3");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe("invalid_input");
    const twice = await manager.get(`/api/v1/dashboard?warehouseId=${w2.id}&warehouseId=${w2.id}`);
    expect(twice.status).toBe(400);
  });
});

describe("shortfall snapshot job", () => {
  it("the hourly task writes today's figures per warehouse of every company, and a second run overwrites them", async () => {
    const shop = await buildPurchasingShop();
    const short = await shop.product(1);
    await shop.order([{ productId: short.id, quantity: 4 }]); // 1 allocated, 3 short, nothing on order
    await shop.order([{ productId: (await shop.product(0)).id, quantity: 2 }]); // backordered
    const other = await signUpCompany("Other Co");
    const otherWarehouse = await buildWarehouse(other);
    const tenantId = shop.admin.tenantId!;
    await startTestWorker();
    const rowsOf = (t: string) =>
      sql(`SELECT warehouse_id::text, day::text, units_short::int, net_to_buy::int, skus_short, backordered_orders FROM shortfall_snapshots WHERE tenant_id = $1 ORDER BY warehouse_id`, [t]);
    await sql(`SELECT graphile_worker.add_job('shortfall_snapshots', '{}'::json)`);
    const rows = await eventually(async () => {
      const r = await rowsOf(tenantId);
      return r.length > 0 && (await rowsOf(other.tenantId!)).length > 0 && r;
    }, 20_000, "snapshot rows");
    const [today] = await sql<{ d: string }>(`SELECT (now() AT TIME ZONE 'UTC')::date::text AS d`);
    expect(rows).toEqual([{ warehouse_id: shop.warehouse.id, day: today!.d, units_short: 5, net_to_buy: 5, skus_short: 2, backordered_orders: 1 }]);
    expect(await rowsOf(other.tenantId!)).toEqual([{ warehouse_id: otherWarehouse.id, day: today!.d, units_short: 0, net_to_buy: 0, skus_short: 0, backordered_orders: 0 }]);

    // More stock arrives: the next run overwrites today's row (one row per warehouse and day).
    await buildStock(shop.admin, { warehouseId: shop.warehouse.id, productId: short.id, quantity: 3 });
    await sql(`SELECT graphile_worker.add_job('shortfall_snapshot', json_build_object('tenantId', $1::text))`, [tenantId]);
    await eventually(async () => (await rowsOf(tenantId))[0]?.units_short === 2, 20_000, "snapshot overwritten");
    expect(await rowsOf(tenantId)).toEqual([{ warehouse_id: shop.warehouse.id, day: today!.d, units_short: 2, net_to_buy: 2, skus_short: 1, backordered_orders: 1 }]);
    // The dashboard's today is the same computation.
    const live = (await shop.purchaser.get("/api/v1/dashboard")).body.shortfall.days[29];
    expect(live).toMatchObject({ unitsShort: 2, netToBuy: 2, skusShort: 1, backorderedOrders: 1 });
  });
});
