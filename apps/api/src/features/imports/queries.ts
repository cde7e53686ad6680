// The imports feature's reads and its few SQL statements over staged rows: counts, the
// import as the API answers it (with progress: rate and time left), history pages, the preview
// (first rows and a page of errors) and the rejected rows for the rejects file.
import type { TImport, TImportKind, TImportPreview, TImportStatus } from "@bod/contracts/imports";
import type { Tx } from "../../db/client.ts";
import { iso, isoOrNull } from "../../http/pagination.ts";

type ImportRecord = NonNullable<Awaited<ReturnType<Tx["import"]["findUnique"]>>>;
export type ImportWithUser = ImportRecord & { createdByName: string | null };

/** Create / update / skip / rejected counts of the staged rows, written on the import. */
export async function saveCounts(tx: Tx, tenantId: string, importId: string) {
  await tx.$executeRaw`
    UPDATE imports i SET row_count = c.rows, create_count = c.creates, update_count = c.updates, skip_count = c.skips, rejected_count = c.rejected
    FROM (SELECT count(*)::int AS rows,
                 count(*) FILTER (WHERE errors IS NULL AND action = 'create')::int AS creates,
                 count(*) FILTER (WHERE errors IS NULL AND action = 'update')::int AS updates,
                 count(*) FILTER (WHERE errors IS NULL AND action = 'skip')::int AS skips,
                 count(*) FILTER (WHERE errors IS NOT NULL)::int AS rejected
          FROM import_rows WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid) c
    WHERE i.tenant_id = ${tenantId}::uuid AND i.id = ${importId}::uuid`;
}

export async function readImport(tx: Tx, tenantId: string, id: string): Promise<ImportWithUser | null> {
  const imp = await tx.import.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!imp) return null;
  return { ...imp, createdByName: await userName(tx, imp.createdBy) };
}

async function userName(tx: Tx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [u] = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM users WHERE id = ${userId}::uuid`;
  return u?.name ?? null;
}

const ACTIVE: TImportStatus[] = ["parsing", "applying"];

export function toImport(imp: ImportWithUser, now = Date.now()): TImport {
  const status = imp.status as TImportStatus;
  const seconds = imp.phaseStartedAt ? (now - imp.phaseStartedAt.getTime()) / 1000 : 0;
  const rate = ACTIVE.includes(status) && seconds > 0 && imp.progressDone > 0 ? imp.progressDone / seconds : null;
  const left = rate && imp.progressTotal !== null ? Math.max(0, (imp.progressTotal - imp.progressDone) / rate) : null;
  return {
    id: imp.id,
    kind: imp.kind as TImportKind,
    status,
    fileName: imp.fileName,
    byteSize: imp.byteSize,
    contentSha256: imp.contentSha256 ?? "",
    updateExisting: imp.updateExisting,
    headers: imp.headers as string[],
    mapping: imp.mapping as (string | null)[],
    fileErrors: imp.fileErrors as TImport["fileErrors"],
    counts: { rows: imp.rowCount, create: imp.createCount, update: imp.updateCount, skip: imp.skipCount, rejected: imp.rejectedCount },
    progress: { done: imp.progressDone, total: imp.progressTotal, rowsPerSecond: rate === null ? null : Math.round(rate), secondsLeft: left === null ? null : Math.round(left), message: imp.progressMessage },
    error: imp.error,
    createdBy: imp.createdBy ? { id: imp.createdBy, name: imp.createdByName ?? "" } : null,
    createdAt: iso(imp.createdAt),
    startedAt: isoOrNull(imp.startedAt),
    finishedAt: isoOrNull(imp.finishedAt),
    rejectsUrl: imp.rejectedCount > 0 ? `/api/v1/imports/${imp.id}/rejects.csv` : null,
  };
}

export async function listImportRows(tx: Tx, tenantId: string, query: { kind?: TImportKind; limit: number; after?: { key: string; id: string } }): Promise<ImportWithUser[]> {
  const rows = await tx.import.findMany({
    where: {
      tenantId,
      status: { not: "uploading" },
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.after ? { OR: [{ createdAt: { lt: new Date(query.after.key) } }, { createdAt: new Date(query.after.key), id: { lt: query.after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const ids = [...new Set(rows.map((r) => r.createdBy).filter((id): id is string => !!id))];
  const names = new Map(
    ids.length ? (await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id::text, name FROM users WHERE id = ANY(${ids}::uuid[])`).map((u) => [u.id, u.name]) : [],
  );
  return rows.map((r) => ({ ...r, createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null }));
}

const PREVIEW_ROWS = 20;

export async function readPreviewParts(tx: Tx, tenantId: string, importId: string, page: { afterLine?: number; limit: number }): Promise<Omit<TImportPreview, "import">> {
  const rows = await tx.$queryRaw<{ line: number; action: "create" | "update" | "skip"; data: Record<string, string | number | boolean | null> }[]>`
    SELECT line, action, data FROM import_rows
    WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NULL AND data IS NOT NULL AND action IS NOT NULL
    ORDER BY line LIMIT ${PREVIEW_ROWS}`;
  const errorRows = await tx.$queryRaw<{ line: number; errors: { column: string | null; reason: string }[] }[]>`
    SELECT line, errors FROM import_rows
    WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NOT NULL AND line > ${page.afterLine ?? 0}
    ORDER BY line LIMIT ${page.limit + 1}`;
  const more = errorRows.length > page.limit;
  const shown = errorRows.slice(0, page.limit);
  return {
    rows: rows.map((r) => ({ line: r.line, action: r.action, values: publicValues(r.data) })),
    errors: shown.flatMap((r) => r.errors.map((e) => ({ line: r.line, column: e.column, reason: e.reason }))),
    nextAfterLine: more ? shown[shown.length - 1]!.line : null,
  };
}

/** The values a row writes, without the ids resolved for it. */
const publicValues = (data: Record<string, string | number | boolean | null>) => Object.fromEntries(Object.entries(data).filter(([k]) => !k.endsWith("Id")));

/** One page of rejected rows (cells as read, reasons), by line. */
export function readRejectedPage(tx: Tx, tenantId: string, importId: string, afterLine: number, limit: number) {
  return tx.$queryRaw<{ line: number; cells: string[]; errors: { column: string | null; reason: string }[] }[]>`
    SELECT line, cells, errors FROM import_rows
    WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NOT NULL AND line > ${afterLine}
    ORDER BY line LIMIT ${limit}`;
}
