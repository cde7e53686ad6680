// Whole-company work a person starts and waits for (allocation recompute after a policy change
// or on an admin's request) runs on the job queue, not in the request: the request answers 202
// with the job, the SPA polls GET /jobs/:id for its progress. One recompute per company at a
// time: asking while one waits returns the waiting one.
import type { TBackgroundJob } from "@bod/contracts/integrations";
import { LONG_TX_MS, inTenant, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import { iso } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { recomputeTenant } from "../allocation/recompute.ts";
import { z } from "zod";

export const RECOMPUTE = "allocation_recompute";
type JobRow = Awaited<ReturnType<Tx["backgroundJob"]["findUniqueOrThrow"]>>;

export const toBackgroundJob = (j: JobRow): TBackgroundJob => ({
  id: j.id,
  kind: j.kind,
  status: j.status,
  progressDone: j.progressDone,
  progressTotal: j.progressTotal,
  message: j.message,
  result: j.result ?? null,
  error: j.error,
  createdAt: iso(j.createdAt),
  startedAt: j.startedAt ? iso(j.startedAt) : null,
  finishedAt: j.finishedAt ? iso(j.finishedAt) : null,
});

/** Queues a whole-company recompute in the caller's transaction (or returns the one already waiting). */
export async function queueRecompute(tx: Tx, ctx: RequestContext, reason: string): Promise<TBackgroundJob> {
  const waiting = await tx.backgroundJob.findFirst({ where: { tenantId: ctx.tenantId, kind: RECOMPUTE, status: "queued" }, orderBy: { createdAt: "desc" } });
  if (waiting) return toBackgroundJob(waiting);
  const job = await tx.backgroundJob.create({ data: { tenantId: ctx.tenantId, kind: RECOMPUTE, createdBy: ctx.userId, message: `Queued: ${reason}` } });
  await enqueueJob(tx, "tenant_recompute", { tenantId: ctx.tenantId, jobId: job.id }, { maxAttempts: 3 });
  return toBackgroundJob(job);
}

export async function getBackgroundJob(ctx: RequestContext, id: string): Promise<TBackgroundJob> {
  return inTenant(ctx, async (tx) => {
    const job = await tx.backgroundJob.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
    if (!job) throw notFound("Job");
    return toBackgroundJob(job);
  });
}

const ZRecomputeJob = z.object({ tenantId: z.uuid(), jobId: z.uuid() });

async function setProgress(tenantId: string, jobId: string, data: Record<string, unknown>) {
  await inTenant({ tenantId }, (tx) => tx.backgroundJob.update({ where: { tenantId_id: { tenantId, id: jobId } }, data }));
}

/** The tenant_recompute job. Progress is written in its own transactions, so it shows while the recompute's runs. */
export async function runRecompute(payload: unknown): Promise<void> {
  const { tenantId, jobId } = ZRecomputeJob.parse(payload);
  await setProgress(tenantId, jobId, { status: "running", startedAt: new Date(), message: "Locking stock and reading every open order", progressDone: 0, progressTotal: 3 });
  // Progress is written one update after the other, all before the final one.
  let progress = Promise.resolve();
  try {
    const outcome = await inTenant(
      { tenantId },
      (tx) =>
        recomputeTenant(tx, tenantId, (phase, done) => {
          progress = progress.then(() => setProgress(tenantId, jobId, { message: phase, progressDone: done })).catch(() => {});
        }),
      { timeoutMs: LONG_TX_MS },
    );
    await progress;
    await setProgress(tenantId, jobId, {
      status: "succeeded",
      finishedAt: new Date(),
      progressDone: 3,
      message: `Recomputed: ${outcome.changed.length} order(s) changed fulfillability, ${outcome.linesWritten} line(s) rewritten`,
      result: { linesWritten: outcome.linesWritten, ordersChanged: outcome.changed.length },
    });
  } catch (error) {
    await progress;
    await setProgress(tenantId, jobId, { status: "failed", finishedAt: new Date(), error: (error as Error).message?.slice(0, 1000) ?? String(error) });
    throw error;
  }
}
