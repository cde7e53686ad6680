// The warehouse_locations import: one row per (warehouse, location code), optionally naming the
// SKU whose bin in that warehouse the location is (product_locations, as PUT
// /products/:id/locations/:warehouseId sets it). Warehouses are not created here (a warehouse
// needs a code and a name, and the file names one): an unknown one is a row error. The endpoints'
// rules hold: codes as ZCreateLocationRequest allows, a location holding containers stays a
// staging location (warehouses/locations.ts), a bin is a pick or bulk location
// (pick-lists/bins.ts), one bin per SKU and warehouse (two rows giving one SKU two bins: the later
// is refused). "Update existing" off: a row whose location exists is skipped whole, and a new
// location does not take a SKU's bin away from another location.
import { ZCreateLocationRequest, ZLocationKind, type TLocationKind } from "@bod/contracts/warehouses";
import { AppError } from "../../http/errors.ts";
import type { ApplyContext, Outcome } from "./apply.ts";
import { readString, type CellResult } from "./cells.ts";
import type { ImportKindRules, StagedRow } from "./kinds.ts";
import { column, readRow } from "./read-row.ts";
import { validRowBatches } from "./staged-rows.ts";

const CODE_MAX = ZCreateLocationRequest.shape.code.maxLength ?? 40;
const BIN_KINDS: readonly TLocationKind[] = ["pick", "bulk"];

function readKind(raw: string): CellResult<TLocationKind | null> {
  const text = readString(raw, { required: false, max: 40 });
  if (!text.ok || text.value === null) return text as CellResult<null>;
  const kind = ZLocationKind.safeParse(text.value.toLowerCase());
  return kind.success ? { ok: true, value: kind.data } : { ok: false, reason: `Not a location kind: "${text.value}" (one of ${ZLocationKind.options.join(", ")})` };
}

const rules = {
  warehouse: (raw: string) => readString(raw, { required: true, max: 100 }),
  location: (raw: string) => readString(raw, { required: true, max: CODE_MAX }),
  kind: readKind,
  sku: (raw: string) => readString(raw, { required: false, max: 64 }),
};

type LocationData = { warehouse: string; location: string; kind: TLocationKind | null; sku: string | null; warehouseId: string; productId: string | null };

