// What each kind of import reads from a row and what the row will do. `validate` turns a batch
// of rows (cells by header) into staged rows: the values to write, create / update / skip, the
// row's key and its errors (each naming the file's column). `settle` runs once over all staged
// rows of the file, in SQL, for what needs the whole file (stock counts of one key at several
// locations add up before they are compared with on hand).
import { IMPORT_COLUMNS, type TImportKind } from "@bod/contracts/imports";
import type { Tx } from "../../db/client.ts";
import { readCount, readDate, readFlag, readString } from "./cells.ts";
import { column, readRow } from "./read-row.ts";
import { supplierTerms } from "./supplier-terms.ts";
import { warehouseLocations } from "./warehouse-locations.ts";

export interface RowError {
  column: string | null;
  reason: string;
}
export interface RawRow {
  line: number;
  cells: string[];
}
export interface StagedRow extends RawRow {
  data: Record<string, string | number | boolean | null> | null;
  action: "create" | "update" | "skip" | null;
  key: string | null;
  errors: RowError[];
}
export interface BatchContext {
  tx: Tx;
  tenantId: string;
  headers: string[];
  /** field → index of the column mapped to it */
  columnOf: Map<string, number>;
  updateExisting: boolean;
}

export interface ImportKindRules {
  /** Fields whose values together are the row's key, for the duplicate error's column. */
  keyFields: readonly string[];
  validate(ctx: BatchContext, rows: RawRow[]): Promise<StagedRow[]>;
  settle(tx: Tx, tenantId: string, importId: string): Promise<void>;
}

// ---------------------------------------------------------------- products

const productRules = {
  sku: (raw: string) => readString(raw, { required: true, max: 64 }),
  name: (raw: string) => readString(raw, { required: true, max: 200 }),
  barcode: (raw: string) => readString(raw, { required: false, max: 64 }),
  is_preorder: readFlag,
  restock_date: readDate,
  restock_quantity: (raw: string) => readCount(raw, { required: false }),
};

interface ExistingProduct {
  sku: string;
  name: string;
  barcode: string | null;
  is_preorder: boolean;
  restock_date: string | null;
  restock_quantity: number | null;
}

const products: ImportKindRules = {
  keyFields: ["sku"],
  async validate(ctx, rows) {
    const read = rows.map((row) => ({ row, ...readRow(ctx, row, productRules) }));
    const skus = read.map((r) => r.values.sku).filter((s): s is string => typeof s === "string");
    const barcodes = read.map((r) => r.values.barcode).filter((s): s is string => typeof s === "string");
    const existing = await ctx.tx.$queryRaw<ExistingProduct[]>`
      SELECT sku, name, barcode, is_preorder, restock_date::text AS restock_date, restock_quantity FROM products
      WHERE tenant_id = ${ctx.tenantId}::uuid AND (sku = ANY(${skus}::text[]) OR barcode = ANY(${barcodes}::text[]))`;
    const bySku = new Map(existing.map((p) => [p.sku, p]));
    const byBarcode = new Map(existing.filter((p) => p.barcode).map((p) => [p.barcode!, p.sku]));
    return read.map(({ row, values, errors }) => {
      if (values.barcode && byBarcode.has(values.barcode) && byBarcode.get(values.barcode) !== values.sku) {
        errors.push({ column: column(ctx, "barcode"), reason: `Barcode ${values.barcode} already belongs to SKU ${byBarcode.get(values.barcode)}` });
      }
      if (errors.length || !values.sku) return { ...row, data: null, action: null, key: values.sku ?? null, errors };
      const data = values as StagedRow["data"] & object;
      const current = bySku.get(values.sku);
      let action: StagedRow["action"] = "create";
      if (current) {
        const same = Object.entries(data).every(([field, value]) => (current as unknown as Record<string, unknown>)[field] === (field === "is_preorder" ? value : (value ?? null)));
        action = same || !ctx.updateExisting ? "skip" : "update";
      }
      return { ...row, data, action, key: values.sku, errors };
    });
  },
  async settle(tx, tenantId, importId) {
    // A barcode twice in the file: the later rows are refused (the first stands).
    await tx.$executeRaw`
      UPDATE import_rows r SET action = NULL, errors = coalesce(r.errors, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('column', 'barcode', 'reason', 'Barcode ' || (r.data->>'barcode') || ' also on line ' || d.first_line))
      FROM (SELECT data->>'barcode' AS barcode, min(line) AS first_line FROM import_rows
            WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NULL AND data->>'barcode' IS NOT NULL
            GROUP BY 1 HAVING count(*) > 1) d
      WHERE r.tenant_id = ${tenantId}::uuid AND r.import_id = ${importId}::uuid AND r.errors IS NULL AND r.data->>'barcode' = d.barcode AND r.line > d.first_line`;
  },
};

