// Writing purchase orders (docs/architecture.md, the write-path recipe): a PO changes the
// supply the engine hands out as projected dates, so every write locks the PO's stock keys
// first, then the PO row, makes the change and recomputes the keys in the same transaction.
import { purchaseOrderActionRefusal, type TPurchaseOrderAction } from "@bod/contracts/actions";
import type { z } from "zod";
import type { TPurchaseOrder, TUpdatePurchaseOrderRequest, ZCreatePurchaseOrderRequest } from "@bod/contracts/purchasing";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { recomputeKeys } from "../allocation/recompute.ts";
import { lockStockKeys, type StockKey } from "../stock/ledger.ts";
import { linkWaitingOrders, trimLinks, untagUnlinkedOrders } from "./links.ts";
import { readPurchaseOrder } from "./po-read.ts";

type CreateInput = z.output<typeof ZCreatePurchaseOrderRequest>;
type PoStatus = TPurchaseOrder["status"];
/** Statuses whose remaining quantities are incoming supply for the engine. */
export const SUPPLYING: PoStatus[] = ["ordered", "partially_received"];

export const todayPlusDays = (days: number) => {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The next number of a per-tenant sequence (the counter row stays locked until the transaction ends). */
async function nextPoNumber(tx: Tx, tenantId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ value: bigint }[]>`
    INSERT INTO tenant_counters (tenant_id, name, value) VALUES (${tenantId}::uuid, 'purchase_order', 1)
    ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + 1 RETURNING value`;
  return `PO-${String(rows[0]!.value).padStart(6, "0")}`;
}

interface CheckedInput {
  input: CreateInput;
  unitCost: Map<string, number>;
  expectedDate: string | undefined;
}

/**
 * Checks what a PO names before anything is locked or written (a stock key of an unknown
 * product or warehouse cannot be locked): 404 for another tenant's supplier or warehouse,
 * 400 naming the line for an unknown product or a missing unit cost. `path` prefixes field
 * names (e.g. "pos.1." for from-report).
 */
async function checkPurchaseOrderInput(tx: Tx, tenantId: string, input: CreateInput, path: string): Promise<CheckedInput> {
  const supplier = await tx.supplier.findUnique({ where: { tenantId_id: { tenantId, id: input.supplierId } }, select: { id: true } });
  if (!supplier) throw notFound("Supplier");
  const warehouse = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: input.warehouseId } }, select: { id: true } });
  if (!warehouse) throw notFound("Warehouse");
  const productIds = input.lines.map((l) => l.productId);
  const products = await tx.product.findMany({ where: { tenantId, id: { in: productIds } }, select: { id: true } });
  const known = new Set(products.map((p) => p.id));
  const unknown = input.lines.flatMap((l, i) => (known.has(l.productId) ? [] : [{ path: `${path}lines.${i}.productId`, message: "No such product", code: "custom" }]));
  if (unknown.length) throw new AppError("invalid_input", "Unknown product", unknown);

  const terms = await tx.productSupplier.findMany({ where: { tenantId, supplierId: input.supplierId, productId: { in: productIds } } });
  const termsOf = new Map(terms.map((t) => [t.productId, t]));
  const noCost = input.lines.flatMap((l, i) =>
    l.unitCostCents === undefined && !termsOf.has(l.productId)
      ? [{ path: `${path}lines.${i}.unitCostCents`, message: "This supplier has no terms for the product: give unitCostCents", code: "custom" }]
      : [],
  );
  if (noCost.length) throw new AppError("invalid_input", "Unit cost missing", noCost);
  const leadTime = terms.length ? Math.max(...terms.map((t) => t.leadTimeDays)) : undefined;
  return {
    input,
    unitCost: new Map(input.lines.map((l) => [l.productId, l.unitCostCents ?? termsOf.get(l.productId)!.unitCostCents])),
    expectedDate: input.expectedDate ?? (leadTime === undefined ? undefined : todayPlusDays(leadTime)),
  };
}

/** Writes one checked PO inside the caller's transaction; the caller has locked its keys. Links the waiting orders when asked. */
async function insertPurchaseOrder(tx: Tx, ctx: RequestContext, { input, unitCost, expectedDate }: CheckedInput): Promise<string> {
  const { tenantId } = ctx;
  const number = await nextPoNumber(tx, tenantId);
  const po = await tx.purchaseOrder.create({
    data: {
      tenantId,
      number,
      supplierId: input.supplierId,
      warehouseId: input.warehouseId,
      status: input.status,
      expectedDate: expectedDate ? new Date(expectedDate) : null,
      notes: input.notes ?? null,
      createdBy: ctx.userId,
    },
    select: { id: true },
  });
  const lines = await tx.purchaseOrderLine.createManyAndReturn({
    select: { id: true, productId: true, quantityOrdered: true },
    data: input.lines.map((l) => ({ tenantId, purchaseOrderId: po.id, productId: l.productId, quantityOrdered: l.quantity, unitCostCents: unitCost.get(l.productId)! })),
  });
  if (input.linkWaitingOrders) {
    await linkWaitingOrders(tx, ctx, { id: po.id, number, warehouseId: input.warehouseId }, lines.map((l) => ({ id: l.id, productId: l.productId, quantity: l.quantityOrdered })));
  }
  return po.id;
}

