// Warehouses of a tenant. Deleting one is refused while history (stock movements, orders,
// purchase orders) or channels point at it; its locations go with it.
import type { TCreateWarehouseRequest, TUpdateWarehouseRequest, TWarehouse, TWarehouseListQuery } from "@bod/contracts/warehouses";
import type { TPage } from "@bod/contracts/common";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";

type WarehouseRow = { id: string; code: string; name: string; address: string | null; createdAt: Date };
export const toWarehouse = (w: WarehouseRow): TWarehouse => ({ id: w.id, code: w.code, name: w.name, address: w.address, createdAt: iso(w.createdAt) });
/** A blank address is no address. */
const address = (a: string | null | undefined) => (a === undefined ? undefined : a?.trim() ? a.trim() : null);

export async function findWarehouse(tx: Tx, tenantId: string, id: string) {
  const row = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!row) throw notFound("Warehouse");
  return row;
}

export async function listWarehouses(ctx: RequestContext, query: TWarehouseListQuery): Promise<TPage<TWarehouse>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const rows = await tx.warehouse.findMany({
      where: {
        tenantId: ctx.tenantId,
        ...(query.q ? { OR: [{ code: { contains: query.q, mode: "insensitive" } }, { name: { contains: query.q, mode: "insensitive" } }] } : {}),
        ...(cursor ? { AND: [{ OR: [{ code: { gt: cursor.key } }, { code: cursor.key, id: { gt: cursor.id } }] }] } : {}),
      },
      orderBy: [{ code: "asc" }, { id: "asc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (w) => [w.code, w.id], toWarehouse);
  });
}

export async function getWarehouse(ctx: RequestContext, id: string) {
  return inTenant(ctx, async (tx) => toWarehouse(await findWarehouse(tx, ctx.tenantId, id)));
}

export async function createWarehouse(ctx: RequestContext, input: TCreateWarehouseRequest) {
  return inTenant(ctx, async (tx) => toWarehouse(await tx.warehouse.create({ data: { tenantId: ctx.tenantId, code: input.code, name: input.name, address: address(input.address) ?? null } })));
}

export async function updateWarehouse(ctx: RequestContext, id: string, input: TUpdateWarehouseRequest) {
  return inTenant(ctx, async (tx) => {
    await findWarehouse(tx, ctx.tenantId, id);
    return toWarehouse(await tx.warehouse.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: { ...input, address: address(input.address) } }));
  });
}

export async function deleteWarehouse(ctx: RequestContext, id: string) {
  await inTenant(ctx, async (tx) => {
    await findWarehouse(tx, ctx.tenantId, id);
    const where = { tenantId: ctx.tenantId, warehouseId: id };
    const uses = {
      stockMovements: await tx.stockMovement.count({ where }),
      salesOrders: await tx.salesOrder.count({ where }),
      purchaseOrders: await tx.purchaseOrder.count({ where }),
      channels: await tx.salesChannel.count({ where: { tenantId: ctx.tenantId, defaultWarehouseId: id } }),
    };
    if (Object.values(uses).some((n) => n > 0)) throw new AppError("conflict", "This warehouse is in use and cannot be deleted", uses);
    await tx.warehouse.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
  });
}
