// Creating (importing) orders: numbering, defaults from the channel, allocation on arrival,
// the no-backorders flag, duplicates, validation, roles and tenancy.
import { describe, expect, it } from "vitest";
import { addMember, ApiClient, signUpCompany } from "./client.ts";
import { buildChannel, buildProduct, buildStockedProduct, buildWarehouse } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { testEnv } from "./env.ts";

describe("POST /api/v1/orders", () => {
  it("creates an order numbered per tenant, allocated by the engine, with an imported event", async () => {
    const admin = await signUpCompany();
    const { warehouse, product } = await buildStockedProduct(admin, 3);
    const other = await buildProduct(admin, { barcode: "4006381333931" });
    const channel = await buildChannel(admin, { defaultWarehouseId: warehouse.id, defaultFulfillmentMode: "ship_complete" });
    const res = await admin.post("/api/v1/orders", {
      channelId: channel.id,
      externalId: "#1001",
      customerName: "Grace Hopper",
      customerEmail: "grace@example.test",
      shipBy: "2030-01-15",
      lines: [
        { productId: product.id, quantity: 2, unitPriceCents: 1999 },
        { sku: other.sku, quantity: 1, unitPriceCents: 0 },
      ],
    });
    expect(res.status).toBe(201);
    const order = res.body;
    expect(order.number).toBe("SO-000001");
    expect(order).toMatchObject({ warehouseId: warehouse.id, status: "open", fulfillability: "partially_fulfillable", fulfillmentMode: "ship_complete", priority: 0, version: 1 });
    expect(order.channel).toMatchObject({ id: channel.id, name: channel.name, kind: "shopify" });
    expect(order.shipBy).toBe("2030-01-15T00:00:00.000Z");
    expect(order.lines.map((l: any) => [l.sku, l.ordered, l.allocated, l.softAllocated, l.availableInWarehouse])).toEqual([
      [product.sku, 2, 2, 2, 1],
      [other.sku, 1, 0, 0, 0],
    ]);
    expect(order.lines[1].barcode).toBe("4006381333931");
    expect(order.events.map((e: any) => e.type)).toEqual(["imported"]);
    expect(order.events[0].actor.name).toBe("Ada Admin");

    const second = await buildOrder(admin, { channelId: channel.id, lines: [{ productId: product.id, quantity: 5 }] });
    expect(second.number).toBe("SO-000002");
    expect(second.fulfillability).toBe("partially_fulfillable");
    expect(second.lines[0]!.allocated).toBe(1);

    const rows = await testEnv.superuser.query("SELECT is_active, rank_order_date FROM sales_order_lines WHERE order_id = $1", [second.id]);
    expect(rows.rows[0].is_active).toBe(true);

    const fetched = await admin.get(`/api/v1/orders/${order.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.lines[0].availableInWarehouse).toBe(0);
  });

  it("numbers each tenant from 1 and refuses a duplicate external id of the same channel (409)", async () => {
    const a = await signUpCompany();
    const b = await signUpCompany();
    const pa = await buildProduct(a);
    const pb = await buildProduct(b);
    const ca = await buildChannel(a);
    expect((await buildOrder(a, { channelId: ca.id, lines: [{ productId: pa.id, quantity: 1 }] })).number).toBe("SO-000001");
    expect((await buildOrder(b, { lines: [{ productId: pb.id, quantity: 1 }] })).number).toBe("SO-000001");
    const body = { channelId: ca.id, externalId: "X-1", customerName: "C", lines: [{ productId: pa.id, quantity: 1, unitPriceCents: 5 }] };
    expect((await a.post("/api/v1/orders", body)).status).toBe(201);
    const dup = await a.post("/api/v1/orders", body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("conflict");
  });

  it("tags an order no-backorders when its channel refuses backorders and it is short on arrival", async () => {
    const admin = await signUpCompany();
    const { warehouse, product } = await buildStockedProduct(admin, 1);
    const channel = await buildChannel(admin, { defaultWarehouseId: warehouse.id, acceptsBackorders: false });
    const ok = await buildOrder(admin, { channelId: channel.id, lines: [{ productId: product.id, quantity: 1 }] });
    expect(ok.tags).toEqual([]);
    const short = await buildOrder(admin, { channelId: channel.id, lines: [{ productId: product.id, quantity: 1 }], tags: ["vip"] });
    expect(short.status).toBe("open");
    expect(short.fulfillability).toBe("backordered");
    expect(short.tags).toEqual(["vip", "no-backorders"]);
    expect(short.events.some((e: any) => /does not accept backorders/.test(e.message))).toBe(true);
  });

  it("uses a given warehouse, priority and order date", async () => {
    const admin = await signUpCompany();
    const other = await buildWarehouse(admin);
    const product = await buildProduct(admin);
    const order = await buildOrder(admin, { warehouseId: other.id, priority: 7, orderDate: "2029-03-01T10:00:00Z", lines: [{ productId: product.id, quantity: 1 }] });
    expect(order).toMatchObject({ warehouseId: other.id, priority: 7, orderDate: "2029-03-01T10:00:00.000Z", fulfillability: "backordered" });
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    const product = await buildProduct(admin);
    const channel = await buildChannel(admin);
    const base = { channelId: channel.id, customerName: "C" };
    const line = { productId: product.id, quantity: 1, unitPriceCents: 100 };
    const cases: [unknown, string][] = [
      [{ ...base, lines: [{ ...line, quantity: 0 }] }, "lines.0.quantity"],
      [{ ...base, lines: [{ ...line, quantity: -2 }] }, "lines.0.quantity"],
      [{ ...base, lines: [{ ...line, quantity: 1.5 }] }, "lines.0.quantity"],
      [{ ...base, lines: [{ ...line, unitPriceCents: -1 }] }, "lines.0.unitPriceCents"],
      [{ ...base, lines: [{ ...line, colour: "red" }] }, "lines.0"],
      [{ ...base, lines: [] }, "lines"],
      [{ ...base, lines: [line, line] }, "lines"],
      [{ ...base, lines: [line], discount: 5 }, ""],
      [{ ...base, lines: [line], priority: 101 }, "priority"],
      [{ ...base, lines: [line], tags: ["x".repeat(41)] }, "tags.0"],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post("/api/v1/orders", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    }
    const unknownProduct = await admin.post("/api/v1/orders", { ...base, lines: [{ sku: "NOPE", quantity: 1, unitPriceCents: 1 }] });
    expect(unknownProduct.status).toBe(404);
    expect(unknownProduct.body.error.details[0].path).toBe("lines.0.sku");
  });

  it("answers 401 without sign-in, 403 for staff, and accepts an API token", async () => {
    const admin = await signUpCompany();
    const product = await buildProduct(admin);
    const channel = await buildChannel(admin);
    const body = { channelId: channel.id, customerName: "C", lines: [{ productId: product.id, quantity: 1, unitPriceCents: 1 }] };
    expect((await new ApiClient().post("/api/v1/orders", body)).status).toBe(401);
    const staff = await addMember(admin, "staff");
    expect((await staff.post("/api/v1/orders", body)).status).toBe(403);
    const manager = await addMember(admin, "manager");
    expect((await manager.post("/api/v1/orders", body)).status).toBe(201);
    const token = await admin.post("/api/v1/api-tokens", { name: "shop import", role: "staff" });
    expect(token.status).toBe(201);
    const integration = new ApiClient();
    integration.bearer = token.body.secret;
    expect((await integration.post("/api/v1/orders", { ...body, externalId: "via-token" })).status).toBe(201);
  });

  it("treats another tenant's channel, warehouse and order as unknown (404)", async () => {
    const owner = await signUpCompany();
    const outsider = await signUpCompany();
    const product = await buildProduct(owner);
    const order = await buildOrder(owner, { lines: [{ productId: product.id, quantity: 1 }] });
    const mine = await buildProduct(outsider);
    const res = await outsider.post("/api/v1/orders", { channelId: order.channel.id, customerName: "C", lines: [{ productId: mine.id, quantity: 1, unitPriceCents: 1 }] });
    expect(res.status).toBe(404);
    expect((await outsider.get(`/api/v1/orders/${order.id}`)).status).toBe(404);
    const count = await testEnv.superuser.query("SELECT count(*)::int AS n FROM sales_orders WHERE tenant_id = $1", [owner.tenantId]);
    expect(count.rows[0].n).toBe(1);
  });
});
