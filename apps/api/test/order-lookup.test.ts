// GET /api/v1/orders/lookup: what scan-to-ship and the staging board send for a scanned code —
// the order number with or without prefix and zeros, the store's order id or name, the packing
// slip's barcode (the order number) or a shipment number; another tenant's order is 404.
import { beforeAll, describe, expect, it } from "vitest";
import type { TOrderDetail } from "@bod/contracts/orders";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildShop } from "./order-builders.ts";
import { testEnv } from "./env.ts";

type Shop = Awaited<ReturnType<typeof buildShop>>;
const lookup = (client: ApiClient, code: string) => client.get(`/api/v1/orders/lookup?code=${encodeURIComponent(code)}`);

describe("GET /api/v1/orders/lookup", () => {
  let shop: Shop;
  let order: TOrderDetail;
  let storeOrder: TOrderDetail;
  let shipmentNumber: string;
  let digits: string;

  beforeAll(async () => {
    shop = await buildShop(10);
    order = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    storeOrder = await shop.order([{ productId: shop.product.id, quantity: 1 }], { externalId: "ext-7781" });
    await testEnv.superuser.query("UPDATE sales_orders SET store_order_name = '#1001' WHERE id = $1", [storeOrder.id]);
    const shipped = await shop.staff.post(`/api/v1/orders/${storeOrder.id}/shipments`, {});
    expect(shipped.status).toBe(201);
    shipmentNumber = shipped.body.shipment.number;
    digits = String(Number(order.number.replace(/^SO-/, "")));
  });

  it("finds the order by its number with or without prefix and leading zeros, in any case", async () => {
    for (const code of [order.number, order.number.toLowerCase(), digits, digits.padStart(6, "0"), `SO${digits}`, ` ${order.number} `]) {
      const res = await lookup(shop.staff, code);
      expect(res.status, code).toBe(200);
      expect(res.body).toEqual({ id: order.id, number: order.number, status: "open", matchedBy: "number" });
    }
  });

  it("finds the order by the store's order id, the store's order name and a shipment number", async () => {
    expect((await lookup(shop.staff, "ext-7781")).body).toMatchObject({ id: storeOrder.id, matchedBy: "external_id" });
    expect((await lookup(shop.staff, "#1001")).body).toMatchObject({ id: storeOrder.id, matchedBy: "store_order_name" });
    expect((await lookup(shop.staff, shipmentNumber)).body).toMatchObject({ id: storeOrder.id, status: "shipped", matchedBy: "shipment" });
  });

  it("answers 404 for an unknown code, 400 naming code for an empty one, 401 without sign-in", async () => {
    const missing = await lookup(shop.staff, "SO-999999");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const empty = await lookup(shop.staff, "  ");
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.error)).toContain("code");
    expect((await lookup(new ApiClient(), order.number)).status).toBe(401);
  });

  it("does not find another tenant's order by number, store id or shipment number", async () => {
    const outsider = await signUpCompany("Outsider Ltd");
    for (const code of [order.number, digits, "ext-7781", "#1001", shipmentNumber]) {
      const res = await lookup(outsider, code);
      expect(res.status, code).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });
});
