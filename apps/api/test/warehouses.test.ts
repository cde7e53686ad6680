import { describe, expect, it } from "vitest";
import { buildChannel, buildContainer, buildLocation, buildStockedProduct, buildWarehouse, unique } from "./builders.ts";
import { addMember, signUpCompany } from "./client.ts";
import { dbRows, describeGuards, expectInvalid, rowById, tenantPair, type TenantPair } from "./guards.ts";

describe("warehouses", () => {
  it("creates, reads, renames and deletes a warehouse; lists by code with keyset pages and search", async () => {
    const admin = await signUpCompany();
    const tag = unique("w");
    const created = await admin.post("/api/v1/warehouses", { code: `${tag}-B`, name: "Berlin" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: `${tag}-B`, name: "Berlin" });
    const a = await buildWarehouse(admin, { code: `${tag}-A` });
    const c = await buildWarehouse(admin, { code: `${tag}-C` });
    await buildWarehouse(admin);

    const staff = await addMember(admin, "staff");
    const page1 = await staff.get(`/api/v1/warehouses?q=${tag}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((w: any) => w.id)).toEqual([a.id, created.body.id]);
    const page2 = await staff.get(`/api/v1/warehouses?q=${tag}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ items: [c], nextCursor: null });

    const renamed = await admin.patch(`/api/v1/warehouses/${a.id}`, { name: "Amsterdam" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: a.id, code: a.code, name: "Amsterdam" });
    expect((await admin.get(`/api/v1/warehouses/${a.id}`)).body.name).toBe("Amsterdam");
    expect(a.address).toBeNull();
    const addressed = await admin.patch(`/api/v1/warehouses/${a.id}`, { address: "  Dock 4\n1013 AB Amsterdam  " });
    expect(addressed.body).toMatchObject({ name: "Amsterdam", address: "Dock 4\n1013 AB Amsterdam" });
    expect((await admin.patch(`/api/v1/warehouses/${a.id}`, { name: "Amsterdam-Noord" })).body.address).toBe("Dock 4\n1013 AB Amsterdam");
    expect((await admin.patch(`/api/v1/warehouses/${a.id}`, { address: "   " })).body.address).toBeNull();
    expect((await admin.post("/api/v1/warehouses", { code: `${tag}-D`, name: "Dover", address: "Eastern Docks\nDover" })).body.address).toBe("Eastern Docks\nDover");

    expect((await admin.delete(`/api/v1/warehouses/${a.id}`)).status).toBe(204);
    expect(await rowById("warehouses", a.id)).toEqual([]);
  });

  it("refuses a duplicate code (409) and deleting a warehouse in use (409)", async () => {
    const admin = await signUpCompany();
    const w = await buildWarehouse(admin);
    expect((await admin.post("/api/v1/warehouses", { code: w.code, name: "Again" })).status).toBe(409);

    const channel = await buildChannel(admin);
    const inUse = await admin.delete(`/api/v1/warehouses/${channel.defaultWarehouseId}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.details).toMatchObject({ channels: 1 });
    const { warehouse } = await buildStockedProduct(admin, 3);
    expect((await admin.delete(`/api/v1/warehouses/${warehouse.id}`)).status).toBe(409);
    expect(await rowById("warehouses", warehouse.id)).toHaveLength(1);
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    expectInvalid(await admin.post("/api/v1/warehouses", { name: "No code" }), "code");
    expectInvalid(await admin.post("/api/v1/warehouses", { code: "", name: "x" }), "code");
    expect((await admin.post("/api/v1/warehouses", { code: "X1", name: "x", city: "Oslo" })).status).toBe(400);
    const w = await buildWarehouse(admin);
    expectInvalid(await admin.patch(`/api/v1/warehouses/${w.id}`, { name: 5 }), "name");
    expectInvalid(await admin.patch(`/api/v1/warehouses/${w.id}`, { address: "x".repeat(1001) }), "address");
    expectInvalid(await admin.get("/api/v1/warehouses/123"), "id");
    expectInvalid(await admin.delete("/api/v1/warehouses/123"), "id");
    expectInvalid(await admin.get("/api/v1/warehouses?limit=500"), "limit");
  });
});

describe("locations", () => {
  it("creates, lists, updates and deletes locations of a warehouse", async () => {
    const admin = await signUpCompany();
    const manager = await addMember(admin, "manager");
    const w = await buildWarehouse(admin);
    const created = await manager.post(`/api/v1/warehouses/${w.id}/locations`, { code: "A-01", kind: "pick" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ warehouseId: w.id, code: "A-01", kind: "pick" });
    const staging = await buildLocation(manager, { warehouseId: w.id, code: "STG-1", kind: "staging" });
    await buildLocation(manager, { warehouseId: (await buildWarehouse(admin)).id }); // another warehouse

    const list = await manager.get(`/api/v1/warehouses/${w.id}/locations`);
    expect(list.body.items.map((l: any) => l.code)).toEqual(["A-01", "STG-1"]);
    expect((await manager.get(`/api/v1/warehouses/${w.id}/locations?kind=staging`)).body.items.map((l: any) => l.id)).toEqual([staging.id]);

    const updated = await manager.patch(`/api/v1/warehouses/${w.id}/locations/${created.body.id}`, { kind: "bulk" });
    expect(updated.status).toBe(200);
    expect(updated.body.kind).toBe("bulk");
    expect((await rowById("locations", created.body.id))[0]).toMatchObject({ kind: "bulk" });

    expect((await manager.delete(`/api/v1/warehouses/${w.id}/locations/${created.body.id}`)).status).toBe(204);
    expect(await rowById("locations", created.body.id)).toEqual([]);
  });

  it("keeps a staging location with containers staging, and refuses deleting it", async () => {
    const admin = await signUpCompany();
    const staging = await buildLocation(admin, { kind: "staging" });
    await buildContainer(admin, { locationId: staging.id });
    const res = await admin.patch(`/api/v1/warehouses/${staging.warehouseId}/locations/${staging.id}`, { kind: "pick" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("rule_violation");
    expect((await admin.delete(`/api/v1/warehouses/${staging.warehouseId}/locations/${staging.id}`)).status).toBe(409);
    expect((await rowById("locations", staging.id))[0]).toMatchObject({ kind: "staging" });
  });

  it("refuses bad input with the field named, and a location under the wrong warehouse", async () => {
    const admin = await signUpCompany();
    const w = await buildWarehouse(admin);
    expectInvalid(await admin.post(`/api/v1/warehouses/${w.id}/locations`, { code: "X", kind: "shelf" }), "kind");
    expectInvalid(await admin.post(`/api/v1/warehouses/${w.id}/locations`, { kind: "pick" }), "code");
    expect((await admin.post(`/api/v1/warehouses/${w.id}/locations`, { code: "X", kind: "pick", aisle: 3 })).status).toBe(400);
    const loc = await buildLocation(admin, { warehouseId: w.id });
    expectInvalid(await admin.patch(`/api/v1/warehouses/${w.id}/locations/${loc.id}`, { kind: 1 }), "kind");
    expectInvalid(await admin.patch(`/api/v1/warehouses/${w.id}/locations/bad`, { kind: "pick" }), "locationId");
    expectInvalid(await admin.get(`/api/v1/warehouses/bad/locations`), "warehouseId");
    const other = await buildWarehouse(admin);
    expect((await admin.patch(`/api/v1/warehouses/${other.id}/locations/${loc.id}`, { code: "Z" })).status).toBe(404);
  });
});

describe("containers", () => {
  it("puts containers on staging locations only (422 elsewhere) and lists and removes them", async () => {
    const admin = await signUpCompany();
    const staff = await addMember(admin, "staff");
    const staging = await buildLocation(admin, { kind: "staging" });
    const created = await staff.post(`/api/v1/locations/${staging.id}/containers`, { code: "TOTE-1" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ locationId: staging.id, code: "TOTE-1" });
    const list = await staff.get(`/api/v1/locations/${staging.id}/containers`);
    expect(list.body.items.map((c: any) => c.id)).toEqual([created.body.id]);

    const pick = await buildLocation(admin, { kind: "pick" });
    const refused = await staff.post(`/api/v1/locations/${pick.id}/containers`, { code: "TOTE-2" });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("rule_violation");
    expect(await dbRows("SELECT 1 FROM containers WHERE location_id = $1", [pick.id])).toEqual([]);

    expect((await staff.delete(`/api/v1/locations/${staging.id}/containers/${created.body.id}`)).status).toBe(204);
    expect(await rowById("containers", created.body.id)).toEqual([]);
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    const staging = await buildLocation(admin, { kind: "staging" });
    expectInvalid(await admin.post(`/api/v1/locations/${staging.id}/containers`, {}), "code");
    expect((await admin.post(`/api/v1/locations/${staging.id}/containers`, { code: "T", color: "red" })).status).toBe(400);
    expectInvalid(await admin.get(`/api/v1/locations/nope/containers`), "locationId");
    expectInvalid(await admin.delete(`/api/v1/locations/${staging.id}/containers/nope`), "containerId");
  });
});

interface Fixture {
  tenants: TenantPair;
  warehouseId: string;
  locationId: string;
  stagingId: string;
  containerId: string;
}
const warehouseRow = (f: Fixture) => rowById("warehouses", f.warehouseId);
const locationRows = (f: Fixture) => dbRows("SELECT * FROM locations WHERE warehouse_id = $1 ORDER BY id", [f.warehouseId]);
const containerRows = (f: Fixture) => dbRows("SELECT * FROM containers WHERE location_id = $1 ORDER BY id", [f.stagingId]);

describeGuards<Fixture>(
  "warehouses, locations, containers: guards",
  async () => {
    const tenants = await tenantPair();
    const w = await buildWarehouse(tenants.owner);
    const loc = await buildLocation(tenants.owner, { warehouseId: w.id });
    const staging = await buildLocation(tenants.owner, { warehouseId: w.id, kind: "staging" });
    const container = await buildContainer(tenants.owner, { locationId: staging.id });
    return { tenants, warehouseId: w.id, locationId: loc.id, stagingId: staging.id, containerId: container.id };
  },
  [
    { name: "GET /warehouses", call: (c) => c.get("/api/v1/warehouses") },
    { name: "POST /warehouses", call: (c) => c.post("/api/v1/warehouses", { code: unique("W"), name: "x" }), deniedRole: "manager" },
    { name: "GET /warehouses/:id", call: (c, f) => c.get(`/api/v1/warehouses/${f.warehouseId}`), outsider: true, snapshot: warehouseRow },
    { name: "PATCH /warehouses/:id", call: (c, f) => c.patch(`/api/v1/warehouses/${f.warehouseId}`, { name: "hacked" }), deniedRole: "manager", outsider: true, snapshot: warehouseRow },
    { name: "DELETE /warehouses/:id", call: (c, f) => c.delete(`/api/v1/warehouses/${f.warehouseId}`), deniedRole: "manager", outsider: true, snapshot: warehouseRow },
    { name: "GET /warehouses/:id/locations", call: (c, f) => c.get(`/api/v1/warehouses/${f.warehouseId}/locations`), outsider: true, snapshot: locationRows },
    {
      name: "POST /warehouses/:id/locations",
      call: (c, f) => c.post(`/api/v1/warehouses/${f.warehouseId}/locations`, { code: unique("L"), kind: "bulk" }),
      deniedRole: "staff",
      outsider: true,
      snapshot: locationRows,
    },
    {
      name: "PATCH /warehouses/:id/locations/:locationId",
      call: (c, f) => c.patch(`/api/v1/warehouses/${f.warehouseId}/locations/${f.locationId}`, { code: "hacked" }),
      deniedRole: "staff",
      outsider: true,
      snapshot: locationRows,
    },
    {
      name: "DELETE /warehouses/:id/locations/:locationId",
      call: (c, f) => c.delete(`/api/v1/warehouses/${f.warehouseId}/locations/${f.locationId}`),
      deniedRole: "staff",
      outsider: true,
      snapshot: locationRows,
    },
    { name: "GET /locations/:id/containers", call: (c, f) => c.get(`/api/v1/locations/${f.stagingId}/containers`), outsider: true, snapshot: containerRows },
    {
      name: "POST /locations/:id/containers",
      call: (c, f) => c.post(`/api/v1/locations/${f.stagingId}/containers`, { code: unique("T") }),
      deniedRole: "purchaser",
      outsider: true,
      snapshot: containerRows,
    },
    {
      name: "DELETE /locations/:id/containers/:containerId",
      call: (c, f) => c.delete(`/api/v1/locations/${f.stagingId}/containers/${f.containerId}`),
      deniedRole: "purchaser",
      outsider: true,
      snapshot: containerRows,
    },
  ],
);
