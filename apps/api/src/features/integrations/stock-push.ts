// Stock pushed to stores, so they stop selling what is gone. A change of a product's free stock
// marks it (trigger stock_levels_mark_push) and enqueues `stock_push` for the company, coalesced
// over a couple of seconds; that job turns the marks into one `stock.push` message per channel
// that takes stock, delivered by the outbox like any other (retries, delivery log). What is
// pushed is computed when the message is delivered, so it is the latest truth, from the
// channel's warehouse:
//   free − the channel's buffer (never below 0),
//   plus, for preorder products, the restock units not yet promised (capped by preorderCap).
import { z } from "zod";
import { isStoreKind } from "@bod/contracts/channels";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { enqueueChannelEvent } from "../outbox/enqueue.ts";
import type { StockLevelPush } from "./stores/types.ts";

export const STOCK_PUSH = "stock.push";
export const ZStockPushJob = z.object({ tenantId: z.uuid() });

/** Channels that take stock now. */
async function pushChannels(tx: Tx, tenantId: string, channelId?: string) {
  return tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM sales_channels WHERE tenant_id = ${tenantId}::uuid AND push_stock AND enabled AND kind IN ('shopify', 'woocommerce')
      AND store_url IS NOT NULL AND access_token_ciphertext IS NOT NULL AND (${channelId ?? null}::uuid IS NULL OR id = ${channelId ?? null}::uuid)`;
}

/** The stock_push job: the marked products become one message per channel. */
export async function queueStockPush(payload: unknown): Promise<number> {
  const { tenantId } = ZStockPushJob.parse(payload);
  return inTenant({ tenantId }, async (tx) => {
    const marked = await tx.$queryRaw<{ product_id: string }[]>`DELETE FROM stock_push_pending WHERE tenant_id = ${tenantId}::uuid RETURNING product_id::text`;
    if (!marked.length) return 0;
    const productIds = marked.map((m) => m.product_id);
    for (const c of await pushChannels(tx, tenantId)) await enqueueChannelEvent(tx, tenantId, c.id, "stock", STOCK_PUSH, { productIds });
    return productIds.length;
  });
}

/** An admin pushes every product's stock to a channel now (after connecting it). Returns the number of products. */
export async function pushAllStock(ctx: RequestContext, channelId: string): Promise<number> {
  return inTenant(ctx, async (tx) => {
    const channel = await tx.salesChannel.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: channelId } },
      select: { id: true, kind: true, enabled: true, pushStock: true, storeUrl: true, accessTokenCiphertext: true },
    });
    if (!channel) throw notFound("Channel");
    if (!(await pushChannels(tx, ctx.tenantId, channelId)).length) {
      const why = !isStoreKind(channel.kind)
        ? "This channel has no store to push stock to"
        : !channel.storeUrl || !channel.accessTokenCiphertext
          ? "Connect the channel to its store first (store URL and access token)"
          : !channel.enabled
            ? "The channel is switched off: switch it on to push stock"
            : "Stock push is off for this channel: turn it on first";
      throw new AppError("rule_violation", why);
    }
    const ids = await tx.$queryRaw<{ id: string }[]>`SELECT id::text FROM products WHERE tenant_id = ${ctx.tenantId}::uuid AND NOT needs_review`;
    if (ids.length) await enqueueChannelEvent(tx, ctx.tenantId, channelId, "stock", STOCK_PUSH, { productIds: ids.map((i) => i.id), full: true });
    return ids.length;
  });
}

/** What the channel's store may sell of each product, now. */
export async function stockLevelsFor(tx: Tx, tenantId: string, channelId: string, productIds: string[]): Promise<StockLevelPush[]> {
  const [channel] = await tx.$queryRaw<{ warehouse_id: string; stock_buffer: number; preorder_cap: number | null }[]>`
    SELECT default_warehouse_id::text AS warehouse_id, stock_buffer, preorder_cap FROM sales_channels WHERE tenant_id = ${tenantId}::uuid AND id = ${channelId}::uuid`;
  if (!channel) return [];
  const rows = await tx.$queryRaw<{ id: string; sku: string; free: number; preorder_left: number | null; store_inventory_id: string | null }[]>`
    SELECT p.id::text, p.sku, coalesce(s.on_hand - s.allocated, 0) AS free, m.store_inventory_id,
      CASE WHEN p.is_preorder AND p.restock_quantity IS NOT NULL THEN p.restock_quantity - coalesce((
        SELECT sum(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled - l.quantity_allocated)::float8 FROM sales_order_lines l
        WHERE l.tenant_id = p.tenant_id AND l.product_id = p.id AND l.warehouse_id = ${channel.warehouse_id}::uuid AND l.is_active), 0) END AS preorder_left
    FROM products p
    LEFT JOIN stock_levels s ON s.tenant_id = p.tenant_id AND s.warehouse_id = ${channel.warehouse_id}::uuid AND s.product_id = p.id
    LEFT JOIN channel_product_mappings m ON m.tenant_id = p.tenant_id AND m.channel_id = ${channelId}::uuid AND m.store_key = 'sku:' || p.sku
    WHERE p.tenant_id = ${tenantId}::uuid AND p.id = ANY(${productIds}::uuid[]) AND NOT p.needs_review
    ORDER BY p.sku`;
  return rows.map((r) => {
    const preorder = r.preorder_left === null ? 0 : Math.max(0, Math.min(channel.preorder_cap ?? Number.MAX_SAFE_INTEGER, r.preorder_left));
    return { productId: r.id, sku: r.sku, storeInventoryId: r.store_inventory_id, available: Math.max(0, r.free - channel.stock_buffer) + preorder };
  });
}

/** Remembers the store's ids of products found by SKU. */
export async function rememberStoreIds(tx: Tx, tenantId: string, channelId: string, learned: { sku: string; storeInventoryId: string }[]) {
  if (!learned.length) return;
  await tx.$executeRaw`
    INSERT INTO channel_product_mappings (tenant_id, channel_id, store_key, product_id, store_inventory_id)
    SELECT ${tenantId}::uuid, ${channelId}::uuid, 'sku:' || p.sku, p.id, v.inv
    FROM unnest(${learned.map((l) => l.sku)}::text[], ${learned.map((l) => l.storeInventoryId)}::text[]) AS v(sku, inv)
    JOIN products p ON p.tenant_id = ${tenantId}::uuid AND p.sku = v.sku
    ON CONFLICT (tenant_id, channel_id, store_key) DO UPDATE SET store_inventory_id = EXCLUDED.store_inventory_id`;
}
