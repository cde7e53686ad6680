// A safety net for the outbox: every stream with a message due for more than a minute and
// nobody delivering it gets its delivery job again (the job key makes this a no-op where one
// waits). Delivery jobs are enqueued with every message and after every failure, so this only
// matters when something went wrong outside them.
import { asUser, inTenant } from "../../db/client.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { streamJobKey } from "./delivery.ts";

export async function sweepOutbox(): Promise<number> {
  const due = await asUser(undefined, (tx) => tx.$queryRaw<{ tenant_id: string; stream: string }[]>`SELECT tenant_id::text, stream FROM app_outbox_streams_due('1 minute'::interval)`);
  for (const d of due) await inTenant({ tenantId: d.tenant_id }, (tx) => enqueueJob(tx, "outbox_deliver", { tenantId: d.tenant_id, stream: d.stream }, { key: streamJobKey(d.tenant_id, d.stream) }));
  return due.length;
}
