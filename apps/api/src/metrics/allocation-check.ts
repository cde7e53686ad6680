// The last allocation check this process ran (GET /admin/allocations/check, npm run
// check:allocations, the demo generator), for /metrics. The check reads and records nothing in the
// database, so its result is kept here, per process, without tenant ids: counts of differences by kind.
import type { AllocationCheck } from "../features/allocation/check.ts";

export const DRIFT_KINDS = ["line_allocation", "projected_date", "order_fulfillability", "over_allocated_stock", "ledger_mismatch"] as const;
export type TDriftKind = (typeof DRIFT_KINDS)[number];

export interface LastAllocationCheck {
  at: Date;
  ok: boolean;
  differences: Record<TDriftKind, number>;
}

let last: LastAllocationCheck | undefined;
let runs = { ok: 0, differences: 0 };

/** Called by checkAllocations with every result (the lists are capped at 100 each; the counts say at least that many). */
export function recordAllocationCheck(report: AllocationCheck) {
  last = {
    at: new Date(),
    ok: report.ok,
    differences: {
      line_allocation: report.lineDifferences.length,
      projected_date: report.projectionDifferences.length,
      order_fulfillability: report.orderDifferences.length,
      over_allocated_stock: report.overAllocatedKeys.length,
      ledger_mismatch: report.ledgerMismatches.length,
    },
  };
  runs = { ...runs, [report.ok ? "ok" : "differences"]: runs[report.ok ? "ok" : "differences"] + 1 };
}

export const lastAllocationCheck = () => last;
export const allocationCheckRuns = () => runs;
