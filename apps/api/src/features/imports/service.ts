// CSV imports (docs/decisions/016): read an import, its preview and history; change its mapping
// (parsed again on the queue); confirm it (the write runs as a job, apply.ts); cancel it; the
// rejected rows and the template of a kind as CSV. Uploading is upload.ts.
import type { Response } from "express";
import { IMPORT_COLUMNS, type TImport, type TImportKind, type TImportListQuery, type TImportPreview } from "@bod/contracts/imports";
import type { TPage } from "@bod/contracts/common";
import { inTenant, type Tx } from "../../db/client.ts";
import { csvLine, startCsv, writeChunk } from "../../http/csv.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, encodeCursor } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { APPLY_TASK } from "./apply.ts";
import { checkMapping, saveMapping } from "./mapping.ts";
import { listImportRows, readImport, readPreviewParts, readRejectedPage, toImport } from "./queries.ts";
import { PARSE_TASK } from "./upload.ts";

async function findImport(tx: Tx, ctx: RequestContext, id: string, lock = false) {
  if (lock) await tx.$queryRaw`SELECT 1 FROM imports WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  const imp = await readImport(tx, ctx.tenantId, id);
  if (!imp || imp.status === "uploading") throw notFound("Import");
  return imp;
}

export function getImport(ctx: RequestContext, id: string): Promise<TImport> {
  return inTenant(ctx, async (tx) => toImport(await findImport(tx, ctx, id)));
}

export function listImports(ctx: RequestContext, query: TImportListQuery): Promise<TPage<TImport>> {
  const after = decodeTextCursor(query.cursor, "instant");
  return inTenant(ctx, async (tx) => {
    const rows = await listImportRows(tx, ctx.tenantId, { kind: query.kind, limit: query.limit, after });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map((r) => toImport(r)), nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  });
}

export function previewImport(ctx: RequestContext, id: string, page: { afterLine?: number; limit: number }): Promise<TImportPreview> {
  return inTenant(ctx, async (tx) => {
    const imp = await findImport(tx, ctx, id);
    return { import: toImport(imp), ...(await readPreviewParts(tx, ctx.tenantId, id, page)) };
  });
}

/** A new mapping: checked, remembered for the company and kind, and the file read again with it. */
export function setImportMapping(ctx: RequestContext, id: string, mapping: (string | null)[]): Promise<TImport> {
  return inTenant(ctx, async (tx) => {
    const imp = await findImport(tx, ctx, id, true);
    if (imp.status !== "parsed") throw new AppError("conflict", `The mapping can change only before the import is confirmed (it is ${imp.status})`, { status: imp.status });
    const headers = imp.headers as string[];
    if (headers.length === 0) throw new AppError("rule_violation", "The file has no header to map; upload a corrected file");
    checkMapping(imp.kind as TImportKind, headers, mapping);
    await saveMapping(tx, ctx.tenantId, imp.kind as TImportKind, headers, mapping);
    await tx.import.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { mapping, status: "parsing", fileErrors: [], progressMessage: "Waiting to read the file again" } });
    await enqueueJob(tx, PARSE_TASK, { tenantId: ctx.tenantId, importId: id }, { maxAttempts: 3 });
    return toImport((await readImport(tx, ctx.tenantId, id))!);
  });
}

/** Queues the write. Only a parsed import without file errors; confirming twice queues it once. */
export function confirmImport(ctx: RequestContext, id: string): Promise<TImport> {
  return inTenant(ctx, async (tx) => {
    const imp = await findImport(tx, ctx, id, true);
    if (imp.status === "queued" || imp.status === "applying" || imp.status === "succeeded") return toImport(imp);
    if (imp.status !== "parsed") throw new AppError("conflict", `Only a read file can be confirmed (this import is ${imp.status})`, { status: imp.status });
    if ((imp.fileErrors as unknown[]).length > 0) throw new AppError("rule_violation", "The file cannot be imported as it is: fix what the preview lists, then upload it again", { fileErrors: imp.fileErrors });
    await tx.import.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { status: "queued", progressDone: 0, progressTotal: imp.rowCount - imp.rejectedCount, progressMessage: "Waiting for a worker" } });
    await enqueueJob(tx, APPLY_TASK, { tenantId: ctx.tenantId, importId: id }, { maxAttempts: 1 });
    return toImport((await readImport(tx, ctx.tenantId, id))!);
  });
}

/**
 * Before the write: the import is cancelled at once. During it: the write stops at its next
 * batch and rolls back (status cancelled once it has). Finished imports cannot be cancelled.
 */
export function cancelImport(ctx: RequestContext, id: string): Promise<TImport> {
  return inTenant(ctx, async (tx) => {
    const imp = await findImport(tx, ctx, id, true);
    if (imp.status === "cancelled") return toImport(imp);
    if (imp.status === "succeeded" || imp.status === "failed") throw new AppError("conflict", `This import has ${imp.status === "succeeded" ? "been applied" : "failed"} and cannot be cancelled`, { status: imp.status });
    if (imp.status === "queued" || imp.status === "applying") {
      await tx.import.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { cancelRequested: true, progressMessage: "Cancelling: nothing is written" } });
    } else {
      await tx.import.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { status: "cancelled", cancelRequested: true, finishedAt: new Date(), progressMessage: "Cancelled: nothing was written" } });
      await tx.importChunk.deleteMany({ where: { tenantId: ctx.tenantId, importId: id } });
    }
    return toImport((await readImport(tx, ctx.tenantId, id))!);
  });
}

const PAGE = 1000;

/** The rejected rows as the file had them, then their line and the reasons (column: reason; …). */
export async function exportRejects(ctx: RequestContext, id: string, res: Response): Promise<void> {
  const imp = await inTenant(ctx, (tx) => findImport(tx, ctx, id));
  const headers = imp.headers as string[];
  let page = await inTenant(ctx, (tx) => readRejectedPage(tx, ctx.tenantId, id, 0, PAGE));
  startCsv(res, `${imp.fileName.replace(/\.csv$/i, "")}-rejected.csv`);
  await writeChunk(res, csvLine([...headers, "line", "reason"]));
  for (;;) {
    const lines = page.map((r) => {
      const cells = headers.map((_, i) => r.cells[i] ?? "");
      const reason = r.errors.map((e) => (e.column ? `${e.column}: ${e.reason}` : e.reason)).join("; ");
      return csvLine([...cells, r.line, reason]);
    });
    if (lines.length) await writeChunk(res, lines.join(""));
    const last = page[page.length - 1];
    if (page.length < PAGE || !last || res.destroyed) break;
    page = await inTenant(ctx, (tx) => readRejectedPage(tx, ctx.tenantId, id, last.line, PAGE));
  }
  res.end();
}

/** The header line of a kind (the same columns its export writes). */
export function sendTemplate(kind: TImportKind, res: Response) {
  startCsv(res, `${kind}-template.csv`);
  res.end(csvLine(IMPORT_COLUMNS[kind].map((c) => c.field)));
}