export const warehouseLocations: ImportKindRules = {
  keyFields: ["warehouse", "location"],
  async validate(ctx, rows) {
    const read = rows.map((row) => ({ row, ...readRow(ctx, row, rules) }));
    const named = [...new Set(read.map((r) => r.values.warehouse).filter((s): s is string => !!s))];
    const codes = [...new Set(read.map((r) => r.values.location).filter((s): s is string => !!s))];
    const skus = [...new Set(read.map((r) => r.values.sku).filter((s): s is string => !!s))];
    const warehouses = await ctx.tx.$queryRaw<{ id: string; code: string; name: string }[]>`
      SELECT id::text, code, name FROM warehouses WHERE tenant_id = ${ctx.tenantId}::uuid AND (code = ANY(${named}::text[]) OR name = ANY(${named}::text[]))`;
    const products = new Map(
      (await ctx.tx.$queryRaw<{ id: string; sku: string }[]>`SELECT id::text, sku FROM products WHERE tenant_id = ${ctx.tenantId}::uuid AND sku = ANY(${skus}::text[])`).map((p) => [p.sku, p.id]),
    );
    const warehouseIds = warehouses.map((w) => w.id);
    const locations = new Map(
      (
        await ctx.tx.$queryRaw<{ id: string; warehouse_id: string; code: string; kind: TLocationKind; containers: number }[]>`
          SELECT l.id::text, l.warehouse_id::text, l.code, l.kind::text AS kind,
            (SELECT count(*)::int FROM containers c WHERE c.tenant_id = l.tenant_id AND c.location_id = l.id) AS containers
          FROM locations l WHERE l.tenant_id = ${ctx.tenantId}::uuid AND l.warehouse_id = ANY(${warehouseIds}::uuid[]) AND l.code = ANY(${codes}::text[])`
      ).map((l) => [`${l.warehouse_id}|${l.code}`, l]),
    );
    const bins = new Map(
      (
        await ctx.tx.$queryRaw<{ warehouse_id: string; product_id: string; location_id: string }[]>`
          SELECT warehouse_id::text, product_id::text, location_id::text FROM product_locations
          WHERE tenant_id = ${ctx.tenantId}::uuid AND warehouse_id = ANY(${warehouseIds}::uuid[]) AND product_id = ANY(${[...products.values()]}::uuid[])`
      ).map((b) => [`${b.warehouse_id}|${b.product_id}`, b.location_id]),
    );
    const findWarehouse = (named: string): { id?: string; reason?: string } => {
      const byCode = warehouses.find((w) => w.code === named);
      if (byCode) return { id: byCode.id };
      const byName = warehouses.filter((w) => w.name === named);
      if (byName.length === 1) return { id: byName[0]!.id };
      if (byName.length > 1) return { reason: `${byName.length} warehouses are named ${named}: write the warehouse's code` };
      return { reason: `Unknown warehouse ${named}: no warehouse has this code or name (create it first)` };
    };

    return read.map(({ row, values, errors }): StagedRow => {
      const warehouse = values.warehouse ? findWarehouse(values.warehouse) : {};
      if (warehouse.reason) errors.push({ column: column(ctx, "warehouse"), reason: warehouse.reason });
      const productId = values.sku ? products.get(values.sku) : undefined;
      if (values.sku && !productId) errors.push({ column: column(ctx, "sku"), reason: `Unknown SKU ${values.sku}` });
      const key = warehouse.id && values.location ? `${warehouse.id}|${values.location}` : null;
      const current = key ? locations.get(key) : undefined;
      const kind = values.kind ?? null;
      const kindRefused = errors.some((e) => e.column === column(ctx, "kind"));
      if (key && !current && !kind && !kindRefused) errors.push({ column: column(ctx, "kind"), reason: `A new location needs a kind: one of ${ZLocationKind.options.join(", ")}` });
      const writes = !current || ctx.updateExisting;
      // The location's kind once the row is written.
      const finalKind = writes ? (kind ?? current?.kind) : current?.kind;
      if (current && writes && current.kind === "staging" && finalKind !== "staging" && current.containers > 0) {
        errors.push({ column: column(ctx, "kind"), reason: `Location ${current.code} holds ${current.containers} container(s) and must stay a staging location` });
      }
      if (productId && finalKind && !BIN_KINDS.includes(finalKind)) {
        errors.push({ column: column(ctx, "sku"), reason: `Location ${values.location} is a ${finalKind} location, not a pick or bulk location: it cannot be a SKU's bin` });
      }
      if (errors.length) return { ...row, data: null, action: null, key, errors };
      const data: LocationData = { warehouse: values.warehouse!, location: values.location!, kind, sku: values.sku ?? null, warehouseId: warehouse.id!, productId: productId ?? null };
      let action: StagedRow["action"] = "create";
      if (current) {
        const same = (kind === null || kind === current.kind) && (!productId || bins.get(`${warehouse.id}|${productId}`) === current.id);
        action = same || !ctx.updateExisting ? "skip" : "update";
      }
      return { ...row, data, action, key, errors };
    });
  },
  async settle(tx, tenantId, importId) {
    // One bin per SKU and warehouse: a second row giving the SKU another location is refused.
    await tx.$executeRaw`
      UPDATE import_rows r SET action = NULL, data = NULL, errors = jsonb_build_array(jsonb_build_object('column', 'sku',
        'reason', 'Another row (line ' || f.line || ') makes location ' || (f.data->>'location') || ' the bin of SKU ' || (f.data->>'sku') || ' in warehouse ' || (f.data->>'warehouse') || ': a SKU has one bin per warehouse'))
      FROM (SELECT DISTINCT ON (data->>'warehouseId', data->>'productId') line, data FROM import_rows
            WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NULL AND data->>'productId' IS NOT NULL
            ORDER BY data->>'warehouseId', data->>'productId', line) f
      WHERE r.tenant_id = ${tenantId}::uuid AND r.import_id = ${importId}::uuid AND r.errors IS NULL
        AND r.data->>'warehouseId' = f.data->>'warehouseId' AND r.data->>'productId' = f.data->>'productId' AND r.line > f.line`;
  },
};


