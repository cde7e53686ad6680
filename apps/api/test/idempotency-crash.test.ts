// Idempotency-Key across a crash (decision 010): the API server runs in its own process and is
// killed with SIGKILL while a request is inside its transaction (held there by a row lock this
// test takes). The key, the operation and the stored answer commit together, so a killed request
// did nothing and its retry runs once; one that committed before the kill is answered from the key.
// A server that hangs (SIGSTOP) holds the key only until PostgreSQL ends its silent transaction.
// Also, in process: a retry waiting for a first attempt still running, a failed attempt freeing
// the key, another user's key, and a deadlock re-running the whole request, key included.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { addMember } from "./client.ts";
import { buildPurchasingShop, onHand, poRow, sql } from "./purchasing-builders.ts";
import { buildShop, orderRow } from "./order-builders.ts";
import { backendsOf, callApi, killApiProcesses, startApiProcess, type ApiProcess } from "./api-process.ts";
import { testEnv } from "./env.ts";
import { eventually } from "./worker.ts";
import { REQUEST_TX_IDLE_MS } from "../src/db/client.ts";

afterAll(killApiProcesses);

/** The API process the crash tests share; each kill is followed by a restart (about 4 s), so the next test starts on a running one. */
let server: ApiProcess | undefined;
const runningServer = async () => (server ??= await startApiProcess());
async function restartServer() {
  await server?.kill();
  server = await startApiProcess();
  return server;
}

