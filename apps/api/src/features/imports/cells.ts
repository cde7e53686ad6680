// The rules for one cell of an imported file, the same for every kind: text as the export wrote
// it (our own apostrophe before a formula start is taken off), formulas refused, bytes that were
// not UTF-8 refused, whole numbers, dates and yes/no read strictly. Each rule answers a value or
// the reason the cell is refused, which becomes the row's error for that column.
import { startsFormula } from "../../http/csv.ts";
import { textProblem } from "../../http/input.ts";

export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const refuse = (reason: string): CellResult<never> => ({ ok: false, reason });

/**
 * The text of a cell: surrounding spaces trimmed; `'=…` (how exports neutralise a formula start)
 * read back as `=…`. A cell that starts a formula (= + - @) is refused, not neutralised: the file
 * would mean something else in a spreadsheet, so the person importing it decides.
 */
export function readText(raw: string): CellResult<string> {
  if (raw.includes("\uFFFD")) return refuse("Not UTF-8 text: save the file as CSV UTF-8");
  const problem = textProblem(raw);
  if (problem) return refuse(problem);
  const s = raw.trim();
  if (s.startsWith("'") && startsFormula(s.slice(1))) return ok(s.slice(1));
  if (startsFormula(s)) return refuse(`Starts with "${s[0]}", which a spreadsheet runs as a formula: formulas are refused (start the text with ' to keep it as text)`);
  return ok(s);
}

/** Text of 1..max characters (required) or empty (null when not required). */
export function readString(raw: string, options: { required: boolean; max: number }): CellResult<string | null> {
  const text = readText(raw);
  if (!text.ok) return text;
  if (text.value === "") return options.required ? refuse("Required: the cell is empty") : ok(null);
  if (text.value.length > options.max) return refuse(`Longer than ${options.max} characters`);
  return ok(text.value);
}

/** A whole number min..max (min 0 unless given) written as digits; negative, fractional and other text refused with why. */
export function readCount(raw: string, options: { required: boolean; min?: number; max?: number }): CellResult<number | null> {
  if (raw.includes("\uFFFD")) return refuse("Not UTF-8 text: save the file as CSV UTF-8");
  const s = raw.trim();
  const min = options.min ?? 0;
  if (s === "") return options.required ? refuse("Required: the cell is empty") : ok(null);
  if (/^-\s*\d+(?:[.,]\d+)?$/.test(s)) return refuse(`Negative quantity (${s}): must be ${min} or more`);
  if (/^\d+[.,]\d+$/.test(s)) return refuse(`Fractional quantity (${s}): must be a whole number`);
  if (startsFormula(s)) return refuse(`Starts with "${s[0]}", which a spreadsheet runs as a formula: formulas are refused`);
  if (!/^\d+$/.test(s)) return refuse(`Not a whole number: "${s.slice(0, 40)}"`);
  const n = Number(s);
  const max = options.max ?? 2_147_483_647;
  if (!Number.isSafeInteger(n) || n > max) return refuse(`Larger than ${max.toLocaleString("en")}`);
  if (n < min) return refuse(`Less than ${min}: must be ${min} or more`);
  return ok(n);
}

/**
 * An amount of money as integer cents, written with a point and at most 2 decimals and no
 * currency sign ("12.50", "12.5", "12"; the form the SPA's money fields take, lib/format.ts):
 * negative amounts, decimal commas, a third decimal and other text refused with why.
 */
export function readMoney(raw: string, options: { required: boolean; max?: number }): CellResult<number | null> {
  if (raw.includes("\uFFFD")) return refuse("Not UTF-8 text: save the file as CSV UTF-8");
  const s = raw.trim();
  if (s === "") return options.required ? refuse("Required: the cell is empty") : ok(null);
  if (/^-\s*\d*(?:[.,]\d+)?$/.test(s) && /\d/.test(s)) return refuse(`Negative amount (${s}): must be 0 or more`);
  if (/^\d+,\d{1,2}$/.test(s)) return refuse(`Decimal comma (${s}): write the amount with a point, as ${s.replace(",", ".")}`);
  if (/^\d+\.\d{3,}$/.test(s)) return refuse(`More than 2 decimals (${s}): write whole cents, as 12.50`);
  if (startsFormula(s)) return refuse(`Starts with "${s[0]}", which a spreadsheet runs as a formula: formulas are refused`);
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return refuse(`Not an amount: "${s.slice(0, 40)}" (write it as 12.50: digits, a point, at most 2 decimals, no currency sign)`);
  const cents = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  const max = options.max ?? 2_147_483_647;
  if (!Number.isSafeInteger(cents) || cents > max) return refuse(`Larger than ${(max / 100).toFixed(2)}`);
  return ok(cents);
}

/** A calendar date written YYYY-MM-DD (years 1900-9999), or empty. */
export function readDate(raw: string): CellResult<string | null> {
  if (raw.includes("\uFFFD")) return refuse("Not UTF-8 text: save the file as CSV UTF-8");
  const s = raw.trim();
  if (s === "") return ok(null);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return refuse(`Not a date in the form YYYY-MM-DD: "${s.slice(0, 40)}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return refuse(`No such date: ${s}`);
  if (y < 1900 || y > 9999) return refuse("The year must be between 1900 and 9999");
  return ok(s);
}

const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0", ""]);

/** true/false, yes/no, y/n or 1/0 (any case); empty is false. */
export function readFlag(raw: string): CellResult<boolean> {
  const s = raw.trim().toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return refuse(`Not true or false: "${raw.trim().slice(0, 40)}"`);
}

/** A header as compared with field names and aliases: lower-case, spaces and dashes as underscores. */
export const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
