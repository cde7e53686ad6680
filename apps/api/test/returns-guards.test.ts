// Guards of every returns endpoint: 401 signed out, 403 for a role outside the endpoint's group
// (row unchanged), 404 for another company's ids (row unchanged), 400 naming the field; and the
// refund and exchange links.
import { describe, expect, it } from "vitest";
import { addMember } from "./client.ts";
import { describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";
import { buildChannel, buildProduct, buildStock, buildWarehouse } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { sql } from "./purchasing-builders.ts";

interface Fixture {
  tenants: TenantPair;
  orderId: string;
  lineId: string;
  returnId: string;
  returnLineId: string;
  otherOrderId: string;
}

async function setup(): Promise<Fixture> {
  const tenants = await tenantPair();
  const { owner } = tenants;
  const warehouse = await buildWarehouse(owner);
  const channel = await buildChannel(owner, { defaultWarehouseId: warehouse.id });
  const product = await buildProduct(owner);
  await buildStock(owner, { warehouseId: warehouse.id, productId: product.id, quantity: 5 });
  const order = await buildOrder(owner, { channelId: channel.id, lines: [{ productId: product.id, quantity: 4 }] });
  const shipped = await owner.post(`/api/v1/orders/${order.id}/shipments`, {});
  if (shipped.status !== 201) throw new Error(JSON.stringify(shipped.body));
  const rma = await owner.post(`/api/v1/orders/${order.id}/returns`, { reason: "wrong_item", lines: [{ lineId: order.lines[0]!.id, quantity: 2, condition: "restock" }] });
  if (rma.status !== 201) throw new Error(JSON.stringify(rma.body));
  const other = await buildOrder(owner, { channelId: channel.id, lines: [{ productId: product.id, quantity: 1 }] });
  return { tenants, orderId: order.id, lineId: order.lines[0]!.id, returnId: rma.body.id, returnLineId: rma.body.lines[0].id, otherOrderId: other.id };
}

const returnRow = (f: Fixture) =>
  sql(
    `SELECT r.status::text, r.version, r.refund_id, r.exchange_order_id, (SELECT json_agg(rl.quantity_received) FROM return_lines rl WHERE rl.return_id = r.id) AS received,
       (SELECT count(*)::int FROM returns x WHERE x.order_id = r.order_id) AS returns_on_order,
       (SELECT sum(on_hand)::int FROM stock_levels s WHERE s.tenant_id = r.tenant_id) AS on_hand
     FROM returns r WHERE r.id = $1`,
    [f.returnId],
  );

describeGuards<Fixture>("returns guards", setup, [
  {
    name: "POST /orders/:id/returns",
    call: (c, f) => c.post(`/api/v1/orders/${f.orderId}/returns`, { reason: "defective", lines: [{ lineId: f.lineId, quantity: 1, condition: "damaged" }] }),
    deniedRole: "staff",
    snapshot: returnRow,
    outsider: true,
  },
  { name: "GET /returns", call: (c) => c.get(`/api/v1/returns`), deniedRole: "purchaser" },
  { name: "GET /returns/:id", call: (c, f) => c.get(`/api/v1/returns/${f.returnId}`), deniedRole: "purchaser", snapshot: returnRow, outsider: true },
  {
    name: "POST /returns/:id/receipts",
    call: (c, f) => c.post(`/api/v1/returns/${f.returnId}/receipts`, { lines: [{ returnLineId: f.returnLineId, quantity: 1 }] }),
    deniedRole: "purchaser",
    snapshot: returnRow,
    outsider: true,
  },
  { name: "POST /returns/:id/cancel", call: (c, f) => c.post(`/api/v1/returns/${f.returnId}/cancel`, { version: 0 }), deniedRole: "staff", snapshot: returnRow, outsider: true },
  { name: "POST /returns/:id/close", call: (c, f) => c.post(`/api/v1/returns/${f.returnId}/close`, { version: 0 }), deniedRole: "staff", snapshot: returnRow, outsider: true },
  { name: "POST /returns/:id/refund", call: (c, f) => c.post(`/api/v1/returns/${f.returnId}/refund`, { version: 0 }), deniedRole: "staff", snapshot: returnRow, outsider: true },
  {
    name: "POST /returns/:id/exchange",
    call: (c, f) => c.post(`/api/v1/returns/${f.returnId}/exchange`, { version: 0, orderId: f.otherOrderId }),
    deniedRole: "staff",
    snapshot: returnRow,
    outsider: true,
  },
]);

describe("returns: invalid input is 400 naming the field and changes nothing", () => {
  it("each endpoint", async () => {
    const f = await setup();
    const admin = f.tenants.owner;
    const before = await returnRow(f);
    const create = (body: unknown) => admin.post(`/api/v1/orders/${f.orderId}/returns`, body);
    expectInvalid(await create({ lines: [{ lineId: f.lineId, quantity: 1, condition: "restock" }] }), "reason");
    expectInvalid(await create({ reason: "broken", lines: [{ lineId: f.lineId, quantity: 1, condition: "restock" }] }), "reason");
    expectInvalid(await create({ reason: "defective", lines: [] }), "lines");
    expectInvalid(await create({ reason: "defective", lines: [{ lineId: f.lineId, quantity: 0, condition: "restock" }] }), "lines.0.quantity");
    expectInvalid(await create({ reason: "defective", lines: [{ lineId: f.lineId, quantity: 1, condition: "lost" }] }), "lines.0.condition");
    expectInvalid(await create({ reason: "defective", lines: [{ lineId: "nope", quantity: 1, condition: "restock" }] }), "lines.0.lineId");
    expectInvalid(await create({ reason: "defective", extra: 1, lines: [{ lineId: f.lineId, quantity: 1, condition: "restock" }] }), "");
    expectInvalid(await admin.post(`/api/v1/orders/not-an-id/returns`, { reason: "defective", lines: [] }), "orderId");
    const receive = (body: unknown) => admin.post(`/api/v1/returns/${f.returnId}/receipts`, body);
    expectInvalid(await receive({}), "lines");
    expectInvalid(await receive({ lines: [{ returnLineId: f.returnLineId, quantity: -1 }] }), "lines.0.quantity");
    expectInvalid(await receive({ lines: [{ returnLineId: f.returnLineId, quantity: 1 }], receiveAllRemaining: true }), "lines");
    expectInvalid(await admin.post(`/api/v1/returns/${f.returnId}/cancel`, {}), "version");
    expectInvalid(await admin.post(`/api/v1/returns/${f.returnId}/close`, { version: "x" }), "version");
    expectInvalid(await admin.post(`/api/v1/returns/${f.returnId}/refund`, { version: 0, reason: "" }), "reason");
    expectInvalid(await admin.post(`/api/v1/returns/${f.returnId}/exchange`, { version: 0, orderId: "x" }), "orderId");
    expectInvalid(await admin.get(`/api/v1/returns?status=lost`), "status");
    expectInvalid(await admin.get(`/api/v1/returns?cursor=zzz`), "cursor");
    expectInvalid(await admin.get(`/api/v1/returns/nope`), "returnId");
    expect(await returnRow(f)).toEqual(before);
    // A state the rule refuses: 422, nothing changed.
    const close = await admin.post(`/api/v1/returns/${f.returnId}/close`, { version: 0 });
    expect(close.status).toBe(422);
    const stale = await admin.post(`/api/v1/returns/${f.returnId}/cancel`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_version");
    expect(await returnRow(f)).toEqual(before);
  });
});

describe("returns: refund and exchange linked, list", () => {
  it("refunds the received units at their price once; links an exchange order; lists and filters", async () => {
    const f = await setup();
    const admin = f.tenants.owner;
    const manager = await addMember(admin, "manager");
    const early = await manager.post(`/api/v1/returns/${f.returnId}/refund`, { version: 0 });
    expect(early.status).toBe(422);
    const got = await admin.post(`/api/v1/returns/${f.returnId}/receipts`, { lines: [{ returnLineId: f.returnLineId, quantity: 1 }] });
    expect(got.status).toBe(201);
    const refund = await manager.post(`/api/v1/returns/${f.returnId}/refund`, { version: got.body.return.version, reason: "Customer kept one" });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body.refund).toMatchObject({ amountCents: 1000 });
    expect(refund.body.allowedActions).not.toContain("refund");
    const order = (await admin.get(`/api/v1/orders/${f.orderId}`)).body;
    expect(order.refunds).toEqual([expect.objectContaining({ id: refund.body.refund.id, amountCents: 1000, lines: [expect.objectContaining({ lineId: f.lineId, quantity: 1, amountCents: 1000 })] })]);
    expect(order.money.refundedCents).toBe(1000);
    expect(await sql(`SELECT type FROM outbox_events WHERE order_id = $1 AND type = 'refund.requested'`, [f.orderId])).toHaveLength(1);
    const twice = await manager.post(`/api/v1/returns/${f.returnId}/refund`, { version: refund.body.version });
    expect(twice.status).toBe(422);

    const self = await manager.post(`/api/v1/returns/${f.returnId}/exchange`, { version: refund.body.version, orderId: f.orderId });
    expect(self.status).toBe(422);
    const exchange = await manager.post(`/api/v1/returns/${f.returnId}/exchange`, { version: refund.body.version, orderId: f.otherOrderId });
    expect(exchange.status, JSON.stringify(exchange.body)).toBe(200);
    expect(exchange.body.exchangeOrder).toMatchObject({ orderId: f.otherOrderId });
    const otherEvents = (await admin.get(`/api/v1/orders/${f.otherOrderId}`)).body.events.map((e: any) => e.type);
    expect(otherEvents).toContain("return_exchanged");

    const closed = await manager.post(`/api/v1/returns/${f.returnId}/close`, { version: exchange.body.version });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", allowedActions: [] });
    // Closed with 1 of 2 received: the other unit can be returned again.
    const detail = (await admin.get(`/api/v1/orders/${f.orderId}`)).body;
    expect(detail.returns.returnable).toEqual([{ lineId: f.lineId, quantity: 3 }]);
    expect(detail.returns.allowedActions).toEqual(["create_return"]);

    const staff = await addMember(admin, "staff");
    const list = await staff.get(`/api/v1/returns?status=closed`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: any) => r.id)).toEqual([f.returnId]);
    expect((await staff.get(`/api/v1/returns?status=open`)).body.items).toEqual([]);
    const byNumber = await staff.get(`/api/v1/returns?q=${encodeURIComponent(closed.body.number)}`);
    expect(byNumber.body.items).toHaveLength(1);
    expect((await staff.get(`/api/v1/orders/${f.orderId}`)).body.returns.allowedActions).toEqual([]);
  });
});
