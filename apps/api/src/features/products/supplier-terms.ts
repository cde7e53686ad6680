// What each supplier charges for a product. One preferred supplier per product at most.
import type { TPage } from "@bod/contracts/common";
import type { TProductSupplier, TUpsertProductSupplierRequest } from "@bod/contracts/products";
import { inTenant } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { findProduct } from "./service.ts";

type TermsRow = {
  productId: string;
  supplierId: string;
  unitCostCents: number;
  leadTimeDays: number;
  minOrderQty: number;
  casePack: number;
  isPreferred: boolean;
  supplier: { name: string };
};
const toTerms = (t: TermsRow): TProductSupplier => ({
  productId: t.productId,
  supplierId: t.supplierId,
  supplierName: t.supplier.name,
  unitCostCents: t.unitCostCents,
  leadTimeDays: t.leadTimeDays,
  minOrderQty: t.minOrderQty,
  casePack: t.casePack,
  isPreferred: t.isPreferred,
});

export async function listProductSuppliers(ctx: RequestContext, productId: string): Promise<TPage<TProductSupplier>> {
  return inTenant(ctx, async (tx) => {
    await findProduct(tx, ctx.tenantId, productId);
    const rows = await tx.productSupplier.findMany({
      where: { tenantId: ctx.tenantId, productId },
      include: { supplier: { select: { name: true } } },
      orderBy: [{ isPreferred: "desc" }, { supplier: { name: "asc" } }],
    });
    return { items: rows.map(toTerms), nextCursor: null };
  });
}

export async function upsertProductSupplier(ctx: RequestContext, productId: string, supplierId: string, input: TUpsertProductSupplierRequest) {
  return inTenant(ctx, async (tx) => {
    await findProduct(tx, ctx.tenantId, productId);
    const supplier = await tx.supplier.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: supplierId } } });
    if (!supplier) throw notFound("Supplier");
    const data = {
      unitCostCents: input.unitCostCents,
      leadTimeDays: input.leadTimeDays,
      minOrderQty: input.minOrderQty ?? 1,
      casePack: input.casePack ?? 1,
      isPreferred: input.isPreferred ?? false,
    };
    if (data.isPreferred) {
      await tx.productSupplier.updateMany({ where: { tenantId: ctx.tenantId, productId, isPreferred: true, NOT: { supplierId } }, data: { isPreferred: false } });
    }
    const row = await tx.productSupplier.upsert({
      where: { tenantId_productId_supplierId: { tenantId: ctx.tenantId, productId, supplierId } },
      create: { tenantId: ctx.tenantId, productId, supplierId, ...data },
      update: data,
      include: { supplier: { select: { name: true } } },
    });
    return toTerms(row);
  });
}

export async function deleteProductSupplier(ctx: RequestContext, productId: string, supplierId: string) {
  await inTenant(ctx, async (tx) => {
    const deleted = await tx.productSupplier.deleteMany({ where: { tenantId: ctx.tenantId, productId, supplierId } });
    if (deleted.count === 0) throw notFound("Supplier terms");
  });
}
