// CSV imports (issue 15): the kinds, their columns (the same as the matching exports, so an
// export re-imported changes nothing), and the requests and answers of /api/v1/imports.
import { z } from "zod";
import { ZId, ZInt, ZPage, ZPageQuery } from "./common.ts";

export const ZImportKind = z.enum(["products", "stock_counts", "supplier_terms", "warehouse_locations"]);
export type TImportKind = z.infer<typeof ZImportKind>;

export interface ImportColumn {
  /** The field, and the header the template and the export write. */
  field: string;
  required: boolean;
  /** Other headers read as this field (compared lower-case, with spaces and dashes as underscores). */
  aliases: readonly string[];
  description: string;
}

/** Columns per kind, in template and export order. */
export const IMPORT_COLUMNS: Record<TImportKind, readonly ImportColumn[]> = {
  products: [
    { field: "sku", required: true, aliases: ["product_sku", "item_sku"], description: "The product's SKU (1-64 characters); the key: a SKU that exists is updated or skipped" },
    { field: "name", required: true, aliases: ["product_name", "title"], description: "1-200 characters" },
    { field: "barcode", required: false, aliases: ["ean", "upc", "gtin"], description: "Empty for none; unique in the company" },
    { field: "is_preorder", required: false, aliases: ["preorder"], description: "true or false (also yes/no, 1/0); empty is false" },
    { field: "restock_date", required: false, aliases: ["expected_restock_date"], description: "YYYY-MM-DD, or empty" },
    { field: "restock_quantity", required: false, aliases: ["expected_restock_quantity", "restock_qty"], description: "A whole number of 0 or more, or empty" },
  ],
  stock_counts: [
    { field: "warehouse", required: true, aliases: ["warehouse_code"], description: "The warehouse's code" },
    { field: "location", required: false, aliases: ["location_code", "bin"], description: "A location code of that warehouse, or empty; counts of one SKU at several locations add up" },
    { field: "sku", required: true, aliases: ["product_sku"], description: "An existing product's SKU" },
    { field: "on_hand", required: true, aliases: ["counted_quantity", "count", "quantity", "qty"], description: "The counted quantity: a whole number of 0 or more" },
  ],
  supplier_terms: [
    { field: "supplier", required: true, aliases: ["supplier_name", "vendor", "vendor_name"], description: "The supplier's name (1-200 characters); a supplier not yet known is created. With sku, the key" },
    { field: "sku", required: true, aliases: ["product_sku", "item_sku"], description: "An existing product's SKU" },
    { field: "unit_cost", required: true, aliases: ["cost", "unit_cost_price", "price"], description: "What the supplier charges per unit, in the company's currency: 12.50 (at most 2 decimals, 0 or more)" },
    { field: "lead_time_days", required: true, aliases: ["lead_time", "lead_days"], description: "Days from order to arrival: a whole number of 0 to 3650" },
    { field: "min_order_qty", required: false, aliases: ["moq", "minimum_order_quantity", "min_qty"], description: "Minimum order quantity: a whole number of 1 or more; empty is 1" },
    { field: "case_pack", required: false, aliases: ["pack_size", "case_size", "pack"], description: "Units per case: a whole number of 1 or more; empty is 1" },
    { field: "is_preferred", required: false, aliases: ["preferred"], description: "true or false (also yes/no, 1/0); empty is false. One preferred supplier per SKU: marking one unsets the SKU's other" },
    { field: "supplier_email", required: false, aliases: ["email", "vendor_email"], description: "The supplier's e-mail, or empty; set when the supplier is created, changed with update existing" },
  ],
  warehouse_locations: [
    { field: "warehouse", required: true, aliases: ["warehouse_code", "warehouse_name"], description: "An existing warehouse's code (or its name, when no other warehouse has that name)" },
    { field: "location", required: true, aliases: ["location_code", "code", "bin"], description: "The location's code (1-40 characters); with warehouse, the key" },
    { field: "kind", required: false, aliases: ["location_kind", "type"], description: "pick, bulk, staging or receiving; required for a new location, empty keeps an existing one's" },
    { field: "sku", required: false, aliases: ["product_sku"], description: "An existing SKU whose bin in that warehouse this location becomes (a pick or bulk location), or empty" },
  ],
};