/** A connection of its own holding row locks in an open transaction, as another writer would. */
async function lockRows(statement: string, params: unknown[], options: { deadlockTimeout?: string } = {}) {
  const client = new pg.Client({ connectionString: testEnv.ownerDatabaseUrl });
  await client.connect();
  if (options.deadlockTimeout) await client.query(`SET deadlock_timeout = '${options.deadlockTimeout}'`);
  await client.query("BEGIN");
  await client.query(statement, params);
  return {
    client,
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

/** Waits until `n` backends of the bod_app role (of `applicationName`, when given) wait on a lock. */
async function waitersOnLocks(n: number, applicationName?: string) {
  await eventually(async () => {
    const { rows } = await testEnv.superuser.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = 'bod_app' AND wait_event_type = 'Lock' AND ($1::text IS NULL OR application_name = $1)`,
      [applicationName ?? null],
    );
    return rows[0].n >= n;
  }, 10_000, `${n} request(s) waiting on a lock`);
}

const ledger = (productId: string) =>
  sql<{ kind: string; quantity: number; cause_id: string }>(`SELECT kind::text, quantity, cause_id::text FROM stock_movements WHERE product_id = $1 ORDER BY created_at, id`, [productId]);
const keyRow = (key: string) => sql(`SELECT response_status FROM idempotency_keys WHERE key = $1`, [key]);

describe("Idempotency-Key when the server is killed (SIGKILL)", () => {
  it("a receipt in flight when the server dies did nothing; after a restart its retry with the same key is applied exactly once", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const waiting = await shop.order([{ productId: a.id, quantity: 2 }]);
    const po = await shop.po([{ productId: a.id, quantity: 5 }]);
    const body = { lines: [{ productId: a.id, quantity: 2 }] };
    const headers = { "Idempotency-Key": "crash-receipt-1" };
    const path = `/api/v1/purchase-orders/${po.id}/receipts`;

    let api = await runningServer();
    // Another writer holds the PO row: the receipt claims its key, locks the stock key, and waits inside its transaction.
    const holder = await lockRows(`SELECT 1 FROM purchase_orders WHERE id = $1 FOR UPDATE`, [po.id]);
    const inFlight = callApi(api.url, shop.staff, "POST", path, body, headers).then(
      (res) => ({ answered: res.status }),
      () => ({ answered: false as const }),
    );
    await waitersOnLocks(1, api.applicationName);
    await api.kill();
    expect(await inFlight).toEqual({ answered: false });
    await holder.release();
    await eventually(async () => (await backendsOf(api.applicationName)).length === 0, 10_000, "the killed server's backends to end");

    // Nothing of it happened: no receipt, no movement, no key.
    expect(await sql(`SELECT count(*)::int AS n FROM receipts WHERE purchase_order_id = $1`, [po.id])).toEqual([{ n: 0 }]);
    expect(await ledger(a.id)).toEqual([]);
    expect(await keyRow(headers["Idempotency-Key"])).toEqual([]);

    api = await restartServer();
    const retry = await callApi(api.url, shop.staff, "POST", path, body, headers);
    expect(retry.status).toBe(201);
    expect(retry.body.ordersNowFulfillable).toEqual([{ orderId: waiting.id, number: waiting.number }]);
    const again = await callApi(api.url, shop.staff, "POST", path, body, headers);
    expect(again.status).toBe(201);
    expect(again.body.receipt.id).toBe(retry.body.receipt.id);

    expect(await sql(`SELECT id::text FROM receipts WHERE purchase_order_id = $1`, [po.id])).toEqual([{ id: retry.body.receipt.id }]);
    expect(await ledger(a.id)).toEqual([{ kind: "receipt", quantity: 2, cause_id: retry.body.receipt.id }]);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(2);
    expect((await poRow(po.id)).lines).toEqual([{ ordered: 5, received: 2 }]);
    expect(await keyRow(headers["Idempotency-Key"])).toEqual([{ response_status: 201 }]);
    expect((await shop.admin.get("/api/v1/admin/allocations/check")).body.ok).toBe(true);
  });

  it("a shipment that committed but whose answer was lost, the server then killed: the retry after a restart gets the first shipment back and ships nothing again", async () => {
    const shop = await buildShop(5);
    const order = await shop.order([{ productId: shop.product.id, quantity: 3 }]);
    const path = `/api/v1/orders/${order.id}/shipments`;
    const headers = { "Idempotency-Key": "crash-shipment-1" };

    let api = await runningServer();
    const holder = await lockRows(`SELECT 1 FROM sales_orders WHERE id = $1 FOR UPDATE`, [order.id]);
    const client = new AbortController();
    const lost = callApi(api.url, shop.staff, "POST", path, {}, headers, client.signal).then(
      () => "answered",
      () => "no answer",
    );
    await waitersOnLocks(1, api.applicationName);
    client.abort(); // the client gives up: whatever the server does now, its answer is lost
    expect(await lost).toBe("no answer");
    await holder.release();
    const [shipment] = await eventually(async () => {
      const rows = await sql<{ id: string }>(`SELECT id::text FROM shipments WHERE order_id = $1`, [order.id]);
      return rows.length ? rows : undefined;
    }, 10_000, "the shipment to commit");
    await api.kill();

    api = await restartServer();
    const retry = await callApi(api.url, shop.staff, "POST", path, {}, headers);
    expect(retry.status).toBe(201);
    expect(retry.body.shipment.id).toBe(shipment!.id);
    expect(await sql(`SELECT count(*)::int AS n FROM shipments WHERE order_id = $1`, [order.id])).toEqual([{ n: 1 }]);
    expect(await ledger(shop.product.id)).toEqual([
      { kind: "adjustment", quantity: 5, cause_id: null },
      { kind: "shipment", quantity: -3, cause_id: shipment!.id },
    ]);
    expect(await onHand(shop.warehouse.id, shop.product.id)).toBe(2);
    expect((await orderRow(order.id)).lines).toEqual([{ ordered: 3, shipped: 3, cancelled: 0, allocated: 0, hard: 0 }]);
  });

  it("a server that hangs (SIGSTOP) inside a request's transaction keeps the key only for its lease: a retry on another server (the in-process app) gets 409 until PostgreSQL ends the silent transaction, then is applied once", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const po = await shop.po([{ productId: a.id, quantity: 5 }]);
    const body = { lines: [{ productId: a.id, quantity: 1 }] };
    const headers = { "Idempotency-Key": "hung-receipt-1" };
    const path = `/api/v1/purchase-orders/${po.id}/receipts`;

    const hung = await runningServer();
    const holder = await lockRows(`SELECT 1 FROM purchase_orders WHERE id = $1 FOR UPDATE`, [po.id]);
    void callApi(hung.url, shop.staff, "POST", path, body, headers).catch(() => {});
    await waitersOnLocks(1, hung.applicationName);
    hung.child.kill("SIGSTOP"); // its socket stays open: PostgreSQL cannot tell it is gone
    await holder.release();
    const silentSince = Date.now();
    await eventually(async () => (await backendsOf(hung.applicationName)).some((b) => b.state === "idle in transaction"), 5_000, "the hung request's transaction to wait for its client");

    const early = await shop.staff.post(path, body, headers);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/still in progress/);
    const retry = await eventually(async () => {
      const res = await shop.staff.post(path, body, headers);
      return res.status === 201 ? res : undefined;
    }, 20_000, "the retry to be applied");
    const lease = Date.now() - silentSince;
    expect(lease).toBeGreaterThanOrEqual(REQUEST_TX_IDLE_MS - 500);
    expect(lease).toBeLessThan(REQUEST_TX_IDLE_MS + 8_000);
    expect(await sql(`SELECT id::text FROM receipts WHERE purchase_order_id = $1`, [po.id])).toEqual([{ id: retry.body.receipt.id }]);
    expect(await ledger(a.id)).toEqual([{ kind: "receipt", quantity: 1, cause_id: retry.body.receipt.id }]);
    await hung.kill();
    server = undefined;
  });
});

describe("Idempotency-Key while the first attempt is still running (in process)", () => {
  it("a retry waits for the first attempt and gets its answer; one that would wait longer than the claim wait gets 409, and stock moves once per key", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const po = await shop.po([{ productId: a.id, quantity: 10 }]);
    const path = `/api/v1/purchase-orders/${po.id}/receipts`;
    const body = { lines: [{ productId: a.id, quantity: 1 }] };

    let holder = await lockRows(`SELECT 1 FROM purchase_orders WHERE id = $1 FOR UPDATE`, [po.id]);
    const first = shop.staff.post(path, body, { "Idempotency-Key": "wait-1" });
    await waitersOnLocks(1);
    const second = shop.staff.post(path, body, { "Idempotency-Key": "wait-1" });
    await waitersOnLocks(2); // the second waits on the first one's uncommitted key
    await holder.release();
    const [r1, r2] = await Promise.all([first, second]);
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r2.body.receipt.id).toBe(r1.body.receipt.id);

    holder = await lockRows(`SELECT 1 FROM purchase_orders WHERE id = $1 FOR UPDATE`, [po.id]);
    const third = shop.staff.post(path, body, { "Idempotency-Key": "wait-2" });
    await waitersOnLocks(1);
    const started = Date.now();
    const impatient = await shop.staff.post(path, body, { "Idempotency-Key": "wait-2" });
    expect(impatient.status).toBe(409);
    expect(impatient.body.error.message).toMatch(/still in progress/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    await holder.release();
    expect((await third).status).toBe(201);

    expect(await sql(`SELECT count(*)::int AS n FROM receipts WHERE purchase_order_id = $1`, [po.id])).toEqual([{ n: 2 }]);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(2);
  });

  it("a failed attempt leaves no key: the same request with the same key succeeds once the cause is fixed", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const draft = await shop.po([{ productId: a.id, quantity: 4 }], { status: "draft" });
    const path = `/api/v1/purchase-orders/${draft.id}/receipts`;
    const headers = { "Idempotency-Key": "after-failure-1" };
    const body = { lines: [{ productId: a.id, quantity: 4 }] };
    const refused = await shop.staff.post(path, body, headers);
    expect(refused.status).toBe(422);
    expect(await keyRow(headers["Idempotency-Key"])).toEqual([]);
    expect((await shop.purchaser.post(`/api/v1/purchase-orders/${draft.id}/submit`, { version: draft.version })).status).toBe(200);
    const done = await shop.staff.post(path, body, headers);
    expect(done.status).toBe(201);
    expect(await onHand(shop.warehouse.id, a.id)).toBe(4);
  });

  it("another user's request with the same key and body is refused (422) rather than given the first user's result, and moves nothing", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const po = await shop.po([{ productId: a.id, quantity: 4 }]);
    const path = `/api/v1/purchase-orders/${po.id}/receipts`;
    const headers = { "Idempotency-Key": "shared-key-1" };
    const body = { lines: [{ productId: a.id, quantity: 1 }] };
    expect((await shop.staff.post(path, body, headers)).status).toBe(201);
    const colleague = await addMember(shop.admin, "staff");
    const other = await colleague.post(path, body, headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_mismatch");
    expect(await onHand(shop.warehouse.id, a.id)).toBe(1);
  });

  it("a deadlock inside the request's transaction re-runs the whole request, key included: one receipt, the key stored once", async () => {
    const shop = await buildPurchasingShop();
    const a = await shop.product(0);
    const po = await shop.po([{ productId: a.id, quantity: 4 }]);
    const path = `/api/v1/purchase-orders/${po.id}/receipts`;
    const headers = { "Idempotency-Key": "deadlock-1" };
    const body = { lines: [{ productId: a.id, quantity: 3 }] };
    const deadlocks = async () => (await sql<{ n: number }>(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`))[0]!.n;
    const before = await deadlocks();

    // The other writer holds the PO row (the receipt, holding its key and the stock key, waits for it), then
    // asks for the stock key: a cycle. Its own deadlock check waits 10 s, so the request's (1 s) finds it and is the one aborted.
    const holder = await lockRows(`SELECT 1 FROM purchase_orders WHERE id = $1 FOR UPDATE`, [po.id], { deadlockTimeout: "10s" });
    const receipt = shop.staff.post(path, body, headers);
    await waitersOnLocks(1);
    await holder.client.query(`SELECT 1 FROM stock_levels WHERE product_id = $1 FOR UPDATE`, [a.id]);
    await holder.release(); // got it once the request was aborted; the request's second run now proceeds
    const res = await receipt;
    expect(res.status).toBe(201);
    expect(await deadlocks()).toBeGreaterThan(before);
    expect(await sql(`SELECT count(*)::int AS n FROM receipts WHERE purchase_order_id = $1`, [po.id])).toEqual([{ n: 1 }]);
    expect(await ledger(a.id)).toEqual([{ kind: "receipt", quantity: 3, cause_id: res.body.receipt.id }]);
    expect(await keyRow(headers["Idempotency-Key"])).toEqual([{ response_status: 201 }]);
    expect((await shop.staff.post(path, body, headers)).body.receipt.id).toBe(res.body.receipt.id);
  });
});
