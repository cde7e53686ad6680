// Batch picking by scan: one scan of a product's barcode or SKU (optionally with the bin's
// code) records one unit picked, for the first order in dealing order still waiting for it
// (choosePickLine in packages/domain). The client's scan id makes a resent scan count once.
// Progress only: no stock moves.
import { choosePickLine, type PickLine } from "@bod/domain/pick-lists";
import type { TPickScanRequest, TPickScanResponse } from "@bod/contracts/pick-lists";
import { inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { readPickLines, readPickList } from "./read.ts";
import { lockPickList, requireOpen } from "./service.ts";

const FIELD = { not_on_list: ["code", "Not on this list"], other_bin: ["locationCode", "Another bin"], fully_picked: ["code", "Already fully picked"] } as const;

export function recordPickScan(ctx: RequestContext, pickListId: string, input: TPickScanRequest): Promise<TPickScanResponse> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    // The list's row lock: scans of one list run one at a time, so two scans never take the same unit.
    const list = await lockPickList(tx, tenantId, pickListId);

    const [seen] = await tx.$queryRaw<{ line_id: string }[]>`
      SELECT line_id::text FROM pick_list_scans WHERE tenant_id = ${tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND scan_id = ${input.scanId}`;
    if (seen) {
      const [line] = await readPickLines(tx, tenantId, pickListId, { lineId: seen.line_id, orders: "any" });
      return { pickList: await readPickList(tx, tenantId, pickListId), scan: toScan(line!, true) };
    }
    requireOpen(list);

    const outcome = choosePickLine(await readPickLines(tx, tenantId, pickListId, { orders: "open" }), input, list.number);
    if (!outcome.ok) {
      const [path, message] = FIELD[outcome.reason];
      throw new AppError("rule_violation", outcome.message, [{ path, message }]);
    }
    const next = outcome.line;
    await tx.$executeRaw`UPDATE pick_list_lines SET picked = picked + 1 WHERE tenant_id = ${tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND line_id = ${next.lineId}::uuid`;
    await tx.$executeRaw`INSERT INTO pick_list_scans (tenant_id, pick_list_id, scan_id, line_id, created_by)
      VALUES (${tenantId}::uuid, ${pickListId}::uuid, ${input.scanId}, ${next.lineId}::uuid, ${ctx.userId}::uuid)`;
    return { pickList: await readPickList(tx, tenantId, pickListId), scan: toScan(next, false) };
  });
}

function toScan(line: PickLine, repeated: boolean): TPickScanResponse["scan"] {
  return { sku: line.sku, locationCode: line.locationCode, orderNumber: line.orderNumber, lineId: line.lineId, repeated };
}
