// A product's bin per warehouse (the pick or bulk location it is picked from): read for every
// warehouse, set or cleared by managers, and read per line of one order for the pick screen.
import type { TOrderPickLocations, TProductLocation, TProductLocations, TSetProductLocationRequest } from "@bod/contracts/pick-lists";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";

interface BinRow {
  warehouse_id: string;
  warehouse_code: string;
  warehouse_name: string;
  location_id: string | null;
  location_code: string | null;
  location_kind: "pick" | "bulk" | null;
}

const toBin = (r: BinRow): TProductLocation => ({
  warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
  location: r.location_id && r.location_code && r.location_kind ? { id: r.location_id, code: r.location_code, kind: r.location_kind } : null,
});

function readBins(tx: Parameters<Parameters<typeof inTenant>[1]>[0], tenantId: string, productId: string, warehouseId?: string) {
  return tx.$queryRaw<BinRow[]>`
    SELECT w.id::text AS warehouse_id, w.code AS warehouse_code, w.name AS warehouse_name, loc.id::text AS location_id, loc.code AS location_code, loc.kind::text AS location_kind
    FROM warehouses w
    LEFT JOIN product_locations pl ON pl.tenant_id = w.tenant_id AND pl.warehouse_id = w.id AND pl.product_id = ${productId}::uuid
    LEFT JOIN locations loc ON loc.tenant_id = pl.tenant_id AND loc.id = pl.location_id
    WHERE w.tenant_id = ${tenantId}::uuid AND (${warehouseId ?? null}::uuid IS NULL OR w.id = ${warehouseId ?? null}::uuid)
    ORDER BY w.code`;
}

async function requireProduct(tx: Parameters<Parameters<typeof inTenant>[1]>[0], tenantId: string, productId: string) {
  const product = await tx.product.findUnique({ where: { tenantId_id: { tenantId, id: productId } }, select: { id: true } });
  if (!product) throw notFound("Product");
}

export function getProductLocations(ctx: RequestContext, productId: string): Promise<TProductLocations> {
  return inTenant(ctx, async (tx) => {
    await requireProduct(tx, ctx.tenantId, productId);
    return { items: (await readBins(tx, ctx.tenantId, productId)).map(toBin) };
  });
}

export function setProductLocation(ctx: RequestContext, productId: string, warehouseId: string, input: TSetProductLocationRequest): Promise<TProductLocation> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    await requireProduct(tx, tenantId, productId);
    const warehouse = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: warehouseId } }, select: { id: true } });
    if (!warehouse) throw notFound("Warehouse");
    if (input.locationId === null) {
      await tx.productLocation.deleteMany({ where: { tenantId, warehouseId, productId } });
    } else {
      // 404 unknown, 422 another warehouse's or a staging/receiving location.
      const location = await tx.location.findUnique({ where: { tenantId_id: { tenantId, id: input.locationId } }, select: { code: true, kind: true, warehouseId: true } });
      if (!location) throw new AppError("not_found", "Location not found", [{ path: "locationId", message: "No such location" }]);
      if (location.warehouseId !== warehouseId) throw new AppError("rule_violation", `Location ${location.code} is in another warehouse`, [{ path: "locationId", message: "Another warehouse" }]);
      if (location.kind !== "pick" && location.kind !== "bulk") {
        throw new AppError("rule_violation", `Location ${location.code} is a ${location.kind} location, not a pick or bulk location`, [{ path: "locationId", message: "Not a pick or bulk location" }]);
      }
      await tx.productLocation.upsert({
        where: { tenantId_warehouseId_productId: { tenantId, warehouseId, productId } },
        create: { tenantId, warehouseId, productId, locationId: input.locationId },
        update: { locationId: input.locationId, updatedAt: new Date() },
      });
    }
    return toBin((await readBins(tx, tenantId, productId, warehouseId))[0]!);
  });
}

/** The bin of each line of an order, in its warehouse (null: none set). */
export function getOrderPickLocations(ctx: RequestContext, orderId: string): Promise<TOrderPickLocations> {
  return inTenant(ctx, async (tx) => {
    const order = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: orderId } }, select: { id: true } });
    if (!order) throw notFound("Order");
    const rows = await tx.$queryRaw<{ line_id: string; product_id: string; location_id: string | null; location_code: string | null }[]>`
      SELECT l.id::text AS line_id, l.product_id::text, loc.id::text AS location_id, loc.code AS location_code
      FROM sales_order_lines l
      LEFT JOIN product_locations pl ON pl.tenant_id = l.tenant_id AND pl.warehouse_id = l.warehouse_id AND pl.product_id = l.product_id
      LEFT JOIN locations loc ON loc.tenant_id = pl.tenant_id AND loc.id = pl.location_id
      WHERE l.tenant_id = ${ctx.tenantId}::uuid AND l.order_id = ${orderId}::uuid ORDER BY l.line_no`;
    return { items: rows.map((r) => ({ lineId: r.line_id, productId: r.product_id, location: r.location_id && r.location_code ? { id: r.location_id, code: r.location_code } : null })) };
  });
}
