// Products created from a store's unknown SKU (store-orders.ts) are resolved by a manager:
// - confirm: it is a real product; it stays, and the orders' unknown-SKU conflicts are resolved;
// - map: the store's SKU is an existing product under another name: the order lines move to that
//   product (write-path recipe: both products' keys locked, lines moved, recomputed), the
//   channel's mapping points at it for the next orders, and the placeholder is removed.
import type { TReviewProductRequest } from "@bod/contracts/products";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { lockStockKeys } from "../stock/ledger.ts";
import { addOrderEvent, settleOrders } from "../orders/write.ts";
import { findProduct, toProduct } from "../products/service.ts";

async function resolveConflicts(tx: Tx, ctx: RequestContext, productId: string, note: string): Promise<number> {
  const rows = await tx.$queryRaw<{ id: string; order_id: string; message: string }[]>`
    UPDATE order_conflicts SET resolved_at = now(), resolved_by = ${ctx.userId}::uuid
    WHERE tenant_id = ${ctx.tenantId}::uuid AND kind = 'unknown_sku' AND resolved_at IS NULL AND data->>'productId' = ${productId}
    RETURNING id::text, order_id::text, message`;
  for (const r of rows) await addOrderEvent(tx, ctx, r.order_id, "conflict_resolved", `Unknown SKU resolved: ${note}`, { conflictId: r.id });
  return rows.length;
}

export function reviewProduct(ctx: RequestContext, productId: string, input: TReviewProductRequest) {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const product = await findProduct(tx, tenantId, productId);
    if (!product.needsReview) throw new AppError("rule_violation", `${product.sku} is not waiting for review`);

    if (input.action === "confirm") {
      const confirmed = await tx.product.update({ where: { tenantId_id: { tenantId, id: productId } }, data: { needsReview: false } });
      const conflictsResolved = await resolveConflicts(tx, ctx, productId, `${product.sku} confirmed as a product`);
      return { product: toProduct(confirmed), linesMoved: 0, conflictsResolved };
    }

    if (input.productId === productId) throw new AppError("invalid_input", "Map to another product", [{ path: "productId", message: "Choose an existing product other than this one" }]);
    const target = await tx.product.findUnique({ where: { tenantId_id: { tenantId, id: input.productId } } });
    if (!target) throw new AppError("not_found", "Product not found", [{ path: "productId", message: "No such product" }]);
    const [moved] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM stock_movements WHERE tenant_id = ${tenantId}::uuid AND product_id = ${productId}::uuid`;
    if (moved!.n > 0) throw new AppError("rule_violation", `${product.sku} already has stock movements: confirm it instead, and move its stock by adjustments`);

    const lines = await tx.$queryRaw<{ id: string; order_id: string; warehouse_id: string; number: string; hard: number }[]>`
      SELECT l.id::text, l.order_id::text, l.warehouse_id::text, o.number, l.quantity_hard_allocated AS hard FROM sales_order_lines l
      JOIN sales_orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
      WHERE l.tenant_id = ${tenantId}::uuid AND l.product_id = ${productId}::uuid`;
    // An open order takes a product on one line only; closed ones just keep their history.
    const clash = await tx.$queryRaw<{ number: string }[]>`
      SELECT DISTINCT o.number FROM sales_order_lines l JOIN sales_orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
      WHERE l.tenant_id = ${tenantId}::uuid AND l.product_id = ${target.id}::uuid AND l.order_id = ANY(${lines.map((l) => l.order_id)}::uuid[])
        AND o.status IN ('open', 'on_hold', 'partially_shipped')`;
    if (clash.length) throw new AppError("rule_violation", `These orders already have a line of ${target.sku}; edit them first: ${clash.map((c) => c.number).join(", ")}`, { orders: clash.map((c) => c.number) });

    // Recipe: both products' keys in every warehouse involved, then the change, then the engine.
    const warehouses = [...new Set(lines.map((l) => l.warehouse_id))];
    await lockStockKeys(tx, tenantId, warehouses.flatMap((w) => [{ warehouseId: w, productId }, { warehouseId: w, productId: target.id }]));
    await tx.$executeRaw`UPDATE sales_order_lines SET product_id = ${target.id}::uuid, quantity_allocated = 0 WHERE tenant_id = ${tenantId}::uuid AND product_id = ${productId}::uuid`;
    await tx.$executeRaw`
      INSERT INTO channel_product_mappings (tenant_id, channel_id, store_key, product_id)
      SELECT tenant_id, channel_id, store_key, ${target.id}::uuid FROM channel_product_mappings WHERE tenant_id = ${tenantId}::uuid AND product_id = ${productId}::uuid
      ON CONFLICT (tenant_id, channel_id, store_key) DO UPDATE SET product_id = EXCLUDED.product_id, store_inventory_id = NULL`;
    const orderIds = [...new Set(lines.map((l) => l.order_id))];
    await settleOrders(tx, tenantId, orderIds, warehouses.map((w) => ({ warehouseId: w, productId })));
    const conflictsResolved = await resolveConflicts(tx, ctx, productId, `the store's ${product.sku} is ${target.sku}`);
    for (const orderId of orderIds) await addOrderEvent(tx, ctx, orderId, "edited", `Store item ${product.sku} mapped to product ${target.sku}`, { fromProductId: productId, toProductId: target.id });
    await tx.$executeRaw`DELETE FROM stock_levels WHERE tenant_id = ${tenantId}::uuid AND product_id = ${productId}::uuid`;
    await tx.product.delete({ where: { tenantId_id: { tenantId, id: productId } } });
    return { product: toProduct(target), linesMoved: lines.length, conflictsResolved };
  });
}
