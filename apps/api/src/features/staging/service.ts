// Picking and staging: picked units become a hard allocation of their order line, moved
// through the ledger (a `transfer` pair whose sum per warehouse and SKU is zero) from the
// pick location into a container on a staging location. On hand is unchanged; what other
// orders can get drops in the same transaction, where the engine recomputes the keys.
// Unstaging moves them back and releases the hard allocation. docs/decisions/005.
import type { TStageRequest, TStagedOrder, TUnstageRequest } from "@bod/contracts/staging";
import type { TOrderDetail } from "@bod/contracts/orders";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { keyString, recordStockMovements, type MovementInput } from "../stock/ledger.ts";
import { readOrderDetail } from "../orders/detail.ts";
import { addOrderEvent, bumpVersion, lockOrder, settleOrders, refuseOrderAction, type LockedOrder } from "../orders/write.ts";
import { lockContainerForOrder, requirePickLocation } from "./places.ts";
import { coveringPurchaseOrders, readStagedOrder } from "./read.ts";

const poTag = (number: string) => `PO#${number}`;

function requireStageable(order: LockedOrder) {
  refuseOrderAction("pick", order);
}

export function stageOrderLines(ctx: RequestContext, orderId: string, input: TStageRequest): Promise<TStagedOrder> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    // Recipe: keys, then the order row, then the container row (every stager locks in this order).
    const { order, lines, stock } = await lockOrder(tx, ctx, orderId, { version: input.version });
    requireStageable(order);
    const container = await lockContainerForOrder(tx, tenantId, order, input);
    const from = input.fromLocationId ? await requirePickLocation(tx, tenantId, order.warehouseId, input.fromLocationId, "fromLocationId") : null;

    const done: { lineId: string; sku: string; quantity: number }[] = [];
    const movements: MovementInput[] = [];
    for (const [i, want] of input.lines.entries()) {
      const line = lines.find((l) => l.id === want.lineId);
      if (!line) throw new AppError("not_found", "Order line not found", [{ path: `lines.${i}.lineId`, message: "No such line on this order" }]);
      const needed = line.remaining - line.hard;
      if (want.quantity > needed) {
        throw new AppError("rule_violation", `Too many ${line.sku}: order ${order.number} needs ${needed} more (${want.quantity} picked)`, { lineId: line.id, sku: line.sku, requested: want.quantity, needed });
      }
      // Read after the key locks: the line's own allocation, or free stock at the key, never another order's units.
      const level = stock.get(keyString(line)) ?? { onHand: 0, allocated: 0 };
      const available = line.allocated - line.hard + (level.onHand - level.allocated);
      if (want.quantity > available) {
        throw new AppError("insufficient_stock", `Only ${Math.max(0, available)} unit(s) of ${line.sku} can be picked for order ${order.number}: the rest is promised to other orders or not in stock`, {
          lineId: line.id,
          sku: line.sku,
          requested: want.quantity,
          available: Math.max(0, available),
        });
      }
      await tx.allocation.create({ data: { tenantId, lineId: line.id, quantity: want.quantity, locationId: container.locationId, containerId: container.id, createdBy: ctx.userId } });
      const newHard = line.hard + want.quantity;
      level.allocated += Math.max(0, newHard - line.allocated);
      await tx.$executeRaw`UPDATE sales_order_lines SET quantity_hard_allocated = ${newHard}, quantity_allocated = GREATEST(quantity_allocated, ${newHard})
        WHERE tenant_id = ${tenantId}::uuid AND id = ${line.id}::uuid`;
      line.allocated = Math.max(line.allocated, newHard);
      line.hard = newHard;
      const move = {
        warehouseId: line.warehouseId,
        productId: line.productId,
        kind: "transfer" as const,
        reason: `Picked for ${order.number} into container ${container.code}`,
        causeType: "staging",
        causeId: order.id,
        fromLocationId: from?.id ?? null,
        toLocationId: container.locationId,
        containerId: container.id,
      };
      movements.push({ ...move, quantity: -want.quantity }, { ...move, quantity: want.quantity });
      done.push({ lineId: line.id, sku: line.sku, quantity: want.quantity });
    }
    await recordStockMovements(tx, ctx, movements);
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    await addOrderEvent(tx, ctx, orderId, "staged", `Picked ${done.map((d) => `${d.quantity} × ${d.sku}`).join(", ")} into container ${container.code} at ${container.locationCode}`, {
      lines: done,
      containerId: container.id,
      locationId: container.locationId,
      fromLocationId: from?.id ?? null,
    });
    await tagCoveringPurchaseOrders(tx, ctx, orderId);
    return (await readStagedOrder(tx, tenantId, orderId))!;
  });
}

