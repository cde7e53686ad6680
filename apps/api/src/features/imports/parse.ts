// The import_parse job: reads the uploaded bytes piece by piece (import_chunks, 1 MB each),
// decodes them as UTF-8 (a cell with bytes that are not becomes that row's error), parses them
// with csv-parse (quoted cells may hold commas, quotes and newlines; a BOM is dropped), and
// stages every data row with its values, action and errors in batches of 1,000, each batch its
// own short transaction (progress shows between them). Nothing outside the import's own rows
// changes here. Then duplicate keys and whole-file rules are settled in SQL, and the counts read.
import { Readable } from "node:stream";
import { parse, CsvError } from "csv-parse";
import { z } from "zod";
import { IMPORT_MAX_ROWS, type TImportKind } from "@bod/contracts/imports";
import { inTenant } from "../../db/client.ts";
import { KIND_RULES, type RawRow, type RowError, type StagedRow } from "./kinds.ts";
import { autoMapping, missingColumns, rememberedMapping, type Mapping } from "./mapping.ts";
import { saveCounts } from "./queries.ts";

const BATCH = 1000;
const ZParseJob = z.object({ tenantId: z.uuid(), importId: z.uuid() });

class StopParse extends Error {
  constructor(readonly fileErrors: RowError[]) {
    super("stop");
  }
}

