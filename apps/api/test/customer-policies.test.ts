// Backorder policy per customer (docs/decisions/020): matched by e-mail address (any case) on every
// order that arrives, from the API or a store webhook, and overriding the channel's setting —
// refuse tags a short order no-backorders, accept lifts a refusing channel's flag, ship complete
// holds the order for one shipment unless it names its own mode. Managers keep the list;
// guards: 401, 403, 404 for another company with the row unchanged, 400 naming the field, 409.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, signUpCompany } from "./client.ts";
import { buildChannel, buildStockedProduct } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";
import { buildShopifyCompany, closeFakes, importedOrder } from "./store-builders.ts";
import { startTestWorker } from "./worker.ts";
import type { JobWorker } from "../src/jobs/runner.ts";

let worker: JobWorker;
beforeAll(async () => {
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker.stop();
  await closeFakes();
});

async function shop(channel: Record<string, unknown> = {}) {
  const admin = await signUpCompany();
  const manager = await addMember(admin, "manager");
  const { warehouse, product } = await buildStockedProduct(admin, 1);
  const ch = await buildChannel(admin, { defaultWarehouseId: warehouse.id, ...channel });
  const policy = async (email: string, policy: string) => {
    const res = await manager.post("/api/v1/customer-policies", { email, policy, name: `Customer ${email}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const order = (email: string | undefined, quantity: number, rest: Record<string, unknown> = {}) =>
    buildOrder(admin, { channelId: ch.id, lines: [{ productId: product.id, quantity }], ...(email ? { customerEmail: email } : {}), ...rest });
  return { admin, manager, warehouse, product, channel: ch, policy, order };
}

describe("customer backorder policies on arriving orders", () => {
  it("refuse: a short order is tagged no-backorders on a channel that accepts them; one that can ship is not", async () => {
    const s = await shop();
    await s.policy("Strict@Example.test", "refuse");
    const fits = await s.order("strict@example.test", 1);
    expect(fits).toMatchObject({ fulfillability: "fulfillable", tags: [] });
    const short = await s.order("STRICT@example.TEST", 2); // any case matches
    expect(short).toMatchObject({ fulfillability: "backordered", tags: ["no-backorders"] });
    expect(short.events.map((e: any) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining("customer policy: refuse backorders"), expect.stringMatching(/^The customer's backorder policy refuses backorders and this order is backordered on arrival/)]),
    );
    // Another customer on the same channel is not flagged.
    expect((await s.order("someone@example.test", 3)).tags).toEqual([]);
  });

  it("accept: a customer's short order is not flagged on a channel that refuses backorders; others still are", async () => {
    const s = await shop({ acceptsBackorders: false });
    await s.policy("patient@example.test", "accept");
    await s.order(undefined, 1); // takes the one unit
    expect((await s.order("patient@example.test", 2)).tags).toEqual([]);
    expect((await s.order("other@example.test", 2)).tags).toEqual(["no-backorders"]);
    expect((await s.order(undefined, 2)).tags).toEqual(["no-backorders"]);
  });

  it("ship complete: the order ships whole, unless it names its own mode; such a customer waits without a flag", async () => {
    const s = await shop({ acceptsBackorders: false, defaultFulfillmentMode: "ship_partial" });
    await s.policy("whole@example.test", "ship_complete");
    const held = await s.order("whole@example.test", 3);
    expect(held).toMatchObject({ fulfillmentMode: "ship_complete", tags: [] });
    expect(held.events.some((e: any) => /customer policy: ship complete/.test(e.message))).toBe(true);
    expect((await s.order("whole@example.test", 1, { fulfillmentMode: "ship_partial" })).fulfillmentMode).toBe("ship_partial");
    expect((await s.order("plain@example.test", 1)).fulfillmentMode).toBe("ship_partial");
  });

  it("applies to orders that arrive from a store webhook too", async () => {
    const co = await buildShopifyCompany({ "SKU-P": 0 });
    expect((await co.manager.post("/api/v1/customer-policies", { email: "webhook-buyer@example.test", policy: "ship_complete" })).status).toBe(201);
    const { order: placed, deliveries } = await co.fake.createOrder({ lines: [{ sku: "SKU-P", quantity: 2 }], email: "Webhook-Buyer@example.test" }, { webhook: true });
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    const order = await importedOrder(co.admin, co.channel.id, String(placed.id), (o) => o.fulfillability !== null);
    expect(order).toMatchObject({ fulfillmentMode: "ship_complete", fulfillability: "backordered" });
    expect(order.events.some((e: any) => /customer policy: ship complete/.test(e.message))).toBe(true);
  });

  it("a removed policy no longer applies; the list searches, filters and pages by address", async () => {
    const s = await shop();
    const a = await s.policy("a@example.test", "refuse");
    await s.policy("b@example.test", "accept");
    await s.policy("c@example.test", "refuse");
    const page1 = await s.manager.get("/api/v1/customer-policies?limit=2");
    expect(page1.body.items.map((p: any) => p.email)).toEqual(["a@example.test", "b@example.test"]);
    const page2 = await s.manager.get(`/api/v1/customer-policies?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toMatchObject({ items: [{ email: "c@example.test" }], nextCursor: null });
    expect((await s.manager.get("/api/v1/customer-policies?policy=refuse")).body.items.map((p: any) => p.email)).toEqual(["a@example.test", "c@example.test"]);
    expect((await s.manager.get("/api/v1/customer-policies?q=B%40EX")).body.items.map((p: any) => p.email)).toEqual(["b@example.test"]);

    const changed = await s.manager.patch(`/api/v1/customer-policies/${a.id}`, { policy: "ship_complete", note: "wants one parcel" });
    expect(changed.body).toMatchObject({ policy: "ship_complete", note: "wants one parcel", name: "Customer a@example.test" });
    expect((await s.manager.delete(`/api/v1/customer-policies/${a.id}`)).status).toBe(204);
    await s.order(undefined, 1);
    expect(await s.order("a@example.test", 2)).toMatchObject({ tags: [], fulfillmentMode: "ship_partial" });
  });
});

