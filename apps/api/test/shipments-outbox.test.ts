// The outbox: a shipment writes `shipment.created` in its transaction; the worker delivers
// pending events to the channel adapter and retries failures with backoff.
import { describe, expect, it } from "vitest";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildShop } from "./order-builders.ts";
import { testEnv } from "./env.ts";
import { backoffMs, deliverOutboxBatch, RecordingChannelAdapter, type ChannelAdapter } from "../src/features/outbox/worker.ts";

async function shipOne(notifyOnPartialShipment: boolean) {
  const shop = await buildShop(1, { notifyOnPartialShipment });
  const order = await shop.order([{ productId: shop.product.id, quantity: 2 }]);
  const shipped = await shop.staff.post(`/api/v1/orders/${order.id}/shipments`, {});
  expect(shipped.status).toBe(201);
  return { shop, order, shipment: shipped.body.shipment };
}

describe("outbox", () => {
  it("a shipment writes shipment.created; the worker delivers it once (pending → delivered)", async () => {
    const { shop, order, shipment } = await shipOne(true);
    const listed = await shop.staff.get(`/api/v1/orders/${order.id}/outbox`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toMatchObject([{ type: "shipment.created", status: "pending", attempts: 0, payload: { orderId: order.id, shipmentId: shipment.id, partial: true, notifyCustomer: true } }]);

    const adapter = new RecordingChannelAdapter();
    // Other test files' databases are separate; in this one, deliver everything pending.
    const outcome = await deliverOutboxBatch(100, { pool: testEnv.superuser, adapter });
    expect(outcome.delivered).toBeGreaterThanOrEqual(1);
    expect(adapter.delivered.find((m) => m.id === listed.body.items[0].id)).toMatchObject({ tenantId: shop.admin.tenantId, type: "shipment.created" });
    const after = await shop.staff.get(`/api/v1/orders/${order.id}/outbox`);
    expect(after.body.items[0]).toMatchObject({ status: "delivered", attempts: 1 });
    expect(after.body.items[0].deliveredAt).toBeTruthy();

    const again = await deliverOutboxBatch(100, { pool: testEnv.superuser, adapter });
    expect(again.claimed).toBe(0);
    expect(adapter.delivered.filter((m) => m.id === listed.body.items[0].id)).toHaveLength(1);
  });

  it("a failing adapter leaves the event pending with attempts incremented, the error kept and a later retry time", async () => {
    const { shop, order } = await shipOne(false);
    const failing: ChannelAdapter = {
      async deliver() {
        throw new Error("channel API unavailable");
      },
    };
    const outcome = await deliverOutboxBatch(100, { pool: testEnv.superuser, adapter: failing });
    expect(outcome.retried).toBeGreaterThanOrEqual(1);
    const [event] = (await shop.staff.get(`/api/v1/orders/${order.id}/outbox`)).body.items;
    expect(event).toMatchObject({ status: "pending", attempts: 1, lastError: "channel API unavailable", payload: { notifyCustomer: false } });
    expect(new Date(event.availableAt).getTime()).toBeGreaterThan(Date.now() + backoffMs(1) - 1500);

    // Not due yet: nothing is claimed. Once due, a working adapter delivers it on the second attempt.
    expect((await deliverOutboxBatch(100, { pool: testEnv.superuser, adapter: new RecordingChannelAdapter() })).claimed).toBe(0);
    await testEnv.superuser.query("UPDATE outbox_events SET available_at = now() WHERE id = $1", [event.id]);
    expect((await deliverOutboxBatch(100, { pool: testEnv.superuser, adapter: new RecordingChannelAdapter() })).delivered).toBe(1);
    const [delivered] = (await shop.staff.get(`/api/v1/orders/${order.id}/outbox`)).body.items;
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2, lastError: null });
  });

  it("concurrent workers never deliver an event twice (SKIP LOCKED)", async () => {
    const shops = await Promise.all([shipOne(true), shipOne(true), shipOne(true)]);
    const adapters = [new RecordingChannelAdapter(), new RecordingChannelAdapter(), new RecordingChannelAdapter()];
    await Promise.all(adapters.map((adapter) => deliverOutboxBatch(1, { pool: testEnv.superuser, adapter })));
    await Promise.all(adapters.map((adapter) => deliverOutboxBatch(10, { pool: testEnv.superuser, adapter })));
    const ids = adapters.flatMap((a) => a.delivered.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const { shop, order } of shops) expect((await shop.staff.get(`/api/v1/orders/${order.id}/outbox`)).body.items[0].status).toBe("delivered");
  });

  it("an order's outbox is 401 without sign-in and 404 for another tenant", async () => {
    const { order } = await shipOne(true);
    expect((await new ApiClient().get(`/api/v1/orders/${order.id}/outbox`)).status).toBe(401);
    expect((await (await signUpCompany()).get(`/api/v1/orders/${order.id}/outbox`)).status).toBe(404);
  });
});
