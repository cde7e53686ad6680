// Proposed purchase orders for chosen report rows: grouped by (preferred supplier, warehouse),
// each line the row's net need rounded up to the supplier's minimum and case pack, saying why when
// a reorder point set the need or the rounding raised it. Nothing is written.
import { explainPurchaseQuantity } from "@bod/domain/backorder-report";
import { reorderNeed } from "@bod/domain/reorder";
import type { TPreviewPurchaseOrdersRequest, TPreviewPurchaseOrdersResponse } from "@bod/contracts/purchasing";
import { inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { todayPlusDays } from "./po-write.ts";
import { readReportRowsForKeys, type ReportRowRecord } from "./report-query.ts";

/** Why a reorder point set the row's need, or null when today's shortfall alone did. */
function reorderNoteOf(row: ReportRowRecord): string | null {
  if (row.reorder_point === null || row.reorder_quantity === null) return null;
  const need = reorderNeed(row.projected_position, row.reorder_point, row.reorder_quantity);
  if (need === 0 || need <= row.shortfall - row.incoming) return null;
  const times = need / row.reorder_quantity;
  return `Projected ${row.projected_position} (on hand ${row.on_hand} + incoming ${row.incoming} − demand ${row.demand}) is below the reorder point ${row.reorder_point}: ${times} × reorder quantity ${row.reorder_quantity} = ${need}`;
}

type Group = TPreviewPurchaseOrdersResponse["purchaseOrders"][number] & { leadTimeDays: number };

export function previewPurchaseOrders(ctx: RequestContext, input: TPreviewPurchaseOrdersRequest): Promise<TPreviewPurchaseOrdersResponse> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const rows = input.rows.filter((r, i) => input.rows.findIndex((x) => x.productId === r.productId && x.warehouseId === r.warehouseId) === i);
    const products = await tx.product.findMany({ where: { tenantId, id: { in: rows.map((r) => r.productId) } }, select: { id: true, sku: true } });
    const warehouses = await tx.warehouse.findMany({ where: { tenantId, id: { in: rows.map((r) => r.warehouseId) } }, select: { id: true } });
    const skuOf = new Map(products.map((p) => [p.id, p.sku]));
    const warehouseIds = new Set(warehouses.map((w) => w.id));
    const unknown = input.rows.flatMap((r, i) => [
      ...(skuOf.has(r.productId) ? [] : [{ path: `rows.${i}.productId`, message: "No such product", code: "custom" }]),
      ...(warehouseIds.has(r.warehouseId) ? [] : [{ path: `rows.${i}.warehouseId`, message: "No such warehouse", code: "custom" }]),
    ]);
    if (unknown.length) throw new AppError("invalid_input", "Unknown product or warehouse", unknown);

    const report = await readReportRowsForKeys(tx, tenantId, rows);
    const rowOf = new Map(report.map((r) => [`${r.warehouse_id}|${r.product_id}`, r]));
    const groups = new Map<string, Group>();
    const skipped: TPreviewPurchaseOrdersResponse["skipped"] = [];
    for (const { productId, warehouseId } of rows) {
      const sku = skuOf.get(productId)!;
      const row = rowOf.get(`${warehouseId}|${productId}`);
      if (!row || row.net_to_buy <= 0) {
        const why = !row ? "nothing is short here" : `the shortfall of ${row.shortfall} is covered by ${row.incoming} incoming on open purchase orders`;
        skipped.push({ productId, warehouseId, sku, reason: `No net need for ${sku}: ${why}` });
        continue;
      }
      if (row.supplier_id === null) {
        skipped.push({ productId, warehouseId, sku, reason: `No supplier for ${sku}: add supplier terms to the product first` });
        continue;
      }
      const key = `${row.supplier_id}|${warehouseId}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { supplierId: row.supplier_id, supplierName: row.supplier_name!, warehouseId, expectedDate: null, lines: [], leadTimeDays: 0 }));
      group.leadTimeDays = Math.max(group.leadTimeDays, row.lead_time_days!);
      const { quantity, roundedUp } = explainPurchaseQuantity(row.net_to_buy, row.min_order_qty!, row.case_pack!);
      group.lines.push({ productId, sku, name: row.name, quantity, unitCostCents: row.unit_cost_cents!, netToBuy: row.net_to_buy, reorderNote: reorderNoteOf(row), roundedUp });
    }
    return {
      purchaseOrders: [...groups.values()].map(({ leadTimeDays, ...g }) => ({ ...g, expectedDate: todayPlusDays(leadTimeDays) })),
      skipped,
    };
  });
}