export function unstageOrder(ctx: RequestContext, orderId: string, input: TUnstageRequest): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const { order, lines } = await lockOrder(tx, ctx, orderId, { version: input.version });
    const to = await requirePickLocation(tx, tenantId, order.warehouseId, input.toLocationId, "toLocationId");
    const staged = await tx.$queryRaw<{ id: string; line_id: string; quantity: number; location_id: string; container_id: string; code: string }[]>`
      SELECT a.id::text, a.line_id::text, a.quantity, a.location_id::text, a.container_id::text, c.code
      FROM allocations a JOIN containers c ON c.tenant_id = a.tenant_id AND c.id = a.container_id
      WHERE a.tenant_id = ${tenantId}::uuid AND a.line_id = ANY(${lines.map((l) => l.id)}::uuid[]) AND a.container_id IS NOT NULL
      ORDER BY a.created_at, a.id FOR UPDATE OF a`;
    if (staged.length === 0) throw new AppError("rule_violation", `Nothing of order ${order.number} is staged`);
    const movements: MovementInput[] = [];
    const back = new Map<string, number>();
    for (const a of staged) {
      const line = lines.find((l) => l.id === a.line_id)!;
      back.set(line.id, (back.get(line.id) ?? 0) + a.quantity);
      const move = {
        warehouseId: line.warehouseId,
        productId: line.productId,
        kind: "transfer" as const,
        reason: `Unstaged from container ${a.code} for ${order.number}${input.reason ? `: ${input.reason}` : ""}`,
        causeType: "unstage",
        causeId: order.id,
        fromLocationId: a.location_id,
        toLocationId: to.id,
        containerId: a.container_id,
      };
      movements.push({ ...move, quantity: -a.quantity }, { ...move, quantity: a.quantity });
    }
    await tx.$executeRaw`DELETE FROM allocations WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${staged.map((a) => a.id)}::uuid[])`;
    for (const [lineId, quantity] of back) {
      await tx.$executeRaw`UPDATE sales_order_lines SET quantity_hard_allocated = GREATEST(0, quantity_hard_allocated - ${quantity})
        WHERE tenant_id = ${tenantId}::uuid AND id = ${lineId}::uuid`;
    }
    await recordStockMovements(tx, ctx, movements);
    await bumpVersion(tx, tenantId, orderId);
    await settleOrders(tx, tenantId, [orderId]);
    const units = staged.reduce((s, a) => s + a.quantity, 0);
    await addOrderEvent(tx, ctx, orderId, "unstaged", `Returned ${units} unit(s) from container ${staged[0]!.code} to ${to.code}${input.reason ? `: ${input.reason}` : ""}`, {
      containerId: staged[0]!.container_id,
      toLocationId: to.id,
      lines: [...back].map(([lineId, quantity]) => ({ lineId, quantity })),
      reason: input.reason ?? null,
    });
    return readOrderDetail(tx, ctx, orderId);
  });
}

/** Tags the order `PO#<number>` for each open PO covering its missing units (with a `tagged` event each). */
async function tagCoveringPurchaseOrders(tx: Tx, ctx: RequestContext, orderId: string) {
  const lines = await tx.$queryRaw<{ id: string; warehouse_id: string; product_id: string; missing: number }[]>`
    SELECT id::text, warehouse_id::text, product_id::text, (quantity_ordered - quantity_shipped - quantity_cancelled - quantity_allocated)::int AS missing
    FROM sales_order_lines WHERE tenant_id = ${ctx.tenantId}::uuid AND order_id = ${orderId}::uuid
      AND quantity_ordered - quantity_shipped - quantity_cancelled > quantity_allocated`;
  const covering = await coveringPurchaseOrders(tx, ctx.tenantId, lines.map((l) => ({ lineId: l.id, warehouseId: l.warehouse_id, productId: l.product_id, missing: l.missing })));
  const tags = [...new Set([...covering.values()].flat().map((po) => poTag(po.number)))];
  if (tags.length === 0) return;
  const [row] = await tx.$queryRaw<{ tags: string[] }[]>`SELECT tags FROM sales_orders WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid`;
  const added = tags.filter((t) => !row!.tags.includes(t));
  if (added.length === 0) return;
  await tx.$executeRaw`UPDATE sales_orders SET tags = tags || ${added}::text[], updated_at = now() WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${orderId}::uuid`;
  for (const tag of added) await addOrderEvent(tx, ctx, orderId, "tagged", `Tagged "${tag}": it covers what the staged order waits for`, { tag });
}
