// Reorder points per (warehouse, SKU) (docs/decisions/019): read for every warehouse with the
// position they are compared with, set or cleared by purchasing roles, and suggested from demand
// velocity over a window × the preferred supplier's lead time + safety stock.
import { reorderNeed, suggestReorderPoint } from "@bod/domain/reorder";
import type { TReorderPoint, TReorderPoints, TReorderSuggestion, TReorderSuggestionQuery, TSetReorderPointRequest } from "@bod/contracts/reorder-points";
import { Prisma, inTenant, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { preferredSupplierSql } from "./report-query.ts";

interface ReorderRow {
  warehouse_id: string;
  warehouse_code: string;
  warehouse_name: string;
  reorder_point: number | null;
  reorder_quantity: number | null;
  source: "manual" | "suggested" | null;
  window_days: number | null;
  safety_stock: number | null;
  updated_at: Date | null;
  on_hand: number;
  incoming: number;
  demand: number;
}

/** Every warehouse (or one) with the product's reorder point there and the figures of its position, as the report computes them. */
function readReorderRows(tx: Tx, tenantId: string, productId: string, warehouseId?: string) {
  return tx.$queryRaw<ReorderRow[]>`
    SELECT w.id::text AS warehouse_id, w.code AS warehouse_code, w.name AS warehouse_name,
      rp.reorder_point, rp.reorder_quantity, rp.source, rp.window_days, rp.safety_stock, rp.updated_at,
      coalesce(s.on_hand, 0)::float8 AS on_hand,
      coalesce((
        SELECT sum(pol.quantity_ordered - pol.quantity_received)
        FROM purchase_order_lines pol
        JOIN purchase_orders po ON po.tenant_id = pol.tenant_id AND po.id = pol.purchase_order_id
        WHERE pol.tenant_id = w.tenant_id AND pol.product_id = ${productId}::uuid AND po.warehouse_id = w.id
          AND po.status IN ('ordered', 'partially_received') AND pol.quantity_ordered > pol.quantity_received
      ), 0)::float8 AS incoming,
      coalesce((
        SELECT sum(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled)
        FROM sales_order_lines l
        WHERE l.tenant_id = w.tenant_id AND l.warehouse_id = w.id AND l.product_id = ${productId}::uuid AND l.is_active
      ), 0)::float8 AS demand
    FROM warehouses w
    LEFT JOIN reorder_points rp ON rp.tenant_id = w.tenant_id AND rp.warehouse_id = w.id AND rp.product_id = ${productId}::uuid
    LEFT JOIN stock_levels s ON s.tenant_id = w.tenant_id AND s.warehouse_id = w.id AND s.product_id = ${productId}::uuid
    WHERE w.tenant_id = ${tenantId}::uuid ${warehouseId ? Prisma.sql`AND w.id = ${warehouseId}::uuid` : Prisma.empty}
    ORDER BY w.code`;
}

function toReorderPoint(r: ReorderRow): TReorderPoint {
  const projectedPosition = r.on_hand + r.incoming - r.demand;
  const setting =
    r.reorder_point === null || r.reorder_quantity === null
      ? null
      : { reorderPoint: r.reorder_point, reorderQuantity: r.reorder_quantity, source: r.source ?? "manual", windowDays: r.window_days, safetyStock: r.safety_stock, updatedAt: r.updated_at!.toISOString() };
  return {
    warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
    setting,
    position: { onHand: r.on_hand, incoming: r.incoming, demand: r.demand, projectedPosition },
    reorderNeed: setting ? reorderNeed(projectedPosition, setting.reorderPoint, setting.reorderQuantity) : 0,
  };
}

async function requireKey(tx: Tx, tenantId: string, productId: string, warehouseId?: string) {
  const product = await tx.product.findUnique({ where: { tenantId_id: { tenantId, id: productId } }, select: { id: true } });
  if (!product) throw notFound("Product");
  if (warehouseId === undefined) return;
  const warehouse = await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: warehouseId } }, select: { id: true } });
  if (!warehouse) throw notFound("Warehouse");
}

export function getReorderPoints(ctx: RequestContext, productId: string): Promise<TReorderPoints> {
  return inTenant(ctx, async (tx) => {
    await requireKey(tx, ctx.tenantId, productId);
    return { items: (await readReorderRows(tx, ctx.tenantId, productId)).map(toReorderPoint) };
  });
}

export function setReorderPoint(ctx: RequestContext, productId: string, warehouseId: string, input: TSetReorderPointRequest): Promise<TReorderPoint> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    await requireKey(tx, tenantId, productId, warehouseId);
    const values = {
      reorderPoint: input.reorderPoint,
      reorderQuantity: input.reorderQuantity,
      source: input.source,
      // The window and safety stock describe a suggestion; a manual setting keeps neither.
      windowDays: input.source === "suggested" ? (input.windowDays ?? null) : null,
      safetyStock: input.source === "suggested" ? (input.safetyStock ?? null) : null,
      updatedAt: new Date(),
      updatedBy: ctx.userId ?? null,
    };
    await tx.reorderPoint.upsert({
      where: { tenantId_warehouseId_productId: { tenantId, warehouseId, productId } },
      create: { tenantId, warehouseId, productId, ...values },
      update: values,
    });
    return toReorderPoint((await readReorderRows(tx, tenantId, productId, warehouseId))[0]!);
  });
}

export function clearReorderPoint(ctx: RequestContext, productId: string, warehouseId: string): Promise<TReorderPoint> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    await requireKey(tx, tenantId, productId, warehouseId);
    await tx.reorderPoint.deleteMany({ where: { tenantId, warehouseId, productId } });
    return toReorderPoint((await readReorderRows(tx, tenantId, productId, warehouseId))[0]!);
  });
}

/** A suggestion from the units ordered at the key over the last `windowDays` (by order date; cancelled units left out). */
export function suggestReorder(ctx: RequestContext, productId: string, warehouseId: string, query: TReorderSuggestionQuery): Promise<TReorderSuggestion> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    await requireKey(tx, tenantId, productId, warehouseId);
    const [row] = await tx.$queryRaw<{ units: number; supplier_id: string | null; supplier_name: string | null; lead_time_days: number | null }[]>`
      SELECT
        coalesce((
          SELECT sum(l.quantity_ordered - l.quantity_cancelled)
          FROM sales_order_lines l
          WHERE l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = ${warehouseId}::uuid AND l.product_id = ${productId}::uuid
            AND l.rank_order_date >= now() - make_interval(days => ${query.windowDays}::int)
        ), 0)::float8 AS units,
        sup.supplier_id::text, sup.supplier_name, sup.lead_time_days
      FROM (SELECT ${productId}::uuid AS product_id) p
      LEFT JOIN LATERAL (${preferredSupplierSql(tenantId, Prisma.sql`p.product_id`)}) sup ON true`;
    const coverDays = query.coverDays ?? query.windowDays;
    const leadTimeDays = row!.lead_time_days ?? 0;
    const suggestion = suggestReorderPoint({ unitsInWindow: row!.units, windowDays: query.windowDays, leadTimeDays, safetyStock: query.safetyStock, coverDays });
    return {
      windowDays: query.windowDays,
      coverDays,
      unitsInWindow: row!.units,
      dailyVelocity: suggestion.dailyVelocity,
      leadTimeDays,
      supplier: row!.supplier_id ? { id: row!.supplier_id, name: row!.supplier_name! } : null,
      safetyStock: query.safetyStock,
      reorderPoint: suggestion.reorderPoint,
      reorderQuantity: suggestion.reorderQuantity,
    };
  });
}
