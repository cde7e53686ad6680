// Writing a message to a channel: in the caller's transaction, so it exists exactly when the
// change it announces does. The worker (worker.ts) delivers it later, with retries.
import type { Tx } from "../../db/client.ts";

/** Returns the event's id, for records that want to show whether their message was delivered (refunds). */
export async function enqueueOutboxEvent(tx: Tx, tenantId: string, type: string, payload: Record<string, unknown>): Promise<string> {
  const event = await tx.outboxEvent.create({ data: { tenantId, type, payload: payload as any }, select: { id: true } });
  return event.id;
}
