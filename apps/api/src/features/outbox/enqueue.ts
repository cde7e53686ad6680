// Writing a message to a channel: in the caller's transaction, so it exists exactly when the
// change it announces does. The worker (worker.ts) delivers it later, with retries.
import type { Tx } from "../../db/client.ts";

export async function enqueueOutboxEvent(tx: Tx, tenantId: string, type: string, payload: Record<string, unknown>) {
  await tx.outboxEvent.create({ data: { tenantId, type, payload: payload as any } });
}
