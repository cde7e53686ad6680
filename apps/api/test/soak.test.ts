// The soak, short (`npm run soak` runs 10,000 operations; docs/benchmarks.md): random conflicting
// operations over HTTP from several clients at once — ship, receive, stage, unstage, edit, cancel,
// refund, exchange, adjust, policy flips — on real PostgreSQL with a job worker running the
// recomputes, then every invariant of test/soak/checks.ts. No 5xx, no 409 "conflicted with
// another change", no idempotent retry answered with a second shipment.
import { describe, expect, it } from "vitest";
import { transactionAborts } from "../src/db/client.ts";
import { setupSoakCompany } from "./soak/company.ts";
import { checkSoakInvariants, waitForRecomputes } from "./soak/checks.ts";
import { runSoakOperations, summarizeRun } from "./soak/operations.ts";
import { seededRandom } from "./soak/random.ts";
import { startTestWorker } from "./worker.ts";
import { testEnv } from "./env.ts";

const OPERATIONS = Number(process.env.SOAK_TEST_OPERATIONS ?? 600);

describe("soak", () => {
  it(`${OPERATIONS} random conflicting operations from 6 clients: no 5xx, no exhausted retries, every invariant holds`, { timeout: 180_000 }, async () => {
    const seed = Number(process.env.SOAK_SEED ?? 20261202);
    const company = await setupSoakCompany(seededRandom(seed), { clients: 6, products: 8, orders: 120, purchaseOrders: 8 });
    const worker = await startTestWorker();
    const deadlocksBefore = transactionAborts["40P01"] ?? 0;
    const run = await runSoakOperations(company, { operations: OPERATIONS, seed });
    await waitForRecomputes(testEnv.superuser, company.tenantId);
    await worker.stop();
    const summary = summarizeRun(run);
    if (process.env.SOAK_VERBOSE) console.log(JSON.stringify({ ...summary, deadlocksRetried: (transactionAborts["40P01"] ?? 0) - deadlocksBefore }, null, 1));

    expect(run.serverErrors, `seed ${seed}`).toEqual([]);
    expect(run.retriesExhausted, `seed ${seed}`).toEqual([]);
    expect(run.duplicateMismatches, `seed ${seed}`).toEqual([]);
    const checks = await checkSoakInvariants(testEnv.superuser, company.admin, company.tenantId);
    expect(checks.filter((c) => !c.ok), `seed ${seed}`).toEqual([]);
    // The run did what it claims: every kind of operation was tried, and each also succeeded sometimes.
    for (const kind of ["ship", "receive", "stage", "unstage", "edit", "cancel", "refund", "exchange", "adjust", "policy"]) {
      expect(run.byKind[kind]?.byClass["2xx"] ?? 0, `${kind}: ${JSON.stringify(run.byKind[kind]?.byAnswer)}`).toBeGreaterThan(0);
    }
    expect(run.operations).toBe(OPERATIONS);
  });
});