interface Fixture {
  tenants: TenantPair;
  policyId: string;
}
const policyRow = (f: Fixture) => dbRows(`SELECT email, name, policy::text, note, updated_at FROM customer_policies WHERE id = $1`, [f.policyId]);

async function setup(): Promise<Fixture> {
  const tenants = await tenantPair();
  const res = await tenants.owner.post("/api/v1/customer-policies", { email: "guarded@example.test", policy: "refuse" });
  expect(res.status).toBe(201);
  return { tenants, policyId: res.body.id };
}

describeGuards("customer policy endpoints", setup, [
  { name: "GET /customer-policies", call: (c) => c.get(`/api/v1/customer-policies`) },
  { name: "POST /customer-policies", call: (c) => c.post(`/api/v1/customer-policies`, { email: "new@example.test", policy: "accept" }), deniedRole: "staff", snapshot: () => dbRows(`SELECT count(*)::int AS n FROM customer_policies WHERE email = 'new@example.test'`) },
  { name: "PATCH /customer-policies/:id", call: (c, f) => c.patch(`/api/v1/customer-policies/${f.policyId}`, { policy: "accept" }), deniedRole: "purchaser", outsider: true, snapshot: policyRow },
  { name: "DELETE /customer-policies/:id", call: (c, f) => c.delete(`/api/v1/customer-policies/${f.policyId}`), deniedRole: "staff", outsider: true, snapshot: policyRow },
]);

describe("customer policy endpoints: input and tenancy", () => {
  it("names the field, refuses a second policy for an address (409), and another company sees none", async () => {
    const f = await setup();
    const { owner, outsider } = f.tenants;
    const before = await policyRow(f);
    expectInvalid(await owner.post(`/api/v1/customer-policies`, { email: "not-an-address", policy: "refuse" }), "email");
    expectInvalid(await owner.post(`/api/v1/customer-policies`, { email: "x@example.test", policy: "maybe" }), "policy");
    expectInvalid(await owner.post(`/api/v1/customer-policies`, { email: "x@example.test", policy: "refuse", note: "n".repeat(501) }), "note");
    expectInvalid(await owner.patch(`/api/v1/customer-policies/${f.policyId}`, { policy: "never" }), "policy");
    expectInvalid(await owner.patch(`/api/v1/customer-policies/not-an-id`, { policy: "accept" }), "policyId");
    expectInvalid(await owner.get(`/api/v1/customer-policies?cursor=garbage`), "cursor");
    const dup = await owner.post(`/api/v1/customer-policies`, { email: "GUARDED@example.test", policy: "accept" });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("conflict");
    expect(await policyRow(f)).toEqual(before);
    expect((await outsider.get(`/api/v1/customer-policies`)).body.items).toEqual([]);
    // The outsider's own policy for the same address is theirs alone and does not touch the owner's.
    expect((await outsider.post(`/api/v1/customer-policies`, { email: "guarded@example.test", policy: "accept" })).status).toBe(201);
    expect(await policyRow(f)).toEqual(before);
  });
});
