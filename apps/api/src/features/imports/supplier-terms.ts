// The supplier_terms import: one row per (supplier, SKU) — what the supplier charges and how it
// sells the product (products/supplier-terms.ts is the one-row endpoint). The bounds are the
// endpoints' own contracts (ZUpsertProductSupplierRequest, ZCreateSupplierRequest), so a value the
// PUT refuses is a row error here too. A supplier named for the first time is created by the
// write (its rows count as creates); the SKU must exist. The endpoint's preferred rule holds: a
// row marking a supplier preferred unsets the SKU's other preferred supplier, and two rows of one
// file marking different suppliers preferred for one SKU are refused (the later one), as is a
// second e-mail for one supplier. All of it is written in the apply's one transaction.
import { ZUpsertProductSupplierRequest } from "@bod/contracts/products";
import { ZCreateSupplierRequest } from "@bod/contracts/suppliers";
import type { Tx } from "../../db/client.ts";
import type { ApplyContext, Outcome } from "./apply.ts";
import { readCount, readFlag, readMoney, readString } from "./cells.ts";
import type { ImportKindRules, StagedRow } from "./kinds.ts";
import { column, readRow } from "./read-row.ts";
import { validRowBatches } from "./staged-rows.ts";

const terms = ZUpsertProductSupplierRequest.shape;
const supplierEmail = ZCreateSupplierRequest.shape.email.unwrap().unwrap();
const MOQ = terms.minOrderQty.unwrap();
const CASE_PACK = terms.casePack.unwrap();

const rules = {
  supplier: (raw: string) => readString(raw, { required: true, max: ZCreateSupplierRequest.shape.name.maxLength ?? 200 }),
  sku: (raw: string) => readString(raw, { required: true, max: 64 }),
  unit_cost: (raw: string) => readMoney(raw, { required: true, max: terms.unitCostCents.maxValue ?? undefined }),
  lead_time_days: (raw: string) => readCount(raw, { required: true, min: terms.leadTimeDays.minValue ?? 0, max: terms.leadTimeDays.maxValue ?? undefined }),
  min_order_qty: (raw: string) => readCount(raw, { required: false, min: MOQ.minValue ?? 1, max: MOQ.maxValue ?? undefined }),
  case_pack: (raw: string) => readCount(raw, { required: false, min: CASE_PACK.minValue ?? 1, max: CASE_PACK.maxValue ?? undefined }),
  is_preferred: readFlag,
  supplier_email: (raw: string) => {
    const text = readString(raw, { required: false, max: supplierEmail.maxLength ?? 200 });
    if (text.ok && text.value !== null && !supplierEmail.safeParse(text.value).success) return { ok: false as const, reason: `Not an e-mail address: "${text.value.slice(0, 40)}"` };
    return text;
  },
};

interface ExistingTerms {
  supplier_id: string;
  product_id: string;
  unit_cost_cents: number;
  lead_time_days: number;
  min_order_qty: number;
  case_pack: number;
  is_preferred: boolean;
}

/** The values a row writes: cents and ids resolved; fields the file does not map are null (kept on update, defaults on create). */
type TermsData = {
  supplier: string;
  sku: string;
  unit_cost: string;
  unit_cost_cents: number;
  lead_time_days: number;
  min_order_qty: number | null;
  case_pack: number | null;
  is_preferred: boolean | null;
  supplier_email: string | null;
  productId: string;
};

