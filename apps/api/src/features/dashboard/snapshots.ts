// The shortfall trend's history: per warehouse and UTC day, the backorder report's totals (units
// short, net to buy, SKUs short) and the backordered open orders. `readShortfallNow` computes them
// from the report's own SQL (purchasing/report-query.ts; today's backorders, reorder-point rows left out)
// and the order counters; the hourly job
// `shortfall_snapshots` enqueues one `shortfall_snapshot` per company, which upserts today's rows
// (the day's last run stands). The dashboard reads saved days and computes today live.
import { Prisma, asUser, inTenant, type Tx } from "../../db/client.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { reportRowsSql } from "../purchasing/report-query.ts";

export interface ShortfallFigures {
  warehouseId: string;
  unitsShort: number;
  netToBuy: number;
  skusShort: number;
  backorderedOrders: number;
}

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** The figures as they stand now, one row per warehouse of the company (or the one asked for). */
export async function readShortfallNow(tx: Tx, tenantId: string, warehouseId?: string): Promise<ShortfallFigures[]> {
  const rows = await tx.$queryRaw<{ warehouse_id: string; units_short: number; net_to_buy: number; skus_short: number; backordered_orders: number }[]>`
    WITH report AS (
      SELECT x.warehouse_id::uuid AS warehouse_id, x.shortfall, x.net_to_buy FROM (${reportRowsSql(tenantId, { warehouseId, reorder: "exclude" }, "net_need")}) x
    ),
    short AS (
      SELECT warehouse_id, sum(shortfall)::float8 AS units_short, sum(net_to_buy)::float8 AS net_to_buy, count(*)::int AS skus_short FROM report GROUP BY 1
    ),
    backordered AS (
      SELECT warehouse_id, sum(count)::int AS n FROM order_counts
      WHERE tenant_id = ${tenantId}::uuid AND status IN ('open', 'partially_shipped') AND fulfillability = 'backordered'
      GROUP BY 1
    )
    SELECT w.id::text AS warehouse_id, coalesce(s.units_short, 0)::float8 AS units_short, coalesce(s.net_to_buy, 0)::float8 AS net_to_buy,
      coalesce(s.skus_short, 0)::int AS skus_short, coalesce(b.n, 0)::int AS backordered_orders
    FROM warehouses w
    LEFT JOIN short s ON s.warehouse_id = w.id
    LEFT JOIN backordered b ON b.warehouse_id = w.id
    WHERE w.tenant_id = ${tenantId}::uuid ${warehouseId ? Prisma.sql`AND w.id = ${warehouseId}::uuid` : Prisma.empty}
    ORDER BY w.code, w.id`;
  return rows.map((r) => ({ warehouseId: r.warehouse_id, unitsShort: r.units_short, netToBuy: r.net_to_buy, skusShort: r.skus_short, backorderedOrders: r.backordered_orders }));
}

/** Writes (or overwrites) `day`'s snapshot rows of the company from `figures`. */
export async function writeSnapshotRows(tx: Tx, tenantId: string, day: string, figures: ShortfallFigures[]): Promise<void> {
  for (const f of figures) {
    await tx.$executeRaw`
      INSERT INTO shortfall_snapshots (tenant_id, warehouse_id, day, units_short, net_to_buy, skus_short, backordered_orders, taken_at)
      VALUES (${tenantId}::uuid, ${f.warehouseId}::uuid, ${day}::date, ${Math.round(f.unitsShort)}::bigint, ${Math.round(f.netToBuy)}::bigint, ${f.skusShort}, ${f.backorderedOrders}, now())
      ON CONFLICT (tenant_id, day, warehouse_id) DO UPDATE SET units_short = EXCLUDED.units_short, net_to_buy = EXCLUDED.net_to_buy,
        skus_short = EXCLUDED.skus_short, backordered_orders = EXCLUDED.backordered_orders, taken_at = EXCLUDED.taken_at`;
  }
}

/** The `shortfall_snapshot` task: today's (UTC) snapshot of one company. Returns the rows written. */
export async function takeShortfallSnapshot(payload: unknown, now = new Date()): Promise<ShortfallFigures[]> {
  const tenantId = (payload as { tenantId?: unknown } | null)?.tenantId;
  if (typeof tenantId !== "string") throw new Error("shortfall_snapshot needs a tenantId");
  return inTenant({ tenantId }, async (tx) => {
    const figures = await readShortfallNow(tx, tenantId);
    await writeSnapshotRows(tx, tenantId, utcDay(now), figures);
    return figures;
  });
}

/** The `shortfall_snapshots` cron task: one `shortfall_snapshot` job per company (coalesced while one waits). */
export async function enqueueShortfallSnapshots(): Promise<number> {
  const tenants = await asUser(undefined, (tx) => tx.$queryRaw<{ tenant_id: string }[]>`SELECT tenant_id::text FROM app_tenants_for_snapshots()`);
  for (const t of tenants) {
    await inTenant({ tenantId: t.tenant_id }, (tx) => enqueueJob(tx, "shortfall_snapshot", { tenantId: t.tenant_id }, { key: `shortfall_snapshot:${t.tenant_id}`, maxAttempts: 3 }));
  }
  return tenants.length;
}
