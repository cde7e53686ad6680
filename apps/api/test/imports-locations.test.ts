// CSV imports of warehouse locations on the real database and the real job queue: a good file
// (locations created and changed, SKUs' bins set and moved), every row error with its line,
// column and reason, all-or-nothing when the write fails in its third batch, the same file
// refused, "update existing" off and on, and another company's user.
import { beforeAll, describe, expect, it } from "vitest";
import { buildContainer, buildLocation, buildProduct, buildWarehouse, unique } from "./builders.ts";
import { signUpCompany } from "./client.ts";
import { dbRows } from "./guards.ts";
import { startTestWorker } from "./worker.ts";
import { confirmAndWait, upload, uploadAndRead } from "./imports-support.ts";

beforeAll(async () => {
  await startTestWorker();
});

const locationsOf = (tenantId: string) =>
  dbRows(
    `SELECT w.code AS warehouse, l.code, l.kind::text AS kind FROM locations l JOIN warehouses w ON w.tenant_id = l.tenant_id AND w.id = l.warehouse_id
     WHERE l.tenant_id = $1 ORDER BY w.code, l.code`,
    [tenantId],
  );
const binsOf = (tenantId: string) =>
  dbRows(
    `SELECT w.code AS warehouse, p.sku, l.code AS location FROM product_locations b
     JOIN warehouses w ON w.tenant_id = b.tenant_id AND w.id = b.warehouse_id JOIN products p ON p.tenant_id = b.tenant_id AND p.id = b.product_id
     JOIN locations l ON l.tenant_id = b.tenant_id AND l.id = b.location_id WHERE b.tenant_id = $1 ORDER BY w.code, p.sku`,
    [tenantId],
  );

