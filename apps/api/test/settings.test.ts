import { describe, expect, it } from "vitest";
import { buildChannel, buildProduct, buildStockedProduct } from "./builders.ts";
import { insertOpenOrder, lineAllocated } from "./sql-fixtures.ts";
import { signUpCompany } from "./client.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";
import { eventually, startTestWorker } from "./worker.ts";

const tenantRow = (id: string) => dbRows("SELECT name, allocation_policy FROM tenants WHERE id = $1", [id]);

describe("settings", () => {
  it("reads and changes the company name and allocation policy", async () => {
    const admin = await signUpCompany("Settings Co");
    const read = await admin.get("/api/v1/settings");
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ tenantId: admin.tenantId, name: "Settings Co", allocationPolicy: "strict_priority" });

    const renamed = await admin.patch("/api/v1/settings", { name: "Settings Company" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Settings Company");
    const changed = await admin.patch("/api/v1/settings", { allocationPolicy: "complete_orders_first" });
    expect(changed.status).toBe(202); // the recompute is queued (job-queue.test.ts follows it)
    expect(changed.body.allocationPolicy).toBe("complete_orders_first");
    expect(await tenantRow(admin.tenantId!)).toEqual([{ name: "Settings Company", allocation_policy: "complete_orders_first" }]);
    expect((await admin.get("/api/v1/auth/me")).body.tenant.allocationPolicy).toBe("complete_orders_first");
  });

  it("recomputes stored allocations under the new policy when it changes", async () => {
    const admin = await signUpCompany();
    const { warehouse, product: mug } = await buildStockedProduct(admin, 1);
    const lid = await buildProduct(admin); // none on hand
    const channel = await buildChannel(admin, { defaultWarehouseId: warehouse.id });
    const base = { tenantId: admin.tenantId!, channelId: channel.id, warehouseId: warehouse.id };
    // The first-ranked order cannot be completed (no lids); the second can.
    const first = await insertOpenOrder({ ...base, priority: 10, lines: [{ productId: mug.id, quantity: 1, allocated: 1 }, { productId: lid.id, quantity: 1 }] });
    const second = await insertOpenOrder({ ...base, priority: 0, lines: [{ productId: mug.id, quantity: 1 }] });
    await dbRows("UPDATE stock_levels SET allocated = 1 WHERE warehouse_id = $1 AND product_id = $2", [warehouse.id, mug.id]);

    const worker = await startTestWorker();
    const recomputed = async (patch: object) => {
      const res = await admin.patch("/api/v1/settings", patch);
      expect(res.status).toBe(202);
      await eventually(async () => (await admin.get(`/api/v1/jobs/${res.body.recomputeJob.id}`)).body.status === "succeeded", 20_000, "the recompute");
    };
    await recomputed({ allocationPolicy: "complete_orders_first" });
    expect(await lineAllocated(first.lineIds[0]!)).toBe(0);
    expect(await lineAllocated(second.lineIds[0]!)).toBe(1);

    await recomputed({ allocationPolicy: "strict_priority" });
    expect(await lineAllocated(first.lineIds[0]!)).toBe(1);
    expect(await lineAllocated(second.lineIds[0]!)).toBe(0);
    await worker.stop();
  });

  it("keeps the company's currency: USD until changed, then on settings and on /auth/me", async () => {
    const admin = await signUpCompany("Currency Co");
    expect((await admin.get("/api/v1/settings")).body.currency).toBe("USD");
    const changed = await admin.patch("/api/v1/settings", { currency: "EUR" });
    expect(changed.status).toBe(200);
    expect(changed.body.currency).toBe("EUR");
    expect((await admin.get("/api/v1/auth/me")).body.tenant.currency).toBe("EUR");
    for (const currency of ["eur", "EURO", "XYZ", "", 978]) expectInvalid(await admin.patch("/api/v1/settings", { currency }), "currency");
    expect(await dbRows("SELECT currency FROM tenants WHERE id = $1", [admin.tenantId])).toEqual([{ currency: "EUR" }]);
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    expectInvalid(await admin.patch("/api/v1/settings", { allocationPolicy: "fifo" }), "allocationPolicy");
    expectInvalid(await admin.patch("/api/v1/settings", { name: "" }), "name");
    expect((await admin.patch("/api/v1/settings", { slug: "mine" })).status).toBe(400);
    expect((await admin.patch("/api/v1/settings", { tenantId: crypto.randomUUID() })).status).toBe(400);
  });
});

interface Fixture {
  tenants: TenantPair;
}
describeGuards<Fixture>("settings: guards", async () => ({ tenants: await tenantPair() }), [
  { name: "GET /settings", call: (c) => c.get("/api/v1/settings"), deniedRole: "manager" },
  { name: "PATCH /settings", call: (c) => c.patch("/api/v1/settings", { name: "Hacked Co" }), deniedRole: "manager", snapshot: (f) => tenantRow(f.tenants.owner.tenantId!) },
]);
