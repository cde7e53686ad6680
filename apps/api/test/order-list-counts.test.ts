import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, addMember, signUpCompany } from "./client.ts";
import { buildChannel, buildWarehouse } from "./builders.ts";
import { dbRows, expectInvalid } from "./guards.ts";
import { countsDrift, insertListOrder } from "./order-list-fixtures.ts";
import { testEnv } from "./env.ts";

const ZERO = { fulfillable: 0, partially_fulfillable: 0, backordered: 0, open: 0, on_hold: 0, partially_shipped: 0, shipped: 0, cancelled: 0 };

describe("order tab counts", () => {
  let admin: ApiClient;
  let outsider: ApiClient;
  let channelId: string;
  let w1: string;
  let w2: string;
  let c2: string;

  beforeAll(async () => {
    admin = await signUpCompany("Count Co");
    outsider = await signUpCompany("Other Count Co");
    const c = await buildChannel(admin);
    channelId = c.id;
    w1 = c.defaultWarehouseId;
    w2 = (await buildWarehouse(admin)).id;
    c2 = (await buildChannel(admin, { defaultWarehouseId: w2 })).id;
    const oc = await buildChannel(outsider);
    for (let i = 0; i < 3; i++) await insertListOrder({ tenantId: outsider.tenantId!, channelId: oc.id, warehouseId: oc.defaultWarehouseId, fulfillability: "fulfillable" });
  });

  const counts = async (query = "", client = admin) => {
    const res = await client.get(`/api/v1/orders/counts${query ? `?${query}` : ""}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  it("starts at zero and ignores other tenants", async () => {
    expect(await counts()).toEqual({ ...ZERO, exact: true, capped: [], cap: 10000 });
    expect(await counts("", outsider)).toMatchObject({ fulfillable: 3, open: 3, exact: true });
  });

  it("follows orders through create, state changes and delete, in the same transaction", async () => {
    const a = await insertListOrder({ tenantId: admin.tenantId!, channelId, warehouseId: w1, fulfillability: "backordered" });
    const b = await insertListOrder({ tenantId: admin.tenantId!, channelId, warehouseId: w1, fulfillability: "fulfillable" });
    const c = await insertListOrder({ tenantId: admin.tenantId!, channelId: c2, warehouseId: w2, status: "partially_shipped", fulfillability: "partially_fulfillable" });
    expect(await counts()).toMatchObject({ backordered: 1, fulfillable: 1, partially_fulfillable: 1, open: 2, partially_shipped: 1, exact: true });

    // receipt makes a fulfillable; b ships; c is cancelled (one statement, two rows)
    await dbRows(`UPDATE sales_orders SET fulfillability = 'fulfillable' WHERE id = $1`, [a]);
    await dbRows(`UPDATE sales_orders SET status = 'shipped', fulfillability = NULL WHERE id = $1`, [b]);
    await dbRows(`UPDATE sales_orders SET status = CASE WHEN id = $1 THEN 'cancelled'::"OrderStatus" ELSE status END, fulfillability = CASE WHEN id = $1 THEN NULL ELSE fulfillability END WHERE id = ANY($2::uuid[])`, [c, [a, c]]);
    expect(await counts()).toEqual({ ...ZERO, fulfillable: 1, open: 1, shipped: 1, cancelled: 1, exact: true, capped: [], cap: 10000 });

    // a rolled-back change leaves the counts as they were
    const client = await testEnv.superuser.connect();
    await client.query("BEGIN");
    await client.query(`UPDATE sales_orders SET status = 'on_hold', fulfillability = NULL WHERE id = $1`, [a]);
    await client.query("ROLLBACK");
    client.release();
    expect(await counts()).toMatchObject({ fulfillable: 1, on_hold: 0 });

    await dbRows(`DELETE FROM sales_orders WHERE id = $1`, [b]);
    expect(await counts()).toMatchObject({ shipped: 0 });
    expect(await countsDrift(admin.tenantId!)).toEqual([]);
  });

  it("counts per warehouse and within a status filter from the kept table", async () => {
    await insertListOrder({ tenantId: admin.tenantId!, channelId: c2, warehouseId: w2, fulfillability: "backordered" });
    expect(await counts(`warehouseId=${w2}`)).toMatchObject({ backordered: 1, fulfillable: 0, open: 1, cancelled: 1, exact: true });
    expect(await counts(`warehouseId=${w1}`)).toMatchObject({ backordered: 0, fulfillable: 1, open: 1, cancelled: 0 });
    expect(await counts("status=cancelled")).toMatchObject({ open: 0, cancelled: 1, fulfillable: 0, backordered: 0, exact: true });
    expect(await counts("status=open")).toMatchObject({ open: 2, fulfillable: 1, backordered: 1, cancelled: 0 });
  });

  it("counts other filters with a bounded query", async () => {
    const tagged = await insertListOrder({ tenantId: admin.tenantId!, channelId, warehouseId: w1, fulfillability: "backordered", tags: ["rush"] });
    expect(await counts("tag=rush")).toEqual({ ...ZERO, backordered: 1, open: 1, exact: true, capped: [], cap: 10000 });
    expect(await counts(`channelId=${c2}`)).toMatchObject({ backordered: 1, open: 1, cancelled: 1, fulfillable: 0 });
    expect(await counts(`channelId=${c2}&status=cancelled`)).toMatchObject({ backordered: 0, open: 0, cancelled: 1 });
    await dbRows(`UPDATE sales_orders SET status = 'on_hold', fulfillability = NULL WHERE id = $1`, [tagged]);
    expect(await counts("tag=rush")).toMatchObject({ backordered: 0, open: 0, on_hold: 1 });
  });

  it("stops a count at 10,000 and says it is not exact", async () => {
    const big = await signUpCompany("Big Co");
    const c = await buildChannel(big);
    await dbRows(
      `INSERT INTO sales_orders (tenant_id, number, channel_id, warehouse_id, customer_name, order_date, status, fulfillability, tags, updated_at)
       SELECT $1, 'SO-' || g, $2, $3, 'Bulk', now(), 'open', 'backordered', ARRAY['bulk'], now() FROM generate_series(1, 10050) g`,
      [big.tenantId, c.id, c.defaultWarehouseId],
    );
    expect(await counts("", big)).toMatchObject({ backordered: 10050, open: 10050, exact: true });
    const bounded = await counts("tag=bulk", big);
    expect(bounded).toMatchObject({ backordered: 10000, open: 10000, fulfillable: 0, exact: false, capped: ["backordered", "open"] });
    expect(await countsDrift(big.tenantId!)).toEqual([]);
  });

  it("any role reads counts; bad input is a 400 naming the field; 401 without a session", async () => {
    expect((await (await addMember(admin, "staff")).get("/api/v1/orders/counts")).status).toBe(200);
    expectInvalid(await admin.get("/api/v1/orders/counts?status=gone"), "status.0");
    expectInvalid(await admin.get("/api/v1/orders/counts?orderDateTo=tomorrow"), "orderDateTo");
    expect((await admin.get("/api/v1/orders/counts?sort=ship_by")).status).toBe(400);
    expect((await new ApiClient().get("/api/v1/orders/counts")).status).toBe(401);
  });
});
