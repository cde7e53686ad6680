// A store's order (from a webhook or a reconciliation poll) applied to Backorder Desk, in the
// caller's transaction:
// - one store order at a time: an advisory lock on (channel, store order id), so a create and
//   an update of the same order, processed by two workers, run one after the other;
// - stale versions are ignored: the store's `updated_at` is a per-order high-water mark, so
//   webhooks that arrive late or out of order cannot undo a newer state (a reconciliation poll
//   settles two versions stamped with the same second);
// - new orders are created through the orders feature's create path; changed ones through the
//   store-update path with its conflict rules; cancelled ones have what remains cancelled;
// - a line whose SKU matches no product never drops the order: a product to review is created
//   for it (no stock, so the line is backordered) and the order carries an `unknown_sku`
//   conflict until a manager maps or completes the product (unknown-skus.ts).
import type { Tx } from "../../db/client.ts";
import type { RequestContext } from "../../http/types.ts";
import { cancelUnits } from "../orders/cancel.ts";
import { createOrderInTx } from "../orders/create.ts";
import { applyStoreUpdateInTx, recordConflicts } from "../orders/external-update.ts";
import { addOrderEvent, bumpVersion, lockOrder, settleOrders, statusWhenDone } from "../orders/write.ts";
import type { StoreOrder, StoreOrderLine } from "./stores/types.ts";

export const UNKNOWN_SKU_TAG = "unknown-sku";

export interface StoreChannel {
  id: string;
  name: string;
  kind: string;
  supportsOrderEdits: boolean;
}

export interface ApplyOutcome {
  status: "processed" | "ignored";
  outcome: string;
  orderId: string | null;
}

export interface ResolvedLine extends StoreOrderLine {
  productId: string;
  productSku: string;
  /** The product was created from a store line and waits for review (new now, or earlier). */
  needsReview: boolean;
}

const storeKey = (l: StoreOrderLine) => (l.sku ? `sku:${l.sku}` : l.variantId ? `variant:${l.variantId}` : `line:${l.title}`);

/**
 * Each store line's product: the channel's mapping of the store's SKU (or variant), else the
 * product with that SKU, else a new product to review (created once, whoever races for it).
 */
export async function resolveStoreLines(tx: Tx, tenantId: string, channel: StoreChannel, lines: StoreOrderLine[]): Promise<ResolvedLine[]> {
  const keys = [...new Set(lines.map(storeKey))];
  const mapped = await tx.$queryRaw<{ store_key: string; product_id: string; sku: string; needs_review: boolean }[]>`
    SELECT m.store_key, m.product_id::text, p.sku, p.needs_review FROM channel_product_mappings m JOIN products p ON p.tenant_id = m.tenant_id AND p.id = m.product_id
    WHERE m.tenant_id = ${tenantId}::uuid AND m.channel_id = ${channel.id}::uuid AND m.store_key = ANY(${keys}::text[])`;
  const byKey = new Map(mapped.map((m) => [m.store_key, { productId: m.product_id, sku: m.sku, needsReview: m.needs_review }]));
  const skus = [...new Set(lines.filter((l) => l.sku && !byKey.has(storeKey(l))).map((l) => l.sku!))];
  if (skus.length) {
    const found = await tx.$queryRaw<{ id: string; sku: string; needs_review: boolean }[]>`SELECT id::text, sku, needs_review FROM products WHERE tenant_id = ${tenantId}::uuid AND sku = ANY(${skus}::text[])`;
    for (const p of found) byKey.set(`sku:${p.sku}`, { productId: p.id, sku: p.sku, needsReview: p.needs_review });
  }
  for (const line of lines) {
    const key = storeKey(line);
    if (byKey.has(key)) continue;
    const sku = (line.sku ?? `${channel.kind}-${line.variantId ?? line.externalLineId}`).slice(0, 100);
    const rows = await tx.$queryRaw<{ id: string; needs_review: boolean }[]>`
      INSERT INTO products (tenant_id, sku, name, needs_review) VALUES (${tenantId}::uuid, ${sku}, ${line.title.slice(0, 200) || sku}, true)
      ON CONFLICT (tenant_id, sku) DO UPDATE SET sku = EXCLUDED.sku
      RETURNING id::text, needs_review`;
    await tx.$executeRaw`
      INSERT INTO channel_product_mappings (tenant_id, channel_id, store_key, product_id) VALUES (${tenantId}::uuid, ${channel.id}::uuid, ${key}, ${rows[0]!.id}::uuid)
      ON CONFLICT DO NOTHING`;
    byKey.set(key, { productId: rows[0]!.id, sku, needsReview: rows[0]!.needs_review });
  }
  return lines.map((l) => {
    const p = byKey.get(storeKey(l))!;
    return { ...l, productId: p.productId, productSku: p.sku, needsReview: p.needsReview };
  });
}

