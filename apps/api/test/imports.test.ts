// CSV imports on the real database and the real job queue: products and stock counts, from a
// good file, a file of bad rows (exact line, column and reason), all-or-nothing when the write
// fails mid-file, a re-run refused, export → import changing nothing, and the guards.
import { beforeAll, describe, expect, it } from "vitest";
import { buildChannel, buildLocation, buildProduct, buildStock, buildWarehouse, unique } from "./builders.ts";
import { addMember, signUpCompany, type ApiClient } from "./client.ts";
import { dbRows, expectInvalid } from "./guards.ts";
import { insertOpenOrder, lineAllocated } from "./sql-fixtures.ts";
import { startTestWorker } from "./worker.ts";
import { confirmAndWait, upload, uploadAndRead, waitFor } from "./imports-support.ts";

beforeAll(async () => {
  await startTestWorker();
});

const productRow = (tenantId: string, sku: string) =>
  dbRows("SELECT sku, name, barcode, is_preorder, restock_date::text AS restock_date, restock_quantity, updated_at FROM products WHERE tenant_id = $1 AND sku = $2", [tenantId, sku]);

describe("products import", () => {
  it("reads a good file, previews it, and creates the products on confirm", async () => {
    const admin = await signUpCompany();
    const a = unique("A-");
    const b = unique("B-");
    const file = `sku,name,barcode,is_preorder,restock_date,restock_quantity\r\n${a},Alpha,${unique("9")},false,,\r\n${b},"Beta, the second",,true,2027-03-01,40\r\n`;
    const { imp, preview } = await uploadAndRead(admin, "products", file, { fileName: "catalogue.csv" });
    expect(imp).toMatchObject({ status: "parsed", fileName: "catalogue.csv", headers: ["sku", "name", "barcode", "is_preorder", "restock_date", "restock_quantity"], fileErrors: [] });
    expect(imp.mapping).toEqual(["sku", "name", "barcode", "is_preorder", "restock_date", "restock_quantity"]);
    expect(imp.counts).toEqual({ rows: 2, create: 2, update: 0, skip: 0, rejected: 0 });
    expect(imp.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.errors).toEqual([]);
    expect(preview.rows[1]).toEqual({ line: 3, action: "create", values: { sku: b, name: "Beta, the second", barcode: null, is_preorder: true, restock_date: "2027-03-01", restock_quantity: 40 } });
    expect(await productRow(admin.tenantId!, a)).toEqual([]);

    const done = await confirmAndWait(admin, imp.id);
    expect(done).toMatchObject({ status: "succeeded", counts: { rows: 2, create: 2, update: 0, skip: 0, rejected: 0 }, rejectsUrl: null, createdBy: { id: admin.userId } });
    expect(done.progress.done).toBe(2);
    expect((await productRow(admin.tenantId!, b))[0]).toMatchObject({ name: "Beta, the second", barcode: null, is_preorder: true, restock_date: "2027-03-01", restock_quantity: 40 });
    const history = await admin.get("/api/v1/imports");
    expect(history.body.items.map((i: { id: string }) => i.id)).toEqual([imp.id]);
    expect(history.body.items[0]).toMatchObject({ kind: "products", status: "succeeded", createdBy: { name: expect.any(String) } });
  });

  it("reports every bad row with its line, column and reason, writes the good ones, and offers the rejects as CSV", async () => {
    const admin = await signUpCompany();
    const taken = await buildProduct(admin, { barcode: unique("5") });
    const sku = () => unique("S-");
    const good1 = sku();
    const good2 = sku();
    const dup = sku();
    const lines = [
      "\uFEFFSKU,Product Name,EAN,Preorder,Restock Date,Restock Qty", // BOM, headers by alias and case
      `${good1},"Two\nlines",,no,,`, // line 2-3: a quoted newline
      `=HYPERLINK("x"),Formula,,,,`, // line 4
      `${dup},First,,,,`, // line 5
      `${dup},Second,,,,`, // line 6: duplicate key
      `${sku()},Neg,,,,-3`, // line 7
      `${sku()},Frac,,,,2.5`, // line 8
      `${sku()},Date,,,03/01/2027,`, // line 9
      `${sku()},Taken,${taken.barcode},,,`, // line 10
      `${sku()},,,,,`, // line 11: name missing
      `${sku()},Too,many,cells,,,,`, // line 12
      `${good2},'-Minus sale,,maybe,,`, // line 13: neutralised text is fine; maybe is not a flag
    ];
    const text = lines.join("\r\n") + "\r\n";
    // Line 14: bytes that are not UTF-8 (Latin-1 é).
    const file = Buffer.concat([Buffer.from(text, "utf8"), Buffer.from(`${sku()},Caf`, "utf8"), Buffer.from([0xe9]), Buffer.from(",,,,\r\n", "utf8")]);
    const { imp, preview } = await uploadAndRead(admin, "products", file);
    expect(imp.mapping).toEqual(["sku", "name", "barcode", "is_preorder", "restock_date", "restock_quantity"]);
    expect(preview.errors).toEqual([
      { line: 4, column: "SKU", reason: `Starts with "=", which a spreadsheet runs as a formula: formulas are refused (start the text with ' to keep it as text)` },
      { line: 6, column: "sku", reason: "Duplicate: the same sku as line 5" },
      { line: 7, column: "Restock Qty", reason: "Negative quantity (-3): must be 0 or more" },
      { line: 8, column: "Restock Qty", reason: "Fractional quantity (2.5): must be a whole number" },
      { line: 9, column: "Restock Date", reason: 'Not a date in the form YYYY-MM-DD: "03/01/2027"' },
      { line: 10, column: "EAN", reason: `Barcode ${taken.barcode} already belongs to SKU ${taken.sku}` },
      { line: 11, column: "Product Name", reason: "Required: the cell is empty" },
      { line: 12, column: null, reason: "Has 8 cell(s) where the header has 6: check the delimiter (,) and the quoting of cells that hold commas" },
      { line: 13, column: "Preorder", reason: 'Not true or false: "maybe"' },
      { line: 14, column: "Product Name", reason: "Not UTF-8 text: save the file as CSV UTF-8" },
    ]);
    expect(imp.counts).toEqual({ rows: 12, create: 2, update: 0, skip: 0, rejected: 10 });
    expect(preview.rows.map((r: { line: number }) => r.line)).toEqual([2, 5]);
    expect(preview.rows[0].values.name).toBe("Two\nlines");

    const done = await confirmAndWait(admin, imp.id);
    expect(done.counts).toMatchObject({ create: 2, rejected: 10 });
    expect((await productRow(admin.tenantId!, good1))[0]).toMatchObject({ name: "Two\nlines" });
    expect((await productRow(admin.tenantId!, dup))[0]).toMatchObject({ name: "First" });
    expect(await productRow(admin.tenantId!, good2)).toEqual([]);

    const rejects = await admin.get(done.rejectsUrl!);
    expect(rejects.status).toBe(200);
    expect(rejects.headers.get("content-type")).toMatch(/^text\/csv/);
    const rejectLines = (rejects.body as string).split("\r\n");
    expect(rejectLines[0]).toBe("SKU,Product Name,EAN,Preorder,Restock Date,Restock Qty,line,reason");
    // The formula comes back neutralised, with the reason in the last column.
    expect(rejectLines[1]).toBe(`"'=HYPERLINK(""x"")",Formula,,,,,4,"SKU: Starts with ""="", which a spreadsheet runs as a formula: formulas are refused (start the text with ' to keep it as text)"`);
    expect(rejectLines.filter((l) => l).length).toBe(11);
  });

  it("refuses a file without a required column, or with another delimiter, as a whole (confirm 422); a new mapping reads it again", async () => {
    const admin = await signUpCompany();
    const a = unique("M-");
    const { imp } = await uploadAndRead(admin, "products", `code,title\r\n${a},Mapped later\r\n`);
    expect(imp.mapping).toEqual([null, "name"]);
    expect(imp.fileErrors).toEqual([{ column: "sku", reason: 'Missing required column "sku": no column of the file is read as it (add it, or map a column to it)' }]);
    const refused = await admin.post(`/api/v1/imports/${imp.id}/confirm`);
    expect(refused.status).toBe(422);

    expectInvalid(await admin.put(`/api/v1/imports/${imp.id}/mapping`, { mapping: ["colour", "name"] }), "mapping.0");
    expectInvalid(await admin.put(`/api/v1/imports/${imp.id}/mapping`, { mapping: ["name", "name"] }), "mapping.1");
    const remapped = await admin.put(`/api/v1/imports/${imp.id}/mapping`, { mapping: ["sku", "name"] });
    expect(remapped.status).toBe(200);
    const read = await waitFor(admin, imp.id, ["parsed"]);
    expect(read).toMatchObject({ fileErrors: [], counts: { rows: 1, create: 1 } });
    // The mapping is remembered for the company: the next file with a "code" column maps it to sku.
    const next = await uploadAndRead(admin, "products", `code,title\r\n${unique("M-")},Again\r\n`);
    expect(next.imp.mapping).toEqual(["sku", "name"]);

    const semicolons = await uploadAndRead(admin, "products", `sku;name\r\n${a};Semi\r\n`);
    expect(semicolons.imp.fileErrors).toEqual([{ column: null, reason: "Columns are separated by semicolons (;), not commas: save the file as comma-separated CSV" }]);
    const open = await uploadAndRead(admin, "products", `sku,name\r\n${a},"never closed\r\n`);
    expect(open.imp.fileErrors[0]?.reason).toBe("Line 2: a quote opened in this row is never closed");
  });

  it("refuses the same file again (409) unless update existing is chosen; update existing changes only what differs", async () => {
    const admin = await signUpCompany();
    const a = unique("R-");
    const file = `sku,name\r\n${a},First name\r\n`;
    const { imp } = await uploadAndRead(admin, "products", file);
    await confirmAndWait(admin, imp.id);
    const again = await upload(admin, "products", file);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", details: { importId: imp.id, status: "succeeded" } });
    expect((await dbRows("SELECT count(*)::int AS n FROM imports WHERE tenant_id = $1", [admin.tenantId]))[0]!.n).toBe(1);

    // A changed name without update existing: skipped; with it: updated.
    const changed = `sku,name\r\n${a},Second name\r\n`;
    const skipped = await uploadAndRead(admin, "products", changed);
    expect(skipped.imp.counts).toMatchObject({ create: 0, update: 0, skip: 1 });
    await admin.post(`/api/v1/imports/${skipped.imp.id}/cancel`);
    const updating = await uploadAndRead(admin, "products", changed, { updateExisting: true });
    expect(updating.imp.counts).toMatchObject({ create: 0, update: 1, skip: 0 });
    const done = await confirmAndWait(admin, updating.imp.id);
    expect(done.counts).toMatchObject({ update: 1 });
    expect((await productRow(admin.tenantId!, a))[0]).toMatchObject({ name: "Second name" });
    // The very same file again with update existing is accepted.
    expect((await upload(admin, "products", file, { updateExisting: true })).status).toBe(201);
  });

  it("writes all or nothing: a row refused by the database in the third batch leaves no product of the file", async () => {
    const admin = await signUpCompany();
    const barcode = unique("7");
    const prefix = unique("X-");
    const skus = Array.from({ length: 2500 }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}`);
    const file = "sku,name,barcode\r\n" + skus.map((s, i) => `${s},Row ${i},${i === 2100 ? barcode : ""}`).join("\r\n") + "\r\n";
    const { imp } = await uploadAndRead(admin, "products", file);
    expect(imp.counts).toMatchObject({ rows: 2500, create: 2500, rejected: 0 });
    // Between the preview and the write, another product takes the barcode of line 2,102: batches 1 and 2 are written first.
    await buildProduct(admin, { barcode });
    const done = await confirmAndWait(admin, imp.id);
    expect(done.status).toBe("failed");
    expect(done.error).toBe("Nothing was written: a value that must be unique (a barcode) was taken by another product after the preview; upload the file again");
    expect(await dbRows("SELECT sku FROM products WHERE tenant_id = $1 AND sku LIKE $2", [admin.tenantId, `${prefix}-%`])).toEqual([]);
  });
});

describe("stock counts import", () => {
  it("counts through the ledger per warehouse and SKU (locations add up) and recomputes the orders at those keys", async () => {
    const admin = await signUpCompany();
    const warehouse = await buildWarehouse(admin);
    const pick = await buildLocation(admin, { warehouseId: warehouse.id, code: unique("P-") });
    const bulk = await buildLocation(admin, { warehouseId: warehouse.id, code: unique("B-") });
    const counted = await buildProduct(admin);
    const lowered = await buildProduct(admin);
    await buildStock(admin, { warehouseId: warehouse.id, productId: lowered.id, quantity: 10 });
    const channel = await buildChannel(admin);
    const order = await insertOpenOrder({ tenantId: admin.tenantId!, channelId: channel.id, warehouseId: warehouse.id, lines: [{ productId: counted.id, quantity: 5 }] });

    const file = `warehouse,location,sku,on_hand\r\n${warehouse.code},${pick.code},${counted.sku},4\r\n${warehouse.code},${bulk.code},${counted.sku},3\r\n${warehouse.code},,${lowered.sku},6\r\n`;
    const { imp, preview } = await uploadAndRead(admin, "stock_counts", file);
    expect(preview.errors).toEqual([]);
    expect(imp.counts).toEqual({ rows: 3, create: 2, update: 1, skip: 0, rejected: 0 });
    const done = await confirmAndWait(admin, imp.id);
    expect(done).toMatchObject({ status: "succeeded", counts: { create: 2, update: 1, skip: 0 } });

    const levels = await dbRows("SELECT product_id::text, on_hand FROM stock_levels WHERE warehouse_id = $1 ORDER BY on_hand", [warehouse.id]);
    expect(levels).toEqual(expect.arrayContaining([{ product_id: counted.id, on_hand: 7 }, { product_id: lowered.id, on_hand: 6 }]));
    const movements = await dbRows("SELECT product_id::text, kind, quantity, reason, cause_type, cause_id::text FROM stock_movements WHERE warehouse_id = $1 AND cause_type = 'import' ORDER BY quantity", [warehouse.id]);
    expect(movements).toEqual([
      { product_id: lowered.id, kind: "count", quantity: -4, reason: "Import stock_counts.csv: counted 6", cause_type: "import", cause_id: imp.id },
      { product_id: counted.id, kind: "count", quantity: 7, reason: "Import stock_counts.csv: counted 7", cause_type: "import", cause_id: imp.id },
    ]);
    // The order waiting for the counted SKU got its 5 units in the same job.
    expect(await lineAllocated(order.lineIds[0]!)).toBe(5);
    const check = await admin.get("/api/v1/admin/allocations/check");
    expect(check.status).toBe(200);
    expect(check.body.ok, JSON.stringify(check.body)).toBe(true);
  });

  it("rejects unknown warehouses, locations and SKUs, negative and fractional counts, and duplicate keys", async () => {
    const admin = await signUpCompany();
    const warehouse = await buildWarehouse(admin);
    const other = await buildWarehouse(admin);
    const loc = await buildLocation(admin, { warehouseId: other.id });
    const product = await buildProduct(admin);
    const w = warehouse.code;
    const file = [
      "warehouse,location,sku,on_hand",
      `NOPE,,${product.sku},1`,
      `${w},${loc.code},${product.sku},1`,
      `${w},,UNKNOWN-SKU,1`,
      `${w},,${product.sku},-1`,
      `${w},,${product.sku},1.5`,
      `${w},,${product.sku},`,
      `${w},,${product.sku},2`,
      `${w},,${product.sku},3`,
    ].join("\n");
    const { imp, preview } = await uploadAndRead(admin, "stock_counts", file);
    expect(preview.errors).toEqual([
      { line: 2, column: "warehouse", reason: "Unknown warehouse code NOPE" },
      { line: 3, column: "location", reason: `No location ${loc.code} in warehouse ${w}` },
      { line: 4, column: "sku", reason: "Unknown SKU UNKNOWN-SKU" },
      { line: 5, column: "on_hand", reason: "Negative quantity (-1): must be 0 or more" },
      { line: 6, column: "on_hand", reason: "Fractional quantity (1.5): must be a whole number" },
      { line: 7, column: "on_hand", reason: "Required: the cell is empty" },
      { line: 9, column: "warehouse, location, sku", reason: "Duplicate: the same warehouse, location, sku as line 8" },
    ]);
    expect(imp.counts).toMatchObject({ rows: 8, create: 1, rejected: 7 });
  });

  it("a cancelled import cannot be confirmed and writes nothing", async () => {
    const admin = await signUpCompany();
    const warehouse = await buildWarehouse(admin);
    const product = await buildProduct(admin);
    const { imp } = await uploadAndRead(admin, "stock_counts", `warehouse,sku,on_hand\r\n${warehouse.code},${product.sku},9\r\n`);
    const cancelled = await admin.post(`/api/v1/imports/${imp.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect((await admin.post(`/api/v1/imports/${imp.id}/confirm`)).status).toBe(409);
    expect(await dbRows("SELECT 1 FROM stock_movements WHERE product_id = $1", [product.id])).toEqual([]);
  });
});

describe("exports re-imported change nothing", () => {
  it("products and stock: every row is skipped, no product is touched, no movement is written", async () => {
    const admin = await signUpCompany();
    const warehouse = await buildWarehouse(admin);
    const odd = await buildProduct(admin, { name: "=SUM(A1) \"quoted\", with comma", barcode: unique("4"), isPreorder: true, restockDate: "2027-01-31", restockQuantity: 12 });
    const plain = await buildProduct(admin, { name: "-10% off\nsecond line" });
    await buildStock(admin, { warehouseId: warehouse.id, productId: odd.id, quantity: 8 });
    await buildStock(admin, { warehouseId: warehouse.id, productId: plain.id, quantity: 3 });
    await buildStock(admin, { warehouseId: warehouse.id, productId: plain.id, quantity: -3 });

    const products = await admin.get("/api/v1/products/export.csv");
    expect(products.status).toBe(200);
    expect(products.body).toContain(`"'=SUM(A1) ""quoted"", with comma"`);
    const before = await dbRows("SELECT sku, name, barcode, is_preorder, restock_date, restock_quantity, updated_at FROM products WHERE tenant_id = $1 ORDER BY sku", [admin.tenantId]);
    const p = await uploadAndRead(admin, "products", products.body, { updateExisting: true });
    expect(p.preview.errors).toEqual([]);
    expect(p.imp.counts).toEqual({ rows: 2, create: 0, update: 0, skip: 2, rejected: 0 });
    expect((await confirmAndWait(admin, p.imp.id)).counts).toMatchObject({ create: 0, update: 0, skip: 2 });
    expect(await dbRows("SELECT sku, name, barcode, is_preorder, restock_date, restock_quantity, updated_at FROM products WHERE tenant_id = $1 ORDER BY sku", [admin.tenantId])).toEqual(before);

    const stock = await admin.get("/api/v1/stock/export.csv");
    expect(stock.body.split("\r\n")[0]).toBe("warehouse,location,sku,on_hand");
    const movementsBefore = await dbRows("SELECT count(*)::int AS n FROM stock_movements WHERE tenant_id = $1", [admin.tenantId]);
    const s = await uploadAndRead(admin, "stock_counts", stock.body);
    expect(s.imp.counts).toEqual({ rows: 2, create: 0, update: 0, skip: 2, rejected: 0 });
    expect((await confirmAndWait(admin, s.imp.id)).status).toBe("succeeded");
    expect(await dbRows("SELECT count(*)::int AS n FROM stock_movements WHERE tenant_id = $1", [admin.tenantId])).toEqual(movementsBefore);
  });

  it("every export neutralises cells that start a formula (=, +, -, @)", async () => {
    const admin = await signUpCompany();
    const warehouse = await buildWarehouse(admin);
    const product = await buildProduct(admin, { name: "@cmd" });
    const channel = await buildChannel(admin);
    await insertOpenOrder({ tenantId: admin.tenantId!, channelId: channel.id, warehouseId: warehouse.id, lines: [{ productId: product.id, quantity: 2 }] });
    await dbRows("UPDATE sales_orders SET customer_name = '+1 555 HACK' WHERE tenant_id = $1", [admin.tenantId]);
    expect((await admin.get("/api/v1/products/export.csv")).body).toContain(",'@cmd,");
    expect((await admin.get("/api/v1/orders/export.csv")).body).toContain(",'+1 555 HACK,");
    expect((await admin.get("/api/v1/reports/backorders.csv")).body).toContain(",'@cmd,");
    expect((await admin.get("/api/v1/imports/templates/products.csv")).body).toBe("sku,name,barcode,is_preorder,restock_date,restock_quantity\r\n");
  });
});

describe("imports: guards", () => {
  let owner: ApiClient;
  let outsider: ApiClient;
  let importId: string;
  beforeAll(async () => {
    owner = await signUpCompany("Owner Co");
    outsider = await signUpCompany("Outsider Co");
    const warehouse = await buildWarehouse(owner);
    const product = await buildProduct(owner);
    ({ imp: { id: importId } } = await uploadAndRead(owner, "stock_counts", `warehouse,sku,on_hand\n${warehouse.code},${product.sku},1\nX,Y,-1\n`));
  });
  const snapshot = () => dbRows("SELECT status, mapping, cancel_requested FROM imports WHERE id = $1", [importId]);

  it("another company's user gets 404 for the import and sees none in history; the import is unchanged", async () => {
    const before = await snapshot();
    for (const res of [
      await outsider.get(`/api/v1/imports/${importId}`),
      await outsider.get(`/api/v1/imports/${importId}/preview`),
      await outsider.get(`/api/v1/imports/${importId}/rejects.csv`),
      await outsider.put(`/api/v1/imports/${importId}/mapping`, { mapping: ["warehouse", "sku", "on_hand"] }),
      await outsider.post(`/api/v1/imports/${importId}/confirm`),
      await outsider.post(`/api/v1/imports/${importId}/cancel`),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await outsider.get("/api/v1/imports")).body.items).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("only managers and admins import: 401 without a session, 403 for staff and purchasers", async () => {
    const before = await snapshot();
    const { ApiClient: Client } = await import("./client.ts");
    expect((await upload(new Client(), "products", "sku,name\nA,B\n")).status).toBe(401);
    expect((await new Client().get(`/api/v1/imports/${importId}`)).status).toBe(401);
    for (const role of ["staff", "purchaser"] as const) {
      const member = await addMember(owner, role);
      expect((await upload(member, "products", "sku,name\nA,B\n")).status).toBe(403);
      expect((await member.get("/api/v1/imports")).status).toBe(403);
      expect((await member.post(`/api/v1/imports/${importId}/confirm`)).status).toBe(403);
    }
    const manager = await addMember(owner, "manager");
    expect((await manager.get(`/api/v1/imports/${importId}`)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
    expect((await dbRows("SELECT count(*)::int AS n FROM imports WHERE tenant_id = $1", [owner.tenantId]))[0]!.n).toBe(1);
  });

  it("invalid input is 400 naming the field; not CSV is 415; an empty file is 400", async () => {
    const res = await fetch(`${(await import("./env.ts")).testEnv.baseUrl}/api/v1/imports?fileName=x.csv`, { method: "POST", headers: { "content-type": "text/csv", cookie: owner.cookie!, "x-csrf-token": owner.csrfToken! }, body: "a\n" });
    expectInvalid({ status: res.status, body: await res.json(), headers: res.headers }, "kind");
    expectInvalid(await upload(owner, "orders", "a\n"), "kind");
    expect((await upload(owner, "products", "", {})).status).toBe(400);
    const json = await upload(owner, "products", "{}", { contentType: "application/json" });
    expect(json.status).toBe(415);
    const pdf = await upload(owner, "products", "%PDF", { contentType: "application/pdf" });
    expect(pdf.status).toBe(415);
    expectInvalid(await owner.get(`/api/v1/imports/not-an-id`), "id");
    expectInvalid(await owner.get(`/api/v1/imports/${importId}/preview?limit=0`), "limit");
    expectInvalid(await owner.get("/api/v1/imports/templates/orders.csv"), "kind");
    expect((await dbRows("SELECT count(*)::int AS n FROM imports WHERE tenant_id = $1", [owner.tenantId]))[0]!.n).toBe(1);
  });
});
