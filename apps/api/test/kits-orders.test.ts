// Kits on orders, on real PostgreSQL: a kit line is written as its kit and one line per flattened
// component; the engine allocates whole kits only (the spare unit of a component goes to the next
// order by rank); shipments take whole kits (a part of a kit is refused, 422 naming the kit);
// receiving the missing component turns the kit order fulfillable; components are not cancelled
// one by one; the allocation check stays clean; another company sees none of it.
import { describe, expect, it } from "vitest";
import { addMember, signUpCompany } from "./client.ts";
import { buildOrder } from "./order-builders.ts";
import { buildPurchasingShop, onHand, sql } from "./purchasing-builders.ts";

/** Kit definitions as rows (their API and its refusals are kits.test.ts's subject). */
async function defineKit(kitId: string, components: { productId: string; quantity: number }[]) {
  for (const [position, c] of components.entries()) {
    await sql(
      `INSERT INTO product_components (tenant_id, kit_product_id, component_product_id, quantity, position)
       SELECT tenant_id, id, $2, $3, $4 FROM products WHERE id = $1`,
      [kitId, c.productId, c.quantity, position],
    );
  }
}

async function buildKitShop() {
  const shop = await buildPurchasingShop();
  const manager = await addMember(shop.admin, "manager");
  const a = await shop.product(3);
  const b = await shop.product(1);
  const kit = await shop.product(0, null);
  await defineKit(kit.id, [
    { productId: a.id, quantity: 2 },
    { productId: b.id, quantity: 1 },
  ]);
  const kitOrder = (quantity: number, priority = 5, unitPriceCents = 2999) =>
    buildOrder(shop.admin, { channelId: shop.channel.id, priority, lines: [{ productId: kit.id, quantity, unitPriceCents }] });
  const check = async () => (await shop.admin.get("/api/v1/admin/allocations/check")).body;
  return { ...shop, manager, a, b, kit, kitOrder, check };
}

