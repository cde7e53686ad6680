// Links between purchase-order lines and the waiting sales-order lines they were raised for,
// and the `PO#<number>` tag those orders carry while the link stands. The caller holds the
// stock-key locks (the short quantities read here depend on allocation).
import type { Tx } from "../../db/client.ts";
import type { RequestContext } from "../../http/types.ts";

export const poTag = (poNumber: string) => `PO#${poNumber}`;

export interface LinkablePoLine {
  id: string;
  productId: string;
  quantity: number;
}

/**
 * Links each PO line to the short lines of its SKU at the PO's warehouse, in rank order
 * (priority desc, ship-by asc none last, order date, order id), up to the line's quantity.
 * Units already covered by links of other open purchase orders are not linked again.
 * Tags the linked orders `PO#<number>` (with a `tagged` event). Returns the linked order ids.
 */
export async function linkWaitingOrders(tx: Tx, ctx: RequestContext, po: { id: string; number: string; warehouseId: string }, lines: LinkablePoLine[]): Promise<string[]> {
  const { tenantId } = ctx;
  const links: { purchaseOrderLineId: string; salesOrderLineId: string; quantity: number }[] = [];
  const orderIds = new Set<string>();
  for (const line of lines) {
    let left = line.quantity;
    if (left <= 0) continue;
    const waiting = await tx.$queryRaw<{ id: string; order_id: string; need: number }[]>`
      SELECT l.id::text, l.order_id::text,
        (l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled - l.quantity_allocated
          - coalesce((
            SELECT sum(k.quantity) FROM purchase_order_line_links k
            JOIN purchase_order_lines pol ON pol.tenant_id = k.tenant_id AND pol.id = k.purchase_order_line_id
            JOIN purchase_orders p ON p.tenant_id = pol.tenant_id AND p.id = pol.purchase_order_id
            WHERE k.tenant_id = l.tenant_id AND k.sales_order_line_id = l.id AND p.id <> ${po.id}::uuid
              AND p.status IN ('draft', 'ordered', 'partially_received') AND pol.quantity_ordered > pol.quantity_received
          ), 0))::float8 AS need
      FROM sales_order_lines l
      WHERE l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = ${po.warehouseId}::uuid AND l.product_id = ${line.productId}::uuid
        AND l.is_active AND l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled > l.quantity_allocated
      ORDER BY l.rank_priority DESC, l.rank_ship_by ASC NULLS LAST, l.rank_order_date ASC, l.order_id, l.id`;
    for (const w of waiting) {
      if (left <= 0) break;
      const take = Math.min(w.need, left);
      if (take <= 0) continue;
      links.push({ purchaseOrderLineId: line.id, salesOrderLineId: w.id, quantity: take });
      orderIds.add(w.order_id);
      left -= take;
    }
  }
  if (links.length) await tx.purchaseOrderLineLink.createMany({ data: links.map((l) => ({ tenantId, ...l })) });
  await tagOrders(tx, ctx, [...orderIds], poTag(po.number));
  return [...orderIds];
}

/** Adds `tag` to the orders that lack it, bumping their version, with a `tagged` event each. */
async function tagOrders(tx: Tx, ctx: RequestContext, orderIds: string[], tag: string): Promise<void> {
  if (orderIds.length === 0) return;
  const changed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE sales_orders SET tags = array_append(tags, ${tag}), version = version + 1, updated_at = now()
    WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ANY(${orderIds}::uuid[]) AND NOT (tags @> ARRAY[${tag}]::text[])
    RETURNING id::text`;
  await addTagEvents(tx, ctx, changed.map((o) => o.id), tag, true);
}

/**
 * Removes the PO's `PO#<number>` tag from the orders that carry it but no longer have a line
 * linked to the PO (after links were trimmed or removed), with an `untagged` event each.
 */
export async function untagUnlinkedOrders(tx: Tx, ctx: RequestContext, po: { id: string; number: string }): Promise<string[]> {
  const tag = poTag(po.number);
  const changed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE sales_orders o SET tags = array_remove(o.tags, ${tag}), version = o.version + 1, updated_at = now()
    WHERE o.tenant_id = ${ctx.tenantId}::uuid AND o.tags @> ARRAY[${tag}]::text[]
      AND NOT EXISTS (
        SELECT 1 FROM purchase_order_line_links k
        JOIN purchase_order_lines pol ON pol.tenant_id = k.tenant_id AND pol.id = k.purchase_order_line_id
        JOIN sales_order_lines l ON l.tenant_id = k.tenant_id AND l.id = k.sales_order_line_id
        WHERE k.tenant_id = o.tenant_id AND pol.purchase_order_id = ${po.id}::uuid AND l.order_id = o.id)
    RETURNING o.id::text`;
  await addTagEvents(tx, ctx, changed.map((o) => o.id), tag, false);
  return changed.map((o) => o.id);
}

async function addTagEvents(tx: Tx, ctx: RequestContext, orderIds: string[], tag: string, added: boolean) {
  if (orderIds.length === 0) return;
  await tx.orderEvent.createMany({
    data: orderIds.map((orderId) => ({
      tenantId: ctx.tenantId,
      orderId,
      type: added ? "tagged" : "untagged",
      message: `${added ? "Tagged" : "Untagged"} "${tag}"`,
      data: { tag },
      actorId: ctx.userId,
    })),
  });
}

/**
 * Lowers a PO line's links to at most `max` units in total, taking from the lowest-ranked
 * linked lines first (untag with untagUnlinkedOrders afterwards).
 */
export async function trimLinks(tx: Tx, tenantId: string, poLineId: string, max: number): Promise<void> {
  const rows = await tx.$queryRaw<{ sales_order_line_id: string; quantity: number }[]>`
    SELECT k.sales_order_line_id::text, k.quantity
    FROM purchase_order_line_links k JOIN sales_order_lines l ON l.tenant_id = k.tenant_id AND l.id = k.sales_order_line_id
    WHERE k.tenant_id = ${tenantId}::uuid AND k.purchase_order_line_id = ${poLineId}::uuid
    ORDER BY l.rank_priority ASC, l.rank_ship_by DESC NULLS FIRST, l.rank_order_date DESC, l.order_id DESC, l.id DESC`;
  let total = rows.reduce((s, r) => s + r.quantity, 0);
  for (const r of rows) {
    if (total <= max) break;
    const cut = Math.min(r.quantity, total - max);
    if (cut === r.quantity) {
      await tx.$executeRaw`DELETE FROM purchase_order_line_links WHERE tenant_id = ${tenantId}::uuid AND purchase_order_line_id = ${poLineId}::uuid AND sales_order_line_id = ${r.sales_order_line_id}::uuid`;
    } else {
      await tx.$executeRaw`UPDATE purchase_order_line_links SET quantity = quantity - ${cut}
        WHERE tenant_id = ${tenantId}::uuid AND purchase_order_line_id = ${poLineId}::uuid AND sales_order_line_id = ${r.sales_order_line_id}::uuid`;
    }
    total -= cut;
  }
}
