import { describe, expect, it } from "vitest";
import { generateTenant } from "../src/demo/generate.ts";
import { planTenant } from "../src/demo/plan.ts";
import { DEMO_LOGINS, DEMO_TENANT_NAME, seedDemoIfEmpty } from "../src/demo/seed-demo.ts";
import { ApiClient } from "./client.ts";
import { testEnv } from "./env.ts";

describe("demo data", () => {
  it("seeds the demo company on first run only, and its logins sign in through the API", async () => {
    expect(await seedDemoIfEmpty()).toBe(true);
    expect(await seedDemoIfEmpty()).toBe(false);
    for (const user of DEMO_LOGINS.users) {
      const client = new ApiClient();
      const login = await client.post("/api/v1/auth/login", { email: user.email, password: DEMO_LOGINS.password });
      expect(login.status, user.email).toBe(200);
      const me = await client.refresh();
      expect(me.tenant.name).toBe(DEMO_TENANT_NAME);
      expect(me.role).toBe(user.role);
    }
    const wrong = await new ApiClient().post("/api/v1/auth/login", { email: DEMO_LOGINS.users[0]!.email, password: "not the password" });
    expect(wrong.status).toBe(401);

    // a few ship-complete orders wait staged in containers, and the stored promise is still true
    const manager = new ApiClient();
    await manager.post("/api/v1/auth/login", { email: DEMO_LOGINS.users.find((u) => u.role === "manager")!.email, password: DEMO_LOGINS.password });
    await manager.refresh();
    const board = await manager.get("/api/v1/staging/board");
    expect(board.status).toBe(200);
    expect(board.body.items.length).toBeGreaterThanOrEqual(1);
    for (const item of board.body.items) expect(item.container.code).toMatch(/^TOTE-/);
    const admin = new ApiClient();
    await admin.post("/api/v1/auth/login", { email: DEMO_LOGINS.users.find((u) => u.role === "admin")!.email, password: DEMO_LOGINS.password });
    await admin.refresh();
    const check = await admin.get("/api/v1/admin/allocations/check");
    expect(check.body.ok, JSON.stringify(check.body).slice(0, 2000)).toBe(true);

    // the dashboard's shortfall trend has 30 days to draw, ending at today's figures
    const dashboard = await admin.get("/api/v1/dashboard");
    expect(dashboard.status).toBe(200);
    const days = dashboard.body.shortfall.days;
    expect(days.every((d: { unitsShort: number | null }) => d.unitsShort !== null)).toBe(true);
    const { rows } = await testEnv.superuser.query(`SELECT sum(units_short)::int AS units FROM shortfall_snapshots WHERE day = (now() AT TIME ZONE 'UTC')::date`);
    expect(days[29].unitsShort).toBe(rows[0].units);
    expect(days[29].unitsShort).toBeGreaterThan(0);

    // every product has a bin (a pick location) in every warehouse, so pick lists group by bin
    const bins = await testEnv.superuser.query(
      `SELECT (SELECT count(*)::int FROM products p WHERE p.tenant_id = t.id) * (SELECT count(*)::int FROM warehouses w WHERE w.tenant_id = t.id) AS wanted,
         (SELECT count(*)::int FROM product_locations pl JOIN locations l ON l.tenant_id = pl.tenant_id AND l.id = pl.location_id AND l.warehouse_id = pl.warehouse_id AND l.kind = 'pick' WHERE pl.tenant_id = t.id) AS binned
       FROM tenants t WHERE t.name = $1`,
      [DEMO_TENANT_NAME],
    );
    expect(bins.rows[0].binned).toBe(bins.rows[0].wanted);
    expect(bins.rows[0].wanted).toBeGreaterThan(0);
  });

  it("generates a small tenant whose stored fulfillability is what the engine computes, in all three states", async () => {
    const generated = await generateTenant({ tenantName: "Small Demo", emailDomain: "small.backorder.test", orders: 300, products: 80, seed: 7 });
    expect(generated.check?.ok).toBe(true);
    expect(generated.fulfillability.fulfillable).toBeGreaterThan(0);
    expect(generated.fulfillability.partially_fulfillable).toBeGreaterThan(0);
    expect(generated.fulfillability.backordered).toBeGreaterThan(0);

    const db = testEnv.superuser;
    const tenantId = generated.tenantId;
    // stored fulfillability per open order, as the database holds it
    const { rows: states } = await db.query(
      `SELECT fulfillability::text AS f, count(*)::int AS n FROM sales_orders WHERE tenant_id = $1 AND status IN ('open', 'partially_shipped') GROUP BY 1`,
      [tenantId],
    );
    expect(states.map((r) => r.f).sort()).toEqual(["backordered", "fulfillable", "partially_fulfillable"]);
    // the ledger sums equal the cached levels, every key
    const { rows: mismatches } = await db.query(
      `SELECT s.warehouse_id FROM stock_levels s
       LEFT JOIN (SELECT warehouse_id, product_id, sum(quantity)::int AS total FROM stock_movements WHERE tenant_id = $1 GROUP BY 1, 2) m
         ON m.warehouse_id = s.warehouse_id AND m.product_id = s.product_id
       WHERE s.tenant_id = $1 AND s.on_hand <> coalesce(m.total, 0)`,
      [tenantId],
    );
    expect(mismatches).toEqual([]);
    const { rows: kinds } = await db.query(`SELECT DISTINCT kind::text FROM stock_movements WHERE tenant_id = $1 ORDER BY 1`, [tenantId]);
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(["receipt", "shipment"]));
    // shipped quantities on lines equal their shipment lines
    const { rows: shipped } = await db.query(
      `SELECT l.id FROM sales_order_lines l LEFT JOIN (SELECT line_id, sum(quantity)::int AS q FROM shipment_lines WHERE tenant_id = $1 GROUP BY 1) s ON s.line_id = l.id
       WHERE l.tenant_id = $1 AND l.quantity_shipped <> coalesce(s.q, 0)`,
      [tenantId],
    );
    expect(shipped).toEqual([]);
    // no key promises more than it holds
    const { rows: over } = await db.query(`SELECT 1 FROM stock_levels WHERE tenant_id = $1 AND allocated > on_hand`, [tenantId]);
    expect(over).toEqual([]);
  });

  it("plans the same data from the same seed", () => {
    const options = { tenantName: "X", seed: 11, now: Date.UTC(2026, 0, 15), orders: 200, products: 50, warehouses: 2, suppliers: 4, days: 30, openOnly: false, hotProducts: [], events: true };
    const a = planTenant(options);
    const b = planTenant(options);
    expect(b.orders.columns).toEqual(a.orders.columns);
    expect(b.lines.columns).toEqual(a.lines.columns);
    expect(b.movements.columns).toEqual(a.movements.columns);
    expect(planTenant({ ...options, seed: 12 }).orders.columns.id).not.toEqual(a.orders.columns.id);
  });
});