describe("kits on orders", () => {
  it("a kit of 2×A + 1×B with 3 A and 1 B on hand is 1 kit allocated, not 1.5; the third A goes to the next order", async () => {
    const shop = await buildKitShop();
    const order = await shop.kitOrder(3, 5);
    const next = await buildOrder(shop.admin, { channelId: shop.channel.id, priority: 1, lines: [{ productId: shop.a.id, quantity: 1 }] });

    const detail = (await shop.admin.get(`/api/v1/orders/${order.id}`)).body;
    expect(detail.kits).toEqual([
      expect.objectContaining({ position: 1, productId: shop.kit.id, sku: shop.kit.sku, ordered: 3, shipped: 0, cancelled: 0, remaining: 3, allocated: 1, unitPriceCents: 2999 }),
    ]);
    const byProduct = new Map<string, any>(detail.lines.map((l: any) => [l.productId, l]));
    expect(byProduct.get(shop.a.id)).toMatchObject({ ordered: 6, allocated: 2, perKit: 2, kitId: detail.kits[0].id });
    expect(byProduct.get(shop.b.id)).toMatchObject({ ordered: 3, allocated: 1, perKit: 1, kitId: detail.kits[0].id });
    expect(detail.fulfillability).toBe("partially_fulfillable");
    // One kit's components add up to the kit's price (2 × A + 1 × B = 2999 cents), and the order was paid for 3 kits.
    expect(2 * byProduct.get(shop.a.id).unitPriceCents + byProduct.get(shop.b.id).unitPriceCents).toBe(2999);
    expect(detail.money.paidCents).toBe(3 * 2999);

    expect((await shop.admin.get(`/api/v1/orders/${next.id}`)).body.fulfillability).toBe("fulfillable");
    expect(await shop.check()).toMatchObject({ ok: true });
  });

  it("ships whole kits only: part of a kit is refused naming it, whole kits ship, and 'ship what is allocated' ships whole kits", async () => {
    const shop = await buildKitShop();
    const order = await shop.kitOrder(3);
    const detail = (await shop.admin.get(`/api/v1/orders/${order.id}`)).body;
    const lineOf = (productId: string) => detail.lines.find((l: any) => l.productId === productId);
    const before = await onHand(shop.warehouse.id, shop.a.id);

    const part = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: lineOf(shop.a.id).id, quantity: 2 }] });
    expect(part.status).toBe(422);
    expect(part.body.error.message).toContain(`Kit ${shop.kit.sku} ships in whole kits only`);
    const uneven = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {
      lines: [
        { lineId: lineOf(shop.a.id).id, quantity: 1 },
        { lineId: lineOf(shop.b.id).id, quantity: 1 },
      ],
    });
    expect(uneven.status).toBe(422);
    expect(await onHand(shop.warehouse.id, shop.a.id)).toBe(before);
    expect(await sql(`SELECT count(*)::int AS n FROM shipments WHERE order_id = $1`, [order.id])).toEqual([{ n: 0 }]);

    const whole = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
    expect(whole.status, JSON.stringify(whole.body)).toBe(201);
    const after = whole.body.order;
    expect(after.status).toBe("partially_shipped");
    expect(after.kits[0]).toMatchObject({ ordered: 3, shipped: 1, remaining: 2, allocated: 0 });
    expect(await onHand(shop.warehouse.id, shop.a.id)).toBe(1); // 3 − 2: the spare A stays
    expect(await onHand(shop.warehouse.id, shop.b.id)).toBe(0);
    expect(after.fulfillability).toBe("backordered");
    expect(await shop.check()).toMatchObject({ ok: true });
  });

  it("receiving the missing component turns the kit order fulfillable and names it", async () => {
    const shop = await buildKitShop();
    const order = await shop.kitOrder(2);
    expect((await shop.admin.get(`/api/v1/orders/${order.id}`)).body.fulfillability).toBe("partially_fulfillable");
    const po = await shop.po([
      { productId: shop.a.id, quantity: 1 },
      { productId: shop.b.id, quantity: 1 },
    ]);
    const onlyB = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: shop.b.id, quantity: 1 }] });
    expect(onlyB.status, JSON.stringify(onlyB.body)).toBe(201);
    // B arrived, but the second kit needs 2 A and only 1 is free: still one kit.
    expect(onlyB.body.ordersNowFulfillable).toEqual([]);
    const stillOne = (await shop.admin.get(`/api/v1/orders/${order.id}`)).body;
    expect(stillOne.kits[0].allocated).toBe(1);

    const thenA = await shop.staff.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: shop.a.id, quantity: 1 }] });
    expect(thenA.status).toBe(201);
    expect(thenA.body.ordersNowFulfillable.map((o: { number: string }) => o.number)).toEqual([order.number]);
    const ready = (await shop.admin.get(`/api/v1/orders/${order.id}`)).body;
    expect(ready).toMatchObject({ fulfillability: "fulfillable" });
    expect(ready.kits[0].allocated).toBe(2);
    expect(await shop.check()).toMatchObject({ ok: true });
  });

  it("a kit's component is not cancelled or edited on its own (422, nothing changes); cancelling the order cancels whole kits", async () => {
    const shop = await buildKitShop();
    const order = await shop.kitOrder(2);
    const detail = (await shop.admin.get(`/api/v1/orders/${order.id}`)).body;
    const aLine = detail.lines.find((l: any) => l.productId === shop.a.id);

    const one = await shop.manager.post(`/api/v1/orders/${order.id}/lines/${aLine.id}/cancel`, { quantity: 2, reason: "oversold" });
    expect(one.status).toBe(422);
    expect(one.body.error.message).toContain(`part of kit ${shop.kit.sku}`);
    const unchanged = await sql(`SELECT quantity_cancelled FROM sales_order_lines WHERE order_id = $1 ORDER BY line_no`, [order.id]);
    expect(unchanged).toEqual([{ quantity_cancelled: 0 }, { quantity_cancelled: 0 }]);

    const cancelled = await shop.manager.post(`/api/v1/orders/${order.id}/cancel`, { reason: "customer gave up" });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const after = (await shop.admin.get(`/api/v1/orders/${order.id}`)).body;
    expect(after.status).toBe("cancelled");
    expect(after.kits[0]).toMatchObject({ ordered: 2, cancelled: 2, remaining: 0 });
    expect(await shop.check()).toMatchObject({ ok: true });
  });

  it("nested kits are flattened: a bundle of 1 kit + 1 A is 3 A + 1 B per bundle", async () => {
    const shop = await buildKitShop();
    const bundle = await shop.product(0, null);
    await defineKit(bundle.id, [
      { productId: shop.kit.id, quantity: 1 },
      { productId: shop.a.id, quantity: 1 },
    ]);
    const order = await buildOrder(shop.admin, { channelId: shop.channel.id, lines: [{ productId: bundle.id, quantity: 1, unitPriceCents: 4000 }] });
    const detail = (await shop.admin.get(`/api/v1/orders/${order.id}`)).body;
    expect(detail.kits).toHaveLength(1);
    expect(detail.lines.map((l: any) => [l.sku, l.ordered, l.perKit])).toEqual([
      [shop.a.sku, 3, 3],
      [shop.b.sku, 1, 1],
    ]);
    expect(detail.fulfillability).toBe("fulfillable");
  });

  it("another company's user gets 404 for the kit order and its shipment, and nothing changes", async () => {
    const shop = await buildKitShop();
    const order = await shop.kitOrder(1);
    const outsider = await signUpCompany("Elsewhere Ltd");
    expect((await outsider.get(`/api/v1/orders/${order.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/orders/${order.id}/shipments`, {})).status).toBe(404);
    expect(await sql(`SELECT quantity_shipped FROM sales_order_lines WHERE order_id = $1 ORDER BY line_no`, [order.id])).toEqual([{ quantity_shipped: 0 }, { quantity_shipped: 0 }]);
  });
});