export const supplierTerms: ImportKindRules = {
  keyFields: ["supplier", "sku"],
  async validate(ctx, rows) {
    const read = rows.map((row) => ({ row, ...readRow(ctx, row, rules) }));
    const names = [...new Set(read.map((r) => r.values.supplier).filter((s): s is string => !!s))];
    const skus = [...new Set(read.map((r) => r.values.sku).filter((s): s is string => !!s))];
    const products = new Map(
      (await ctx.tx.$queryRaw<{ id: string; sku: string }[]>`SELECT id::text, sku FROM products WHERE tenant_id = ${ctx.tenantId}::uuid AND sku = ANY(${skus}::text[])`).map((p) => [p.sku, p.id]),
    );
    const suppliers = new Map(
      (await ctx.tx.$queryRaw<{ id: string; name: string; email: string | null }[]>`SELECT id::text, name, email FROM suppliers WHERE tenant_id = ${ctx.tenantId}::uuid AND name = ANY(${names}::text[])`).map((s) => [s.name, s]),
    );
    const supplierIds = [...suppliers.values()].map((s) => s.id);
    const existing = new Map(
      (
        await ctx.tx.$queryRaw<ExistingTerms[]>`
          SELECT supplier_id::text, product_id::text, unit_cost_cents, lead_time_days, min_order_qty, case_pack, is_preferred FROM product_suppliers
          WHERE tenant_id = ${ctx.tenantId}::uuid AND supplier_id = ANY(${supplierIds}::uuid[]) AND product_id = ANY(${[...products.values()]}::uuid[])`
      ).map((t) => [`${t.supplier_id}|${t.product_id}`, t]),
    );
    const mapped = (field: string) => ctx.columnOf.has(field);
    return read.map(({ row, values, errors }): StagedRow => {
      const productId = values.sku ? products.get(values.sku) : undefined;
      if (values.sku && !productId) errors.push({ column: column(ctx, "sku"), reason: `Unknown SKU ${values.sku}` });
      const key = values.supplier && values.sku ? `${values.supplier}|${values.sku}` : null;
      if (errors.length) return { ...row, data: null, action: null, key, errors };
      const data: TermsData = {
        supplier: values.supplier!,
        sku: values.sku!,
        unit_cost: (values.unit_cost! / 100).toFixed(2),
        unit_cost_cents: values.unit_cost!,
        lead_time_days: values.lead_time_days!,
        min_order_qty: mapped("min_order_qty") ? (values.min_order_qty ?? 1) : null,
        case_pack: mapped("case_pack") ? (values.case_pack ?? 1) : null,
        is_preferred: mapped("is_preferred") ? (values.is_preferred ?? false) : null,
        supplier_email: values.supplier_email ?? null,
        productId: productId!,
      };
      const supplier = suppliers.get(data.supplier);
      const current = supplier ? existing.get(`${supplier.id}|${productId}`) : undefined;
      let action: StagedRow["action"] = "create";
      if (supplier && current) {
        const same =
          current.unit_cost_cents === data.unit_cost_cents &&
          current.lead_time_days === data.lead_time_days &&
          (data.min_order_qty === null || current.min_order_qty === data.min_order_qty) &&
          (data.case_pack === null || current.case_pack === data.case_pack) &&
          (data.is_preferred === null || current.is_preferred === data.is_preferred) &&
          (data.supplier_email === null || supplier.email === data.supplier_email);
        action = same || !ctx.updateExisting ? "skip" : "update";
      }
      return { ...row, data, action, key, errors };
    });
  },
  async settle(tx, tenantId, importId) {
    // Two suppliers marked preferred for one SKU, or two e-mails for one supplier: the later rows
    // are refused, naming the first (nothing is left for the write to choose between).
    await tx.$executeRaw`
      UPDATE import_rows r SET action = NULL, data = NULL, errors = jsonb_build_array(jsonb_build_object('column', 'is_preferred',
        'reason', 'Another row (line ' || f.line || ') marks supplier ' || (f.data->>'supplier') || ' preferred for SKU ' || (f.data->>'sku') || ': one preferred supplier per SKU'))
      FROM (SELECT DISTINCT ON (data->>'productId') line, data FROM import_rows
            WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NULL AND (data->>'is_preferred')::boolean
            ORDER BY data->>'productId', line) f
      WHERE r.tenant_id = ${tenantId}::uuid AND r.import_id = ${importId}::uuid AND r.errors IS NULL AND (r.data->>'is_preferred')::boolean
        AND r.data->>'productId' = f.data->>'productId' AND r.data->>'supplier' <> f.data->>'supplier' AND r.line > f.line`;
    await tx.$executeRaw`
      UPDATE import_rows r SET action = NULL, data = NULL, errors = jsonb_build_array(jsonb_build_object('column', 'supplier_email',
        'reason', 'Another row (line ' || f.line || ') gives supplier ' || (f.data->>'supplier') || ' the e-mail ' || (f.data->>'supplier_email')))
      FROM (SELECT DISTINCT ON (data->>'supplier') line, data FROM import_rows
            WHERE tenant_id = ${tenantId}::uuid AND import_id = ${importId}::uuid AND errors IS NULL AND data->>'supplier_email' IS NOT NULL
            ORDER BY data->>'supplier', line) f
      WHERE r.tenant_id = ${tenantId}::uuid AND r.import_id = ${importId}::uuid AND r.errors IS NULL AND r.data->>'supplier' = f.data->>'supplier'
        AND r.data->>'supplier_email' <> f.data->>'supplier_email' AND r.line > f.line`;
  },
};


/** Suppliers of the batch by name: created when new; their e-mail changed with "update existing". Answers ids and the names whose e-mail changed. */
async function writeSuppliers(tx: Tx, tenantId: string, rows: TermsData[], updateExisting: boolean) {
  const bySupplier = new Map<string, string | null>();
  for (const r of rows) if (!bySupplier.has(r.supplier) || (bySupplier.get(r.supplier) === null && r.supplier_email)) bySupplier.set(r.supplier, r.supplier_email);
  const list = JSON.stringify([...bySupplier].map(([name, email]) => ({ name, email })));
  await tx.$executeRaw`
    INSERT INTO suppliers (tenant_id, name, email)
    SELECT ${tenantId}::uuid, s.name, s.email FROM jsonb_to_recordset(${list}::jsonb) AS s(name text, email text)
    ON CONFLICT (tenant_id, name) DO NOTHING`;
  const changed = updateExisting
    ? await tx.$queryRaw<{ name: string }[]>`
        UPDATE suppliers t SET email = s.email FROM jsonb_to_recordset(${list}::jsonb) AS s(name text, email text)
        WHERE t.tenant_id = ${tenantId}::uuid AND t.name = s.name AND s.email IS NOT NULL AND t.email IS DISTINCT FROM s.email
        RETURNING t.name`
    : [];
  return new Set(changed.map((c) => c.name));
}