// ---------------------------------------------------------------- stock counts

const stockRules = {
  warehouse: (raw: string) => readString(raw, { required: true, max: 64 }),
  location: (raw: string) => readString(raw, { required: false, max: 64 }),
  sku: (raw: string) => readString(raw, { required: true, max: 64 }),
  on_hand: (raw: string) => readCount(raw, { required: true }),
};

const stockCounts: ImportKindRules = {
  keyFields: ["warehouse", "location", "sku"],
  async validate(ctx, rows) {
    const read = rows.map((row) => ({ row, ...readRow(ctx, row, stockRules) }));
    const codes = [...new Set(read.map((r) => r.values.warehouse).filter((s): s is string => !!s))];
    const skus = [...new Set(read.map((r) => r.values.sku).filter((s): s is string => !!s))];
    const locationCodes = [...new Set(read.map((r) => r.values.location).filter((s): s is string => !!s))];
    const warehouses = new Map(
      (await ctx.tx.$queryRaw<{ id: string; code: string }[]>`SELECT id::text, code FROM warehouses WHERE tenant_id = ${ctx.tenantId}::uuid AND code = ANY(${codes}::text[])`).map((w) => [w.code, w.id]),
    );
    const productIds = new Map(
      (await ctx.tx.$queryRaw<{ id: string; sku: string }[]>`SELECT id::text, sku FROM products WHERE tenant_id = ${ctx.tenantId}::uuid AND sku = ANY(${skus}::text[])`).map((p) => [p.sku, p.id]),
    );
    const locations = new Set(
      (
        await ctx.tx.$queryRaw<{ warehouse_id: string; code: string }[]>`
          SELECT warehouse_id::text, code FROM locations WHERE tenant_id = ${ctx.tenantId}::uuid AND code = ANY(${locationCodes}::text[])`
      ).map((l) => `${l.warehouse_id}|${l.code}`),
    );
    return read.map(({ row, values, errors }) => {
      const warehouseId = values.warehouse ? warehouses.get(values.warehouse) : undefined;
      const productId = values.sku ? productIds.get(values.sku) : undefined;
      if (values.warehouse && !warehouseId) errors.push({ column: column(ctx, "warehouse"), reason: `Unknown warehouse code ${values.warehouse}` });
      if (warehouseId && values.location && !locations.has(`${warehouseId}|${values.location}`)) {
        errors.push({ column: column(ctx, "location"), reason: `No location ${values.location} in warehouse ${values.warehouse}` });
      }
      if (values.sku && !productId) errors.push({ column: column(ctx, "sku"), reason: `Unknown SKU ${values.sku}` });
      const key = values.warehouse && values.sku ? `${values.warehouse}|${values.location ?? ""}|${values.sku}` : null;
      if (errors.length) return { ...row, data: null, action: null, key, errors };
      // The action is settled over the whole file (counts of a key at several locations add up).
      return { ...row, data: { warehouse: values.warehouse!, location: values.location ?? null, sku: values.sku!, on_hand: values.on_hand!, warehouseId: warehouseId!, productId: productId! }, action: "skip", key, errors };
    });
  },
  async settle(tx, tenantId, importId) {
    // Each valid row with its key's total (a window over the key), joined back by line (the
    // primary key); run with nested loops off (parse.ts), as a nested loop over 20,000 rows took 154 s.
    await tx.$executeRaw`
      UPDATE import_rows r SET action = CASE WHEN s.on_hand IS NULL AND k.counted > 0 THEN 'create' WHEN coalesce(s.on_hand, 0) = k.counted THEN 'skip' ELSE 'update' END
      FROM (SELECT line, (data->>'warehouseId')::uuid AS warehouse_id, (data->>'productId')::uuid AS product_id,
              sum((data->>'on_hand')::bigint) OVER (PARTITION BY data->>'warehouseId', data->>'productId') AS counted
            FROM import_rows WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NULL) k
      LEFT JOIN stock_levels s ON s.tenant_id = ${tenantId}::uuid AND s.warehouse_id = k.warehouse_id AND s.product_id = k.product_id
      WHERE r.tenant_id = ${tenantId}::uuid AND r.import_id = ${importId}::uuid AND r.line = k.line`;
  },
};

export const KIND_RULES: Record<TImportKind, ImportKindRules> = { products, stock_counts: stockCounts, supplier_terms: supplierTerms, warehouse_locations: warehouseLocations };

/** Fields of a kind, in column order. */
export const fieldsOf = (kind: TImportKind) => IMPORT_COLUMNS[kind].map((c) => c.field);
