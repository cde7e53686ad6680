import { describe, expect, it } from "vitest";
import { buildProduct, buildStockedProduct, buildSupplier, buildSupplierTerms, unique } from "./builders.ts";
import { signUpCompany, addMember } from "./client.ts";
import { describeGuards, dbRows, expectInvalid, rowById, tenantPair, type TenantPair } from "./guards.ts";

describe("products", () => {
  it("creates, reads, updates and deletes a product", async () => {
    const admin = await signUpCompany();
    const purchaser = await addMember(admin, "purchaser");
    const sku = unique("SKU-");
    const created = await purchaser.post("/api/v1/products", { sku, name: "Blue mug", barcode: `B${sku}`, isPreorder: true, restockDate: "2027-03-01", restockQuantity: 40 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku, name: "Blue mug", barcode: `B${sku}`, isPreorder: true, restockDate: "2027-03-01", restockQuantity: 40 });
    const id = created.body.id;

    expect((await purchaser.get(`/api/v1/products/${id}`)).body).toEqual(created.body);
    const staff = await addMember(admin, "staff");
    expect((await staff.get(`/api/v1/products/${id}`)).status).toBe(200);

    const updated = await purchaser.patch(`/api/v1/products/${id}`, { name: "Navy mug", restockDate: null, barcode: null });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, sku, name: "Navy mug", restockDate: null, barcode: null, restockQuantity: 40 });
    expect((await rowById("products", id))[0]).toMatchObject({ name: "Navy mug", restock_date: null, barcode: null });

    expect((await purchaser.delete(`/api/v1/products/${id}`)).status).toBe(204);
    expect(await rowById("products", id)).toEqual([]);
    expect((await purchaser.get(`/api/v1/products/${id}`)).status).toBe(404);
  });

  it("refuses a duplicate sku with 409", async () => {
    const admin = await signUpCompany();
    const p = await buildProduct(admin);
    const again = await admin.post("/api/v1/products", { sku: p.sku, name: "Other" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
  });

  it("refuses to delete a product the ledger uses (409), and keeps it", async () => {
    const admin = await signUpCompany();
    const { product } = await buildStockedProduct(admin, 5);
    const res = await admin.delete(`/api/v1/products/${product.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(await rowById("products", product.id)).toHaveLength(1);
  });

  it("lists with search on sku, name and barcode, keyset pages, and only the tenant's own", async () => {
    const admin = await signUpCompany();
    const tag = unique("zq");
    const a = await buildProduct(admin, { sku: `${tag}-A`, name: "Alpha" });
    const b = await buildProduct(admin, { sku: `X-${unique()}`, name: `Beta ${tag}` });
    const c = await buildProduct(admin, { sku: `Y-${unique()}`, name: "Gamma", barcode: `${tag}999` });
    await buildProduct(admin, { sku: unique("OTHER-"), name: "Unrelated" });
    const outsider = await signUpCompany();
    await buildProduct(outsider, { sku: `${tag}-OUT`, name: "Outsider's" });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: any = await admin.get(`/api/v1/products?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((p: any) => p.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toEqual([a, b, c].sort((x, y) => (x.sku < y.sku ? -1 : 1)).map((p) => p.id));
  });

  it("refuses bad input with the field named, and unknown fields", async () => {
    const admin = await signUpCompany();
    expectInvalid(await admin.post("/api/v1/products", { name: "No sku" }), "sku");
    expectInvalid(await admin.post("/api/v1/products", { sku: "S1", name: "x", restockDate: "01/02/2027" }), "restockDate");
    expectInvalid(await admin.post("/api/v1/products", { sku: "S1", name: "x", restockQuantity: -1 }), "restockQuantity");
    const unknown = await admin.post("/api/v1/products", { sku: "S1", name: "x", price: 3 });
    expect(unknown.status).toBe(400);
    const p = await buildProduct(admin);
    expectInvalid(await admin.patch(`/api/v1/products/${p.id}`, { isPreorder: "yes" }), "isPreorder");
    expectInvalid(await admin.patch(`/api/v1/products/not-a-uuid`, { name: "x" }), "id");
    expectInvalid(await admin.get(`/api/v1/products?limit=0`), "limit");
    expectInvalid(await admin.get(`/api/v1/products?cursor=garbage`), "cursor");
    expectInvalid(await admin.get(`/api/v1/products/not-a-uuid`), "id");
  });

  it("finds a product by barcode for scanners, and 404 for another tenant's barcode", async () => {
    const admin = await signUpCompany();
    const barcode = unique("400");
    const p = await buildProduct(admin, { barcode });
    const staff = await addMember(admin, "staff");
    const found = await staff.get(`/api/v1/products/by-barcode/${barcode}`);
    expect(found.status).toBe(200);
    expect(found.body.id).toBe(p.id);
    const outsider = await signUpCompany();
    expect((await outsider.get(`/api/v1/products/by-barcode/${barcode}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/products/by-barcode/${unique("none")}`)).status).toBe(404);
  });
});

describe("supplier terms of a product", () => {
  it("upserts terms, keeps one preferred supplier, lists and removes them", async () => {
    const admin = await signUpCompany();
    const product = await buildProduct(admin);
    const s1 = await buildSupplier(admin, { name: unique("Acme ") });
    const s2 = await buildSupplier(admin, { name: unique("Bolt ") });

    const first = await buildSupplierTerms(admin, product.id, s1.id, { unitCostCents: 500, leadTimeDays: 10, isPreferred: true });
    expect(first).toMatchObject({ supplierId: s1.id, supplierName: s1.name, unitCostCents: 500, leadTimeDays: 10, minOrderQty: 1, casePack: 1, isPreferred: true });
    const changed = await buildSupplierTerms(admin, product.id, s1.id, { unitCostCents: 450, leadTimeDays: 9, casePack: 6, isPreferred: true });
    expect(changed).toMatchObject({ unitCostCents: 450, casePack: 6, isPreferred: true });
    await buildSupplierTerms(admin, product.id, s2.id, { isPreferred: true });

    const list = await admin.get(`/api/v1/products/${product.id}/suppliers`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const preferred = list.body.items.filter((t: any) => t.isPreferred).map((t: any) => t.supplierId);
    expect(preferred).toEqual([s2.id]);
    expect(await dbRows("SELECT supplier_id FROM product_suppliers WHERE product_id = $1 AND is_preferred", [product.id])).toEqual([{ supplier_id: s2.id }]);

    expect((await admin.delete(`/api/v1/products/${product.id}/suppliers/${s1.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/products/${product.id}/suppliers`)).body.items.map((t: any) => t.supplierId)).toEqual([s2.id]);
    expect((await admin.delete(`/api/v1/products/${product.id}/suppliers/${s1.id}`)).status).toBe(404);
  });

  it("refuses bad terms with the field named, and another tenant's supplier with 404", async () => {
    const admin = await signUpCompany();
    const product = await buildProduct(admin);
    const supplier = await buildSupplier(admin);
    const path = `/api/v1/products/${product.id}/suppliers/${supplier.id}`;
    expectInvalid(await admin.put(path, { unitCostCents: -1, leadTimeDays: 3 }), "unitCostCents");
    expectInvalid(await admin.put(path, { unitCostCents: 1, leadTimeDays: 3, casePack: 0 }), "casePack");
    expectInvalid(await admin.put(path, { unitCostCents: 1 }), "leadTimeDays");
    expect((await admin.put(path, { unitCostCents: 1, leadTimeDays: 3, discount: 5 })).status).toBe(400);
    expectInvalid(await admin.put(`/api/v1/products/${product.id}/suppliers/nope`, { unitCostCents: 1, leadTimeDays: 3 }), "supplierId");

    const outsider = await signUpCompany();
    const foreign = await buildSupplier(outsider);
    const res = await admin.put(`/api/v1/products/${product.id}/suppliers/${foreign.id}`, { unitCostCents: 1, leadTimeDays: 3 });
    expect(res.status).toBe(404);
    expect(await dbRows("SELECT 1 FROM product_suppliers WHERE product_id = $1", [product.id])).toEqual([]);
  });
});

interface Fixture {
  tenants: TenantPair;
  productId: string;
  supplierId: string;
}
const productRow = (f: Fixture) => rowById("products", f.productId);
const termsRows = (f: Fixture) => dbRows("SELECT * FROM product_suppliers WHERE product_id = $1 ORDER BY supplier_id", [f.productId]);

describeGuards<Fixture>(
  "products: guards",
  async () => {
    const tenants = await tenantPair();
    const product = await buildProduct(tenants.owner, { barcode: unique("77") });
    const supplier = await buildSupplier(tenants.owner);
    await buildSupplierTerms(tenants.owner, product.id, supplier.id);
    return { tenants, productId: product.id, supplierId: supplier.id };
  },
  [
    { name: "GET /products", call: (c) => c.get("/api/v1/products") },
    { name: "GET /products/by-barcode/:code", call: (c) => c.get("/api/v1/products/by-barcode/123") },
    { name: "POST /products", call: (c) => c.post("/api/v1/products", { sku: unique("S"), name: "x" }), deniedRole: "staff" },
    { name: "GET /products/:id", call: (c, f) => c.get(`/api/v1/products/${f.productId}`), outsider: true, snapshot: productRow },
    { name: "PATCH /products/:id", call: (c, f) => c.patch(`/api/v1/products/${f.productId}`, { name: "hacked" }), deniedRole: "staff", outsider: true, snapshot: productRow },
    { name: "DELETE /products/:id", call: (c, f) => c.delete(`/api/v1/products/${f.productId}`), deniedRole: "staff", outsider: true, snapshot: productRow },
    { name: "GET /products/:id/suppliers", call: (c, f) => c.get(`/api/v1/products/${f.productId}/suppliers`), outsider: true, snapshot: termsRows },
    {
      name: "PUT /products/:id/suppliers/:supplierId",
      call: (c, f) => c.put(`/api/v1/products/${f.productId}/suppliers/${f.supplierId}`, { unitCostCents: 1, leadTimeDays: 1 }),
      deniedRole: "staff",
      outsider: true,
      snapshot: termsRows,
    },
    {
      name: "DELETE /products/:id/suppliers/:supplierId",
      call: (c, f) => c.delete(`/api/v1/products/${f.productId}/suppliers/${f.supplierId}`),
      deniedRole: "staff",
      outsider: true,
      snapshot: termsRows,
    },
  ],
);
