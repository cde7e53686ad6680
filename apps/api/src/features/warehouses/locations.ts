// Locations of a warehouse, and containers (totes) on its staging locations.
import type { TPage } from "@bod/contracts/common";
import type {
  TContainer,
  TContainerListQuery,
  TCreateContainerRequest,
  TCreateLocationRequest,
  TLocation,
  TLocationListQuery,
  TUpdateLocationRequest,
} from "@bod/contracts/warehouses";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import { decodeTextCursor, iso, toPage } from "../../http/pagination.ts";
import type { RequestContext } from "../../http/types.ts";
import { findWarehouse } from "./service.ts";

type LocationRow = { id: string; warehouseId: string; code: string; kind: TLocation["kind"]; createdAt: Date };
const toLocation = (l: LocationRow): TLocation => ({ id: l.id, warehouseId: l.warehouseId, code: l.code, kind: l.kind, createdAt: iso(l.createdAt) });
type ContainerRow = { id: string; locationId: string; code: string; createdAt: Date };
const toContainer = (c: ContainerRow): TContainer => ({ id: c.id, locationId: c.locationId, code: c.code, createdAt: iso(c.createdAt) });

async function findLocation(tx: Tx, tenantId: string, id: string, warehouseId?: string) {
  const row = await tx.location.findUnique({ where: { tenantId_id: { tenantId, id } } });
  if (!row || (warehouseId && row.warehouseId !== warehouseId)) throw notFound("Location");
  return row;
}

export async function listLocations(ctx: RequestContext, warehouseId: string, query: TLocationListQuery): Promise<TPage<TLocation>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    await findWarehouse(tx, ctx.tenantId, warehouseId);
    const rows = await tx.location.findMany({
      where: {
        tenantId: ctx.tenantId,
        warehouseId,
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.q ? { code: { contains: query.q, mode: "insensitive" } } : {}),
        ...(cursor ? { OR: [{ code: { gt: cursor.key } }, { code: cursor.key, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ code: "asc" }, { id: "asc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (l) => [l.code, l.id], toLocation);
  });
}

export async function createLocation(ctx: RequestContext, warehouseId: string, input: TCreateLocationRequest) {
  return inTenant(ctx, async (tx) => {
    await findWarehouse(tx, ctx.tenantId, warehouseId);
    return toLocation(await tx.location.create({ data: { tenantId: ctx.tenantId, warehouseId, code: input.code, kind: input.kind } }));
  });
}

export async function updateLocation(ctx: RequestContext, warehouseId: string, id: string, input: TUpdateLocationRequest) {
  return inTenant(ctx, async (tx) => {
    const location = await findLocation(tx, ctx.tenantId, id, warehouseId);
    if (input.kind && input.kind !== "staging" && location.kind === "staging") {
      const containers = await tx.container.count({ where: { tenantId: ctx.tenantId, locationId: id } });
      if (containers > 0) throw new AppError("rule_violation", "A location with containers must stay a staging location", { containers });
    }
    return toLocation(await tx.location.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id } }, data: input }));
  });
}

export async function deleteLocation(ctx: RequestContext, warehouseId: string, id: string) {
  await inTenant(ctx, async (tx) => {
    await findLocation(tx, ctx.tenantId, id, warehouseId);
    const uses = {
      containers: await tx.container.count({ where: { tenantId: ctx.tenantId, locationId: id } }),
      allocations: await tx.allocation.count({ where: { tenantId: ctx.tenantId, locationId: id } }),
    };
    if (uses.containers > 0 || uses.allocations > 0) throw new AppError("conflict", "This location is in use and cannot be deleted", uses);
    await tx.location.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
  });
}

export async function listContainers(ctx: RequestContext, locationId: string, query: TContainerListQuery): Promise<TPage<TContainer>> {
  const cursor = decodeTextCursor(query.cursor);
  return inTenant(ctx, async (tx) => {
    await findLocation(tx, ctx.tenantId, locationId);
    const rows = await tx.container.findMany({
      where: {
        tenantId: ctx.tenantId,
        locationId,
        ...(query.q ? { code: { contains: query.q, mode: "insensitive" } } : {}),
        ...(cursor ? { OR: [{ code: { gt: cursor.key } }, { code: cursor.key, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ code: "asc" }, { id: "asc" }],
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (c) => [c.code, c.id], toContainer);
  });
}

export async function createContainer(ctx: RequestContext, locationId: string, input: TCreateContainerRequest) {
  return inTenant(ctx, async (tx) => {
    const location = await findLocation(tx, ctx.tenantId, locationId);
    if (location.kind !== "staging") throw new AppError("rule_violation", "Containers can only be placed on staging locations", { locationKind: location.kind });
    return toContainer(await tx.container.create({ data: { tenantId: ctx.tenantId, locationId, code: input.code } }));
  });
}

export async function deleteContainer(ctx: RequestContext, locationId: string, id: string) {
  await inTenant(ctx, async (tx) => {
    const row = await tx.container.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
    if (!row || row.locationId !== locationId) throw notFound("Container");
    const allocations = await tx.allocation.count({ where: { tenantId: ctx.tenantId, containerId: id } });
    if (allocations > 0) throw new AppError("conflict", "This container holds picked items and cannot be deleted", { allocations });
    await tx.container.delete({ where: { tenantId_id: { tenantId: ctx.tenantId, id } } });
  });
}
