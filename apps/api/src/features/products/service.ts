// Products (SKUs). Deleting one is refused while orders, purchase orders or the ledger use it.
import type { TPage } from "@bod/contracts/common";
import type { TCreateProductRequest, TProduct, TProductListQuery, TUpdateProductRequest } from "@bod/contracts/products";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";

type ProductRow = {
  id: string;
  sku: string;
  name: string;
  barcode: string | null;
  isPreorder: boolean;
  restockDate: Date | null;
  restockQuantity: number | null;
  needsReview: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export const toProduct = (p: ProductRow): TProduct => ({
  id: p.id,
  sku: p.sku,
  name: p.name,
  barcode: p.barcode,
  isPreorder: p.isPreorder,
  restockDate: p.restockDate ? p.restockDate.toISOString().slice(0, 10) : null,
  restockQuantity: p.restockQuantity,
  needsReview: p.needsReview,
  createdAt: iso(p.createdAt),
  updatedAt: iso(p.updatedAt),
});

const toDate = (d: string | null | undefined) => (d === undefined ? undefined : d === null ? null : new Date(`${d}T00:00:00.000Z`));

export async function findProduct(tx: Tx, tenantId: string, id: string) {
  const row = await tx.product.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!row) throw notFound("Product");
  return row;
}

export async function listProducts(ctx: RequestContext, query: TProductListQuery): Promise<TPage<TProduct>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const q = query.q;
    const rows = await tx.product.findMany({
      where: {
        tenantId: ctx.tenantId,
        AND: [
          q ? { OR: [{ sku: { contains: q, mode: "insensitive" } }, { name: { contains: q, mode: "insensitive" } }, { barcode: { contains: q, mode: "insensitive" } }] } : {},
          query.needsReview === undefined ? {} : { needsReview: query.needsReview },
          cursor ? { OR: [{ sku: { gt: cursor.key } }, { sku: cursor.key, id: { gt: cursor.id } }] } : {},
        ],
      },
      orderBy: [{ sku: "asc" }, { id: "asc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (p) => [p.sku, p.id], toProduct);
  });
}

export async function getProduct(ctx: RequestContext, id: string) {
  return inTenant(ctx, async (tx) => toProduct(await findProduct(tx, ctx.tenantId, id)));
}

export async function getProductByBarcode(ctx: RequestContext, barcode: string) {
  return inTenant(ctx, async (tx) => {
    const row = await tx.product.findUnique({ where: { tenantId_barcode: { tenantId: ctx.tenantId, barcode } } });
    if (!row) throw notFound("Product");
    return toProduct(row);
  });
}

export async function createProduct(ctx: RequestContext, input: TCreateProductRequest) {
  return inTenant(ctx, async (tx) =>
    toProduct(
      await tx.product.create({
        data: {
          tenantId: ctx.tenantId,
          sku: input.sku,
          name: input.name,
          barcode: input.barcode ?? null,
          isPreorder: input.isPreorder ?? false,
          restockDate: toDate(input.restockDate) ?? null,
          restockQuantity: input.restockQuantity ?? null,
        },
      }),
    ),
  );
}

export async function updateProduct(ctx: RequestContext, id: string, input: TUpdateProductRequest) {
  return inTenant(ctx, async (tx) => {
    await findProduct(tx, ctx.tenantId, id);
    const { restockDate, ...rest } = input;
    return toProduct(await tx.product.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { ...rest, restockDate: toDate(restockDate) } }));
  });
}

export async function deleteProduct(ctx: RequestContext, id: string) {
  await inTenant(ctx, async (tx) => {
    await findProduct(tx, ctx.tenantId, id);
    const where = { tenantId: ctx.tenantId, productId: id };
    const uses = {
      stockMovements: await tx.stockMovement.count({ where }),
      salesOrderLines: await tx.salesOrderLine.count({ where }),
      purchaseOrderLines: await tx.purchaseOrderLine.count({ where }),
    };
    if (Object.values(uses).some((n) => n > 0)) throw new AppError("conflict", "This product is in use and cannot be deleted", uses);
    await tx.product.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
  });
}