/** Lines of one product become one line (a product appears once per order). */
export function mergeByProduct(lines: ResolvedLine[]): ResolvedLine[] {
  const by = new Map<string, ResolvedLine>();
  for (const l of lines) {
    const seen = by.get(l.productId);
    if (seen) seen.quantity += l.quantity;
    else by.set(l.productId, { ...l });
  }
  return [...by.values()];
}

/** One store order at a time: advisory locks on (channel, store order id), taken in a fixed order. */
export async function lockStoreOrders(tx: Tx, tenantId: string, channelId: string, externalIds: string[]) {
  const keys = [...new Set(externalIds)].map((id) => `store-order:${tenantId}:${channelId}:${id}`);
  if (!keys.length) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended(unnest(${keys}::text[]), 0) AS k ORDER BY 1) s`;
}

export async function applyStoreOrder(tx: Tx, ctx: RequestContext, channel: StoreChannel, order: StoreOrder): Promise<ApplyOutcome> {
  const { tenantId } = ctx;
  await lockStoreOrders(tx, tenantId, channel.id, [order.externalId]);
  const [existing] = await tx.$queryRaw<{ id: string; number: string; status: string; store_updated_at: Date | null }[]>`
    SELECT id::text, number, status::text, store_updated_at FROM sales_orders
    WHERE tenant_id = ${tenantId}::uuid AND channel_id = ${channel.id}::uuid AND external_id = ${order.externalId}`;

  // Strictly older only: stores stamp whole seconds, so two changes can share one; the same
  // content again is a no-op (the store-update hash), a different one is applied.
  if (existing?.store_updated_at && order.updatedAt.getTime() < existing.store_updated_at.getTime()) {
    return { status: "ignored", outcome: `stale: the store's version of ${order.updatedAt.toISOString()} is older than the one applied (${existing.store_updated_at.toISOString()})`, orderId: existing.id };
  }
  if (!existing) return createFromStore(tx, ctx, channel, order);
  if (order.cancelled) return cancelFromStore(tx, ctx, channel, order, existing);
  if (!channel.supportsOrderEdits) {
    await tx.$executeRaw`UPDATE sales_orders SET store_updated_at = ${order.updatedAt} WHERE tenant_id = ${tenantId}::uuid AND id = ${existing.id}::uuid`;
    return { status: "ignored", outcome: `${channel.name} is set not to take order edits from the store; edit ${existing.number} in Backorder Desk`, orderId: existing.id };
  }

  const lines = mergeByProduct(await resolveStoreLines(tx, tenantId, channel, order.lines));
  const result = await applyStoreUpdateInTx(
    tx,
    ctx,
    channel.id,
    order.externalId,
    {
      customerName: order.customerName,
      customerEmail: order.customerEmail,
      shippingAddress: order.shippingAddress,
      lines: lines.map((l) => ({ sku: l.productSku, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
    },
    { storeUpdatedAt: order.updatedAt, storeOrderName: order.name, externalLineIds: new Map(lines.map((l) => [l.productId, l.externalLineId])) },
  );
  await flagUnknownSkus(tx, ctx, existing.id, lines);
  const outcome = result.changed ? `updated ${existing.number}${result.conflicts ? ` (${result.conflicts} conflict(s) recorded)` : ""}` : `no change to ${existing.number}`;
  return { status: result.changed ? "processed" : "ignored", outcome, orderId: existing.id };
}

async function createFromStore(tx: Tx, ctx: RequestContext, channel: StoreChannel, order: StoreOrder): Promise<ApplyOutcome> {
  if (order.cancelled) return { status: "ignored", outcome: "cancelled in the store before it was imported", orderId: null };
  if (order.awaitingPayment) return { status: "ignored", outcome: "not paid yet: imported once the store marks it paid", orderId: null };
  const lines = mergeByProduct(await resolveStoreLines(tx, ctx.tenantId, channel, order.lines)).filter((l) => l.quantity > 0);
  if (!lines.length) return { status: "ignored", outcome: "no units to fulfil", orderId: null };
  const unknown = lines.filter((l) => l.needsReview);
  const orderId = await createOrderInTx(
    tx,
    ctx,
    {
      channelId: channel.id,
      externalId: order.externalId,
      customerName: order.customerName,
      customerEmail: order.customerEmail ?? undefined,
      shippingAddress: order.shippingAddress ?? undefined,
      orderDate: order.createdAt.toISOString(),
      priority: 0,
      tags: unknown.length ? [UNKNOWN_SKU_TAG] : undefined,
      lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
      shippingCents: order.shippingCents,
      taxCents: order.taxCents,
    },
    { externalLineIds: lines.map((l) => l.externalLineId), storeOrderName: order.name, storeUpdatedAt: order.updatedAt },
  );
  await flagUnknownSkus(tx, ctx, orderId, lines);
  const [row] = await tx.$queryRaw<{ number: string }[]>`SELECT number FROM sales_orders WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid`;
  return { status: "processed", outcome: `created ${row!.number}${unknown.length ? ` with ${unknown.length} unknown SKU(s) to review` : ""}`, orderId };
}

/** An `unknown_sku` conflict per line whose product was created from a store line and waits for review (once per product and order). */
export async function flagUnknownSkus(tx: Tx, ctx: RequestContext, orderId: string, lines: ResolvedLine[]) {
  const review = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id::text FROM products p WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.needs_review AND p.id = ANY(${lines.map((l) => l.productId)}::uuid[])
    AND NOT EXISTS (SELECT 1 FROM order_conflicts c WHERE c.tenant_id = p.tenant_id AND c.order_id = ${orderId}::uuid AND c.kind = 'unknown_sku' AND c.resolved_at IS NULL AND c.data->>'productId' = p.id::text)`;
  const ids = new Set(review.map((r) => r.id));
  await recordConflicts(
    tx,
    ctx,
    orderId,
    lines
      .filter((l) => ids.has(l.productId))
      .map((l) => ({
        kind: "unknown_sku" as const,
        message: `The store's item "${l.title}" (${l.sku ? `SKU ${l.sku}` : `no SKU, variant ${l.variantId ?? "?"}`}) matches no product: it was added as product ${l.productSku} to review — map it to an existing product or complete it`,
        data: { productId: l.productId, sku: l.sku, variantId: l.variantId, externalLineId: l.externalLineId },
      })),
  );
}

