// CSV imports of supplier terms on the real database and the real job queue: a good file (new
// suppliers created, terms created and updated, the preferred rule), every row error with its
// line, column and reason, all-or-nothing when the write fails in its third batch, the same file
// refused, "update existing" off and on, and another company's user.
import { beforeAll, describe, expect, it } from "vitest";
import { buildProduct, buildSupplier, buildSupplierTerms, unique } from "./builders.ts";
import { signUpCompany } from "./client.ts";
import { dbRows } from "./guards.ts";
import { startTestWorker } from "./worker.ts";
import { confirmAndWait, upload, uploadAndRead } from "./imports-support.ts";

beforeAll(async () => {
  await startTestWorker();
});

const HEADER = "supplier,sku,unit_cost,lead_time_days,min_order_qty,case_pack,is_preferred,supplier_email";

/** Every term of the company as the database holds it, by supplier name then SKU. */
const termsOf = (tenantId: string) =>
  dbRows(
    `SELECT s.name AS supplier, p.sku, t.unit_cost_cents, t.lead_time_days, t.min_order_qty, t.case_pack, t.is_preferred
     FROM product_suppliers t JOIN suppliers s ON s.tenant_id = t.tenant_id AND s.id = t.supplier_id JOIN products p ON p.tenant_id = t.tenant_id AND p.id = t.product_id
     WHERE t.tenant_id = $1 ORDER BY s.name, p.sku`,
    [tenantId],
  );
const suppliersOf = (tenantId: string) => dbRows("SELECT name, email FROM suppliers WHERE tenant_id = $1 ORDER BY name", [tenantId]);

