// Row-level security, the second wall behind the API's own tenant scoping: checked with a
// plain connection as the API's role (bod_app), bypassing the API entirely.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProduct, buildStockedProduct, buildWarehouse } from "./builders.ts";
import { signUpCompany, type ApiClient } from "./client.ts";
import { dbRows } from "./guards.ts";
import { buildOrder } from "./order-builders.ts";
import { testEnv } from "./env.ts";

let app: pg.Client;
let tenantA: ApiClient;
let tenantB: ApiClient;
let stocked: { warehouseId: string; productId: string };

/** Runs `fn` in a transaction as bod_app with `tenantId` set (or none), and rolls it back. */
async function asApp<T>(tenantId: string | null, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  await app.query("BEGIN");
  try {
    if (tenantId) await app.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    return await fn(app);
  } finally {
    await app.query("ROLLBACK");
  }
}

beforeAll(async () => {
  app = new pg.Client({ connectionString: testEnv.appDatabaseUrl });
  await app.connect();
  tenantA = await signUpCompany("Tenant A");
  tenantB = await signUpCompany("Tenant B");
  const { warehouse, product } = await buildStockedProduct(tenantA, 5);
  stocked = { warehouseId: warehouse.id, productId: product.id };
  await buildWarehouse(tenantB);
  await buildProduct(tenantB);
});

afterAll(async () => {
  await app?.end();
});

describe("row-level security as bod_app", () => {
  it("connects as a role that is neither superuser nor owner", async () => {
    const { rows } = await app.query("SELECT current_user AS who, rolsuper FROM pg_roles WHERE rolname = current_user");
    expect(rows).toEqual([{ who: "bod_app", rolsuper: false }]);
  });

  it("sees no products or warehouses without a tenant set, though they exist", async () => {
    const [all] = await dbRows("SELECT (SELECT count(*) FROM products)::int AS products, (SELECT count(*) FROM warehouses)::int AS warehouses");
    expect(all!.products).toBeGreaterThanOrEqual(2);
    expect(all!.warehouses).toBeGreaterThanOrEqual(2);
    await asApp(null, async (c) => {
      expect((await c.query("SELECT * FROM products")).rows).toEqual([]);
      expect((await c.query("SELECT * FROM warehouses")).rows).toEqual([]);
      expect((await c.query("SELECT * FROM stock_levels")).rows).toEqual([]);
    });
  });

  it("with another tenant set, sees only that tenant's rows, none of tenant A's", async () => {
    await asApp(tenantB.tenantId!, async (c) => {
      const products = (await c.query("SELECT tenant_id FROM products")).rows;
      const warehouses = (await c.query("SELECT tenant_id FROM warehouses")).rows;
      expect(products.length).toBeGreaterThan(0);
      expect(warehouses.length).toBeGreaterThan(0);
      expect([...products, ...warehouses].every((r) => r.tenant_id === tenantB.tenantId)).toBe(true);
      expect((await c.query("SELECT * FROM products WHERE id = $1", [stocked.productId])).rows).toEqual([]);
      expect((await c.query("SELECT * FROM stock_movements WHERE tenant_id = $1", [tenantA.tenantId])).rows).toEqual([]);
      // Updates and deletes of tenant A's rows touch nothing.
      expect((await c.query("UPDATE products SET name = 'hacked' WHERE id = $1", [stocked.productId])).rowCount).toBe(0);
      expect((await c.query("DELETE FROM warehouses WHERE id = $1", [stocked.warehouseId])).rowCount).toBe(0);
    });
    await asApp(tenantA.tenantId!, async (c) => {
      expect((await c.query("SELECT id FROM products WHERE id = $1", [stocked.productId])).rows).toHaveLength(1);
    });
  });

  it("refuses inserting a row for another tenant", async () => {
    await asApp(tenantB.tenantId!, async (c) => {
      await expect(c.query("INSERT INTO products (tenant_id, id, sku, name) VALUES ($1, $2, 'RLS-1', 'x')", [tenantA.tenantId, crypto.randomUUID()])).rejects.toThrow(/row-level security/);
    });
    await asApp(tenantB.tenantId!, async (c) => {
      await expect(c.query("INSERT INTO warehouses (tenant_id, id, code, name) VALUES ($1, $2, 'RLS', 'x')", [tenantA.tenantId, crypto.randomUUID()])).rejects.toThrow(/row-level security/);
    });
    expect(await dbRows("SELECT 1 FROM products WHERE sku = 'RLS-1'")).toEqual([]);
  });

  it("cannot UPDATE or DELETE stock movements, even of its own tenant", async () => {
    await asApp(tenantA.tenantId!, async (c) => {
      expect((await c.query("SELECT 1 FROM stock_movements WHERE product_id = $1", [stocked.productId])).rows).toHaveLength(1);
      await expect(c.query("UPDATE stock_movements SET quantity = 100 WHERE product_id = $1", [stocked.productId])).rejects.toThrow(/permission denied/);
    });
    await asApp(tenantA.tenantId!, async (c) => {
      await expect(c.query("DELETE FROM stock_movements WHERE product_id = $1", [stocked.productId])).rejects.toThrow(/permission denied/);
    });
    expect(await dbRows("SELECT quantity FROM stock_movements WHERE product_id = $1", [stocked.productId])).toEqual([{ quantity: 5 }]);
  });

  it("the order search function (it runs as the owner) keeps to the transaction's tenant", async () => {
    const a = await buildOrder(tenantA, { customerName: "Quentin Searchable", lines: [{ productId: (await buildProduct(tenantA)).id, quantity: 1 }] });
    const found = (tenant: string | null) => asApp(tenant, async (c) => (await c.query("SELECT search_order_ids('Quentin%', 100) AS id")).rows.map((r) => r.id));
    expect(await found(tenantA.tenantId!)).toEqual([a.id]);
    expect(await found(tenantB.tenantId!)).toEqual([]);
    expect(await found(null)).toEqual([]);
  });
});
