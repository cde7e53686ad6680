import { beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "./client.ts";
import { buildChannel } from "./builders.ts";
import { dbRows, expectInvalid, rowById, tenantPair, type TenantPair } from "./guards.ts";
import { insertListOrder } from "./order-list-fixtures.ts";
import { buildShop, orderRow } from "./order-builders.ts";

describe("bulk actions on orders", () => {
  let t: TenantPair;
  let mine: string[];
  let theirs: string;

  beforeAll(async () => {
    t = await tenantPair();
    const c = await buildChannel(t.owner);
    mine = [];
    for (let i = 0; i < 3; i++) mine.push(await insertListOrder({ tenantId: t.owner.tenantId!, channelId: c.id, warehouseId: c.defaultWarehouseId, tags: i === 0 ? ["old"] : [] }));
    const oc = await buildChannel(t.outsider);
    theirs = await insertListOrder({ tenantId: t.outsider.tenantId!, channelId: oc.id, warehouseId: oc.defaultWarehouseId });
  });

  const tagsOf = async (id: string) => (await rowById("sales_orders", id))[0]!.tags;

  it("staff tags and untags; another tenant's ids fail as not found and stay unchanged", async () => {
    const staff: ApiClient = await t.member("staff");
    const before = await rowById("sales_orders", theirs);
    const res = await staff.post("/api/v1/orders/bulk", { orderIds: [...mine, theirs], action: "tag", tag: "rush" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.succeeded).toEqual(mine);
    expect(res.body.failed).toEqual([{ orderId: theirs, error: { code: "not_found", message: "Order not found" } }]);
    expect(await tagsOf(mine[0]!)).toEqual(["old", "rush"]);
    expect(await tagsOf(mine[1]!)).toEqual(["rush"]);
    expect(await rowById("sales_orders", theirs)).toEqual(before);
    const listed = await staff.get("/api/v1/orders?tag=rush&limit=200");
    expect(listed.body.items.map((i: { id: string }) => i.id).sort()).toEqual([...mine].sort());
    const events = await dbRows(`SELECT type FROM order_events WHERE order_id = $1`, [mine[1]]);
    expect(events).toEqual([{ type: "tagged" }]);

    const untag = await staff.post("/api/v1/orders/bulk", { orderIds: [mine[0]], action: "untag", tag: "old" });
    expect(untag.body.succeeded).toEqual([mine[0]]);
    expect(await tagsOf(mine[0]!)).toEqual(["rush"]);
  });

  it("hold, release and set_priority are for admins and managers: 403 for staff and purchasers, nothing changed", async () => {
    for (const role of ["staff", "purchaser"] as const) {
      const client = await t.member(role);
      const before = await rowById("sales_orders", mine[1]!);
      for (const body of [{ action: "hold", reason: "check address" }, { action: "release" }, { action: "set_priority", priority: 5, reason: "VIP" }]) {
        const res = await client.post("/api/v1/orders/bulk", { orderIds: [mine[1]], ...body });
        expect(res.status, `${role} ${body.action}`).toBe(403);
      }
      expect(await rowById("sales_orders", mine[1]!)).toEqual(before);
    }
  });

  it("refuses bad input with the field named; 401 without a session", async () => {
    const o = t.owner;
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: [], action: "tag", tag: "x" }), "orderIds");
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: Array.from({ length: 501 }, () => mine[0]), action: "tag", tag: "x" }), "orderIds");
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: mine, action: "tag" }), "tag");
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: mine, action: "set_priority", reason: "VIP" }), "priority");
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: mine, action: "set_priority", priority: 5 }), "reason");
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: mine, action: "set_priority", priority: 101, reason: "VIP" }), "priority");
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: mine, action: "hold" }), "reason");
    expectInvalid(await o.post("/api/v1/orders/bulk", { orderIds: mine, action: "explode" }), "action");
    const unknown = await o.post("/api/v1/orders/bulk", { orderIds: mine, action: "tag", tag: "x", force: true });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain("force");
  });

  it("a manager holds, releases and reprioritises many orders; stock follows at once, each change is on the timeline", async () => {
    const shop = await buildShop(1);
    const older = await shop.order([{ productId: shop.product.id, quantity: 1 }], { orderDate: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const newer = await shop.order([{ productId: shop.product.id, quantity: 1 }], { orderDate: new Date(Date.now() - 86_400_000).toISOString() });
    const f = async (id: string) => (await orderRow(id)).fulfillability;
    expect([await f(older.id), await f(newer.id)]).toEqual(["fulfillable", "backordered"]);

    const outsider = t.outsider;
    const theirsBefore = await rowById("sales_orders", theirs);
    const held = await shop.manager.post("/api/v1/orders/bulk", { orderIds: [older.id, theirs], action: "hold", reason: "address check" });
    expect(held.status).toBe(200);
    expect(held.body.succeeded).toEqual([older.id]);
    expect(held.body.failed).toEqual([{ orderId: theirs, error: { code: "not_found", message: "Order not found" } }]);
    expect(await rowById("sales_orders", theirs)).toEqual(theirsBefore);
    expect((await orderRow(older.id)).status).toBe("on_hold");
    expect(await f(newer.id)).toBe("fulfillable"); // the held order's unit went to the next in rank

    // one failure does not undo the others: releasing an order that is not on hold fails alone
    const released = await shop.manager.post("/api/v1/orders/bulk", { orderIds: [older.id, newer.id], action: "release" });
    expect(released.body.succeeded).toEqual([older.id]);
    expect(released.body.failed).toEqual([{ orderId: newer.id, error: { code: "rule_violation", message: "Only an order on hold can be released" } }]);
    expect([await f(older.id), await f(newer.id)]).toEqual(["fulfillable", "backordered"]);

    const raised = await shop.manager.post("/api/v1/orders/bulk", { orderIds: [newer.id], action: "set_priority", priority: 5, reason: "VIP customer" });
    expect(raised.body.succeeded).toEqual([newer.id]);
    expect((await orderRow(newer.id)).priority).toBe(5);
    expect([await f(older.id), await f(newer.id)]).toEqual(["backordered", "fulfillable"]);
    const events = await dbRows(`SELECT type, message FROM order_events WHERE order_id = $1 AND type = 'reprioritised'`, [newer.id]);
    expect(events).toHaveLength(1);
    expect(String(events[0]!.message)).toContain("VIP customer");
    const holdEvents = await dbRows(`SELECT type FROM order_events WHERE order_id = $1 AND type IN ('held', 'released') ORDER BY created_at`, [older.id]);
    expect(holdEvents.map((e) => e.type)).toEqual(["held", "released"]);
    expect((await outsider.get(`/api/v1/orders/${older.id}`)).status).toBe(404);
  });
});