/** The write: per batch of rows, the suppliers, then the terms (INSERT … ON CONFLICT by product and supplier), then the preferred rule. */
export async function applySupplierTerms(ctx: ApplyContext): Promise<Outcome> {
  let created = 0;
  let updated = 0;
  let valid = 0;
  for await (const batch of validRowBatches<TermsData>(ctx)) {
    valid += batch.length;
    const rows = batch.map((r) => r.data);
    const emailChanged = await writeSuppliers(ctx.tx, ctx.tenantId, rows, ctx.updateExisting);
    const written = await ctx.tx.$queryRaw<{ created: boolean; supplier: string; sku: string }[]>`
      INSERT INTO product_suppliers AS t (tenant_id, product_id, supplier_id, unit_cost_cents, lead_time_days, min_order_qty, case_pack, is_preferred)
      SELECT ${ctx.tenantId}::uuid, r."productId", s.id, r.unit_cost_cents, r.lead_time_days, coalesce(r.min_order_qty, 1), coalesce(r.case_pack, 1), coalesce(r.is_preferred, false)
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(supplier text, "productId" uuid, unit_cost_cents int, lead_time_days int, min_order_qty int, case_pack int, is_preferred boolean)
      JOIN suppliers s ON s.tenant_id = ${ctx.tenantId}::uuid AND s.name = r.supplier
      ON CONFLICT (tenant_id, product_id, supplier_id) DO UPDATE SET
        unit_cost_cents = EXCLUDED.unit_cost_cents,
        lead_time_days = EXCLUDED.lead_time_days,
        min_order_qty = CASE WHEN ${ctx.mapping.includes("min_order_qty")} THEN EXCLUDED.min_order_qty ELSE t.min_order_qty END,
        case_pack = CASE WHEN ${ctx.mapping.includes("case_pack")} THEN EXCLUDED.case_pack ELSE t.case_pack END,
        is_preferred = CASE WHEN ${ctx.mapping.includes("is_preferred")} THEN EXCLUDED.is_preferred ELSE t.is_preferred END
      WHERE ${ctx.updateExisting}
        AND (t.unit_cost_cents, t.lead_time_days, t.min_order_qty, t.case_pack, t.is_preferred) IS DISTINCT FROM
            (EXCLUDED.unit_cost_cents, EXCLUDED.lead_time_days,
             CASE WHEN ${ctx.mapping.includes("min_order_qty")} THEN EXCLUDED.min_order_qty ELSE t.min_order_qty END,
             CASE WHEN ${ctx.mapping.includes("case_pack")} THEN EXCLUDED.case_pack ELSE t.case_pack END,
             CASE WHEN ${ctx.mapping.includes("is_preferred")} THEN EXCLUDED.is_preferred ELSE t.is_preferred END)
      RETURNING (xmax = 0) AS created, (SELECT name FROM suppliers WHERE tenant_id = t.tenant_id AND id = t.supplier_id) AS supplier,
        (SELECT sku FROM products WHERE tenant_id = t.tenant_id AND id = t.product_id) AS sku`;
    // The endpoint's rule: a supplier now preferred for a SKU is its only preferred one.
    const preferred = JSON.stringify(rows.filter((r) => r.is_preferred && written.some((w) => w.supplier === r.supplier && w.sku === r.sku)).map((r) => ({ supplier: r.supplier, productId: r.productId })));
    await ctx.tx.$executeRaw`
      UPDATE product_suppliers t SET is_preferred = false
      FROM jsonb_to_recordset(${preferred}::jsonb) AS p(supplier text, "productId" uuid)
      JOIN suppliers s ON s.tenant_id = ${ctx.tenantId}::uuid AND s.name = p.supplier
      WHERE t.tenant_id = ${ctx.tenantId}::uuid AND t.product_id = p."productId" AND t.supplier_id <> s.id AND t.is_preferred`;
    const termsWritten = new Set(written.map((w) => `${w.supplier}|${w.sku}`));
    for (const w of written) {
      if (w.created) created++;
      else updated++;
    }
    // A row whose terms were already as written still changed its supplier's e-mail: counted as an update, as the preview did.
    updated += rows.filter((r) => !termsWritten.has(`${r.supplier}|${r.sku}`) && r.supplier_email !== null && emailChanged.has(r.supplier)).length;
    ctx.progress(valid, `Wrote ${valid.toLocaleString("en")} row(s)`);
  }
  return { created, updated, skipped: valid - created - updated };
}