const keysOf = (pos: { warehouseId: string; lines: { productId: string }[] }[]): StockKey[] => pos.flatMap((p) => p.lines.map((l) => ({ warehouseId: p.warehouseId, productId: l.productId })));

/** Creates POs in one transaction: all checked, every key locked (one fixed order), then each PO written, then one recompute. */
export function createPurchaseOrders(ctx: RequestContext, inputs: CreateInput[], pathOf: (i: number) => string): Promise<TPurchaseOrder[]> {
  return inTenant(ctx, async (tx) => {
    const checked: CheckedInput[] = [];
    for (const [i, input] of inputs.entries()) checked.push(await checkPurchaseOrderInput(tx, ctx.tenantId, input, pathOf(i)));
    await lockStockKeys(tx, ctx.tenantId, keysOf(inputs));
    const ids: string[] = [];
    for (const c of checked) ids.push(await insertPurchaseOrder(tx, ctx, c));
    const supplying = inputs.filter((p) => SUPPLYING.includes(p.status));
    if (supplying.length) await recomputeKeys(tx, ctx.tenantId, keysOf(supplying));
    // One connection: read back one after the other (concurrent queries on it only queue, and pg deprecates them).
    const created: Awaited<ReturnType<typeof readPurchaseOrder>>[] = [];
    for (const id of ids) created.push(await readPurchaseOrder(tx, ctx, id));
    return created;
  });
}

export async function createPurchaseOrder(ctx: RequestContext, input: CreateInput): Promise<TPurchaseOrder> {
  const [po] = await createPurchaseOrders(ctx, [input], () => "");
  return po!;
}

export interface LockedPurchaseOrder {
  id: string;
  number: string;
  supplierId: string;
  warehouseId: string;
  status: PoStatus;
  version: number;
  lines: { id: string; productId: string; sku: string; barcode: string | null; ordered: number; received: number }[];
  keys: StockKey[];
}

/**
 * Recipe steps 1–2 for an existing PO: 404 when it is not the tenant's; lock its stock keys
 * in the fixed order, then the PO row; re-read it; 409 stale_version for an old `version`.
 */
export async function lockPurchaseOrder(tx: Tx, ctx: RequestContext, poId: string, version?: number): Promise<LockedPurchaseOrder> {
  const { tenantId } = ctx;
  const first = await tx.$queryRaw<{ warehouse_id: string }[]>`SELECT warehouse_id::text FROM purchase_orders WHERE tenant_id = ${tenantId}::uuid AND id = ${poId}::uuid`;
  if (!first[0]) throw notFound("Purchase order");
  const productRows = await tx.$queryRaw<{ product_id: string }[]>`
    SELECT product_id::text FROM purchase_order_lines WHERE tenant_id = ${tenantId}::uuid AND purchase_order_id = ${poId}::uuid`;
  const keys = productRows.map((r) => ({ warehouseId: first[0]!.warehouse_id, productId: r.product_id }));
  await lockStockKeys(tx, tenantId, keys);
  const rows = await tx.$queryRaw<{ id: string; number: string; supplier_id: string; warehouse_id: string; status: PoStatus; version: number }[]>`
    SELECT id::text, number, supplier_id::text, warehouse_id::text, status::text, version
    FROM purchase_orders WHERE tenant_id = ${tenantId}::uuid AND id = ${poId}::uuid FOR UPDATE`;
  const po = rows[0];
  if (!po) throw notFound("Purchase order");
  if (version !== undefined && version !== po.version) {
    throw new AppError("stale_version", "The purchase order changed since you read it; reload and try again", { expected: po.version, given: version });
  }
  const lines = await tx.$queryRaw<{ id: string; product_id: string; sku: string; barcode: string | null; quantity_ordered: number; quantity_received: number }[]>`
    SELECT pol.id::text, pol.product_id::text, p.sku, p.barcode, pol.quantity_ordered, pol.quantity_received
    FROM purchase_order_lines pol JOIN products p ON p.tenant_id = pol.tenant_id AND p.id = pol.product_id
    WHERE pol.tenant_id = ${tenantId}::uuid AND pol.purchase_order_id = ${poId}::uuid ORDER BY p.sku`;
  return {
    id: po.id,
    number: po.number,
    supplierId: po.supplier_id,
    warehouseId: po.warehouse_id,
    status: po.status,
    version: po.version,
    lines: lines.map((l) => ({ id: l.id, productId: l.product_id, sku: l.sku, barcode: l.barcode, ordered: l.quantity_ordered, received: l.quantity_received })),
    keys,
  };
}

