// The demo company's shortfall trend before its first day: the dashboard's chart reads saved daily
// snapshots, and a company loaded today has none. These earlier days are made up, not measured: a
// seeded walk per warehouse that ends at today's real figures (computed by the snapshot job's own
// query), so the chart has a shape on the first `npm start`. Today's row is the real snapshot.
import { inTenant } from "../db/client.ts";
import { readShortfallNow, utcDay, writeSnapshotRows, type ShortfallFigures } from "../features/dashboard/snapshots.ts";
import { SHORTFALL_TREND_DAYS } from "@bod/contracts/dashboard";
import { createRandom } from "./random.ts";

const DAY = 86_400_000;

export async function writeDemoShortfallHistory(tenantId: string, now = new Date(), seed = 12): Promise<number> {
  const random = createRandom(seed);
  return inTenant({ tenantId }, async (tx) => {
    const today = await readShortfallNow(tx, tenantId);
    await writeSnapshotRows(tx, tenantId, utcDay(now), today);
    // Walk backwards from today: the shortfall was a little higher most days (stock arriving since).
    let current = today.map((f) => ({ ...f }));
    for (let back = 1; back < SHORTFALL_TREND_DAYS; back++) {
      current = current.map((f): ShortfallFigures => {
        const drift = 1 + (random.next() - 0.35) * 0.12;
        const units = Math.max(0, Math.round(f.unitsShort * drift + random.int(-3, 3)));
        const ratio = f.unitsShort > 0 ? units / f.unitsShort : 1;
        return {
          warehouseId: f.warehouseId,
          unitsShort: units,
          netToBuy: Math.min(units, Math.max(0, Math.round(f.netToBuy * ratio * (1 + (random.next() - 0.5) * 0.1)))),
          skusShort: Math.max(0, Math.round(f.skusShort * (1 + (ratio - 1) * 0.6))),
          backorderedOrders: Math.max(0, Math.round(f.backorderedOrders * (1 + (ratio - 1) * 0.8))),
        };
      });
      await writeSnapshotRows(tx, tenantId, utcDay(new Date(now.getTime() - back * DAY)), current);
    }
    return SHORTFALL_TREND_DAYS;
  });
}
