// A few ship-complete orders of the demo company picked and staged in containers, through the
// real staging service (ledger transfers, hard allocations, engine), so the staging board,
// pick screen and staged-order slips have something to show on first run.
import { inTenant } from "../db/client.ts";
import { AppError } from "../http/errors.ts";
import type { RequestContext } from "../http/types.ts";
import { stageOrderLines } from "../features/staging/service.ts";

/** Stages up to `count` waiting ship-complete orders that have some units allocated; returns how many it staged. */
export async function stageDemoOrders(ctx: RequestContext, count = 3): Promise<number> {
  const candidates = await inTenant(ctx, (tx) =>
    tx.$queryRaw<{ order_id: string; warehouse_id: string; lines: { lineId: string; quantity: number }[] }[]>`
      SELECT o.id::text AS order_id, o.warehouse_id::text,
        json_agg(json_build_object('lineId', l.id::text, 'quantity', l.quantity_allocated - l.quantity_hard_allocated)) AS lines
      FROM sales_orders o
      JOIN sales_order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id AND l.quantity_allocated > l.quantity_hard_allocated
      WHERE o.tenant_id = ${ctx.tenantId}::uuid AND o.status = 'open' AND o.fulfillment_mode = 'ship_complete' AND o.fulfillability = 'partially_fulfillable'
      GROUP BY o.id, o.warehouse_id, o.order_date
      ORDER BY o.order_date, o.id
      LIMIT ${count * 3}`,
  );
  let staged = 0;
  for (const c of candidates) {
    if (staged >= count) break;
    const [container] = await inTenant(ctx, (tx) =>
      tx.$queryRaw<{ id: string }[]>`
        SELECT c.id::text FROM containers c JOIN locations loc ON loc.tenant_id = c.tenant_id AND loc.id = c.location_id
        WHERE c.tenant_id = ${ctx.tenantId}::uuid AND loc.warehouse_id = ${c.warehouse_id}::uuid AND loc.kind = 'staging'
          AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.tenant_id = c.tenant_id AND a.container_id = c.id)
        ORDER BY c.code LIMIT 1`,
    );
    if (!container) continue;
    try {
      await stageOrderLines(ctx, c.order_id, { containerId: container.id, lines: c.lines });
      staged++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error; // e.g. no pick location with stock: try the next order
    }
  }
  return staged;
}
