// One lock per company between its writers and its whole-company operations (decision 012).
// Every write that locks stock keys first takes the company's advisory lock SHARED
// (stock/ledger.ts lockStockKeys), so writers never block each other here. A policy change
// (settings) and a whole-company recompute (recomputeTenant) take it EXCLUSIVE: they wait for the
// writers in flight to commit, and writers that arrive meanwhile wait for them. So a writer's
// scope (allocation/scope.ts: which keys it locks, which depends on the policy) is computed and
// used under one policy, and a recompute that locks every stock level never meets a writer that
// already holds some of them — the two lock-order inversions that made writers fail with 409
// "conflicted with another change" while the policy flipped.
//
// The wait is bounded: a writer waits at most COMPANY_LOCK_WAIT_MS (default 10 s, well inside
// the 30 s transaction limit). When a running recompute is expected to take longer than that
// (its last run's duration says so, as at a million orders), or the wait runs out, the writer
// gets 503 `unavailable` "company recompute in progress, retry in N s" without having changed
// anything.
import type { Tx } from "../../db/client.ts";
import { pgCode } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { envValue } from "../../config.ts";

/** How long a writer (or a policy change) waits for a whole-company operation; read per call so a test can lower it. */
export const companyLockWaitMs = () => envValue("COMPANY_LOCK_WAIT_MS");

const exclusive = new WeakSet<Tx>();
const lockKey = (tenantId: string) => `company-writes:${tenantId}`;

/**
 * A writer's side: the company's lock, shared, for the rest of the transaction. One round trip
 * when no whole-company operation runs or waits (the usual case). Asked again on every call
 * rather than remembered per transaction: a savepoint rolled back (the store inbox applies
 * messages in savepoints) releases a lock taken inside it.
 */
export async function shareCompanyLock(tx: Tx, tenantId: string): Promise<void> {
  if (exclusive.has(tx)) return;
  const [row] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock_shared(hashtextextended(${lockKey(tenantId)}, 0)) AS ok`;
  if (!row!.ok) await waitForCompanyLock(tx, tenantId, "shared");
}

/**
 * A whole-company operation's side: the company's lock, exclusive, for the rest of the
 * transaction. `wait: "bounded"` (a request: the policy change) waits like a writer does and
 * answers 503 past the limit; `"unbounded"` (a job: the recompute) waits as long as it takes.
 */
export async function holdCompanyLock(tx: Tx, tenantId: string, wait: "bounded" | "unbounded"): Promise<void> {
  if (exclusive.has(tx)) return;
  if (wait === "unbounded") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(tenantId)}, 0))`;
  else {
    const [row] = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${lockKey(tenantId)}, 0)) AS ok`;
    if (!row!.ok) await waitForCompanyLock(tx, tenantId, "exclusive");
  }
  exclusive.add(tx);
}

/**
 * Something holds or waits for the lock in a conflicting mode. Decide from the recompute that
 * runs, if any, whether waiting can succeed; then wait under `lock_timeout` in a savepoint, so
 * a timeout leaves the transaction usable for the 503 (and it changed nothing anyway).
 */
async function waitForCompanyLock(tx: Tx, tenantId: string, mode: "shared" | "exclusive"): Promise<void> {
  const budgetMs = companyLockWaitMs();
  const remainingMs = await recomputeRemainingMs(tx, tenantId);
  if (remainingMs !== null && remainingMs > budgetMs) throw companyBusy(mode, remainingMs);
  await tx.$executeRawUnsafe("SAVEPOINT company_lock");
  let before = "0";
  try {
    const [setting] = await tx.$queryRaw<{ before: string }[]>`
      SELECT current_setting('lock_timeout') AS before, set_config('lock_timeout', ${`${Math.max(1, Math.round(budgetMs))}ms`}, true) AS now`;
    before = setting!.before;
    if (mode === "shared") await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${lockKey(tenantId)}, 0))`;
    else await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey(tenantId)}, 0))`;
  } catch (error) {
    if (pgCode(error) !== "55P03") throw error;
    await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT company_lock");
    throw companyBusy(mode, (await recomputeRemainingMs(tx, tenantId)) ?? budgetMs);
  }
  // The savepoint's SET LOCAL would outlive it: put the session's lock_timeout back (the lock stays).
  await tx.$executeRaw`SELECT set_config('lock_timeout', ${before}, true)`;
  await tx.$executeRawUnsafe("RELEASE SAVEPOINT company_lock");
}

/** How much longer the running recompute should take, from its start and the company's last finished one; null when none runs or nothing is known. */
async function recomputeRemainingMs(tx: Tx, tenantId: string): Promise<number | null> {
  const [row] = await tx.$queryRaw<{ remaining_ms: number | null }[]>`
    SELECT (
      SELECT extract(epoch FROM (last.finished_at - last.started_at)) * 1000 - extract(epoch FROM (clock_timestamp() - running.started_at)) * 1000
      FROM background_jobs last
      WHERE last.tenant_id = running.tenant_id AND last.kind = running.kind AND last.status = 'succeeded' AND last.started_at IS NOT NULL
      ORDER BY last.finished_at DESC LIMIT 1
    )::float8 AS remaining_ms
    FROM background_jobs running
    WHERE running.tenant_id = ${tenantId}::uuid AND running.kind = 'allocation_recompute' AND running.status = 'running'
    ORDER BY running.started_at DESC LIMIT 1`;
  return row?.remaining_ms ?? null;
}

/** 503: a writer found a whole-company operation in its way; a policy change found writers (or a recompute) still running. */
function companyBusy(mode: "shared" | "exclusive", remainingMs: number): AppError {
  const retryAfterSeconds = Math.min(600, Math.max(1, Math.ceil(remainingMs / 1000)));
  const what = mode === "shared" ? "A company-wide allocation recompute is in progress" : "Changes to the company's stock and orders (or a recompute) are still in progress";
  return new AppError("unavailable", `${what}; nothing was changed, retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
}
