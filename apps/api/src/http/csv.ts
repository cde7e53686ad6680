// The one CSV writer of the API: every export (orders, backorder report, purchase orders,
// products, stock, import templates and rejects) writes its lines here, with csv-stringify.
// A text cell that a spreadsheet would run as a formula — starting with = + - @ (also their
// full-width forms), a tab or a carriage return — is neutralised with a leading apostrophe,
// which spreadsheets show as text. Imports undo exactly that apostrophe (imports/cells.ts), so
// an export re-imported reads the text it was written from.
import type { Response } from "express";
import { stringify } from "csv-stringify/sync";

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Whether a text cell would start a formula in a spreadsheet. */
export const startsFormula = (s: string) => FORMULA_START.test(s);

/** The text of a cell as written: formula starts neutralised with a leading apostrophe. */
export function neutraliseFormula(s: string): string {
  return startsFormula(s) ? `'${s}` : s;
}

const OPTIONS = {
  record_delimiter: "\r\n",
  // A bare LF or CR inside a cell is quoted too (csv-stringify quotes only the record delimiter itself).
  quoted_match: /[\r\n]/,
  cast: {
    string: (s: string) => neutraliseFormula(s),
    boolean: (b: boolean) => (b ? "true" : "false"),
    number: (n: number) => String(n),
  },
} as const;

/** One CSV line (with its CRLF): quoted where needed; text cells neutralised; null and undefined empty. */
export function csvLine(values: readonly CsvValue[]): string {
  return stringify([values.map((v) => (v === null || v === undefined ? "" : v))], OPTIONS);
}

/** A single field (no line ending), for writers that assemble lines themselves. */
export function csvField(value: CsvValue): string {
  return csvLine([value]).slice(0, -2);
}

export function startCsv(res: Response, filename: string) {
  res.status(200);
  res.setHeader("content-type", "text/csv; charset=utf-8");
  res.setHeader("content-disposition", `attachment; filename="${filename.replace(/["\\\r\n]/g, "_")}"`);
  res.setHeader("cache-control", "no-store");
}

/** Writes and waits for the socket to drain when its buffer is full. */
export async function writeChunk(res: Response, chunk: string) {
  if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
}
