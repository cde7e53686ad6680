// The import_apply job: every staged row that is valid is written in ONE transaction, and the
// import's final status is written in that same transaction — so a failure, a crash or a cancel
// anywhere in the file changes nothing, and a retried job finds the import finished. Progress
// (rows done of total) is written between batches in separate short transactions, so the SPA
// sees it while the write is still uncommitted.
// - products: upsert by SKU in batches of 1,000 (INSERT … ON CONFLICT); an existing SKU changes
//   only with "update existing", and only the columns the file maps.
// - stock counts: the counts of each (warehouse, SKU) summed over the file's locations go
//   through the stock count endpoint's own function (stock/service.ts applyStockCounts: lock the
//   keys, a `count` movement per difference in the ledger, the engine recomputes those keys).
// - supplier terms: suppliers created by name, terms upserted by (product, supplier) with the
//   endpoint's preferred rule (supplier-terms.ts).
// - warehouse locations: upserted by (warehouse, code), then the SKUs' bins (warehouse-locations.ts).
import { z } from "zod";
import type { TImportKind } from "@bod/contracts/imports";
import { LONG_TX_MS, inTenant, pgCode, type Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { applyStockCounts } from "../stock/service.ts";
import { applySupplierTerms } from "./supplier-terms.ts";
import { applyWarehouseLocations } from "./warehouse-locations.ts";
import { validRowBatches } from "./staged-rows.ts";

const ZApplyJob = z.object({ tenantId: z.uuid(), importId: z.uuid() });
export const APPLY_TASK = "import_apply";

class Cancelled extends Error {}

export interface ApplyContext {
  tx: Tx;
  tenantId: string;
  userId: string | null;
  importId: string;
  fileName: string;
  updateExisting: boolean;
  mapping: (string | null)[];
  progress: (done: number, message: string) => void;
  checkCancelled: () => Promise<void>;
}

export type Outcome = { created: number; updated: number; skipped: number };

export async function runImportApply(payload: unknown): Promise<void> {
  const { tenantId, importId } = ZApplyJob.parse(payload);
  const claimed = await inTenant({ tenantId }, async (tx) => {
    const [row] = await tx.$queryRaw<{ total: number }[]>`
      UPDATE imports SET status = 'applying', started_at = coalesce(started_at, now()), phase_started_at = now(), progress_done = 0,
        progress_total = row_count - rejected_count, progress_message = 'Writing'
      WHERE tenant_id = ${tenantId}::uuid AND id = ${importId}::uuid AND status IN ('queued', 'applying') AND NOT cancel_requested
      RETURNING progress_total AS total`;
    if (!row) {
      await tx.import.updateMany({ where: { tenantId, id: importId, status: { in: ["queued", "applying"] }, cancelRequested: true }, data: { status: "cancelled", finishedAt: new Date(), progressMessage: "Cancelled: nothing was written" } });
      return null;
    }
    return tx.import.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: importId } } });
  });
  if (!claimed) return;

  let progress = Promise.resolve();
  const setProgress = (done: number, message: string) => {
    progress = progress
      .then(() => inTenant({ tenantId }, (tx) => tx.import.updateMany({ where: { tenantId, id: importId, status: "applying" }, data: { progressDone: done, progressMessage: message } })))
      .then(() => undefined)
      .catch(() => {});
  };
  try {
    await inTenant(
      { tenantId, userId: claimed.createdBy },
      async (tx) => {
        const ctx: ApplyContext = {
          tx,
          tenantId,
          userId: claimed.createdBy,
          importId,
          fileName: claimed.fileName,
          updateExisting: claimed.updateExisting,
          mapping: claimed.mapping as (string | null)[],
          progress: setProgress,
          checkCancelled: async () => {
            const [row] = await tx.$queryRaw<{ cancel_requested: boolean }[]>`SELECT cancel_requested FROM imports WHERE tenant_id = ${tenantId}::uuid AND id = ${importId}::uuid`;
            if (row?.cancel_requested) throw new Cancelled();
          },
        };
        const outcome = await APPLY[claimed.kind as TImportKind](ctx);
        await ctx.checkCancelled();
        const total = claimed.rowCount - claimed.rejectedCount;
        await tx.import.update({
          where: { tenantId_id: { tenantId, id: importId } },
          data: {
            status: "succeeded",
            finishedAt: new Date(),
            createCount: outcome.created,
            updateCount: outcome.updated,
            skipCount: outcome.skipped,
            progressDone: total,
            progressMessage: `Done: ${outcome.created} created, ${outcome.updated} updated, ${outcome.skipped} unchanged, ${claimed.rejectedCount} rejected`,
          },
        });
        // The bytes are not needed once the import is applied; the rows stay for the preview and the rejects file.
        await tx.importChunk.deleteMany({ where: { tenantId, importId } });
      },
      { timeoutMs: LONG_TX_MS },
    );
    await progress;
  } catch (error) {
    await progress;
    const cancelled = error instanceof Cancelled;
    const message = cancelled ? "Cancelled: nothing was written" : `Nothing was written: ${failureReason(error)}`;
    await inTenant({ tenantId }, (tx) =>
      tx.import.updateMany({ where: { tenantId, id: importId, status: "applying" }, data: { status: cancelled ? "cancelled" : "failed", finishedAt: new Date(), error: cancelled ? null : message, progressMessage: message } }),
    );
    // A refusal by the data (a barcode taken meanwhile, stock set aside) will not pass on a retry.
  }
}