/** The uploaded bytes as text, one piece at a time (never the whole file in memory). */
async function* fileText(tenantId: string, importId: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });
  for (let seq = 0; ; seq++) {
    const chunk = await inTenant({ tenantId }, (tx) => tx.importChunk.findUnique({ where: { tenantId_importId_seq: { tenantId, importId, seq } }, select: { data: true } }));
    if (!chunk) break;
    const text = decoder.decode(chunk.data, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** How many lines a record spans in the file: csv-parse's raw text holds its inner line breaks. */
const linesIn = (raw: string) => (raw.replace(/\r?\n?$|\r$/, "").match(/\r\n|\r|\n/g)?.length ?? 0) + 1;

const DELIMITERS: [string, string][] = [
  [";", "semicolons (;)"],
  ["\t", "tabs"],
  ["|", "bars (|)"],
];

export async function runImportParse(payload: unknown): Promise<void> {
  const { tenantId, importId } = ZParseJob.parse(payload);
  const imp = await inTenant({ tenantId }, (tx) => tx.import.findUnique({ where: { tenantId_id: { tenantId, id: importId } } }));
  if (!imp || imp.status !== "parsing") return;
  const kind = imp.kind as TImportKind;
  const rules = KIND_RULES[kind];
  await inTenant({ tenantId }, async (tx) => {
    await tx.importRow.deleteMany({ where: { tenantId, importId } });
    await tx.import.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { phaseStartedAt: new Date(), progressDone: 0, progressTotal: null, progressMessage: "Reading the file", fileErrors: [] } });
  });

  let headers: string[] | null = null;
  let mapping: Mapping = (imp.mapping as Mapping | null) ?? [];
  let columnOf = new Map<string, number>();
  let batch: RawRow[] = [];
  let rows = 0;
  let nextLine = 1;
  let fileErrors: RowError[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const raw = batch;
    batch = [];
    const stillParsing = await inTenant({ tenantId }, async (tx) => {
      const current = await tx.import.findUnique({ where: { tenantId_id: { tenantId, id: importId } }, select: { status: true } });
      if (current?.status !== "parsing") return false;
      const staged: StagedRow[] = await rules.validate({ tx, tenantId, headers: headers!, columnOf, updateExisting: imp.updateExisting }, raw);
      await tx.importRow.createMany({
        data: staged.map((r) => ({ tenantId, importId, line: r.line, cells: r.cells, data: r.data ?? undefined, action: r.action, key: r.key, errors: r.errors.length ? (r.errors as object[]) : undefined })),
      });
      await tx.import.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { progressDone: rows, progressMessage: `Read ${rows.toLocaleString("en")} row(s)` } });
      return true;
    });
    // Cancelled (or superseded by a new mapping) while reading: stop quietly.
    if (!stillParsing) throw new StopParse([]);
  };

  try {
    const parser = Readable.from(fileText(tenantId, importId)).pipe(parse({ bom: true, raw: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
    for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const line = nextLine;
      nextLine += linesIn(raw);
      if (headers === null) {
        const found = record.map((h) => h.trim());
        headers = found;
        const delimiter = found.length === 1 ? DELIMITERS.find(([d]) => found[0]!.includes(d)) : undefined;
        if (delimiter) throw new StopParse([{ column: null, reason: `Columns are separated by ${delimiter[1]}, not commas: save the file as comma-separated CSV` }]);
        if (found.every((h) => h === "")) throw new StopParse([{ column: null, reason: "The first line must be the header (column names); it is empty" }]);
        const remembered = await inTenant({ tenantId }, (tx) => rememberedMapping(tx, tenantId, kind));
        if (mapping.length !== found.length) mapping = autoMapping(kind, found, remembered);
        fileErrors = missingColumns(kind, mapping);
        await inTenant({ tenantId }, (tx) => tx.import.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { headers: found, mapping, fileErrors: fileErrors as object[] } }));
        if (fileErrors.length) throw new StopParse(fileErrors);
        columnOf = new Map(mapping.flatMap((field, i) => (field ? [[field, i] as [string, number]] : [])));
        continue;
      }
      if (record.length === 1 && record[0]!.trim() === "") continue; // an empty line
      rows++;
      if (rows > IMPORT_MAX_ROWS) throw new StopParse([{ column: null, reason: `More than ${IMPORT_MAX_ROWS.toLocaleString("en")} rows: split the file` }]);
      batch.push({ line, cells: record });
      if (batch.length >= BATCH) await flush();
    }
    if (headers === null) throw new StopParse([{ column: null, reason: "The file is empty" }]);
    await flush();
  } catch (error) {
    if (error instanceof StopParse) fileErrors = error.fileErrors;
    else if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") fileErrors = [{ column: null, reason: `Line ${nextLine}: a quote opened in this row is never closed` }];
    else if (error instanceof CsvError) fileErrors = [{ column: null, reason: `Line ${nextLine}: ${error.message}` }];
    else {
      await markParseFailed(tenantId, importId, "Reading the file failed", error);
      throw error;
    }
    if (fileErrors.length === 0) return; // stopped because the import no longer parses
    await inTenant({ tenantId }, async (tx) => {
      await tx.importRow.deleteMany({ where: { tenantId, importId } });
      await tx.import.updateMany({ where: { tenantId, id: importId, status: "parsing" }, data: { status: "parsed", fileErrors: fileErrors as object[], rowCount: 0, createCount: 0, updateCount: 0, skipCount: 0, rejectedCount: 0, progressMessage: "The file cannot be imported as it is" } });
    });
    return;
  }

  try {
    await inTenant({ tenantId }, async (tx) => {
      const current = await tx.import.findUnique({ where: { tenantId_id: { tenantId, id: importId } }, select: { status: true } });
      if (current?.status !== "parsing") return;
      // The rows were staged moments ago, so the table's statistics still say "about none" and the
      // planner picks nested loops over them (38 s for 5,000 stock rows); the whole-file checks
      // below are bulk statements, for which hash joins are right whatever the statistics say.
      await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
      await settleDuplicates(tx, tenantId, importId, rules.keyFields);
      await rules.settle(tx, tenantId, importId);
      await saveCounts(tx, tenantId, importId);
      await tx.import.update({ where: { tenantId_id: { tenantId, id: importId } }, data: { status: "parsed", progressDone: rows, progressMessage: `Read ${rows.toLocaleString("en")} row(s)` } });
    });
  } catch (error) {
    // As for a failure while reading: the import says so (it never stays "parsing" for ever).
    await markParseFailed(tenantId, importId, "Checking the rows failed", error);
    throw error;
  }
}

async function markParseFailed(tenantId: string, importId: string, what: string, error: unknown) {
  await inTenant({ tenantId }, (tx) =>
    tx.import.updateMany({ where: { tenantId, id: importId, status: "parsing" }, data: { status: "failed", finishedAt: new Date(), error: `${what}: ${String((error as Error).message ?? error).slice(0, 500)}` } }),
  );
}

/** A key twice among the valid rows: the later rows are refused, naming the line of the first. */
async function settleDuplicates(tx: Parameters<Parameters<typeof inTenant>[1]>[0], tenantId: string, importId: string, keyFields: readonly string[]) {
  const column = keyFields.join(", ");
  await tx.$executeRaw`
    UPDATE import_rows r SET action = NULL, data = NULL,
      errors = coalesce(r.errors, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', ${column}::text, 'reason', 'Duplicate: the same ' || ${column}::text || ' as line ' || d.first_line))
    FROM (SELECT key, min(line) AS first_line FROM import_rows WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND key IS NOT NULL AND errors IS NULL GROUP BY key HAVING count(*) > 1) d
    WHERE r.tenant_id = ${tenantId}::uuid AND r.import_id = ${importId}::uuid AND r.errors IS NULL AND r.key = d.key AND r.line > d.first_line`;
}
