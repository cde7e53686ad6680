// Which column is read as which field: by the mapping the company used last for that header and
// kind (import_mappings), else by the field's name or one of its aliases. Each field is read from
// one column at most; the others are ignored. Missing required fields are file errors.
import { IMPORT_COLUMNS, type TImportKind } from "@bod/contracts/imports";
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { normaliseHeader } from "./cells.ts";
import type { RowError } from "./kinds.ts";

export type Mapping = (string | null)[];

export async function rememberedMapping(tx: Tx, tenantId: string, kind: TImportKind): Promise<Record<string, string | null>> {
  const row = await tx.importMapping.findUnique({ where: { tenantId_kind: { tenantId, kind } } });
  return (row?.mapping as Record<string, string | null> | undefined) ?? {};
}

/** The mapping for `headers`: remembered choices first, then names and aliases. */
export function autoMapping(kind: TImportKind, headers: string[], remembered: Record<string, string | null>): Mapping {
  const columns = IMPORT_COLUMNS[kind];
  const taken = new Set<string>();
  return headers.map((header) => {
    const h = normaliseHeader(header);
    const choice = h in remembered ? remembered[h] : columns.find((c) => c.field === h || c.aliases.includes(h))?.field ?? null;
    if (!choice || taken.has(choice) || !columns.some((c) => c.field === choice)) return null;
    taken.add(choice);
    return choice;
  });
}

/** 400 naming `mapping.N` for a field the kind does not have or a field chosen twice. */
export function checkMapping(kind: TImportKind, headers: string[], mapping: Mapping) {
  const fields = new Set(IMPORT_COLUMNS[kind].map((c) => c.field));
  const details: { path: string; message: string; code: string }[] = [];
  if (mapping.length !== headers.length) details.push({ path: "mapping", message: `Give one field (or null) for each of the ${headers.length} column(s)`, code: "invalid_length" });
  const seen = new Set<string>();
  mapping.forEach((field, i) => {
    if (field === null) return;
    if (!fields.has(field)) details.push({ path: `mapping.${i}`, message: `Not a field of ${kind}: ${field} (one of ${[...fields].join(", ")})`, code: "invalid_value" });
    else if (seen.has(field)) details.push({ path: `mapping.${i}`, message: `${field} is already read from another column`, code: "invalid_value" });
    seen.add(field);
  });
  if (details.length) throw new AppError("invalid_input", "Invalid mapping", details);
}

/** File errors of a mapping: required fields no column is read as. */
export function missingColumns(kind: TImportKind, mapping: Mapping): RowError[] {
  return IMPORT_COLUMNS[kind]
    .filter((c) => c.required && !mapping.includes(c.field))
    .map((c) => ({ column: c.field, reason: `Missing required column "${c.field}": no column of the file is read as it (add it, or map a column to it)` }));
}

export async function saveMapping(tx: Tx, tenantId: string, kind: TImportKind, headers: string[], mapping: Mapping) {
  const remembered = await rememberedMapping(tx, tenantId, kind);
  headers.forEach((h, i) => (remembered[normaliseHeader(h)] = mapping[i] ?? null));
  await tx.importMapping.upsert({ where: { tenantId_kind: { tenantId, kind } }, create: { tenantId, kind, mapping: remembered }, update: { mapping: remembered } });
}
