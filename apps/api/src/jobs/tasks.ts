// Every task the job worker runs, by name (the names jobs are enqueued with), and the schedule
// of the recurring ones. A task parses its payload and opens its own tenant transactions as
// bod_app; none runs with row-level security off for tenant rows.
import type { JobHelpers, TaskList } from "graphile-worker";
import { runRecompute } from "../features/background-jobs/service.ts";
import { deliverStream } from "../features/integrations/delivery.ts";
import { drainInbox } from "../features/integrations/inbox-drain.ts";
import { enqueueDueReconciles, reconcileChannel } from "../features/integrations/reconcile.ts";
import { queueStockPush } from "../features/integrations/stock-push.ts";
import { sweepOutbox } from "../features/integrations/sweep.ts";
import { sweepSignInThrottle } from "../features/auth/sign-in-throttle.ts";
import { enqueueShortfallSnapshots, takeShortfallSnapshot } from "../features/dashboard/snapshots.ts";
import { runImportApply } from "../features/imports/apply.ts";
import { runImportParse } from "../features/imports/parse.ts";

const requestId = (h: JobHelpers) => `job-${h.job.id}`;

export const taskList: TaskList = {
  outbox_deliver: async (payload, h) => deliverStream(payload, h.job.locked_by ?? `pid-${process.pid}`, requestId(h)),
  inbox_drain: async (payload, h) => drainInbox(payload, requestId(h)),
  channel_reconcile: async (payload, h) => {
    const { error } = await reconcileChannel(payload);
    if (error) h.logger.warn(`Polling the store failed (kept on the channel; the next scheduled poll tries again): ${error}`);
  },
  channels_reconcile_due: async () => {
    await enqueueDueReconciles();
  },
  outbox_sweep: async () => {
    await sweepOutbox();
  },
  stock_push: async (payload) => {
    await queueStockPush(payload);
  },
  tenant_recompute: async (payload) => runRecompute(payload),
  sign_in_throttle_sweep: async () => {
    await sweepSignInThrottle();
  },
  shortfall_snapshots: async () => {
    await enqueueShortfallSnapshots();
  },
  shortfall_snapshot: async (payload) => {
    await takeShortfallSnapshot(payload);
  },
  import_parse: async (payload) => runImportParse(payload),
  import_apply: async (payload) => runImportApply(payload),
};

/** graphile-worker crontab: minute hour day month weekday task ?options (UTC). */
export const crontab = [
  "* * * * * channels_reconcile_due ?id=channels_reconcile_due&max=1",
  "*/5 * * * * outbox_sweep ?id=outbox_sweep&max=1",
  "*/15 * * * * sign_in_throttle_sweep ?id=sign_in_throttle_sweep&max=1",
  // Hourly, so each day keeps its last figures even when the worker was down at midnight.
  "7 * * * * shortfall_snapshots ?id=shortfall_snapshots&max=1",
].join("\n");
