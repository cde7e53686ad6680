// Shared steps of every order write (docs/architecture.md, the write-path recipe):
// find the order (404 for another tenant's), lock its stock keys, then the order row,
// check the client's version; afterwards refresh the lines' rank keys and recompute.
import { orderActionRefusal, type TOrderAction } from "@bod/contracts/actions";
import type { Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { recomputeKeys, refreshOrderLines, type RecomputeOutcome } from "../allocation/recompute.ts";
import { keyString, lockStockKeys, recordStockMovements, type MovementInput, type StockKey } from "../stock/ledger.ts";

export interface LockedOrder {
  id: string;
  number: string;
  channelId: string;
  warehouseId: string;
  status: "open" | "on_hold" | "partially_shipped" | "shipped" | "cancelled";
  priority: number;
  fulfillmentMode: "ship_partial" | "ship_complete";
  tags: string[];
  version: number;
}

export interface LockedLine {
  id: string;
  lineNo: number;
  productId: string;
  warehouseId: string;
  ordered: number;
  shipped: number;
  cancelled: number;
  remaining: number;
  allocated: number;
  hard: number;
  unitPriceCents: number;
  sku: string;
  /** a kit's component line: its kit (sales_order_kits), the kit's SKU and units per kit */
  kit: { id: string; sku: string; perKit: number } | null;
}

export interface OrderLock {
  order: LockedOrder;
  lines: LockedLine[];
  stock: Map<string, { onHand: number; allocated: number }>;
}

async function readLines(tx: Tx, tenantId: string, orderId: string): Promise<LockedLine[]> {
  const rows = await tx.$queryRaw<any[]>`
    SELECT l.id::text, l.line_no, l.product_id::text, l.warehouse_id::text, l.quantity_ordered, l.quantity_shipped, l.quantity_cancelled,
      l.quantity_allocated, l.quantity_hard_allocated, l.unit_price_cents, p.sku, l.kit_id::text, l.per_kit, kp.sku AS kit_sku
    FROM sales_order_lines l JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
    LEFT JOIN sales_order_kits k ON k.tenant_id = l.tenant_id AND k.id = l.kit_id
    LEFT JOIN products kp ON kp.tenant_id = k.tenant_id AND kp.id = k.product_id
    WHERE l.tenant_id = ${tenantId}::uuid AND l.order_id = ${orderId}::uuid ORDER BY l.line_no`;
  return rows.map((r) => ({
    id: r.id,
    lineNo: r.line_no,
    productId: r.product_id,
    warehouseId: r.warehouse_id,
    ordered: r.quantity_ordered,
    shipped: r.quantity_shipped,
    cancelled: r.quantity_cancelled,
    remaining: r.quantity_ordered - r.quantity_shipped - r.quantity_cancelled,
    allocated: r.quantity_allocated,
    hard: r.quantity_hard_allocated,
    unitPriceCents: r.unit_price_cents,
    sku: r.sku,
    kit: r.kit_id ? { id: r.kit_id, sku: r.kit_sku, perKit: r.per_kit } : null,
  }));
}

/**
 * Recipe steps 1–2 for an existing order: 404 when it is not the tenant's, lock the stock
 * keys its lines hold (plus `extraKeys`) in the fixed order, then lock the order row, and
 * re-read it and its lines. A `version` older than the order's is a 409 stale_version.
 */
export async function lockOrder(tx: Tx, ctx: RequestContext, orderId: string, options: { version?: number; extraKeys?: StockKey[] } = {}): Promise<OrderLock> {
  const first = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM sales_orders WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid`;
  if (!first[0]) throw notFound("Order");
  const keyRows = await tx.$queryRaw<{ warehouse_id: string; product_id: string }[]>`
    SELECT DISTINCT warehouse_id::text, product_id::text FROM sales_order_lines WHERE tenant_id = ${ctx.tenantId}::uuid AND order_id = ${orderId}::uuid`;
  const keys: StockKey[] = [...keyRows.map((k) => ({ warehouseId: k.warehouse_id, productId: k.product_id })), ...(options.extraKeys ?? [])];
  const stock = await lockStockKeys(tx, ctx.tenantId, keys);
  const rows = await tx.$queryRaw<any[]>`
    SELECT id::text, number, channel_id::text, warehouse_id::text, status::text, priority, fulfillment_mode::text, tags, version
    FROM sales_orders WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid FOR UPDATE`;
  const r = rows[0];
  if (!r) throw notFound("Order");
  if (options.version !== undefined && options.version !== r.version) {
    throw new AppError("stale_version", "The order changed since you read it; reload and try again", { expected: r.version, given: options.version });
  }
  const lines = await readLines(tx, ctx.tenantId, orderId);
  // A line added between the first read and the lock (a concurrent edit) holds a key not yet locked.
  const missing = lines.filter((l) => !stock.has(keyString(l)));
  if (missing.length) for (const [k, v] of await lockStockKeys(tx, ctx.tenantId, missing)) stock.set(k, v);
  return {
    order: { id: r.id, number: r.number, channelId: r.channel_id, warehouseId: r.warehouse_id, status: r.status, priority: r.priority, fulfillmentMode: r.fulfillment_mode, tags: r.tags, version: r.version },
    lines,
    stock,
  };
}

/** Recipe steps 3 (end) and 4: copy rank keys and is_active onto the lines, and recompute the keys they (and `extraKeys`) hold. */
export async function settleOrders(tx: Tx, tenantId: string, orderIds: string[], extraKeys: StockKey[] = []): Promise<RecomputeOutcome> {
  const keys = await refreshOrderLines(tx, tenantId, orderIds);
  return recomputeKeys(tx, tenantId, [...keys, ...extraKeys], { orderIds });
}

export async function bumpVersion(tx: Tx, tenantId: string, orderId: string, data: Record<string, unknown> = {}) {
  await tx.salesOrder.update({ where: { tenantId_id: { tenantId, id: orderId } }, data: { ...data, version: { increment: 1 } } });
}

let lastEventAt = 0;
/** Event times from this process only increase, so a timeline written in one transaction keeps its order (now() is the transaction's start). */
function eventTime() {
  lastEventAt = Math.max(Date.now(), lastEventAt + 1);
  return new Date(lastEventAt);
}

export async function addOrderEvent(tx: Tx, ctx: RequestContext, orderId: string, type: string, message: string, data?: unknown) {
  await tx.orderEvent.create({ data: { tenantId: ctx.tenantId, orderId, type, message, data: (data ?? undefined) as any, actorId: ctx.userId, createdAt: eventTime() } });
}

/** Several events (of several orders) in one statement, in the order given. */
export async function addOrderEvents(tx: Tx, ctx: RequestContext, events: { orderId: string; type: string; message: string; data?: unknown }[]) {
  if (!events.length) return;
  await tx.orderEvent.createMany({
    data: events.map((e) => ({ tenantId: ctx.tenantId, orderId: e.orderId, type: e.type, message: e.message, data: (e.data ?? undefined) as any, actorId: ctx.userId, createdAt: eventTime() })),
  });
}

/** The next number of a per-tenant sequence (row lock on the counter until the transaction ends). */
export async function nextNumber(tx: Tx, tenantId: string, name: string, prefix: string): Promise<string> {
  return (await nextNumbers(tx, tenantId, name, prefix, 1))[0]!;
}

/** The next `count` numbers of a per-tenant sequence, in one statement. */
export async function nextNumbers(tx: Tx, tenantId: string, name: string, prefix: string, count: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ value: bigint }[]>`
    INSERT INTO tenant_counters (tenant_id, name, value) VALUES (${tenantId}::uuid, ${name}, ${count})
    ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + ${count} RETURNING value`;
  const last = Number(rows[0]!.value);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(last - count + 1 + i).padStart(6, "0")}`);
}

