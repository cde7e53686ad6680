// Sales channels (stores) and their settings. Deleting one is refused while orders came from it.
import type { TPage } from "@bod/contracts/common";
import type { TChannel, TChannelListQuery, TCreateChannelRequest, TUpdateChannelRequest } from "@bod/contracts/channels";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";

type ChannelRow = Omit<TChannel, "createdAt"> & { createdAt: Date };
const toChannel = (c: ChannelRow): TChannel => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  acceptsBackorders: c.acceptsBackorders,
  notifyOnPartialShipment: c.notifyOnPartialShipment,
  supportsOrderEdits: c.supportsOrderEdits,
  defaultWarehouseId: c.defaultWarehouseId,
  defaultFulfillmentMode: c.defaultFulfillmentMode,
  createdAt: iso(c.createdAt),
});

async function findChannel(tx: Tx, tenantId: string, id: string) {
  const row = await tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!row) throw notFound("Channel");
  return row;
}

/** The default warehouse must be one of the tenant's: another tenant's id reads as unknown. */
async function checkWarehouse(tx: Tx, tenantId: string, warehouseId: string | undefined) {
  if (!warehouseId) return;
  const found = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: warehouseId } }, select: { id: true } });
  if (!found) throw new AppError("not_found", "Warehouse not found", [{ path: "defaultWarehouseId", message: "No such warehouse" }]);
}

export async function listChannels(ctx: RequestContext, query: TChannelListQuery): Promise<TPage<TChannel>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    const rows = await tx.salesChannel.findMany({
      where: {
        tenantId: ctx.tenantId,
        AND: [
          query.q ? { name: { contains: query.q, mode: "insensitive" } } : {},
          cursor ? { OR: [{ name: { gt: cursor.key } }, { name: cursor.key, id: { gt: cursor.id } }] } : {},
        ],
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (c) => [c.name, c.id], toChannel);
  });
}

export async function getChannel(ctx: RequestContext, id: string) {
  return inTenant(ctx, async (tx) => toChannel(await findChannel(tx, ctx.tenantId, id)));
}

export async function createChannel(ctx: RequestContext, input: TCreateChannelRequest) {
  return inTenant(ctx, async (tx) => {
    await checkWarehouse(tx, ctx.tenantId, input.defaultWarehouseId);
    return toChannel(await tx.salesChannel.create({ data: { tenantId: ctx.tenantId, ...input } }));
  });
}

export async function updateChannel(ctx: RequestContext, id: string, input: TUpdateChannelRequest) {
  return inTenant(ctx, async (tx) => {
    await findChannel(tx, ctx.tenantId, id);
    await checkWarehouse(tx, ctx.tenantId, input.defaultWarehouseId);
    return toChannel(await tx.salesChannel.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: input }));
  });
}

export async function deleteChannel(ctx: RequestContext, id: string) {
  await inTenant(ctx, async (tx) => {
    await findChannel(tx, ctx.tenantId, id);
    const salesOrders = await tx.salesOrder.count({ where: { tenantId: ctx.tenantId, channelId: id } });
    if (salesOrders > 0) throw new AppError("conflict", "Orders came from this channel; it cannot be deleted", { salesOrders });
    await tx.salesChannel.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
  });
}
