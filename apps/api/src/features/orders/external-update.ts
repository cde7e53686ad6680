// Store updates: an edit made in the store of a channel that supports edits arrives as the
// order's new state, by external id (PUT /api/v1/channels/:channelId/orders/:externalId).
// - Idempotent by content: the SHA-256 of the normalised update is kept on the order; the same
//   update again changes nothing (no version bump, no event).
// - Same rules as in-app edits, same write-path recipe. What cannot be applied (fewer units
//   than already shipped, a change to a shipped or cancelled order) is applied as far as it can
//   be and recorded as a conflict on the order, shown until a person resolves it.
import crypto from "node:crypto";
import type { TOrderDetail } from "@bod/contracts/orders";
import type { TStoreOrderUpdateResponse } from "@bod/contracts/oversell";
import type { ZStoreOrderUpdateRequest } from "@bod/contracts/oversell";
import type { z } from "zod";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { cancelUnits } from "./cancel.ts";
import { humanField } from "./changes.ts";
import { resolveProducts } from "./create.ts";
import { readOrderDetail } from "./detail.ts";
import { addOrderEvent, bumpVersion, lockOrder, settleOrders, statusWhenDone } from "./write.ts";

type StoreUpdate = z.output<typeof ZStoreOrderUpdateRequest>;
export interface Conflict {
  kind: "below_shipped" | "order_closed" | "unknown_sku";
  message: string;
  data: Record<string, unknown>;
}

/** The update in one canonical form (keys sorted, lines by SKU), hashed: equal content, equal hash. */
export function storeUpdateHash(update: StoreUpdate): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as any)[k])])) : v;
  const normalised = { ...update, lines: [...update.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0)) };
  return crypto.createHash("sha256").update(JSON.stringify(canonical(normalised))).digest("hex");
}

const dateOrNull = (s: string | null | undefined) => (s ? new Date(s) : null);
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function applyStoreUpdate(ctx: RequestContext, channelId: string, externalId: string, update: StoreUpdate): Promise<TStoreOrderUpdateResponse> {
  return inTenant(ctx, async (tx) => {
    const result = await applyStoreUpdateInTx(tx, ctx, channelId, externalId, update);
    return { changed: result.changed, conflicts: result.conflicts, order: await readOrderDetail(tx, ctx, result.orderId) };
  });
}

/** From a store's webhook or poll: the store's `updated_at` of this version, and the store's ids of lines it may add. */
export interface StoreVersion {
  storeUpdatedAt: Date;
  storeOrderName: string | null;
  externalLineIds: Map<string, string>;
}