/**
 * Lowers a line's hard allocation to at most `max` units: trims its `allocations` rows,
 * newest first, and keeps `quantity_hard_allocated` equal to their sum. Returns the new hard quantity.
 * Units cut from a container (staged) leave it through the ledger: a shipment passes
 * `consumed` (they leave in the box); otherwise (cancel, edit) a `transfer` puts them back
 * out of the container to an unnamed pick location (docs/decisions/005).
 */
export async function trimHardAllocation(tx: Tx, tenantId: string, lineId: string, max: number, options: { consumed?: boolean; userId?: string | null } = {}): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string; quantity: number; location_id: string | null; container_id: string | null; warehouse_id: string; product_id: string }[]>`
    SELECT a.id::text, a.quantity, a.location_id::text, a.container_id::text, l.warehouse_id::text, l.product_id::text
    FROM allocations a JOIN sales_order_lines l ON l.tenant_id = a.tenant_id AND l.id = a.line_id
    WHERE a.tenant_id = ${tenantId}::uuid AND a.line_id = ${lineId}::uuid ORDER BY a.created_at DESC, a.id FOR UPDATE OF a`;
  let total = rows.reduce((s, r) => s + r.quantity, 0);
  const putBack: MovementInput[] = [];
  for (const r of rows) {
    if (total <= max) break;
    const cut = Math.min(r.quantity, total - max);
    if (cut === r.quantity) await tx.$executeRaw`DELETE FROM allocations WHERE tenant_id = ${tenantId}::uuid AND id = ${r.id}::uuid`;
    else await tx.$executeRaw`UPDATE allocations SET quantity = quantity - ${cut} WHERE tenant_id = ${tenantId}::uuid AND id = ${r.id}::uuid`;
    if (r.container_id && !options.consumed) {
      const move = { warehouseId: r.warehouse_id, productId: r.product_id, kind: "transfer" as const, reason: "Put back from a container: the order no longer needs it", causeType: "unstage", fromLocationId: r.location_id, containerId: r.container_id };
      putBack.push({ ...move, quantity: -cut }, { ...move, quantity: cut });
    }
    total -= cut;
  }
  await recordStockMovements(tx, { tenantId, userId: options.userId ?? null }, putBack);
  await tx.$executeRaw`UPDATE sales_order_lines SET quantity_hard_allocated = ${total}, quantity_allocated = GREATEST(quantity_allocated, ${total})
    WHERE tenant_id = ${tenantId}::uuid AND id = ${lineId}::uuid`;
  return total;
}

/** After quantities changed: `shipped` when nothing remains and something shipped, `cancelled` when nothing remains and nothing shipped, else unchanged. */
export function statusWhenDone(lines: { shipped: number; remaining: number }[]): "shipped" | "cancelled" | undefined {
  if (lines.some((l) => l.remaining > 0)) return undefined;
  return lines.some((l) => l.shipped > 0) ? "shipped" : "cancelled";
}

export function requireOpen(order: LockedOrder, action: string) {
  if (order.status === "shipped" || order.status === "cancelled") throw new AppError("rule_violation", `Cannot ${action} an order that is ${order.status}`);
}

/** Refuses `action` when the order's state does not allow it: the rule its allowedActions use (packages/contracts/src/actions.ts). */
export function refuseOrderAction(action: TOrderAction, order: LockedOrder, lines: LockedLine[] = []) {
  const reason = orderActionRefusal(action, { status: order.status, fulfillmentMode: order.fulfillmentMode, lines });
  if (reason) throw new AppError("rule_violation", reason);
}
