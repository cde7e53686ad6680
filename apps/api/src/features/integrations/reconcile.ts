// Reconciliation: webhooks get lost (a store gives up after failures; WooCommerce even disables
// the webhook), so each connected channel's store is asked on a schedule for its orders updated
// since a cursor, and each one goes through the inbox like a webhook (source `poll`). The
// per-order high-water mark makes an order already applied a no-op; one a webhook missed is
// created or brought up to date. The cursor moves to the newest change seen (with an overlap).
import { z } from "zod";
import { asUser, inTenant } from "../../db/client.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { openSecret } from "../../security/secret-box.ts";
import { storeInboxMessage, POLLED_ORDER_TOPIC } from "./inbox.ts";
import { adapterFor } from "./stores/registry.ts";
import { StoreError, StoreThrottled } from "./stores/types.ts";
import { envValue } from "../../config.ts";

export const RECONCILE_EVERY_MINUTES = envValue("RECONCILE_EVERY_MINUTES");
/** Changes this close to the cursor are asked for again: store clocks and commits are not exact. */
const OVERLAP_MS = 5 * 60_000;
/** Pages per run; a bigger backlog continues in the next run. */
const MAX_PAGES = 20;

export const ZReconcileJob = z.object({ tenantId: z.uuid(), channelId: z.uuid() });

/** Cron: every connected channel due for a poll gets its reconcile job (one per channel at a time). */
export async function enqueueDueReconciles(): Promise<number> {
  const due = await asUser(undefined, (tx) =>
    tx.$queryRaw<{ tenant_id: string; channel_id: string }[]>`SELECT tenant_id::text, channel_id::text FROM app_channels_to_reconcile(${`${RECONCILE_EVERY_MINUTES} minutes`}::interval)`,
  );
  for (const d of due) {
    await inTenant({ tenantId: d.tenant_id }, (tx) => enqueueJob(tx, "channel_reconcile", { tenantId: d.tenant_id, channelId: d.channel_id }, { key: `reconcile:${d.channel_id}` }));
  }
  return due.length;
}

/**
 * One poll. A store that cannot be reached or refuses is not a failed job: the reason is kept on
 * the channel (shown where its last poll is) and the next scheduled poll tries again; what was
 * stored before the failure stays, and the cursor moves only when a poll went through.
 */
export async function reconcileChannel(payload: unknown): Promise<{ orders: number; stored: number; error: string | null }> {
  const { tenantId, channelId } = ZReconcileJob.parse(payload);
  const channel = await inTenant({ tenantId }, (tx) => tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId, id: channelId } } }));
  if (!channel || !channel.enabled || !channel.storeUrl || !channel.accessTokenCiphertext || (channel.kind !== "shopify" && channel.kind !== "woocommerce")) return { orders: 0, stored: 0, error: null };
  const conn = { storeUrl: channel.storeUrl, accessToken: openSecret(channel.accessTokenCiphertext), locationId: channel.storeLocationId };
  const since = new Date((channel.reconcileCursor ?? channel.createdAt).getTime() - OVERLAP_MS);
  const adapter = adapterFor(channel.kind);
  let cursor: string | null = null;
  let newest = channel.reconcileCursor ?? channel.createdAt;
  let orders = 0;
  let stored = 0;
  const finished = (data: { reconcileCursor?: Date; reconcileError: string | null }) =>
    inTenant({ tenantId }, (tx) => tx.salesChannel.update({ where: { tenantId_id: { tenantId, id: channelId } }, data: { ...data, lastReconciledAt: new Date() } }));
  for (let page = 0; page < MAX_PAGES; page++) {
    let result: Awaited<ReturnType<typeof adapter.ordersUpdatedSince>>;
    try {
      result = await adapter.ordersUpdatedSince(conn, since, cursor);
    } catch (error) {
      if (!(error instanceof StoreError || error instanceof StoreThrottled)) throw error;
      await finished({ reconcileError: error.message.slice(0, 1000) });
      return { orders, stored, error: error.message };
    }
    orders += result.orders.length;
    await inTenant({ tenantId }, async (tx) => {
      for (const order of result.orders) {
        const { duplicate } = await storeInboxMessage(tx, tenantId, channel.kind, {
          channelId,
          source: "poll",
          topic: POLLED_ORDER_TOPIC,
          dedupeKey: `poll:${order.externalId}:${order.updatedAt.toISOString()}`,
          payload: order,
        });
        if (!duplicate) stored++;
        if (order.updatedAt > newest) newest = order.updatedAt;
      }
    });
    cursor = result.next;
    if (!cursor) break;
  }
  await finished({ reconcileCursor: newest, reconcileError: null });
  return { orders, stored, error: null };
}