async function cancelFromStore(tx: Tx, ctx: RequestContext, channel: StoreChannel, order: StoreOrder, existing: { id: string; number: string; status: string }): Promise<ApplyOutcome> {
  await tx.$executeRaw`UPDATE sales_orders SET store_updated_at = ${order.updatedAt} WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${existing.id}::uuid`;
  if (existing.status === "shipped" || existing.status === "cancelled") return { status: "ignored", outcome: `${existing.number} is already ${existing.status}`, orderId: existing.id };
  const { lines } = await lockOrder(tx, ctx, existing.id);
  let units = 0;
  for (const line of lines) {
    if (line.remaining === 0) continue;
    units += line.remaining;
    await cancelUnits(tx, ctx.tenantId, line, line.remaining, null);
  }
  const status = statusWhenDone(lines) ?? "cancelled";
  await bumpVersion(tx, ctx.tenantId, existing.id, { status });
  await settleOrders(tx, ctx.tenantId, [existing.id]);
  await addOrderEvent(tx, ctx, existing.id, "cancelled", `Cancelled in ${channel.name}: ${units} unit(s) that had not shipped were cancelled`, { source: "store", units, status });
  return { status: "processed", outcome: `cancelled what remained of ${existing.number} (${units} unit(s))`, orderId: existing.id };
}