/** Largest file accepted (bytes) and most data rows read from one file. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;

export const ZImportStatus = z.enum(["uploading", "parsing", "parsed", "queued", "applying", "succeeded", "failed", "cancelled"]);
export type TImportStatus = z.infer<typeof ZImportStatus>;

export const ZUploadImportQuery = z
  .object({
    kind: ZImportKind,
    fileName: z.string().trim().min(1).max(200),
    /** Rows whose key exists change it (otherwise they are skipped); also allows the same file again. */
    updateExisting: z.enum(["true", "false"]).transform((v) => v === "true").default(false),
  })
  .strict();
export type TUploadImportQuery = z.input<typeof ZUploadImportQuery>;

/** A problem with one cell (column named) or one row of the file. */
export const ZImportRowError = z.object({ line: ZInt, column: z.string().nullable(), reason: z.string() });
export type TImportRowError = z.infer<typeof ZImportRowError>;
/** A problem with the whole file (missing column, wrong delimiter): nothing can be imported until it is fixed. */
export const ZImportFileError = z.object({ column: z.string().nullable(), reason: z.string() });

export const ZImportCounts = z.object({
  rows: ZInt,
  create: ZInt,
  update: ZInt,
  skip: ZInt,
  rejected: ZInt,
});
export type TImportCounts = z.infer<typeof ZImportCounts>;

export const ZImportProgress = z.object({
  done: ZInt,
  total: ZInt.nullable(),
  /** Rows per second since the phase started; null before the first batch. */
  rowsPerSecond: z.number().nullable(),
  /** Seconds left at that rate; null when unknown. */
  secondsLeft: z.number().nullable(),
  message: z.string().nullable(),
});

export const ZImport = z.object({
  id: ZId,
  kind: ZImportKind,
  status: ZImportStatus,
  fileName: z.string(),
  byteSize: ZInt,
  contentSha256: z.string(),
  updateExisting: z.boolean(),
  /** Headers of the file, in order, and the field each is read as (null: ignored). */
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  fileErrors: z.array(ZImportFileError),
  counts: ZImportCounts,
  progress: ZImportProgress,
  /** Why the import failed (status failed). */
  error: z.string().nullable(),
  createdBy: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The rejected rows as CSV with a reason column (when any row was rejected). */
  rejectsUrl: z.string().nullable(),
});
export type TImport = z.infer<typeof ZImport>;

export const ZImportListQuery = ZPageQuery.extend({ kind: ZImportKind.optional() }).strict();
export type TImportListQuery = z.infer<typeof ZImportListQuery>;
export const ZImportPage = ZPage(ZImport);

export const ZImportPreviewQuery = z
  .object({
    /** Errors after this line (the previous page's last). */
    afterLine: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const ZImportPreview = z.object({
  import: ZImport,
  /** The first valid rows as they will be written (field → value), with what will happen to each. */
  rows: z.array(z.object({ line: ZInt, action: z.enum(["create", "update", "skip"]), values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) })),
  errors: z.array(ZImportRowError),
  /** Pass as afterLine for the next page of errors; null at the end. */
  nextAfterLine: ZInt.nullable(),
});
export type TImportPreview = z.infer<typeof ZImportPreview>;

/** One field (or null: ignore the column) per header, in the file's order. Remembered for the company and kind. */
export const ZImportMappingRequest = z.object({ mapping: z.array(z.string().max(64).nullable()).max(500) }).strict();
export type TImportMappingRequest = z.infer<typeof ZImportMappingRequest>;

export const ZImportParams = z.object({ id: ZId });
export const ZImportKindParams = z.object({ kind: ZImportKind });
