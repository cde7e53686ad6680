// Batch picking by scan: one scan of a product's barcode or SKU (optionally with the bin's
// code) records one unit picked, for the first order in dealing order still waiting for it.
// The client's scan id makes a resent scan count once. Progress only: no stock moves.
import type { TPickScanRequest, TPickScanResponse } from "@bod/contracts/pick-lists";
import { inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { readPickList } from "./read.ts";
import { lockPickList, requireOpen } from "./service.ts";

interface CandidateLine {
  id: string;
  order_number: string;
  sku: string;
  location_code: string | null;
  quantity: number;
  picked: number;
}

export function recordPickScan(ctx: RequestContext, pickListId: string, input: TPickScanRequest): Promise<TPickScanResponse> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const list = await lockPickList(tx, tenantId, pickListId);

    const [seen] = await tx.$queryRaw<{ line_id: string }[]>`
      SELECT line_id::text FROM pick_list_scans WHERE tenant_id = ${tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND scan_id = ${input.scanId}`;
    if (seen) {
      const [line] = await linesOf(tenantId, pickListId, { lineId: seen.line_id });
      return { pickList: await readPickList(tx, tenantId, pickListId), scan: toScan(line!, true) };
    }
    requireOpen(list);

    // Lines of open orders whose product the code names (barcode exactly, or the SKU in any case).
    const lines = await linesOf(tenantId, pickListId, { code: input.code });
    if (lines.length === 0) throw new AppError("rule_violation", `${input.code} is not on pick list ${list.number}`, [{ path: "code", message: "Not on this list" }]);
    const at = input.locationCode?.toLowerCase();
    const here = at === undefined ? lines : lines.filter((l) => l.location_code?.toLowerCase() === at);
    if (here.length === 0) {
      throw new AppError("rule_violation", `${lines[0]!.sku} is picked from ${lines[0]!.location_code ?? "no bin"}, not ${input.locationCode}`, [{ path: "locationCode", message: "Another bin" }]);
    }
    const next = here.find((l) => l.picked < l.quantity);
    if (!next) {
      const total = here.reduce((s, l) => s + l.quantity, 0);
      throw new AppError("rule_violation", `All ${total} unit(s) of ${here[0]!.sku} on ${list.number} are picked`, [{ path: "code", message: "Already fully picked" }]);
    }
    await tx.$executeRaw`UPDATE pick_list_lines SET picked = picked + 1 WHERE tenant_id = ${tenantId}::uuid AND id = ${next.id}::uuid`;
    await tx.$executeRaw`INSERT INTO pick_list_scans (tenant_id, pick_list_id, scan_id, line_id, created_by)
      VALUES (${tenantId}::uuid, ${pickListId}::uuid, ${input.scanId}, ${next.id}::uuid, ${ctx.userId}::uuid)`;
    return { pickList: await readPickList(tx, tenantId, pickListId), scan: toScan(next, false) };

    function linesOf(tenantId: string, pickListId: string, by: { lineId?: string; code?: string }) {
      return tx.$queryRaw<CandidateLine[]>`
        SELECT l.id::text, so.number AS order_number, p.sku, l.location_code, l.quantity, l.picked
        FROM pick_list_lines l
        JOIN pick_list_orders o ON o.tenant_id = l.tenant_id AND o.pick_list_id = l.pick_list_id AND o.order_id = l.order_id
        JOIN sales_orders so ON so.tenant_id = l.tenant_id AND so.id = l.order_id
        JOIN sales_order_lines sl ON sl.tenant_id = l.tenant_id AND sl.id = l.line_id
        JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
        WHERE l.tenant_id = ${tenantId}::uuid AND l.pick_list_id = ${pickListId}::uuid
          AND (${by.lineId ?? null}::uuid IS NULL OR l.id = ${by.lineId ?? null}::uuid)
          AND (${by.code ?? null}::text IS NULL OR ((p.barcode = ${by.code ?? null} OR lower(p.sku) = lower(${by.code ?? null})) AND o.state = 'open'))
        ORDER BY o.position, sl.line_no`;
    }
  });
}

function toScan(line: CandidateLine, repeated: boolean): TPickScanResponse["scan"] {
  return { sku: line.sku, locationCode: line.location_code, orderNumber: line.order_number, lineId: line.id, repeated };
}
