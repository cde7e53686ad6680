import { describe, expect, it } from "vitest";
import { buildProduct, buildSupplier, buildSupplierTerms, unique } from "./builders.ts";
import { addMember, signUpCompany } from "./client.ts";
import { dbRows, describeGuards, expectInvalid, rowById, tenantPair, type TenantPair } from "./guards.ts";

describe("suppliers", () => {
  it("creates, lists, reads, updates and deletes suppliers (their product terms go with them)", async () => {
    const admin = await signUpCompany();
    const purchaser = await addMember(admin, "purchaser");
    const tag = unique("s");
    const created = await purchaser.post("/api/v1/suppliers", { name: `${tag} Bolt`, email: "orders@bolt.test" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: `${tag} Bolt`, email: "orders@bolt.test" });
    const a = await buildSupplier(purchaser, { name: `${tag} Acme` });
    await buildSupplier(purchaser);

    const page1 = await purchaser.get(`/api/v1/suppliers?q=${tag}&limit=1`);
    expect(page1.body.items.map((s: any) => s.id)).toEqual([a.id]);
    const page2 = await purchaser.get(`/api/v1/suppliers?q=${tag}&limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ items: [created.body], nextCursor: null });

    const updated = await purchaser.patch(`/api/v1/suppliers/${a.id}`, { email: null, name: `${tag} Acme Ltd` });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ email: null, name: `${tag} Acme Ltd` });
    expect((await purchaser.get(`/api/v1/suppliers/${a.id}`)).body).toEqual(updated.body);

    const product = await buildProduct(admin);
    await buildSupplierTerms(admin, product.id, a.id);
    expect((await purchaser.delete(`/api/v1/suppliers/${a.id}`)).status).toBe(204);
    expect(await rowById("suppliers", a.id)).toEqual([]);
    expect(await dbRows("SELECT 1 FROM product_suppliers WHERE supplier_id = $1", [a.id])).toEqual([]);
  });

  it("refuses a duplicate name (409) and bad input with the field named", async () => {
    const admin = await signUpCompany();
    const s = await buildSupplier(admin);
    expect((await admin.post("/api/v1/suppliers", { name: s.name })).status).toBe(409);
    expectInvalid(await admin.post("/api/v1/suppliers", { name: "" }), "name");
    expectInvalid(await admin.post("/api/v1/suppliers", { name: "X", email: "nope" }), "email");
    expect((await admin.post("/api/v1/suppliers", { name: "X", phone: "1" })).status).toBe(400);
    expectInvalid(await admin.patch(`/api/v1/suppliers/${s.id}`, { email: "bad" }), "email");
    expectInvalid(await admin.get(`/api/v1/suppliers/x`), "id");
    expectInvalid(await admin.delete(`/api/v1/suppliers/x`), "id");
  });
});

interface Fixture {
  tenants: TenantPair;
  supplierId: string;
}
const supplierRow = (f: Fixture) => rowById("suppliers", f.supplierId);

describeGuards<Fixture>(
  "suppliers: guards",
  async () => {
    const tenants = await tenantPair();
    return { tenants, supplierId: (await buildSupplier(tenants.owner)).id };
  },
  [
    { name: "GET /suppliers", call: (c) => c.get("/api/v1/suppliers") },
    { name: "POST /suppliers", call: (c) => c.post("/api/v1/suppliers", { name: unique("S") }), deniedRole: "staff" },
    { name: "GET /suppliers/:id", call: (c, f) => c.get(`/api/v1/suppliers/${f.supplierId}`), outsider: true, snapshot: supplierRow },
    { name: "PATCH /suppliers/:id", call: (c, f) => c.patch(`/api/v1/suppliers/${f.supplierId}`, { name: "hacked" }), deniedRole: "staff", outsider: true, snapshot: supplierRow },
    { name: "DELETE /suppliers/:id", call: (c, f) => c.delete(`/api/v1/suppliers/${f.supplierId}`), deniedRole: "staff", outsider: true, snapshot: supplierRow },
  ],
);
