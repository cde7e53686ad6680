// Fault test: the API server (its own process) is killed with SIGKILL, twice, while several
// clients stream receipts and shipments at it, each request with its own Idempotency-Key; it is
// restarted each time. Every request that got no answer is retried with its key. Then: every
// request answered 2xx was applied exactly once, nothing else left a trace (no half-applied
// receipt or shipment, ledger = stock levels = receipt and shipment lines, allocation check ok),
// and every retry completed. Decision 010.
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { signUpCompany } from "./client.ts";
import { buildChannel, buildProduct, buildStock, buildSupplier, buildWarehouse } from "./builders.ts";
import { buildOrder } from "./order-builders.ts";
import { sql } from "./purchasing-builders.ts";
import { backendsOf, callApi, killApiProcesses, startApiProcess, type ApiProcess } from "./api-process.ts";
import { eventually } from "./worker.ts";

afterAll(killApiProcesses);

const CLIENTS = 4;
const KILLS = 2;
const PRODUCTS = 3;
const ORDERS = 30;

interface Sent {
  key: string;
  kind: "receipt" | "shipment";
  path: string;
  body: unknown;
  /** Status of the last answer; undefined while no attempt was answered. */
  status?: number;
  answer?: any;
  /** Why attempts got no answer (the fetch error's cause), in order. */
  failures: string[];
  attempts: number;
  ms?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[crypto.randomInt(xs.length)]!;

describe("SIGKILL of the API process during a stream of receipts and shipments", () => {
  it("every 2xx is applied once, nothing else is half-applied, and retries with the same keys complete", async () => {
    const t0 = Date.now();
    // The company, built through the in-process app: products with a little stock, an open PO per product, waiting orders.
    const admin = await signUpCompany("Fault Test Co");
    const warehouse = await buildWarehouse(admin);
    const channel = await buildChannel(admin, { defaultWarehouseId: warehouse.id });
    const supplier = await buildSupplier(admin);
    const products = [];
    const pos: { id: string; productId: string }[] = [];
    for (let i = 0; i < PRODUCTS; i++) {
      const p = await buildProduct(admin);
      await buildStock(admin, { warehouseId: warehouse.id, productId: p.id, quantity: 4 });
      const po = await admin.post("/api/v1/purchase-orders", { supplierId: supplier.id, warehouseId: warehouse.id, lines: [{ productId: p.id, quantity: 10_000, unitCostCents: 100 }] });
      expect(po.status).toBe(201);
      products.push(p);
      pos.push({ id: po.body.id, productId: p.id });
    }
    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i++) {
      orderIds.push((await buildOrder(admin, { channelId: channel.id, lines: [{ productId: products[i % PRODUCTS]!.id, quantity: 1 + (i % 3) }] })).id);
    }

    let api: ApiProcess = await startApiProcess();
    const port = Number(new URL(api.url).port);
    const killed: string[] = [];
    let ready: Promise<void> = Promise.resolve();
    let stopping = false;
    const sent: Sent[] = [];

    const attempt = async (s: Sent) => {
      s.attempts++;
      const t = Date.now();
      try {
        const res = await callApi(api.url, admin, "POST", s.path, s.body, { "Idempotency-Key": s.key });
        s.status = res.status;
        s.answer = res.body;
        s.ms = Date.now() - t;
        return true;
      } catch (error) {
        s.failures.push(String((error as any)?.cause?.code ?? (error as Error).message));
        return false;
      }
    };

    const client = async (c: number) => {
      for (let n = 0; !stopping; n++) {
        const s: Sent =
          crypto.randomInt(10) < 4
            ? (() => {
                const po = pick(pos);
                return { key: `fault-${c}-${n}`, kind: "receipt" as const, path: `/api/v1/purchase-orders/${po.id}/receipts`, body: { lines: [{ productId: po.productId, quantity: 1 + crypto.randomInt(3) }] }, failures: [], attempts: 0 };
              })()
            : { key: `fault-${c}-${n}`, kind: "shipment" as const, path: `/api/v1/orders/${pick(orderIds)}/shipments`, body: {}, failures: [], attempts: 0 };
        sent.push(s);
        if (!(await attempt(s))) await ready; // the server is down: wait for the restart, leave this one for the retries
      }
    };

    const killer = async () => {
      for (let k = 0; k < KILLS; k++) {
        await sleep(1_000 + crypto.randomInt(1_500));
        // At a random moment, but one when a request is inside its transaction.
        await eventually(async () => (await backendsOf(api.applicationName)).some((b) => b.in_transaction), 5_000, "a request in its transaction");
        let up!: () => void;
        ready = new Promise<void>((resolve) => (up = resolve));
        await api.kill();
        killed.push(api.applicationName);
        api = await startApiProcess({ port });
        up();
      }
      await sleep(1_500);
      stopping = true;
    };

    const setupMs = Date.now() - t0;
    const started = Date.now();
    await Promise.all([killer(), ...Array.from({ length: CLIENTS }, (_, c) => client(c))]);
    const streamMs = Date.now() - started;

    // The killed processes' backends end once they notice their client is gone; then every unanswered request is retried with its key.
    for (const name of killed) await eventually(async () => (await backendsOf(name)).length === 0, 10_000, "the killed server's backends to end");
    const unanswered = sent.filter((s) => s.status === undefined);
    const cutMidRequest = unanswered.filter((s) => s.failures.some((f) => f !== "ECONNREFUSED"));
    for (const s of unanswered) expect(await attempt(s)).toBe(true);

    // Every request has an answer that is the operation's own: applied (2xx) or refused by a rule (4xx), never "still in progress" or a 5xx.
    const stuck = sent.filter((s) => s.status === undefined || s.status >= 500 || (s.status === 409 && /in progress/.test(s.answer?.error?.message ?? "")));
    expect(stuck.map((s) => [s.key, s.status, s.answer?.error?.message])).toEqual([]);
    const refused = sent.filter((s) => s.status! >= 400);
    expect(refused.map((s) => s.answer.error.code).filter((code) => !["rule_violation", "insufficient_stock"].includes(code))).toEqual([]);

    // Applied exactly once: the receipts and shipments in the database are exactly those answered 2xx, with the lines asked for.
    const ok = sent.filter((s) => s.status! < 300);
    const okReceipts = ok.filter((s) => s.kind === "receipt");
    const okShipments = ok.filter((s) => s.kind === "shipment");
    const receipts = await sql<{ id: string; product_id: string; quantity: number }>(
      `SELECT r.id::text, pol.product_id::text, rl.quantity FROM receipts r JOIN receipt_lines rl ON rl.receipt_id = r.id JOIN purchase_order_lines pol ON pol.id = rl.purchase_order_line_id
       WHERE r.tenant_id = $1 ORDER BY r.id`,
      [admin.tenantId],
    );
    expect(receipts).toEqual(
      okReceipts
        .map((s) => ({ id: s.answer.receipt.id, product_id: (s.body as any).lines[0].productId, quantity: (s.body as any).lines[0].quantity }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const shipments = await sql<{ id: string; order_id: string; units: number }>(
      `SELECT s.id::text, s.order_id::text, sum(sl.quantity)::int AS units FROM shipments s JOIN shipment_lines sl ON sl.shipment_id = s.id WHERE s.tenant_id = $1 GROUP BY s.tenant_id, s.id ORDER BY s.id`,
      [admin.tenantId],
    );
    expect(shipments.map((s) => s.id)).toEqual(okShipments.map((s) => s.answer.shipment.id).sort());
    expect(new Set(shipments.map((s) => s.id)).size).toBe(okShipments.length);
    // The keys stored are exactly the 2xx ones (a refused or killed attempt leaves none), each with its answer.
    const keys = await sql<{ key: string; response_status: number }>(`SELECT key, response_status FROM idempotency_keys WHERE tenant_id = $1 AND key LIKE 'fault-%' ORDER BY key`, [admin.tenantId]);
    expect(keys).toEqual(ok.map((s) => ({ key: s.key, response_status: s.status })).sort((a, b) => (a.key < b.key ? -1 : 1)));

    // Nothing half-applied: the ledger, the cached stock, PO lines and order lines agree with the receipts and shipments.
    const perProduct = await sql<{ product_id: string; on_hand: number; ledger: number; received: number; shipped_out: number; receipt_lines: number; shipment_lines: number; po_received: number; lines_shipped: number }>(
      `SELECT sl.product_id::text, sl.on_hand,
         (SELECT coalesce(sum(m.quantity), 0)::int FROM stock_movements m WHERE m.tenant_id = sl.tenant_id AND m.product_id = sl.product_id) AS ledger,
         (SELECT coalesce(sum(m.quantity), 0)::int FROM stock_movements m WHERE m.tenant_id = sl.tenant_id AND m.product_id = sl.product_id AND m.kind = 'receipt') AS received,
         (SELECT coalesce(-sum(m.quantity), 0)::int FROM stock_movements m WHERE m.tenant_id = sl.tenant_id AND m.product_id = sl.product_id AND m.kind = 'shipment') AS shipped_out,
         (SELECT coalesce(sum(rl.quantity), 0)::int FROM receipt_lines rl JOIN purchase_order_lines pol ON pol.id = rl.purchase_order_line_id WHERE rl.tenant_id = sl.tenant_id AND pol.product_id = sl.product_id) AS receipt_lines,
         (SELECT coalesce(sum(x.quantity), 0)::int FROM shipment_lines x JOIN sales_order_lines l ON l.id = x.line_id WHERE x.tenant_id = sl.tenant_id AND l.product_id = sl.product_id) AS shipment_lines,
         (SELECT coalesce(sum(pol.quantity_received), 0)::int FROM purchase_order_lines pol WHERE pol.tenant_id = sl.tenant_id AND pol.product_id = sl.product_id) AS po_received,
         (SELECT coalesce(sum(l.quantity_shipped), 0)::int FROM sales_order_lines l WHERE l.tenant_id = sl.tenant_id AND l.product_id = sl.product_id) AS lines_shipped
       FROM stock_levels sl WHERE sl.tenant_id = $1 ORDER BY sl.product_id`,
      [admin.tenantId],
    );
    expect(perProduct).toHaveLength(PRODUCTS);
    for (const p of perProduct) {
      const asked = okReceipts.filter((s) => (s.body as any).lines[0].productId === p.product_id).reduce((n, s) => n + (s.body as any).lines[0].quantity, 0);
      expect(p).toEqual({ ...p, on_hand: p.ledger, received: asked, receipt_lines: asked, po_received: asked, shipment_lines: p.shipped_out, lines_shipped: p.shipped_out });
      expect(p.ledger).toBe(4 + asked - p.shipped_out);
    }
    const movementCauses = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM stock_movements m WHERE m.tenant_id = $1 AND ((m.kind = 'receipt' AND m.cause_id NOT IN (SELECT id FROM receipts)) OR (m.kind = 'shipment' AND m.cause_id NOT IN (SELECT id FROM shipments)))`,
      [admin.tenantId],
    );
    expect(movementCauses).toEqual([{ n: 0 }]);
    expect((await admin.get("/api/v1/admin/allocations/check")).body).toMatchObject({ ok: true });

    // A replay of every applied request returns its first answer and moves nothing.
    const before = await sql(`SELECT (SELECT count(*) FROM receipts) AS r, (SELECT count(*) FROM shipments) AS s, (SELECT sum(on_hand) FROM stock_levels) AS h`);
    for (const s of ok) {
      const again = await callApi(api.url, admin, "POST", s.path, s.body, { "Idempotency-Key": s.key });
      expect([again.status, s.kind === "receipt" ? again.body.receipt.id : again.body.shipment.id]).toEqual([s.status, s.kind === "receipt" ? s.answer.receipt.id : s.answer.shipment.id]);
    }
    expect(await sql(`SELECT (SELECT count(*) FROM receipts) AS r, (SELECT count(*) FROM shipments) AS s, (SELECT sum(on_hand) FROM stock_levels) AS h`)).toEqual(before);

    // The kills did cut requests mid-flight (not only between them), and both kinds were applied.
    expect(killed).toHaveLength(KILLS);
    expect(cutMidRequest.length).toBeGreaterThanOrEqual(KILLS);
    expect(okReceipts.length).toBeGreaterThan(0);
    expect(okShipments.length).toBeGreaterThan(0);
    console.log(
      `fault-kill: setup ${setupMs} ms; ${sent.length} requests in ${streamMs} ms (answered in ${Math.round(sent.reduce((n, s) => n + (s.ms ?? 0), 0) / sent.length)} ms on average), ${ok.length} applied (${okReceipts.length} receipts, ${okShipments.length} shipments), ${refused.length} refused, ` +
        `${unanswered.length} unanswered and retried (${cutMidRequest.length} cut mid-request)`,
    );
    await api.kill();
  });
});
