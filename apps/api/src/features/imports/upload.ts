// POST /imports: the request body is the CSV file itself (Content-Type: text/csv), read as a
// stream: every 1 MB is stored as an import_chunks row in its own short transaction while the
// SHA-256 of the whole is computed, so no more than a piece is ever in memory. Over 50 MB the
// upload stops with 413 and what was stored is removed. At the end, in one transaction: the same
// bytes already imported (or being imported) for this company and kind are refused with 409,
// unless "update existing" was chosen and that import is finished; otherwise the parse job is
// queued with the import.
import crypto from "node:crypto";
import type { Request } from "express";
import { IMPORT_MAX_BYTES, type TImport, type TUploadImportQuery } from "@bod/contracts/imports";
import { z } from "zod";
import { inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { readImport, toImport } from "./queries.ts";

const PIECE = 1024 * 1024;
export const CSV_TYPES = /^(?:text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel)$/i;
export const PARSE_TASK = "import_parse";

export async function uploadImport(ctx: RequestContext, query: z.output<typeof import("@bod/contracts/imports").ZUploadImportQuery>, req: Request): Promise<TImport> {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim();
  if (!CSV_TYPES.test(type)) throw new AppError("unsupported_media_type", `Send the file itself as the request body with Content-Type: text/csv, not ${type || "without a Content-Type"}`);
  const encoding = String(req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding !== "identity") throw new AppError("unsupported_media_type", `Send the file without Content-Encoding (${encoding} is not read here)`);
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > IMPORT_MAX_BYTES) throw tooLarge();

  const created = await inTenant(ctx, (tx) =>
    tx.import.create({ data: { tenantId: ctx.tenantId, kind: query.kind, fileName: query.fileName, updateExisting: query.updateExisting, createdBy: ctx.userId, status: "uploading" }, select: { id: true } }),
  );
  const importId = created.id;
  const hash = crypto.createHash("sha256");
  let size = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const store = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const n = seq++;
    await inTenant(ctx, (tx) => tx.importChunk.create({ data: { tenantId: ctx.tenantId, importId, seq: n, data } }));
  };
  try {
    for await (const piece of req as AsyncIterable<Buffer>) {
      size += piece.length;
      if (size > IMPORT_MAX_BYTES) throw tooLarge();
      hash.update(piece);
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= PIECE) await store();
    }
    await store();
    if (size === 0) throw new AppError("invalid_input", "The file is empty", [{ path: "body", message: "Send the CSV file as the request body", code: "too_small" }]);
    const sha = hash.digest("hex");
    return await inTenant(ctx, async (tx) => {
      // Two uploads of the same file at once serialise here.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`import:${ctx.tenantId}:${query.kind}:${sha}`}, 0))`;
      const earlier = await tx.import.findFirst({
        where: { tenantId: ctx.tenantId, kind: query.kind, contentSha256: sha, id: { not: importId }, status: { in: ["parsing", "parsed", "queued", "applying", "succeeded"] } },
        orderBy: { createdAt: "desc" },
      });
      if (earlier && !(earlier.status === "succeeded" && query.updateExisting)) {
        throw new AppError(
          "conflict",
          earlier.status === "succeeded"
            ? `This file was imported already (${earlier.fileName}, ${earlier.createdAt.toISOString().slice(0, 10)}); upload it with "update existing" to import it again`
            : `This file is being imported already (${earlier.fileName}); open that import`,
          { importId: earlier.id, status: earlier.status },
        );
      }
      await tx.import.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: importId } }, data: { status: "parsing", byteSize: size, contentSha256: sha, progressMessage: "Waiting to read the file" } });
      await enqueueJob(tx, PARSE_TASK, { tenantId: ctx.tenantId, importId }, { maxAttempts: 3 });
      return toImport((await readImport(tx, ctx.tenantId, importId))!);
    });
  } catch (error) {
    // Nothing of a refused upload stays behind (its pieces go with it).
    await inTenant(ctx, (tx) => tx.import.deleteMany({ where: { tenantId: ctx.tenantId, id: importId, status: "uploading" } })).catch(() => {});
    if (error instanceof AppError && error.code === "too_large") req.resume();
    throw error;
  }
}

const tooLarge = () => new AppError("too_large", `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it`);
