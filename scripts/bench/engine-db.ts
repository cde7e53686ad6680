/**
 * The engine on real PostgreSQL: a tenant with 200,000 open orders where one SKU has 10,000
 * waiting lines and another 10; one PO line of each is received through the real receipt
 * service (features/purchasing receivePurchaseOrder: PO locked, receipt, ledger, key
 * recomputed, response read back, in one transaction) and timed, median of several runs.
 * Called by engine.ts after the in-process part; also runs alone:
 *
 *   node --import tsx scripts/bench/engine-db.ts
 *
 * Database: bod_bench_engine on the local server (BENCH_ENGINE_DATABASE_URL to override),
 * loaded once and reused while its marker says so.
 */
import { pathToFileURL } from "node:url";
import { db } from "../../apps/api/src/db/client.ts";
import { receivePurchaseOrder } from "../../apps/api/src/features/purchasing/receipts.ts";
import type { RequestContext } from "../../apps/api/src/http/types.ts";
import { ensureBenchTenant, machineLine, percentile } from "./bench-db.ts";

export interface EngineDbBench {
  receipt_10k_lines_ms: number;
  receipt_10_lines_ms: number;
}

const URL_ = process.env.BENCH_ENGINE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_bench_engine";
const OPEN_ORDERS = 200_000;
const HOT = [10_000, 10];

export async function runEngineDbBench(options: { runs?: number; log?: (s: string) => void } = {}): Promise<EngineDbBench> {
  const runs = options.runs ?? 7;
  const log = options.log ?? (() => {});
  const waiting = HOT.reduce((s, n) => s + n, 0);
  const { tenant, handle } = await ensureBenchTenant(
    URL_,
    `engine-${OPEN_ORDERS}-v1`,
    {
      tenantName: "Engine Bench", slug: "engine-bench", emailDomain: "engine-bench.backorder.test", orders: OPEN_ORDERS - waiting, products: 20_000,
      suppliers: 40, openOnly: true, events: false, hotProducts: HOT.map((waitingLines) => ({ waitingLines })),
    },
    log,
  );
  try {
    const users = await db().$queryRaw<{ id: string }[]>`SELECT id::text FROM users WHERE email = ${tenant.adminEmail}`;
    const ctx: RequestContext = { tenantId: tenant.tenantId, userId: users[0]!.id, role: "admin", requestId: "bench-engine-db", via: "token" };
    const figures: number[][] = [];
    for (const supply of tenant.hotSupply) {
      const quantity = supply.waitingLines >= 1000 ? 20 : 2;
      const times: number[] = [];
      for (let r = 0; r < runs + 1; r++) {
        const t0 = performance.now();
        const outcome = await receivePurchaseOrder(ctx, supply.purchaseOrderId, { lines: [{ productId: supply.productId, quantity }], allowOverReceipt: true });
        const ms = performance.now() - t0;
        if (r > 0) times.push(ms); // the first run warms caches and the prepared statements
        log(`receipt of ${quantity} units for the SKU with ${supply.waitingLines} waiting lines: ${ms.toFixed(1)} ms${r === 0 ? " (warm-up)" : ""}; now fulfillable: ${outcome.ordersNowFulfillable.length}, partially: ${outcome.ordersNowPartiallyFulfillable.length}`);
      }
      figures.push(times);
    }
    return { receipt_10k_lines_ms: percentile(figures[0]!, 50), receipt_10_lines_ms: percentile(figures[1]!, 50) };
  } finally {
    await handle.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  console.log(machineLine());
  const figures = await runEngineDbBench({ log: (s) => console.log(s) });
  console.log(JSON.stringify(figures));
  process.exit(0);
}
