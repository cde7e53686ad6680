// allowedActions on order and purchase-order responses: per role and state, every action listed
// is accepted by the API and a typical one not listed is refused (one rule, packages/contracts/src/actions.ts).
import { describe, expect, it } from "vitest";
import { addMember, signUpCompany } from "./client.ts";
import { buildShop } from "./order-builders.ts";
import { buildPurchasingShop, inDays } from "./purchasing-builders.ts";

describe("allowedActions on orders", () => {
  it("per role: a manager may manage, staff may ship and pick, a purchaser may do nothing", async () => {
    const shop = await buildShop(5);
    const purchaser = await addMember(shop.admin, "purchaser");
    const order = await shop.order([{ productId: shop.product.id, quantity: 2 }]);
    const actions = async (c: typeof shop.staff) => (await c.get(`/api/v1/orders/${order.id}`)).body.allowedActions;
    expect(await actions(shop.manager)).toEqual(["ship", "pick", "hold", "reprioritise", "edit", "cancel", "exchange", "change_fulfillment_mode"]);
    expect(await actions(shop.staff)).toEqual(["ship", "pick"]);
    expect(await actions(purchaser)).toEqual([]);
    // not listed → refused
    expect((await purchaser.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(403);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/hold`, { reason: "x" })).status).toBe(403);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/release`, {})).status).toBe(422);

    // listed → accepted; the response carries the next state's actions
    const held = await shop.manager.post(`/api/v1/orders/${order.id}/hold`, { reason: "customer called" });
    expect(held.status).toBe(200);
    // held, it keeps only its hard allocation: its lines are short, so the oversold choices apply too
    expect(held.body.allowedActions).toEqual(["release", "reprioritise", "edit", "cancel", "exchange", "change_fulfillment_mode", "resolve_oversell"]);
    expect((await shop.staff.get(`/api/v1/orders/${order.id}`)).body.allowedActions).toEqual([]);
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(422);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/release`, {})).status).toBe(200);
    const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(shipped.status).toBe(201);
    expect(shipped.body.order.allowedActions).toEqual([]);
    expect((await shop.manager.get(`/api/v1/orders/${order.id}`)).body.allowedActions).toEqual([]);
    expect((await shop.manager.post(`/api/v1/orders/${order.id}/hold`, { reason: "x" })).status).toBe(422);
  });

  it("a ship-complete order short of stock does not offer ship, and the API refuses it; in full it does", async () => {
    const shop = await buildShop(1, { defaultFulfillmentMode: "ship_complete" });
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }]);
    expect(order.fulfillability).toBe("partially_fulfillable");
    const got = (await shop.staff.get(`/api/v1/orders/${order.id}`)).body;
    expect(got.allowedActions).not.toContain("ship");
    expect(got.allowedActions).toContain("pick");
    expect((await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(422);

    const whole = await shop.order([{ productId: shop.product.id, quantity: 1 }], { priority: 5 });
    expect(whole.fulfillability).toBe("fulfillable");
    expect((await shop.staff.get(`/api/v1/orders/${whole.id}`)).body.allowedActions).toContain("ship");
    expect((await shop.staff.post(`/api/v1/orders/${whole.id}/shipments`, {})).status).toBe(201);
  });

  it("resolve_oversell is offered while a line is short with nothing incoming, not once a PO projects a date", async () => {
    const shop = await buildPurchasingShop();
    const manager = await addMember(shop.admin, "manager");
    const p = await shop.product(0);
    const order = await shop.order([{ productId: p.id, quantity: 2 }]);
    expect((await manager.get(`/api/v1/orders/${order.id}`)).body.allowedActions).toContain("resolve_oversell");
    expect((await shop.staff.get(`/api/v1/orders/${order.id}`)).body.allowedActions).not.toContain("resolve_oversell");
    await shop.po([{ productId: p.id, quantity: 2 }], { expectedDate: inDays(7) });
    const covered = (await manager.get(`/api/v1/orders/${order.id}`)).body;
    expect(covered.lines[0].projectedDate).not.toBeNull();
    expect(covered.allowedActions).not.toContain("resolve_oversell");
    expect(covered.allowedActions).toContain("cancel");
  });

  it("another company's user gets 404, no actions", async () => {
    const shop = await buildShop(1);
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    const outsider = await signUpCompany("Elsewhere");
    const res = await outsider.get(`/api/v1/orders/${order.id}`);
    expect(res.status).toBe(404);
    expect(res.body.allowedActions).toBeUndefined();
  });
});

describe("allowedActions on purchase orders", () => {
  it("close on received, not on ordered; cancel on ordered, not on received; staff may only receive", async () => {
    const shop = await buildPurchasingShop();
    const p = await shop.product(0);
    const draft = await shop.po([{ productId: p.id, quantity: 2 }], { status: "draft" });
    expect(draft.allowedActions).toEqual(["edit", "submit", "cancel"]);
    expect((await shop.staff.get(`/api/v1/purchase-orders/${draft.id}`)).body.allowedActions).toEqual([]);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/close`, { version: draft.version })).status).toBe(422);
    const ordered = await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/submit`, { version: draft.version });
    expect(ordered.status).toBe(200);
    expect(ordered.body.allowedActions).toEqual(["edit", "cancel", "receive"]);
    expect((await shop.staff.get(`/api/v1/purchase-orders/${draft.id}`)).body.allowedActions).toEqual(["receive"]);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/close`, { version: ordered.body.version })).status).toBe(422);

    const receipt = await shop.staff.post(`/api/v1/purchase-orders/${draft.id}/receipts`, { receiveAllRemaining: true });
    expect(receipt.status).toBe(201);
    const received = (await shop.purchaser.get(`/api/v1/purchase-orders/${draft.id}`)).body;
    expect(received.status).toBe("received");
    expect(received.allowedActions).toEqual(["close"]);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/cancel`, { version: received.version })).status).toBe(422);
    expect((await shop.staff.post(`/api/v1/purchase-orders/${draft.id}/close`, { version: received.version })).status).toBe(403);
    const closed = await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/close`, { version: received.version });
    expect(closed.status).toBe(200);
    expect(closed.body.allowedActions).toEqual([]);

    const outsider = await signUpCompany("Elsewhere");
    expect((await outsider.get(`/api/v1/purchase-orders/${draft.id}`)).status).toBe(404);
  });
});
