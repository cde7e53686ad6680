// The soak's operations: random, conflicting writes over HTTP from several clients at once —
// ship (all allocated, or a line), receive, stage, unstage, edit, cancel, refund, exchange,
// adjust, policy flip (and new orders, new POs, an admin's recompute, so demand and supply keep
// coming). Targets are drawn from a small catalogue and a shared list of orders, so operations
// meet on the same SKUs and orders. Every answer is tallied per kind and status; refusals
// (409 insufficient stock / stale version, 422 rules) are expected outcomes, a 5xx never is, and
// neither is a 409 "conflicted with another change" (a deadlock the server did not absorb).
import crypto from "node:crypto";
import type { ApiClient, ApiResponse } from "../client.ts";
import { newOrderBody, newPurchaseOrderBody, type SoakCompany } from "./company.ts";
import { seededRandom, type Random } from "./random.ts";

export const OPERATION_KINDS = ["ship", "shipLine", "receive", "stage", "unstage", "edit", "cancel", "refund", "exchange", "adjust", "policy", "recompute", "create", "purchase"] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

const STAFF: Partial<Record<OperationKind, number>> = { ship: 14, shipLine: 6, receive: 10, stage: 8, unstage: 5, adjust: 10 };
const MANAGER: Partial<Record<OperationKind, number>> = { ship: 12, shipLine: 5, receive: 7, stage: 6, unstage: 4, edit: 9, cancel: 6, refund: 6, exchange: 6, adjust: 8, create: 12, purchase: 2 };
const ADMIN: Partial<Record<OperationKind, number>> = { ...MANAGER, policy: 4, recompute: 0.5 };
const WEIGHTS = { admin: ADMIN, manager: MANAGER, staff: STAFF } as const;

/** The answer a writer must never get: a deadlock or serialization failure the server's retries did not absorb. */
export const isRetriesExhausted = (res: ApiResponse) => res.status === 409 && res.body?.error?.code === "conflict" && /conflicted with another change/.test(res.body?.error?.message ?? "");

export interface KindTally {
  total: number;
  /** "2xx" / "4xx" / "5xx" */
  byClass: Record<string, number>;
  /** "201", "409 insufficient_stock", "422 rule_violation", … */
  byAnswer: Record<string, number>;
  /** 409 `conflict` answers by message (a taken tote, a key still in progress, … — and the one that must not come). */
  conflicts: Record<string, number>;
  latenciesMs: number[];
}

export interface SoakRun {
  operations: number;
  durationMs: number;
  byKind: Record<string, KindTally>;
  /** Reads the operations made first (the order or PO as the client last saw it). */
  reads: KindTally;
  serverErrors: string[];
  retriesExhausted: string[];
  /** Idempotent retries (same key, same body, sent together) that did not get the same shipment back. */
  duplicateMismatches: string[];
  policyFlips: number;
}

const emptyTally = (): KindTally => ({ total: 0, byClass: {}, byAnswer: {}, conflicts: {}, latenciesMs: [] });

function tally(t: KindTally, res: ApiResponse, ms: number) {
  t.total++;
  const cls = `${Math.floor(res.status / 100)}xx`;
  t.byClass[cls] = (t.byClass[cls] ?? 0) + 1;
  const answer = res.status >= 400 ? `${res.status} ${res.body?.error?.code ?? "?"}` : String(res.status);
  t.byAnswer[answer] = (t.byAnswer[answer] ?? 0) + 1;
  if (res.status === 409 && res.body?.error?.code === "conflict") {
    const message = String(res.body.error.message).slice(0, 120);
    t.conflicts[message] = (t.conflicts[message] ?? 0) + 1;
  }
  t.latenciesMs.push(ms);
}

interface Context {
  company: SoakCompany;
  rnd: Random;
  client: ApiClient;
  stagedOrders: Set<string>;
  run: SoakRun;
}

type Answer = ApiResponse | null; // null: nothing to do on this target (no request sent)