describe("warehouse locations import", () => {
  it("creates locations by warehouse code or name, changes an existing one's kind, sets and moves bins, and counts exactly", async () => {
    const admin = await signUpCompany();
    const east = await buildWarehouse(admin, { code: "EAST", name: "East hall" });
    await buildWarehouse(admin, { code: "WEST", name: "West hall" });
    await buildLocation(admin, { warehouseId: east.id, code: "A-01", kind: "bulk" });
    const oldBin = await buildLocation(admin, { warehouseId: east.id, code: "Z-99", kind: "pick" });
    const bolt = await buildProduct(admin, { sku: unique("A-") });
    const nut = await buildProduct(admin, { sku: unique("B-") });
    expect((await admin.put(`/api/v1/products/${bolt.id}/locations/${east.id}`, { locationId: oldBin.id })).status).toBe(200);

    const file = [
      "warehouse,location,kind,sku",
      `EAST,A-01,pick,${bolt.sku}`, // existing: kind bulk -> pick, and bolt's bin moves here from Z-99
      `East hall,A-02,Bulk,${nut.sku}`, // by name; kind in any case
      "WEST,STAGE-1,staging,", // no SKU
      "WEST,RECV,receiving,",
    ].join("\r\n");
    const { imp, preview } = await uploadAndRead(admin, "warehouse_locations", file, { updateExisting: true });
    expect(imp.mapping).toEqual(["warehouse", "location", "kind", "sku"]);
    expect(preview.errors).toEqual([]);
    expect(imp.counts).toEqual({ rows: 4, create: 3, update: 1, skip: 0, rejected: 0 });
    expect(preview.rows).toEqual([
      { line: 2, action: "update", values: { warehouse: "EAST", location: "A-01", kind: "pick", sku: bolt.sku } },
      { line: 3, action: "create", values: { warehouse: "East hall", location: "A-02", kind: "bulk", sku: nut.sku } },
      { line: 4, action: "create", values: { warehouse: "WEST", location: "STAGE-1", kind: "staging", sku: null } },
      { line: 5, action: "create", values: { warehouse: "WEST", location: "RECV", kind: "receiving", sku: null } },
    ]);
    expect(await locationsOf(admin.tenantId!)).toHaveLength(2);

    const done = await confirmAndWait(admin, imp.id);
    expect(done).toMatchObject({ status: "succeeded", counts: { rows: 4, create: 3, update: 1, skip: 0, rejected: 0 } });
    expect(await locationsOf(admin.tenantId!)).toEqual([
      { warehouse: "EAST", code: "A-01", kind: "pick" },
      { warehouse: "EAST", code: "A-02", kind: "bulk" },
      { warehouse: "EAST", code: "Z-99", kind: "pick" },
      { warehouse: "WEST", code: "RECV", kind: "receiving" },
      { warehouse: "WEST", code: "STAGE-1", kind: "staging" },
    ]);
    expect(await binsOf(admin.tenantId!)).toEqual([
      { warehouse: "EAST", sku: bolt.sku, location: "A-01" },
      { warehouse: "EAST", sku: nut.sku, location: "A-02" },
    ]);
    // The product's own endpoint reads the bin the import set.
    const bins = await admin.get(`/api/v1/products/${bolt.id}/locations`);
    expect(bins.body.items.find((b: { warehouse: { id: string } }) => b.warehouse.id === east.id).location).toMatchObject({ code: "A-01", kind: "pick" });
    expect((await admin.get("/api/v1/imports/templates/warehouse_locations.csv")).body).toBe("warehouse,location,kind,sku\r\n");
  });

  it("reports every bad row with its line, column and reason and writes none of them", async () => {
    const admin = await signUpCompany();
    const w = await buildWarehouse(admin, { code: "MAIN", name: "Main" });
    await buildWarehouse(admin, { code: "TWIN-1", name: "Twin" });
    await buildWarehouse(admin, { code: "TWIN-2", name: "Twin" });
    const stage = await buildLocation(admin, { warehouseId: w.id, code: "STAGE", kind: "staging" });
    await buildContainer(admin, { locationId: stage.id });
    const p = await buildProduct(admin);
    const q = await buildProduct(admin);
    const file = [
      "warehouse,location,kind,sku",
      "NOWHERE,A-1,pick,", // 2
      "Twin,A-1,pick,", // 3
      `MAIN,A-1,pick,NOPE-SKU`, // 4
      "MAIN,A-2,shelf,", // 5
      "MAIN,A-3,,", // 6: new without a kind
      "MAIN,STAGE,pick,", // 7: containers on it (with update existing)
      `MAIN,R-1,receiving,${p.sku}`, // 8: a receiving location is no bin
      `MAIN,${"X".repeat(41)},pick,`, // 9
      "MAIN,,pick,", // 10
      `MAIN,B-1,pick,${q.sku}`, // 11: good
      `Main,B-1,bulk,`, // 12: the same warehouse by name, the same code
      `MAIN,B-2,pick,${q.sku}`, // 13: a second bin for q
      "@MAIN,B-3,pick,", // 14
    ].join("\n");
    const { imp, preview } = await uploadAndRead(admin, "warehouse_locations", file, { updateExisting: true });
    expect(preview.errors).toEqual([
      { line: 2, column: "warehouse", reason: "Unknown warehouse NOWHERE: no warehouse has this code or name (create it first)" },
      { line: 3, column: "warehouse", reason: "2 warehouses are named Twin: write the warehouse's code" },
      { line: 4, column: "sku", reason: "Unknown SKU NOPE-SKU" },
      { line: 5, column: "kind", reason: 'Not a location kind: "shelf" (one of pick, bulk, staging, receiving)' },
      { line: 6, column: "kind", reason: "A new location needs a kind: one of pick, bulk, staging, receiving" },
      { line: 7, column: "kind", reason: "Location STAGE holds 1 container(s) and must stay a staging location" },
      { line: 8, column: "sku", reason: "Location R-1 is a receiving location, not a pick or bulk location: it cannot be a SKU's bin" },
      { line: 9, column: "location", reason: "Longer than 40 characters" },
      { line: 10, column: "location", reason: "Required: the cell is empty" },
      { line: 12, column: "warehouse, location", reason: "Duplicate: the same warehouse, location as line 11" },
      { line: 13, column: "sku", reason: `Another row (line 11) makes location B-1 the bin of SKU ${q.sku} in warehouse MAIN: a SKU has one bin per warehouse` },
      { line: 14, column: "warehouse", reason: `Starts with "@", which a spreadsheet runs as a formula: formulas are refused (start the text with ' to keep it as text)` },
    ]);
    expect(imp.counts).toEqual({ rows: 13, create: 1, update: 0, skip: 0, rejected: 12 });
    const done = await confirmAndWait(admin, imp.id);
    expect(done.counts).toMatchObject({ create: 1, rejected: 12 });
    expect(await locationsOf(admin.tenantId!)).toEqual([
      { warehouse: "MAIN", code: "B-1", kind: "pick" },
      { warehouse: "MAIN", code: "STAGE", kind: "staging" },
    ]);
    expect(await binsOf(admin.tenantId!)).toEqual([{ warehouse: "MAIN", sku: q.sku, location: "B-1" }]);
  });

  it("writes all or nothing: a product removed after the preview fails the write in its third batch and leaves no location", async () => {
    const admin = await signUpCompany();
    const w = await buildWarehouse(admin);
    const p = await buildProduct(admin);
    const file = "warehouse,location,kind,sku\r\n" + Array.from({ length: 2500 }, (_, i) => `${w.code},L-${String(i).padStart(4, "0")},bulk,${i === 2101 ? p.sku : ""}`).join("\r\n");
    const { imp } = await uploadAndRead(admin, "warehouse_locations", file);
    expect(imp.counts).toMatchObject({ rows: 2500, create: 2500, rejected: 0 });
    await dbRows("DELETE FROM products WHERE id = $1", [p.id]);
    const done = await confirmAndWait(admin, imp.id);
    expect(done.status).toBe("failed");
    expect(done.error).toBe("Nothing was written: a warehouse or product of the file was removed after the preview; upload the file again");
    expect(await locationsOf(admin.tenantId!)).toEqual([]);
  });

  it("a container placed on a staging location after the preview fails the write that would change its kind; nothing is written", async () => {
    const admin = await signUpCompany();
    const w = await buildWarehouse(admin, { code: "DOCK" });
    const stage = await buildLocation(admin, { warehouseId: w.id, code: "S-1", kind: "staging" });
    const { imp } = await uploadAndRead(admin, "warehouse_locations", "warehouse,location,kind\r\nDOCK,NEW-1,pick\r\nDOCK,S-1,bulk\r\n", { updateExisting: true });
    expect(imp.counts).toMatchObject({ create: 1, update: 1, rejected: 0 });
    await buildContainer(admin, { locationId: stage.id });
    const done = await confirmAndWait(admin, imp.id);
    expect(done.status).toBe("failed");
    expect(done.error).toBe("Nothing was written: location S-1 holds containers since the preview and must stay a staging location; upload the file again");
    expect(await locationsOf(admin.tenantId!)).toEqual([{ warehouse: "DOCK", code: "S-1", kind: "staging" }]);
  });

  it("refuses the same file again (409); without update existing an existing location is skipped whole, with it kind and bin change", async () => {
    const admin = await signUpCompany();
    await buildWarehouse(admin, { code: "HQ" });
    const p = await buildProduct(admin);
    const file = "warehouse,location,kind\r\nHQ,A-1,bulk\r\n";
    const first = await uploadAndRead(admin, "warehouse_locations", file);
    expect((await confirmAndWait(admin, first.imp.id)).counts).toMatchObject({ create: 1 });
    const again = await upload(admin, "warehouse_locations", file);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "conflict", details: { importId: first.imp.id, status: "succeeded" } });

    const changed = `warehouse,location,kind,sku\r\nHQ,A-1,pick,${p.sku}\r\n`;
    const skipped = await uploadAndRead(admin, "warehouse_locations", changed);
    expect(skipped.imp.counts).toEqual({ rows: 1, create: 0, update: 0, skip: 1, rejected: 0 });
    expect((await confirmAndWait(admin, skipped.imp.id)).counts).toMatchObject({ create: 0, update: 0, skip: 1 });
    expect(await locationsOf(admin.tenantId!)).toEqual([{ warehouse: "HQ", code: "A-1", kind: "bulk" }]);
    expect(await binsOf(admin.tenantId!)).toEqual([]);

    const updating = await uploadAndRead(admin, "warehouse_locations", changed, { updateExisting: true });
    expect(updating.imp.counts).toEqual({ rows: 1, create: 0, update: 1, skip: 0, rejected: 0 });
    expect((await confirmAndWait(admin, updating.imp.id)).counts).toMatchObject({ create: 0, update: 1, skip: 0 });
    expect(await locationsOf(admin.tenantId!)).toEqual([{ warehouse: "HQ", code: "A-1", kind: "pick" }]);
    expect(await binsOf(admin.tenantId!)).toEqual([{ warehouse: "HQ", sku: p.sku, location: "A-1" }]);

    // A new location without update existing does not take the SKU's bin away from A-1 (still a create).
    const newBin = await uploadAndRead(admin, "warehouse_locations", `warehouse,location,kind,sku\r\nHQ,A-2,pick,${p.sku}\r\n`);
    expect(newBin.imp.counts).toMatchObject({ create: 1 });
    expect((await confirmAndWait(admin, newBin.imp.id)).counts).toMatchObject({ create: 1 });
    expect(await binsOf(admin.tenantId!)).toEqual([{ warehouse: "HQ", sku: p.sku, location: "A-1" }]);
  });

  it("another company's user gets 404 for the import and sees none; nothing of it changes", async () => {
    const owner = await signUpCompany("Owner Co");
    const outsider = await signUpCompany("Outsider Co");
    const w = await buildWarehouse(owner);
    const { imp } = await uploadAndRead(owner, "warehouse_locations", `warehouse,location,kind\n${w.code},A-1,pick\n`);
    const snapshot = () => dbRows("SELECT status, mapping, cancel_requested FROM imports WHERE id = $1", [imp.id]);
    const before = await snapshot();
    for (const res of [
      await outsider.get(`/api/v1/imports/${imp.id}`),
      await outsider.get(`/api/v1/imports/${imp.id}/preview`),
      await outsider.put(`/api/v1/imports/${imp.id}/mapping`, { mapping: ["warehouse", "location", "kind"] }),
      await outsider.post(`/api/v1/imports/${imp.id}/confirm`),
      await outsider.post(`/api/v1/imports/${imp.id}/cancel`),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await outsider.get("/api/v1/imports?kind=warehouse_locations")).body.items).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(await locationsOf(owner.tenantId!)).toEqual([]);
  });
});
