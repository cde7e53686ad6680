// Suppliers. Deleting one is refused while purchase orders name it; its product terms go with it.
import type { TPage } from "@bod/contracts/common";
import type { TCreateSupplierRequest, TSupplier, TSupplierListQuery, TUpdateSupplierRequest } from "@bod/contracts/suppliers";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";

type SupplierRow = { id: string; name: string; email: string | null; createdAt: Date };
const toSupplier = (s: SupplierRow): TSupplier => ({ id: s.id, name: s.name, email: s.email, createdAt: iso(s.createdAt) });

async function findSupplier(tx: Tx, tenantId: string, id: string) {
  const row = await tx.supplier.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!row) throw notFound("Supplier");
  return row;
}

export async function listSuppliers(ctx: RequestContext, query: TSupplierListQuery): Promise<TPage<TSupplier>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const q = query.q;
    const rows = await tx.supplier.findMany({
      where: {
        tenantId: ctx.tenantId,
        AND: [
          q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } : {},
          cursor ? { OR: [{ name: { gt: cursor.key } }, { name: cursor.key, id: { gt: cursor.id } }] } : {},
        ],
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (s) => [s.name, s.id], toSupplier);
  });
}

export async function getSupplier(ctx: RequestContext, id: string) {
  return inTenant(ctx, async (tx) => toSupplier(await findSupplier(tx, ctx.tenantId, id)));
}

export async function createSupplier(ctx: RequestContext, input: TCreateSupplierRequest) {
  return inTenant(ctx, async (tx) => toSupplier(await tx.supplier.create({ data: { tenantId: ctx.tenantId, name: input.name, email: input.email ?? null } })));
}

export async function updateSupplier(ctx: RequestContext, id: string, input: TUpdateSupplierRequest) {
  return inTenant(ctx, async (tx) => {
    await findSupplier(tx, ctx.tenantId, id);
    return toSupplier(await tx.supplier.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: input }));
  });
}

export async function deleteSupplier(ctx: RequestContext, id: string) {
  await inTenant(ctx, async (tx) => {
    await findSupplier(tx, ctx.tenantId, id);
    const purchaseOrders = await tx.purchaseOrder.count({ where: { tenantId: ctx.tenantId, supplierId: id } });
    if (purchaseOrders > 0) throw new AppError("conflict", "This supplier has purchase orders and cannot be deleted", { purchaseOrders });
    await tx.supplier.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
  });
}
