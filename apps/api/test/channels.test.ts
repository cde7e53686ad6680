import { describe, expect, it } from "vitest";
import { buildChannel, buildWarehouse, unique } from "./builders.ts";
import { addMember, signUpCompany } from "./client.ts";
import { dbRows, describeGuards, expectInvalid, rowById, tenantPair, type TenantPair } from "./guards.ts";

describe("sales channels", () => {
  it("creates with default settings, lists, reads, changes settings and deletes", async () => {
    const admin = await signUpCompany();
    const w = await buildWarehouse(admin);
    const tag = unique("c");
    const created = await admin.post("/api/v1/channels", { name: `${tag} Shopify`, kind: "shopify", defaultWarehouseId: w.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: `${tag} Shopify`,
      kind: "shopify",
      acceptsBackorders: true,
      notifyOnPartialShipment: true,
      supportsOrderEdits: false,
      defaultWarehouseId: w.id,
      // Unset: new orders take the company's default mode.
      defaultFulfillmentMode: null,
    });
    const amazon = await buildChannel(admin, { name: `${tag} Amazon`, kind: "amazon", acceptsBackorders: false });

    const staff = await addMember(admin, "staff");
    const list = await staff.get(`/api/v1/channels?q=${tag}`);
    expect(list.body.items.map((c: any) => c.id)).toEqual([amazon.id, created.body.id]);

    const w2 = await buildWarehouse(admin);
    const updated = await admin.patch(`/api/v1/channels/${created.body.id}`, { supportsOrderEdits: true, defaultFulfillmentMode: "ship_complete", defaultWarehouseId: w2.id });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ supportsOrderEdits: true, defaultFulfillmentMode: "ship_complete", defaultWarehouseId: w2.id });
    expect((await rowById("sales_channels", created.body.id))[0]).toMatchObject({ supports_order_edits: true, default_fulfillment_mode: "ship_complete" });
    expect((await staff.get(`/api/v1/channels/${created.body.id}`)).body).toEqual(updated.body);

    expect((await admin.delete(`/api/v1/channels/${amazon.id}`)).status).toBe(204);
    expect(await rowById("sales_channels", amazon.id)).toEqual([]);
  });

  it("refuses another tenant's warehouse as the default (404), and bad input with the field named", async () => {
    const admin = await signUpCompany();
    const outsider = await signUpCompany();
    const foreign = await buildWarehouse(outsider);
    const name = unique("Shop ");
    const res = await admin.post("/api/v1/channels", { name, kind: "manual", defaultWarehouseId: foreign.id });
    expect(res.status).toBe(404);
    expect(await dbRows("SELECT 1 FROM sales_channels WHERE name = $1", [name])).toEqual([]);
    const channel = await buildChannel(admin);
    expect((await admin.patch(`/api/v1/channels/${channel.id}`, { defaultWarehouseId: foreign.id })).status).toBe(404);
    expect((await rowById("sales_channels", channel.id))[0]).toMatchObject({ default_warehouse_id: channel.defaultWarehouseId });

    const w = await buildWarehouse(admin);
    expectInvalid(await admin.post("/api/v1/channels", { name: "X", kind: "etsy", defaultWarehouseId: w.id }), "kind");
    expectInvalid(await admin.post("/api/v1/channels", { name: "X", kind: "manual" }), "defaultWarehouseId");
    expectInvalid(await admin.post("/api/v1/channels", { name: "X", kind: "manual", defaultWarehouseId: w.id, defaultFulfillmentMode: "whenever" }), "defaultFulfillmentMode");
    expect((await admin.post("/api/v1/channels", { name: "X", kind: "manual", defaultWarehouseId: w.id, apiKey: "k" })).status).toBe(400);
    expectInvalid(await admin.patch(`/api/v1/channels/${channel.id}`, { acceptsBackorders: "no" }), "acceptsBackorders");
    expectInvalid(await admin.get(`/api/v1/channels/x`), "id");
    expectInvalid(await admin.delete(`/api/v1/channels/x`), "id");
    expect((await admin.post("/api/v1/channels", { name: channel.name, kind: "manual", defaultWarehouseId: w.id })).status).toBe(409);
  });
});

interface Fixture {
  tenants: TenantPair;
  channelId: string;
  warehouseId: string;
}
const channelRow = (f: Fixture) => rowById("sales_channels", f.channelId);

describeGuards<Fixture>(
  "channels: guards",
  async () => {
    const tenants = await tenantPair();
    const channel = await buildChannel(tenants.owner);
    return { tenants, channelId: channel.id, warehouseId: channel.defaultWarehouseId };
  },
  [
    { name: "GET /channels", call: (c) => c.get("/api/v1/channels") },
    { name: "POST /channels", call: (c, f) => c.post("/api/v1/channels", { name: unique("C"), kind: "manual", defaultWarehouseId: f.warehouseId }), deniedRole: "manager" },
    { name: "GET /channels/:id", call: (c, f) => c.get(`/api/v1/channels/${f.channelId}`), outsider: true, snapshot: channelRow },
    { name: "PATCH /channels/:id", call: (c, f) => c.patch(`/api/v1/channels/${f.channelId}`, { acceptsBackorders: false }), deniedRole: "manager", outsider: true, snapshot: channelRow },
    { name: "DELETE /channels/:id", call: (c, f) => c.delete(`/api/v1/channels/${f.channelId}`), deniedRole: "manager", outsider: true, snapshot: channelRow },
  ],
);
