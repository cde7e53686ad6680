/**
 * The engine on real PostgreSQL: a tenant with 200,000 open orders where one SKU has 10,000
 * waiting lines and another 10; one PO line of each is received (stock in through the ledger,
 * the key recomputed and written, in one transaction) and timed, median of several runs.
 * Called by engine.ts after the in-process part; also runs alone:
 *
 *   node --import tsx scripts/bench/engine-db.ts
 *
 * Database: bod_bench_engine on the local server (BENCH_ENGINE_DATABASE_URL to override),
 * loaded once and reused while its marker says so.
 */
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";
import { inTenant, type Tx } from "../../apps/api/src/db/client.ts";
import { recomputeKeys } from "../../apps/api/src/features/allocation/recompute.ts";
import { lockStockKeys, recordStockMovements } from "../../apps/api/src/features/stock/ledger.ts";
import { ensureBenchTenant, machineLine, percentile } from "./bench-db.ts";

export interface EngineDbBench {
  receipt_10k_lines_ms: number;
  receipt_10_lines_ms: number;
}

const URL_ = process.env.BENCH_ENGINE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/bod_bench_engine";
const OPEN_ORDERS = 200_000;
const HOT = [10_000, 10];

/**
 * What receiving a PO line does (features/purchasing was not there when this was written):
 * lock the key, record the receipt and its line, move the PO line and status, put the units
 * in through the ledger, and let the engine recompute the key — one transaction.
 */
async function receivePurchaseOrderLine(tx: Tx, tenantId: string, supply: { purchaseOrderId: string; purchaseOrderLineId: string; warehouseId: string; productId: string }, quantity: number) {
  const key = { warehouseId: supply.warehouseId, productId: supply.productId };
  await lockStockKeys(tx, tenantId, [key]);
  const receiptId = crypto.randomUUID();
  await tx.$executeRaw`INSERT INTO receipts (tenant_id, id, purchase_order_id) VALUES (${tenantId}::uuid, ${receiptId}::uuid, ${supply.purchaseOrderId}::uuid)`;
  await tx.$executeRaw`INSERT INTO receipt_lines (tenant_id, receipt_id, purchase_order_line_id, quantity) VALUES (${tenantId}::uuid, ${receiptId}::uuid, ${supply.purchaseOrderLineId}::uuid, ${quantity})`;
  await tx.$executeRaw`UPDATE purchase_order_lines SET quantity_received = quantity_received + ${quantity} WHERE tenant_id = ${tenantId}::uuid AND id = ${supply.purchaseOrderLineId}::uuid`;
  await tx.$executeRaw`UPDATE purchase_orders SET status = 'partially_received', version = version + 1 WHERE tenant_id = ${tenantId}::uuid AND id = ${supply.purchaseOrderId}::uuid AND status = 'ordered'`;
  await recordStockMovements(tx, { tenantId }, [{ ...key, kind: "receipt", quantity, causeType: "receipt", causeId: receiptId }]);
  return recomputeKeys(tx, tenantId, [key]);
}

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
    const figures: number[][] = [];
    for (const supply of tenant.hotSupply) {
      const quantity = supply.waitingLines >= 1000 ? 20 : 2;
      const times: number[] = [];
      for (let r = 0; r < runs + 1; r++) {
        const t0 = performance.now();
        const outcome = await inTenant({ tenantId: tenant.tenantId }, (tx) => receivePurchaseOrderLine(tx, tenant.tenantId, supply, quantity));
        const ms = performance.now() - t0;
        if (r > 0) times.push(ms); // the first run warms caches and the prepared statements
        log(`receipt of ${quantity} units for the SKU with ${supply.waitingLines} waiting lines: ${ms.toFixed(1)} ms${r === 0 ? " (warm-up)" : ""}; ${outcome.linesWritten} lines written, ${outcome.changed.length} orders changed`);
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
