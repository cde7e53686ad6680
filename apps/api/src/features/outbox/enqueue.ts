// Writing a message to a channel: in the caller's transaction, so it exists exactly when the
// change it announces does. A trigger on outbox_events enqueues its stream's delivery job in
// the same transaction (docs/decisions/009); features/integrations/delivery.ts delivers it.
// Messages about an order form the stream `order:<id>`, delivered one at a time in the order
// they were written; stock pushes of a channel form `stock:<channel id>`.
import type { Tx } from "../../db/client.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";

/** Returns the event's id, for records that want to show whether their message was delivered (refunds). */
export async function enqueueOutboxEvent(tx: Tx, tenantId: string, type: string, payload: { orderId: string } & Record<string, unknown>): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO outbox_events (tenant_id, type, payload, order_id, channel_id, stream)
    SELECT ${tenantId}::uuid, ${type}, ${JSON.stringify(payload)}::jsonb, o.id, o.channel_id, 'order:' || o.id
    FROM sales_orders o WHERE o.tenant_id = ${tenantId}::uuid AND o.id = ${payload.orderId}::uuid
    RETURNING id::text`;
  if (!rows[0]) throw new Error(`outbox event ${type} for an order that does not exist`);
  return rows[0].id;
}

/** A message about a channel as a whole (not one order), in its own stream of that channel (`<stream>:<channel id>`). */
export async function enqueueChannelEvent(tx: Tx, tenantId: string, channelId: string, stream: string, type: string, payload: Record<string, unknown>): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO outbox_events (tenant_id, type, payload, channel_id, stream)
    VALUES (${tenantId}::uuid, ${type}, ${JSON.stringify(payload)}::jsonb, ${channelId}::uuid, ${`${stream}:${channelId}`})
    RETURNING id::text`;
  return rows[0]!.id;
}

/** Enqueues delivery of every stream of the channel with messages waiting (a channel just connected or switched back on). */
export async function enqueuePendingStreams(tx: Tx, tenantId: string, channelId: string): Promise<number> {
  const streams = await tx.$queryRaw<{ stream: string }[]>`
    SELECT DISTINCT stream FROM outbox_events WHERE tenant_id = ${tenantId}::uuid AND channel_id = ${channelId}::uuid AND status = 'pending'`;
  for (const { stream } of streams) await enqueueJob(tx, "outbox_deliver", { tenantId, stream }, { key: `outbox:${tenantId}:${stream}` });
  return streams.length;
}