/** The store update in the caller's transaction. */
export async function applyStoreUpdateInTx(
  tx: Tx,
  ctx: RequestContext,
  channelId: string,
  externalId: string,
  update: StoreUpdate,
  version?: StoreVersion,
): Promise<{ changed: boolean; conflicts: number; orderId: string }> {
  const { tenantId } = ctx;
  const channel = await tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId, id: channelId } }, select: { name: true, supportsOrderEdits: true } });
  if (!channel) throw notFound("Channel");
  const head = await tx.salesOrder.findUnique({ where: { tenantId_channelId_externalId: { tenantId, channelId, externalId } }, select: { id: true, warehouseId: true } });
  if (!head) throw new AppError("not_found", `No order ${externalId} from ${channel.name}`);
  if (!channel.supportsOrderEdits) {
    throw new AppError("rule_violation", `${channel.name} does not support order edits: edit order ${externalId} in Backorder Desk instead`);
  }
  const hash = storeUpdateHash(update);
  // Unknown SKUs are 404 naming the line, before anything is locked or changed.
  const products = update.lines.length ? await resolveProducts(tx, tenantId, update.lines.map((l) => ({ sku: l.sku, quantity: 1, unitPriceCents: l.unitPriceCents }))) : [];

  // Recipe: keys (the order's and the new products'), then the order row; no client version: the store does not know ours.
  const { order, lines } = await lockOrder(tx, ctx, head.id, { extraKeys: products.map((p) => ({ warehouseId: head.warehouseId, productId: p.productId })) });
  const current = await tx.salesOrder.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: order.id } } });
  const versionData = version ? { storeUpdatedAt: version.storeUpdatedAt, storeOrderName: version.storeOrderName ?? current.storeOrderName } : {};
  if (current.storeUpdateHash === hash) {
    if (version) await tx.salesOrder.update({ where: { tenantId_id: { tenantId, id: order.id } }, data: versionData });
    return { changed: false, conflicts: 0, orderId: order.id };
  }

  const conflicts: Conflict[] = [];
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  const data: Record<string, unknown> = { storeUpdateHash: hash, ...versionData };
  let linesChanged = false;

  if (order.status === "shipped" || order.status === "cancelled") {
    conflicts.push({ kind: "order_closed", message: `The store changed order ${externalId} after it was ${order.status}; nothing was applied`, data: { update } });
  } else {
    const field = (name: string, from: unknown, to: unknown) => {
      if (to === undefined || from === to) return;
      diff[name] = { from, to };
      data[name] = to;
    };
    field("customerName", current.customerName, update.customerName);
    field("customerEmail", current.customerEmail, update.customerEmail);
    field("shippingAddress", current.shippingAddress, update.shippingAddress);
    if (update.shipBy !== undefined && isoOrNull(current.shipBy) !== isoOrNull(dateOrNull(update.shipBy))) {
      diff.shipBy = { from: isoOrNull(current.shipBy), to: isoOrNull(dateOrNull(update.shipBy)) };
      data.shipBy = dateOrNull(update.shipBy);
    }

    const target = new Map(update.lines.map((l, i) => [products[i]!.productId, { ...l, productId: products[i]!.productId }]));
    const before: { sku: string; quantity: number }[] = [];
    const after: { sku: string; quantity: number }[] = [];
    for (const line of lines) {
      const want = target.get(line.productId)?.quantity ?? 0; // a line left out was removed in the store
      const has = line.ordered - line.cancelled; // what the customer is to receive
      if (want === has) continue;
      if (want > has) {
        await tx.$executeRaw`UPDATE sales_order_lines SET quantity_ordered = quantity_ordered + ${want - has} WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
        line.ordered += want - has;
        line.remaining += want - has;
      } else {
        const cut = Math.min(has - want, line.remaining);
        if (cut > 0) await cancelUnits(tx, tenantId, line, cut, ctx.userId);
        if (want < line.shipped) {
          conflicts.push({
            kind: "below_shipped",
            message: `The store asks for ${want} × ${line.sku}, but ${line.shipped} already shipped: kept at ${line.shipped}`,
            data: { lineId: line.id, sku: line.sku, requested: want, shipped: line.shipped },
          });
        }
      }
      if (line.ordered - line.cancelled === has) continue;
      before.push({ sku: line.sku, quantity: has });
      after.push({ sku: line.sku, quantity: line.ordered - line.cancelled });
      linesChanged = true;
    }
    const existing = new Set(lines.map((l) => l.productId));
    let lineNo = Math.max(0, ...lines.map((l) => l.lineNo));
    const added: { sku: string; quantity: number; unitPriceCents: number }[] = [];
    for (const l of target.values()) {
      if (existing.has(l.productId) || l.quantity === 0) continue;
      await tx.salesOrderLine.create({
        data: {
          tenantId,
          orderId: order.id,
          lineNo: ++lineNo,
          productId: l.productId,
          warehouseId: head.warehouseId,
          quantityOrdered: l.quantity,
          unitPriceCents: l.unitPriceCents,
          rankOrderDate: current.orderDate,
          externalLineId: version?.externalLineIds.get(l.productId) ?? null,
        },
      });
      added.push({ sku: l.sku, quantity: l.quantity, unitPriceCents: l.unitPriceCents });
      linesChanged = true;
    }
    if (before.length) diff.lines = { from: before, to: after };
    if (added.length) diff.addedLines = { from: null, to: added };
    if (!added.length && before.length && statusWhenDone(lines) === "shipped") data.status = "shipped";
  }

  const changed = Object.keys(diff).length > 0 || conflicts.length > 0;
  if (changed) await bumpVersion(tx, tenantId, order.id, data);
  else await tx.salesOrder.update({ where: { tenantId_id: { tenantId, id: order.id } }, data: { storeUpdateHash: hash, ...versionData } });
  if (linesChanged || diff.shipBy) await settleOrders(tx, tenantId, [order.id]);
  if (Object.keys(diff).length) {
    await addOrderEvent(tx, ctx, order.id, "edited", `Edited in ${channel.name}: ${Object.keys(diff).map(humanField).join(", ")}`, { diff, source: "store", externalId });
  }
  await recordConflicts(tx, ctx, order.id, conflicts);
  return { changed, conflicts: conflicts.length, orderId: order.id };
}

export async function recordConflicts(tx: Tx, ctx: RequestContext, orderId: string, conflicts: Conflict[]) {
  for (const c of conflicts) {
    const row = await tx.orderConflict.create({ data: { tenantId: ctx.tenantId, orderId, source: "store_update", kind: c.kind, message: c.message, data: c.data as any }, select: { id: true } });
    await addOrderEvent(tx, ctx, orderId, "conflict", `Conflict with the store: ${c.message}`, { conflictId: row.id, kind: c.kind, ...c.data });
  }
}

/** A person has dealt with a conflict (e.g. told the store): it stays on record, no longer open. */
export function resolveConflict(ctx: RequestContext, orderId: string, conflictId: string, input: { note?: string }): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const rows = await tx.$queryRaw<{ id: string; resolved_at: Date | null; message: string }[]>`
      SELECT id::text, resolved_at, message FROM order_conflicts WHERE tenant_id = ${tenantId}::uuid AND order_id = ${orderId}::uuid AND id = ${conflictId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw notFound("Conflict");
    if (row.resolved_at) throw new AppError("rule_violation", "This conflict is already resolved");
    await tx.orderConflict.update({ where: { tenantId_id: { tenantId, id: conflictId } }, data: { resolvedAt: new Date(), resolvedBy: ctx.userId } });
    await addOrderEvent(tx, ctx, orderId, "conflict_resolved", `Conflict resolved${input.note ? `: ${input.note}` : ""} (${row.message})`, { conflictId, note: input.note ?? null });
    return readOrderDetail(tx, ctx, orderId);
  });
}