async function read(ctx: Context, path: string): Promise<any | null> {
  const t0 = performance.now();
  const res = await ctx.client.get(path);
  tally(ctx.run.reads, res, performance.now() - t0);
  if (res.status >= 500) ctx.run.serverErrors.push(`GET ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.status === 200 ? res.body : null;
}

const readOrder = (ctx: Context) => read(ctx, `/api/v1/orders/${ctx.rnd.pick(ctx.company.orderIds)}`);
const withRemaining = (order: any): any[] => (order.lines as any[]).filter((l) => l.remaining > 0);
/** A line with units remaining when there is one (else any line: the server refuses it, which is an outcome too). */
const someLine = (rnd: Random, order: any): any => rnd.pick(withRemaining(order).length ? withRemaining(order) : (order.lines as any[]));
const idempotent = () => ({ "idempotency-key": crypto.randomUUID() });
const reason = "soak";

const operations: Record<OperationKind, (ctx: Context) => Promise<Answer>> = {
  async ship(ctx) {
    const order = await readOrder(ctx);
    if (!order) return null;
    const path = `/api/v1/orders/${order.id}/shipments`;
    const headers = idempotent();
    if (!ctx.rnd.chance(0.1)) return ctx.client.post(path, {}, headers);
    // A client that retries at once with the same key: one shipment, the same answer twice.
    const [a, b] = await Promise.all([ctx.client.post(path, {}, headers), ctx.client.post(path, {}, headers)]);
    if (a.status === 201 && b.status === 201 && a.body.shipment.id !== b.body.shipment.id) {
      ctx.run.duplicateMismatches.push(`order ${order.id}: key ${headers["idempotency-key"]} answered shipments ${a.body.shipment.id} and ${b.body.shipment.id}`);
    }
    if (b.status >= 500 || isRetriesExhausted(b)) return b;
    return a;
  },
  async shipLine(ctx) {
    const order = await readOrder(ctx);
    const line = order && someLine(ctx.rnd, order);
    if (!line) return null;
    return ctx.client.post(`/api/v1/orders/${order.id}/shipments`, { lines: [{ lineId: line.id, quantity: ctx.rnd.int(1, Math.max(1, line.remaining)) }], version: order.version }, idempotent());
  },
  async receive(ctx) {
    const po = await read(ctx, `/api/v1/purchase-orders/${ctx.rnd.pick(ctx.company.purchaseOrderIds)}`);
    if (!po) return null;
    const open = (po.lines as any[]).filter((l) => l.remaining > 0);
    const line: any = ctx.rnd.pick(open.length ? open : (po.lines as any[]));
    return ctx.client.post(`/api/v1/purchase-orders/${po.id}/receipts`, { lines: [{ productId: line.productId, quantity: ctx.rnd.int(1, Math.max(1, Math.min(line.remaining, 8))) }] }, idempotent());
  },
  async stage(ctx) {
    const order = await readOrder(ctx);
    if (!order) return null;
    const lines = withRemaining(order).filter((l: any) => l.remaining > l.hardAllocated);
    if (!lines.length) return null;
    const line = ctx.rnd.pick(lines);
    const wh = ctx.company.warehouses.find((w) => w.warehouse.id === order.warehouseId)!;
    // Its own tote when it has one (one container per order), else any tote of its warehouse (taken ones are refused).
    const own = (order.allocations as any[]).find((a) => a.containerId)?.containerId;
    const res = await ctx.client.post(
      `/api/v1/orders/${order.id}/staging`,
      { containerId: own ?? ctx.rnd.pick(wh.containers).id, fromLocationId: wh.pick.id, lines: [{ lineId: line.id, quantity: ctx.rnd.int(1, Math.min(2, line.remaining - line.hardAllocated)) }] },
      idempotent(),
    );
    if (res.status === 201) ctx.stagedOrders.add(order.id);
    return res;
  },
  async unstage(ctx) {
    const staged = [...ctx.stagedOrders];
    const orderId = staged.length && ctx.rnd.chance(0.9) ? ctx.rnd.pick(staged) : ctx.rnd.pick(ctx.company.orderIds);
    const order = await read(ctx, `/api/v1/orders/${orderId}`);
    if (!order) return null;
    const wh = ctx.company.warehouses.find((w) => w.warehouse.id === order.warehouseId)!;
    const res = await ctx.client.post(`/api/v1/orders/${orderId}/staging/unstage`, { toLocationId: wh.pick.id, reason }, idempotent());
    if (res.status === 200 || res.status === 422) ctx.stagedOrders.delete(orderId);
    return res;
  },
  async edit(ctx) {
    const order = await readOrder(ctx);
    if (!order) return null;
    const line = ctx.rnd.pick(order.lines as any[]);
    const onOrder = new Set((order.lines as any[]).map((l) => l.productId));
    const other = ctx.company.products.filter((p) => !onOrder.has(p.id));
    const change = ctx.rnd.weighted({ quantity: 6, add: 2, remove: 1, shipBy: 1 });
    const body: Record<string, unknown> = { version: order.version };
    if (change === "quantity") body.lines = [{ lineId: line.id, quantity: Math.max(1, line.ordered + ctx.rnd.pick([-2, -1, 1, 2])) }];
    else if (change === "add" && other.length) body.addLines = [{ productId: ctx.rnd.pick(other).id, quantity: ctx.rnd.int(1, 3), unitPriceCents: 1500 }];
    else if (change === "remove") body.removeLines = [line.id];
    else body.shipBy = new Date(Date.now() + ctx.rnd.int(1, 15) * 86_400_000).toISOString();
    return ctx.client.patch(`/api/v1/orders/${order.id}`, body);
  },
  async cancel(ctx) {
    const order = await readOrder(ctx);
    if (!order) return null;
    if (ctx.rnd.chance(0.2)) return ctx.client.post(`/api/v1/orders/${order.id}/cancel`, { reason, version: order.version }, idempotent());
    const line = someLine(ctx.rnd, order);
    return ctx.client.post(`/api/v1/orders/${order.id}/lines/${line.id}/cancel`, { quantity: ctx.rnd.int(1, Math.max(1, Math.min(2, line.remaining))), reason, version: order.version }, idempotent());
  },
  async refund(ctx) {
    const order = await readOrder(ctx);
    if (!order) return null;
    if (ctx.rnd.chance(0.25)) return ctx.client.post(`/api/v1/orders/${order.id}/oversell/cancel-refund`, { version: order.version, reason }, idempotent());
    const line = someLine(ctx.rnd, order);
    return ctx.client.post(`/api/v1/orders/${order.id}/oversell/refund-partial`, { version: order.version, reason, lines: [{ lineId: line.id, quantity: ctx.rnd.int(1, Math.max(1, line.remaining)) }] }, idempotent());
  },
  async exchange(ctx) {
    const order = await readOrder(ctx);
    if (!order) return null;
    const line = someLine(ctx.rnd, order);
    const onOrder = new Set((order.lines as any[]).map((l) => l.productId));
    const other = ctx.company.products.filter((p) => !onOrder.has(p.id));
    if (!other.length) return null;
    return ctx.client.post(
      `/api/v1/orders/${order.id}/oversell/exchange`,
      { version: order.version, reason, lineId: line.id, quantity: ctx.rnd.int(1, Math.max(1, line.remaining)), newProductId: ctx.rnd.pick(other).id, ...(ctx.rnd.chance(0.5) ? { unitPriceCents: ctx.rnd.pick([900, 1500, 2500]) } : {}) },
      idempotent(),
    );
  },
  async adjust(ctx) {
    const wh = ctx.rnd.pick(ctx.company.warehouses);
    return ctx.client.post("/api/v1/stock/adjustments", { warehouseId: wh.warehouse.id, productId: ctx.rnd.pick(ctx.company.products).id, quantity: ctx.rnd.pick([-3, -2, -1, 1, 2, 3, 5]), reason }, idempotent());
  },
  async policy(ctx) {
    const settings = await read(ctx, "/api/v1/settings");
    if (!settings) return null;
    const res = await ctx.client.patch("/api/v1/settings", { allocationPolicy: settings.allocationPolicy === "strict_priority" ? "complete_orders_first" : "strict_priority" });
    if (res.status === 202) ctx.run.policyFlips++;
    return res;
  },
  recompute: (ctx) => ctx.client.post("/api/v1/admin/allocations/recompute", {}),
  async create(ctx) {
    const res = await ctx.client.post("/api/v1/orders", newOrderBody(ctx.rnd, ctx.company));
    if (res.status === 201) ctx.company.orderIds.push(res.body.id);
    return res;
  },
  async purchase(ctx) {
    const res = await ctx.client.post("/api/v1/purchase-orders", newPurchaseOrderBody(ctx.rnd, ctx.company), idempotent());
    if (res.status === 201) ctx.company.purchaseOrderIds.push(res.body.id);
    return res;
  },
};

/**
 * Runs `operations` random operations from every client of the company at once (each client
 * one request after the other, so the clients are the concurrency). Returns the tallies.
 */
export async function runSoakOperations(company: SoakCompany, options: { operations: number; seed: number; onProgress?: (done: number) => void }): Promise<SoakRun> {
  const run: SoakRun = { operations: 0, durationMs: 0, byKind: {}, reads: emptyTally(), serverErrors: [], retriesExhausted: [], duplicateMismatches: [], policyFlips: 0 };
  const stagedOrders = new Set<string>();
  let claimed = 0;
  let skipped = 0;
  const t0 = performance.now();
  await Promise.all(
    company.clients.map(async ({ client, role }, i) => {
      const rnd = seededRandom(options.seed * 31 + i);
      const ctx: Context = { company, rnd, client, stagedOrders, run };
      while (claimed < options.operations) {
        claimed++;
        const kind = rnd.weighted(WEIGHTS[role]);
        const t = performance.now();
        const res = await operations[kind](ctx);
        if (!res) {
          // Nothing to do on the target drawn (no line left to stage, …): another operation takes its turn.
          claimed--;
          if (++skipped > options.operations * 10) throw new Error("the soak finds nothing to do: every target drawn was empty");
          continue;
        }
        run.operations++;
        tally((run.byKind[kind] ??= emptyTally()), res, performance.now() - t);
        if (res.status >= 500) run.serverErrors.push(`${kind}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        if (isRetriesExhausted(res)) run.retriesExhausted.push(`${kind}: ${res.body.error.message}`);
        if (run.operations % 500 === 0) options.onProgress?.(run.operations);
      }
    }),
  );
  run.durationMs = performance.now() - t0;
  return run;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! * 10) / 10;
}

/** The run as figures: per kind, answers by class and status, and latency p50/p95/max. */
export function summarizeRun(run: SoakRun) {
  const kinds: Record<string, unknown> = {};
  for (const [kind, t] of Object.entries(run.byKind)) {
    kinds[kind] = { total: t.total, byClass: t.byClass, byAnswer: t.byAnswer, ...(Object.keys(t.conflicts).length ? { conflicts: t.conflicts } : {}), p50Ms: percentile(t.latenciesMs, 50), p95Ms: percentile(t.latenciesMs, 95), maxMs: percentile(t.latenciesMs, 100) };
  }
  const fiveXx = Object.values(run.byKind).reduce((s, t) => s + (t.byClass["5xx"] ?? 0), 0) + (run.reads.byClass["5xx"] ?? 0);
  return {
    operations: run.operations,
    durationS: Math.round(run.durationMs / 100) / 10,
    opsPerS: Math.round((run.operations / run.durationMs) * 10_000) / 10,
    reads: run.reads.total,
    fiveXx,
    retriesExhausted409: run.retriesExhausted.length,
    duplicateMismatches: run.duplicateMismatches.length,
    policyFlips: run.policyFlips,
    kinds,
  };
}