export async function bumpPurchaseOrder(tx: Tx, tenantId: string, poId: string, data: { status?: PoStatus; expectedDate?: Date | null; notes?: string | null } = {}) {
  await tx.purchaseOrder.update({ where: { tenantId_id: { tenantId, id: poId } }, data: { ...data, version: { increment: 1 } } });
}

export function updatePurchaseOrder(ctx: RequestContext, poId: string, input: TUpdatePurchaseOrderRequest): Promise<TPurchaseOrder> {
  return inTenant(ctx, async (tx) => {
    const po = await lockPurchaseOrder(tx, ctx, poId, input.version);
    refuseUnless("edit", po);
    for (const [i, change] of (input.lines ?? []).entries()) {
      const line = po.lines.find((l) => l.id === change.id);
      if (!line) throw new AppError("invalid_input", "No such line on this purchase order", [{ path: `lines.${i}.id`, message: "No such line on this purchase order", code: "custom" }]);
      if (change.quantityOrdered < line.received) {
        throw new AppError("rule_violation", `${line.sku}: ${line.received} unit(s) were already received; the ordered quantity cannot go below that`, [
          { path: `lines.${i}.quantityOrdered`, message: `At least ${line.received}`, sku: line.sku, received: line.received },
        ]);
      }
      if (change.quantityOrdered !== line.ordered) {
        await tx.purchaseOrderLine.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: line.id } }, data: { quantityOrdered: change.quantityOrdered } });
        if (change.quantityOrdered < line.ordered) await trimLinks(tx, ctx.tenantId, line.id, change.quantityOrdered);
      }
    }
    await untagUnlinkedOrders(tx, ctx, po);
    await bumpPurchaseOrder(tx, ctx.tenantId, po.id, {
      ...(input.expectedDate !== undefined ? { expectedDate: input.expectedDate === null ? null : new Date(input.expectedDate) } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    });
    if (SUPPLYING.includes(po.status)) await recomputeKeys(tx, ctx.tenantId, po.keys);
    return readPurchaseOrder(tx, ctx, po.id);
  });
}

export function submitPurchaseOrder(ctx: RequestContext, poId: string, version?: number): Promise<TPurchaseOrder> {
  return inTenant(ctx, async (tx) => {
    const po = await lockPurchaseOrder(tx, ctx, poId, version);
    refuseUnless("submit", po);
    await bumpPurchaseOrder(tx, ctx.tenantId, po.id, { status: "ordered" });
    await recomputeKeys(tx, ctx.tenantId, po.keys);
    return readPurchaseOrder(tx, ctx, po.id);
  });
}

/** Cancels a PO nothing was received on: its links and the orders' PO# tags go, and the projections it gave are recomputed. */
export function cancelPurchaseOrder(ctx: RequestContext, poId: string, version?: number): Promise<TPurchaseOrder> {
  return inTenant(ctx, async (tx) => {
    const po = await lockPurchaseOrder(tx, ctx, poId, version);
    refuseUnless("cancel", po);
    await tx.$executeRaw`DELETE FROM purchase_order_line_links WHERE tenant_id = ${ctx.tenantId}::uuid AND purchase_order_line_id = ANY(${po.lines.map((l) => l.id)}::uuid[])`;
    await untagUnlinkedOrders(tx, ctx, po);
    await bumpPurchaseOrder(tx, ctx.tenantId, po.id, { status: "cancelled" });
    await recomputeKeys(tx, ctx.tenantId, po.keys);
    return readPurchaseOrder(tx, ctx, po.id);
  });
}

/** Closes a (partially) received PO: what it still lacks is no longer incoming. */
export function closePurchaseOrder(ctx: RequestContext, poId: string, version?: number): Promise<TPurchaseOrder> {
  return inTenant(ctx, async (tx) => {
    const po = await lockPurchaseOrder(tx, ctx, poId, version);
    refuseUnless("close", po);
    await bumpPurchaseOrder(tx, ctx.tenantId, po.id, { status: "closed" });
    await recomputeKeys(tx, ctx.tenantId, po.keys);
    return readPurchaseOrder(tx, ctx, po.id);
  });
}

/** The state rule of `action` (packages/contracts/src/actions.ts, the one the responses' allowedActions use). */
export function refuseUnless(action: TPurchaseOrderAction, po: Pick<LockedPurchaseOrder, "status" | "lines">) {
  const reason = purchaseOrderActionRefusal(action, { status: po.status, received: po.lines.reduce((n, l) => n + l.received, 0) });
  if (reason) throw new AppError("rule_violation", reason);
}