describe("supplier terms import", () => {
  it("creates new suppliers and their terms, updates existing terms, moves the preferred mark, and counts exactly", async () => {
    const admin = await signUpCompany();
    const bolt = await buildProduct(admin, { sku: unique("A-") });
    const nut = await buildProduct(admin, { sku: unique("B-") });
    const acme = await buildSupplier(admin, { name: "Acme", email: null });
    const old = await buildSupplier(admin, { name: "Old Co" });
    await buildSupplierTerms(admin, bolt.id, acme.id, { unitCostCents: 900, leadTimeDays: 3, isPreferred: false });
    await buildSupplierTerms(admin, bolt.id, old.id, { unitCostCents: 800, leadTimeDays: 9, isPreferred: true });

    const file = [
      HEADER,
      `Acme,${bolt.sku},12.50,5,10,6,yes,orders@acme.test`, // existing terms: updated, and Acme now preferred for bolt
      `Acme,${nut.sku},3,0,,,0,`, // new terms of an existing supplier; empty MOQ and case pack are 1
      `"Zeta, Inc.",${nut.sku},0.5,14,1,12,true,zeta@zeta.test`, // a supplier not known yet
    ].join("\r\n");
    const { imp, preview } = await uploadAndRead(admin, "supplier_terms", file, { updateExisting: true });
    expect(imp.mapping).toEqual(["supplier", "sku", "unit_cost", "lead_time_days", "min_order_qty", "case_pack", "is_preferred", "supplier_email"]);
    expect(preview.errors).toEqual([]);
    expect(imp.counts).toEqual({ rows: 3, create: 2, update: 1, skip: 0, rejected: 0 });
    expect(preview.rows).toEqual([
      { line: 2, action: "update", values: { supplier: "Acme", sku: bolt.sku, unit_cost: "12.50", unit_cost_cents: 1250, lead_time_days: 5, min_order_qty: 10, case_pack: 6, is_preferred: true, supplier_email: "orders@acme.test" } },
      { line: 3, action: "create", values: { supplier: "Acme", sku: nut.sku, unit_cost: "3.00", unit_cost_cents: 300, lead_time_days: 0, min_order_qty: 1, case_pack: 1, is_preferred: false, supplier_email: null } },
      { line: 4, action: "create", values: { supplier: "Zeta, Inc.", sku: nut.sku, unit_cost: "0.50", unit_cost_cents: 50, lead_time_days: 14, min_order_qty: 1, case_pack: 12, is_preferred: true, supplier_email: "zeta@zeta.test" } },
    ]);
    // Nothing is written before the confirm.
    expect((await suppliersOf(admin.tenantId!)).map((s) => s.name)).toEqual(["Acme", "Old Co"]);

    const done = await confirmAndWait(admin, imp.id);
    expect(done).toMatchObject({ status: "succeeded", counts: { rows: 3, create: 2, update: 1, skip: 0, rejected: 0 } });
    expect(await suppliersOf(admin.tenantId!)).toEqual([
      { name: "Acme", email: "orders@acme.test" },
      { name: "Old Co", email: null },
      { name: "Zeta, Inc.", email: "zeta@zeta.test" },
    ]);
    expect(await termsOf(admin.tenantId!)).toEqual([
      { supplier: "Acme", sku: bolt.sku, unit_cost_cents: 1250, lead_time_days: 5, min_order_qty: 10, case_pack: 6, is_preferred: true },
      { supplier: "Acme", sku: nut.sku, unit_cost_cents: 300, lead_time_days: 0, min_order_qty: 1, case_pack: 1, is_preferred: false },
      // Old Co was bolt's preferred supplier: the file's preferred Acme took the mark (one per SKU).
      { supplier: "Old Co", sku: bolt.sku, unit_cost_cents: 800, lead_time_days: 9, min_order_qty: 1, case_pack: 1, is_preferred: false },
      { supplier: "Zeta, Inc.", sku: nut.sku, unit_cost_cents: 50, lead_time_days: 14, min_order_qty: 1, case_pack: 12, is_preferred: true },
    ]);
    // The product's own endpoint reads what the import wrote.
    const listed = await admin.get(`/api/v1/products/${bolt.id}/suppliers`);
    expect(listed.body.items.map((t: { supplierName: string; isPreferred: boolean }) => [t.supplierName, t.isPreferred])).toEqual([
      ["Acme", true],
      ["Old Co", false],
    ]);
    expect((await admin.get("/api/v1/imports/templates/supplier_terms.csv")).body).toBe(`${HEADER}\r\n`);
  });

  it("reports every bad row with its line, column and reason and writes none of them", async () => {
    const admin = await signUpCompany();
    const p = await buildProduct(admin);
    const q = await buildProduct(admin);
    const r = await buildProduct(admin);
    const s = p.sku;
    const file = [
      HEADER,
      `Acme,NOPE-SKU,1.00,1,1,1,,`, // 2
      `Acme,${s},-1.00,1,1,1,,`, // 3
      `Acme,${s},12.505,1,1,1,,`, // 4
      `Acme,${s},"12,50",1,1,1,,`, // 5
      `Acme,${s},$12,1,1,1,,`, // 6
      `Acme,${s},1.00,-1,1,1,,`, // 7
      `Acme,${s},1.00,3651,1,1,,`, // 8
      `Acme,${s},1.00,1.5,1,1,,`, // 9
      `Acme,${s},1.00,1,0,1,,`, // 10
      `Acme,${s},1.00,1,1,0,,`, // 11
      `Acme,${s},1.00,1,1,1,maybe,`, // 12
      `Acme,${s},1.00,1,1,1,,not-an-email`, // 13
      `,${s},1.00,1,1,1,,`, // 14
      `Acme,${s},,1,1,1,,`, // 15
      `Acme,${q.sku},1.00,1,1,1,yes,a@acme.test`, // 16: good
      `Acme,${q.sku},2.00,1,1,1,,`, // 17: the same (supplier, SKU) again
      `Bolt Co,${q.sku},1.00,1,1,1,true,`, // 18: a second preferred supplier for q
      `Acme,${r.sku},1.00,1,1,1,,b@acme.test`, // 19: a second e-mail for Acme
      `=cmd,${r.sku},1.00,1,1,1,,`, // 20
    ].join("\n");
    const { imp, preview } = await uploadAndRead(admin, "supplier_terms", file);
    expect(preview.errors).toEqual([
      { line: 2, column: "sku", reason: "Unknown SKU NOPE-SKU" },
      { line: 3, column: "unit_cost", reason: "Negative amount (-1.00): must be 0 or more" },
      { line: 4, column: "unit_cost", reason: "More than 2 decimals (12.505): write whole cents, as 12.50" },
      { line: 5, column: "unit_cost", reason: "Decimal comma (12,50): write the amount with a point, as 12.50" },
      { line: 6, column: "unit_cost", reason: 'Not an amount: "$12" (write it as 12.50: digits, a point, at most 2 decimals, no currency sign)' },
      { line: 7, column: "lead_time_days", reason: "Negative quantity (-1): must be 0 or more" },
      { line: 8, column: "lead_time_days", reason: "Larger than 3,650" },
      { line: 9, column: "lead_time_days", reason: "Fractional quantity (1.5): must be a whole number" },
      { line: 10, column: "min_order_qty", reason: "Less than 1: must be 1 or more" },
      { line: 11, column: "case_pack", reason: "Less than 1: must be 1 or more" },
      { line: 12, column: "is_preferred", reason: 'Not true or false: "maybe"' },
      { line: 13, column: "supplier_email", reason: 'Not an e-mail address: "not-an-email"' },
      { line: 14, column: "supplier", reason: "Required: the cell is empty" },
      { line: 15, column: "unit_cost", reason: "Required: the cell is empty" },
      { line: 17, column: "supplier, sku", reason: "Duplicate: the same supplier, sku as line 16" },
      { line: 18, column: "is_preferred", reason: `Another row (line 16) marks supplier Acme preferred for SKU ${q.sku}: one preferred supplier per SKU` },
      { line: 19, column: "supplier_email", reason: "Another row (line 16) gives supplier Acme the e-mail a@acme.test" },
      { line: 20, column: "supplier", reason: `Starts with "=", which a spreadsheet runs as a formula: formulas are refused (start the text with ' to keep it as text)` },
    ]);
    expect(imp.counts).toEqual({ rows: 19, create: 1, update: 0, skip: 0, rejected: 18 });

    const done = await confirmAndWait(admin, imp.id);
    expect(done.counts).toMatchObject({ create: 1, rejected: 18 });
    expect(await suppliersOf(admin.tenantId!)).toEqual([{ name: "Acme", email: "a@acme.test" }]);
    expect(await termsOf(admin.tenantId!)).toEqual([{ supplier: "Acme", sku: q.sku, unit_cost_cents: 100, lead_time_days: 1, min_order_qty: 1, case_pack: 1, is_preferred: true }]);
  });

  it("writes all or nothing: a product removed after the preview fails the write in its third batch and leaves no supplier or term", async () => {
    const admin = await signUpCompany();
    const prefix = unique("T-");
    await dbRows("INSERT INTO products (tenant_id, sku, name) SELECT $1, $2 || lpad(i::text, 4, '0'), 'P' || i FROM generate_series(0, 2499) i", [admin.tenantId, prefix]);
    await buildSupplier(admin, { name: "Existing" });
    const file = HEADER + "\r\n" + Array.from({ length: 2500 }, (_, i) => `${i % 2 ? "Existing" : `New ${i}`},${prefix}${String(i).padStart(4, "0")},1.00,2,1,1,,`).join("\r\n");
    const { imp } = await uploadAndRead(admin, "supplier_terms", file);
    expect(imp.counts).toMatchObject({ rows: 2500, create: 2500, rejected: 0 });
    await dbRows("DELETE FROM products WHERE tenant_id = $1 AND sku = $2", [admin.tenantId, `${prefix}2101`]);
    const done = await confirmAndWait(admin, imp.id);
    expect(done.status).toBe("failed");
    expect(done.error).toBe("Nothing was written: a warehouse or product of the file was removed after the preview; upload the file again");
    expect(await suppliersOf(admin.tenantId!)).toEqual([{ name: "Existing", email: null }]);
    expect(await dbRows("SELECT 1 FROM product_suppliers WHERE tenant_id = $1", [admin.tenantId])).toEqual([]);
  });

  it("refuses the same file again (409); without update existing changed terms are skipped, with it they change", async () => {
    const admin = await signUpCompany();
    const p = await buildProduct(admin);
    const file = `supplier,sku,unit_cost,lead_time_days\r\nAcme,${p.sku},5.00,7\r\n`;
    const first = await uploadAndRead(admin, "supplier_terms", file);
    expect((await confirmAndWait(admin, first.imp.id)).counts).toMatchObject({ create: 1 });
    const again = await upload(admin, "supplier_terms", file);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", details: { importId: first.imp.id, status: "succeeded" } });
    expect((await dbRows("SELECT count(*)::int AS n FROM imports WHERE tenant_id = $1", [admin.tenantId]))[0]!.n).toBe(1);

    const changed = `supplier,sku,unit_cost,lead_time_days,supplier_email\r\nAcme,${p.sku},6.25,10,new@acme.test\r\n`;
    const skipped = await uploadAndRead(admin, "supplier_terms", changed);
    expect(skipped.imp.counts).toEqual({ rows: 1, create: 0, update: 0, skip: 1, rejected: 0 });
    expect((await confirmAndWait(admin, skipped.imp.id)).counts).toMatchObject({ create: 0, update: 0, skip: 1 });
    expect(await termsOf(admin.tenantId!)).toEqual([{ supplier: "Acme", sku: p.sku, unit_cost_cents: 500, lead_time_days: 7, min_order_qty: 1, case_pack: 1, is_preferred: false }]);
    expect(await suppliersOf(admin.tenantId!)).toEqual([{ name: "Acme", email: null }]);

    const updating = await uploadAndRead(admin, "supplier_terms", changed, { updateExisting: true });
    expect(updating.imp.counts).toEqual({ rows: 1, create: 0, update: 1, skip: 0, rejected: 0 });
    expect((await confirmAndWait(admin, updating.imp.id)).counts).toMatchObject({ create: 0, update: 1, skip: 0 });
    // Columns the file does not map (MOQ, case pack, preferred) keep their values.
    expect(await termsOf(admin.tenantId!)).toEqual([{ supplier: "Acme", sku: p.sku, unit_cost_cents: 625, lead_time_days: 10, min_order_qty: 1, case_pack: 1, is_preferred: false }]);
    expect(await suppliersOf(admin.tenantId!)).toEqual([{ name: "Acme", email: "new@acme.test" }]);
    // Only the e-mail differs now: still an update, and the same content again is a skip.
    const emailOnly = await uploadAndRead(admin, "supplier_terms", `supplier,sku,unit_cost,lead_time_days,supplier_email\r\nAcme,${p.sku},6.25,10,other@acme.test\r\n`, { updateExisting: true });
    expect(emailOnly.imp.counts).toMatchObject({ update: 1, skip: 0 });
    expect((await confirmAndWait(admin, emailOnly.imp.id)).counts).toMatchObject({ update: 1 });
    expect(await suppliersOf(admin.tenantId!)).toEqual([{ name: "Acme", email: "other@acme.test" }]);
    const same = await uploadAndRead(admin, "supplier_terms", changed.replace("new@", "other@") + "\r\n", { updateExisting: true });
    expect(same.imp.counts).toMatchObject({ update: 0, skip: 1 });
  });

  it("another company's user gets 404 for the import and sees none; nothing of it changes", async () => {
    const owner = await signUpCompany("Owner Co");
    const outsider = await signUpCompany("Outsider Co");
    const p = await buildProduct(owner);
    const { imp } = await uploadAndRead(owner, "supplier_terms", `supplier,sku,unit_cost,lead_time_days\nAcme,${p.sku},1.00,1\n`);
    const snapshot = () => dbRows("SELECT status, mapping, cancel_requested FROM imports WHERE id = $1", [imp.id]);
    const before = await snapshot();
    for (const res of [
      await outsider.get(`/api/v1/imports/${imp.id}`),
      await outsider.get(`/api/v1/imports/${imp.id}/preview`),
      await outsider.put(`/api/v1/imports/${imp.id}/mapping`, { mapping: ["supplier", "sku", "unit_cost", "lead_time_days"] }),
      await outsider.post(`/api/v1/imports/${imp.id}/confirm`),
      await outsider.post(`/api/v1/imports/${imp.id}/cancel`),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await outsider.get("/api/v1/imports?kind=supplier_terms")).body.items).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(await dbRows("SELECT 1 FROM suppliers WHERE tenant_id IN ($1, $2)", [owner.tenantId, outsider.tenantId])).toEqual([]);
  });
});
