// The job queue (graphile-worker on this database): jobs are enqueued in the transaction of the
// change that asked for them, only for that transaction's tenant, run as bod_app with the tenant
// set, and whole-company recomputes run there instead of in the request.
import { describe, expect, it } from "vitest";
import { inTenant } from "../src/db/client.ts";
import { enqueueJob } from "../src/jobs/enqueue.ts";
import { enqueueOutboxEvent } from "../src/features/outbox/enqueue.ts";
import { ApiClient, signUpCompany } from "./client.ts";
import { buildShop } from "./order-builders.ts";
import { testEnv } from "./env.ts";
import { eventually, startTestWorker } from "./worker.ts";

const jobsWithKey = async (key: string) => (await testEnv.superuser.query(`SELECT id FROM graphile_worker._private_jobs WHERE key = $1`, [key])).rowCount;

describe("job queue", () => {
  it("a rolled-back change enqueues nothing; a committed one enqueues its delivery job once per waiting stream", async () => {
    const shop = await buildShop(1);
    const order = await shop.order([{ productId: shop.product.id, quantity: 1 }]);
    const key = `outbox:${shop.admin.tenantId}:order:${order.id}`;
    await testEnv.superuser.query(`DELETE FROM graphile_worker._private_jobs WHERE key = $1`, [key]);

    await expect(
      inTenant({ tenantId: shop.admin.tenantId! }, async (tx) => {
        await enqueueOutboxEvent(tx, shop.admin.tenantId!, "order.edited", { orderId: order.id, diff: {} });
        throw new Error("the change fails after writing its message");
      }),
    ).rejects.toThrow("the change fails");
    expect(await jobsWithKey(key)).toBe(0);
    expect((await testEnv.superuser.query(`SELECT 1 FROM outbox_events WHERE order_id = $1`, [order.id])).rowCount).toBe(0);

    await inTenant({ tenantId: shop.admin.tenantId! }, async (tx) => {
      await enqueueOutboxEvent(tx, shop.admin.tenantId!, "order.edited", { orderId: order.id, diff: {} });
      await enqueueOutboxEvent(tx, shop.admin.tenantId!, "order.edited", { orderId: order.id, diff: {} });
    });
    // Two messages of one order, one waiting delivery job for its stream.
    expect(await jobsWithKey(key)).toBe(1);
    expect((await testEnv.superuser.query(`SELECT seq FROM outbox_events WHERE order_id = $1 ORDER BY seq`, [order.id])).rowCount).toBe(2);
  });

  it("refuses a job for another tenant than the transaction's", async () => {
    const a = await signUpCompany("Tenant A");
    const b = await signUpCompany("Tenant B");
    await expect(inTenant({ tenantId: a.tenantId! }, (tx) => enqueueJob(tx, "stock_push", { tenantId: b.tenantId! }))).rejects.toThrow(/tenant/);
  });

  it("jobs run as bod_app with their tenant set: a task sees its tenant's rows only", async () => {
    const a = await buildShop(1);
    const b = await buildShop(1);
    await a.order([{ productId: a.product.id, quantity: 1 }]);
    await b.order([{ productId: b.product.id, quantity: 1 }]);
    await b.order([{ productId: b.product.id, quantity: 1 }]);
    const seen: { role: string; tenant: string; orders: number; allOrders: number }[] = [];
    const worker = await startTestWorker({
      tasks: {
        probe: async (payload: any) => {
          const row = await inTenant({ tenantId: payload.tenantId }, async (tx) => {
            const [r] = await tx.$queryRaw<{ role: string; tenant: string; orders: number }[]>`
              SELECT current_user AS role, current_setting('app.tenant_id') AS tenant, (SELECT count(*)::int FROM sales_orders) AS orders`;
            return r!;
          });
          seen.push({ ...row, allOrders: Number((await testEnv.superuser.query(`SELECT count(*) FROM sales_orders`)).rows[0].count) });
        },
      },
    });
    await inTenant({ tenantId: b.admin.tenantId! }, (tx) => enqueueJob(tx, "probe", { tenantId: b.admin.tenantId! }));
    await eventually(async () => seen.length === 1, 15_000, "the probe job");
    await worker.stop();
    expect(seen[0]).toMatchObject({ role: "bod_app", tenant: b.admin.tenantId, orders: 2 });
    expect(seen[0]!.allOrders).toBeGreaterThan(2);
  });

  it("a policy change answers 202 with a recompute job that runs on the queue and reports its progress", async () => {
    const shop = await buildShop(3);
    for (let i = 0; i < 3; i++) await shop.order([{ productId: shop.product.id, quantity: 2 }]);
    const changed = await shop.admin.patch("/api/v1/settings", { allocationPolicy: "complete_orders_first" });
    expect(changed.status).toBe(202);
    expect(changed.body).toMatchObject({ allocationPolicy: "complete_orders_first", recomputeJob: { kind: "allocation_recompute", status: "queued" } });
    const jobId = changed.body.recomputeJob.id;
    // Asking again while it waits returns the same job.
    const admin = await shop.admin.post("/api/v1/admin/allocations/recompute");
    expect(admin.status).toBe(202);
    expect(admin.body.job.id).toBe(jobId);
    // A rename alone queues nothing.
    const renamed = await shop.admin.patch("/api/v1/settings", { name: "Renamed Co" });
    expect(renamed.status).toBe(200);
    expect(renamed.body.recomputeJob).toBeNull();

    const worker = await startTestWorker();
    const done = await eventually(async () => {
      const r = await shop.admin.get(`/api/v1/jobs/${jobId}`);
      return r.body.status === "succeeded" ? r.body : undefined;
    }, 30_000, "the recompute job");
    await worker.stop();
    expect(done).toMatchObject({ progressDone: 3, progressTotal: 3, result: { linesWritten: expect.any(Number), ordersChanged: expect.any(Number) } });
    expect(done.startedAt).toBeTruthy();
    const check = await shop.admin.get("/api/v1/admin/allocations/check");
    expect(check.body.ok).toBe(true);

    // Another company's user cannot read the job; staff may not start one.
    expect((await (await signUpCompany()).get(`/api/v1/jobs/${jobId}`)).status).toBe(404);
    expect((await shop.staff.post("/api/v1/admin/allocations/recompute")).status).toBe(403);
    expect((await new ApiClient().get(`/api/v1/jobs/${jobId}`)).status).toBe(401);
  });

  it("stopping a worker lets the job it is running finish first, and takes no new one", async () => {
    const shop = await buildShop(1);
    const finished: number[] = [];
    let started = 0;
    const worker = await startTestWorker({
      concurrency: 1,
      tasks: {
        slow: async (payload: any) => {
          started++;
          await new Promise((r) => setTimeout(r, 1_500));
          finished.push(payload.n);
        },
      },
    });
    await inTenant({ tenantId: shop.admin.tenantId! }, async (tx) => {
      await enqueueJob(tx, "slow", { tenantId: shop.admin.tenantId!, n: 1 });
      await enqueueJob(tx, "slow", { tenantId: shop.admin.tenantId!, n: 2 }, { runAt: new Date(Date.now() + 100) });
    });
    await eventually(async () => started === 1, 15_000, "the first job to start");
    await worker.stop();
    expect(finished).toEqual([1]);
    const { rows } = await testEnv.superuser.query(`SELECT payload->>'n' AS n, locked_at FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'slow'`);
    expect(rows).toEqual([{ n: "2", locked_at: null }]); // the later one waits, unlocked, for the next worker
  });

  it("/api/health reports the queue: waiting jobs and the oldest one's age", async () => {
    const shop = await buildShop(1);
    await inTenant({ tenantId: shop.admin.tenantId! }, (tx) => enqueueJob(tx, "stock_push", { tenantId: shop.admin.tenantId! }, { runAt: new Date(Date.now() - 5_000) }));
    const health = await new ApiClient().get("/api/health");
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", database: "ok" });
    expect(health.body.queue.waiting).toBeGreaterThanOrEqual(1);
    expect(health.body.queue.oldestWaitingSeconds).toBeGreaterThanOrEqual(4);
  });
});