/** Why the write failed, in the product's words (never a driver's message). */
function failureReason(error: unknown): string {
  if (error instanceof AppError) return error.message;
  if (pgCode(error) === "23505") return "a value that must be unique (a barcode) was taken by another product after the preview; upload the file again";
  if (pgCode(error) === "23503") return "a warehouse or product of the file was removed after the preview; upload the file again";
  return "the write failed; try again, and if it fails again split the file";
}

const APPLY: Record<TImportKind, (ctx: ApplyContext) => Promise<Outcome>> = {
  async products(ctx) {
    const mapped = (field: string) => ctx.mapping.includes(field);
    let created = 0;
    let updated = 0;
    let valid = 0;
    for await (const rows of validRowBatches<Record<string, unknown>>(ctx)) {
      valid += rows.length;
      const written = await ctx.tx.$queryRaw<{ created: boolean }[]>`
        INSERT INTO products AS p (tenant_id, sku, name, barcode, is_preorder, restock_date, restock_quantity)
        SELECT ${ctx.tenantId}::uuid, r.sku, r.name, r.barcode, coalesce(r.is_preorder, false), r.restock_date, r.restock_quantity
        FROM jsonb_to_recordset(${JSON.stringify(rows.map((r) => r.data))}::jsonb) AS r(sku text, name text, barcode text, is_preorder boolean, restock_date date, restock_quantity int)
        ON CONFLICT (tenant_id, sku) DO UPDATE SET
          name = EXCLUDED.name,
          barcode = CASE WHEN ${mapped("barcode")} THEN EXCLUDED.barcode ELSE p.barcode END,
          is_preorder = CASE WHEN ${mapped("is_preorder")} THEN EXCLUDED.is_preorder ELSE p.is_preorder END,
          restock_date = CASE WHEN ${mapped("restock_date")} THEN EXCLUDED.restock_date ELSE p.restock_date END,
          restock_quantity = CASE WHEN ${mapped("restock_quantity")} THEN EXCLUDED.restock_quantity ELSE p.restock_quantity END,
          updated_at = now()
        WHERE ${ctx.updateExisting}
          AND (p.name, p.barcode, p.is_preorder, p.restock_date, p.restock_quantity) IS DISTINCT FROM
              (EXCLUDED.name,
               CASE WHEN ${mapped("barcode")} THEN EXCLUDED.barcode ELSE p.barcode END,
               CASE WHEN ${mapped("is_preorder")} THEN EXCLUDED.is_preorder ELSE p.is_preorder END,
               CASE WHEN ${mapped("restock_date")} THEN EXCLUDED.restock_date ELSE p.restock_date END,
               CASE WHEN ${mapped("restock_quantity")} THEN EXCLUDED.restock_quantity ELSE p.restock_quantity END)
        RETURNING (xmax = 0) AS created`;
      for (const w of written) {
        if (w.created) created++;
        else updated++;
      }
      ctx.progress(valid, `Wrote ${valid.toLocaleString("en")} row(s)`);
    }
    return { created, updated, skipped: valid - created - updated };
  },

  async stock_counts(ctx) {
    await ctx.checkCancelled();
    const keys = await ctx.tx.$queryRaw<{ warehouse_id: string; product_id: string; counted: bigint; rows: number; had_level: boolean }[]>`
      SELECT k.warehouse_id, k.product_id, k.counted, k.rows, s.tenant_id IS NOT NULL AS had_level
      FROM (SELECT data->>'warehouseId' AS warehouse_id, data->>'productId' AS product_id, sum((data->>'on_hand')::bigint) AS counted, count(*)::int AS rows
            FROM import_rows WHERE tenant_id = ${ctx.tenantId}::uuid AND import_id = ${ctx.importId}::uuid AND errors IS NULL AND data IS NOT NULL GROUP BY 1, 2) k
      LEFT JOIN stock_levels s ON s.tenant_id = ${ctx.tenantId}::uuid AND s.warehouse_id = k.warehouse_id::uuid AND s.product_id = k.product_id::uuid
      ORDER BY 1, 2`;
    const tooMany = keys.find((k) => k.counted > 2_147_483_647n);
    if (tooMany) throw new AppError("rule_violation", `The counts of one SKU in one warehouse add up to ${tooMany.counted}, more than one stock level holds`);
    const rows = keys.reduce((n, k) => n + k.rows, 0);
    ctx.progress(0, `Locking ${keys.length.toLocaleString("en")} stock level(s)`);
    const results = await applyStockCounts(
      ctx.tx,
      { tenantId: ctx.tenantId, userId: ctx.userId },
      keys.map((k) => ({
        warehouseId: k.warehouse_id,
        productId: k.product_id,
        countedQuantity: Number(k.counted),
        reason: `Import ${ctx.fileName}: counted ${k.counted}`,
        causeType: "import",
        causeId: ctx.importId,
      })),
      (phase) => ctx.progress(phase.startsWith("Recomputing") ? rows : 0, phase),
    );
    // Per row, as the preview counted them: a key's rows are created (no stock level before), updated, or unchanged together.
    let created = 0;
    let updated = 0;
    let skipped = 0;
    results.forEach((r, i) => {
      const k = keys[i]!;
      if (r.difference === 0) skipped += k.rows;
      else if (!k.had_level) created += k.rows;
      else updated += k.rows;
    });
    return { created, updated, skipped };
  },

  supplier_terms: applySupplierTerms,
  warehouse_locations: applyWarehouseLocations,
};