/** The write, a batch at a time: locations upserted by (warehouse, code), then the bins the rows name. */
export async function applyWarehouseLocations(ctx: ApplyContext): Promise<Outcome> {
  let created = 0;
  let updated = 0;
  let valid = 0;
  const kindMapped = ctx.mapping.includes("kind");
  for await (const batch of validRowBatches<LocationData>(ctx)) {
    valid += batch.length;
    const rows = JSON.stringify(batch.map((r) => r.data));
    // The preview's check again, under the rows it changes: containers may have been placed since.
    if (ctx.updateExisting && kindMapped) {
      const [held] = await ctx.tx.$queryRaw<{ code: string }[]>`
        SELECT l.code FROM jsonb_to_recordset(${rows}::jsonb) AS r("warehouseId" uuid, location text, kind text)
        JOIN locations l ON l.tenant_id = ${ctx.tenantId}::uuid AND l.warehouse_id = r."warehouseId" AND l.code = r.location
        WHERE l.kind = 'staging' AND r.kind IS NOT NULL AND r.kind <> 'staging'
          AND EXISTS (SELECT 1 FROM containers c WHERE c.tenant_id = l.tenant_id AND c.location_id = l.id)
        LIMIT 1 FOR UPDATE OF l`;
      if (held) throw new AppError("rule_violation", `location ${held.code} holds containers since the preview and must stay a staging location; upload the file again`);
    }
    const locations = await ctx.tx.$queryRaw<{ id: string; warehouse_id: string; code: string; created: boolean }[]>`
      INSERT INTO locations AS l (tenant_id, warehouse_id, code, kind)
      SELECT ${ctx.tenantId}::uuid, r."warehouseId", r.location, coalesce(r.kind::"LocationKind", e.kind)
      FROM jsonb_to_recordset(${rows}::jsonb) AS r("warehouseId" uuid, location text, kind text)
      LEFT JOIN locations e ON e.tenant_id = ${ctx.tenantId}::uuid AND e.warehouse_id = r."warehouseId" AND e.code = r.location
      ON CONFLICT (tenant_id, warehouse_id, code) DO UPDATE SET kind = EXCLUDED.kind
      WHERE ${ctx.updateExisting} AND EXCLUDED.kind <> l.kind
      RETURNING l.id::text, l.warehouse_id::text, l.code, (xmax = 0) AS created`;
    const createdKeys = new Set(locations.filter((l) => l.created).map((l) => `${l.warehouse_id}|${l.code}`));
    const changedKeys = new Set(locations.filter((l) => !l.created).map((l) => `${l.warehouse_id}|${l.code}`));
    // A row names a bin for its SKU; it is written for a new location, and for an existing one only with "update existing".
    // The product's bin elsewhere in the warehouse moves only with "update existing" as well.
    const binRows = JSON.stringify(batch.map((r) => r.data).filter((d) => d.productId && (ctx.updateExisting || createdKeys.has(`${d.warehouseId}|${d.location}`))));
    const bins = await ctx.tx.$queryRaw<{ warehouse_id: string; code: string }[]>`
      INSERT INTO product_locations AS b (tenant_id, warehouse_id, product_id, location_id)
      SELECT ${ctx.tenantId}::uuid, r."warehouseId", r."productId", l.id
      FROM jsonb_to_recordset(${binRows}::jsonb) AS r("warehouseId" uuid, "productId" uuid, location text)
      JOIN locations l ON l.tenant_id = ${ctx.tenantId}::uuid AND l.warehouse_id = r."warehouseId" AND l.code = r.location
      ON CONFLICT (tenant_id, warehouse_id, product_id) DO UPDATE SET location_id = EXCLUDED.location_id, updated_at = now()
      WHERE ${ctx.updateExisting} AND b.location_id <> EXCLUDED.location_id
      RETURNING b.warehouse_id::text, (SELECT code FROM locations WHERE tenant_id = b.tenant_id AND id = b.location_id) AS code`;
    const binKeys = new Set(bins.map((b) => `${b.warehouse_id}|${b.code}`));
    for (const { data } of batch) {
      const key = `${data.warehouseId}|${data.location}`;
      if (createdKeys.has(key)) created++;
      else if (changedKeys.has(key) || (data.productId && binKeys.has(key))) updated++;
    }
    ctx.progress(valid, `Wrote ${valid.toLocaleString("en")} row(s)`);
  }
  return { created, updated, skipped: valid - created - updated };
}
