// Reading staged orders: what a container holds for an order, what the order still waits
// for and which open purchase orders cover it. Used by the board, the slip and the pick screen.
import type { TCoveringPurchaseOrder, TStagedOrder, TStagingBoard, TStagingBoardQuery, TOrderStaging } from "@bod/contracts/staging";
import { inTenant, Prisma, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** The board shows at most this many staged orders (a staging area holds far fewer totes). */
const BOARD_LIMIT = 500;

interface StagedRef {
  order_id: string;
  container_id: string;
  staged_at: Date;
}

export function getStagingBoard(ctx: RequestContext, query: TStagingBoardQuery): Promise<TStagingBoard> {
  return inTenant(ctx, async (tx) => {
    const refs = await tx.$queryRaw<StagedRef[]>`
      SELECT l.order_id::text, a.container_id::text, min(a.created_at) AS staged_at
      FROM allocations a JOIN sales_order_lines l ON l.tenant_id = a.tenant_id AND l.id = a.line_id
      WHERE a.tenant_id = ${ctx.tenantId}::uuid AND a.container_id IS NOT NULL
        ${query.warehouseId ? Prisma.sql`AND l.warehouse_id = ${query.warehouseId}::uuid` : Prisma.empty}
      GROUP BY l.order_id, a.container_id
      ORDER BY staged_at
      LIMIT ${BOARD_LIMIT}`;
    const items = await readStagedOrders(tx, ctx.tenantId, refs);
    items.sort((a, b) => Number(b.readyToComplete) - Number(a.readyToComplete) || a.stagedAt.localeCompare(b.stagedAt));
    return { items };
  });
}

export function getOrderStaging(ctx: RequestContext, orderId: string): Promise<TOrderStaging> {
  return inTenant(ctx, async (tx) => {
    const order = await tx.salesOrder.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: orderId } }, select: { id: true } });
    if (!order) throw notFound("Order");
    return { staged: await readStagedOrder(tx, ctx.tenantId, orderId) };
  });
}

/** The order's staging, or null when none of its units is in a container. */
export async function readStagedOrder(tx: Tx, tenantId: string, orderId: string): Promise<TStagedOrder | null> {
  const refs = await tx.$queryRaw<StagedRef[]>`
    SELECT l.order_id::text, a.container_id::text, min(a.created_at) AS staged_at
    FROM allocations a JOIN sales_order_lines l ON l.tenant_id = a.tenant_id AND l.id = a.line_id
    WHERE a.tenant_id = ${tenantId}::uuid AND l.order_id = ${orderId}::uuid AND a.container_id IS NOT NULL
    GROUP BY l.order_id, a.container_id`;
  const [staged] = await readStagedOrders(tx, tenantId, refs);
  return staged ?? null;
}

async function readStagedOrders(tx: Tx, tenantId: string, refs: StagedRef[]): Promise<TStagedOrder[]> {
  if (refs.length === 0) return [];
  const orderIds = refs.map((r) => r.order_id);
  const containerIds = [...new Set(refs.map((r) => r.container_id))];
  // One after another: a transaction is one connection, which runs one query at a time anyway.
  const orders = await tx.salesOrder.findMany({ where: { tenantId, id: { in: orderIds } }, include: { channel: { select: { name: true } }, warehouse: { select: { id: true, code: true, name: true, address: true } } } });
  const lines = await tx.salesOrderLine.findMany({ where: { tenantId, orderId: { in: orderIds } }, orderBy: { lineNo: "asc" }, include: { product: { select: { sku: true, name: true, barcode: true } } } });
  const picked = await tx.$queryRaw<{ line_id: string; quantity: number }[]>`
    SELECT line_id::text, sum(quantity)::int AS quantity FROM allocations
    WHERE tenant_id = ${tenantId}::uuid AND container_id = ANY(${containerIds}::uuid[]) GROUP BY line_id`;
  const containers = await tx.container.findMany({ where: { tenantId, id: { in: containerIds } }, include: { location: { select: { id: true, code: true } } } });
  const pickedByLine = new Map(picked.map((p) => [p.line_id, p.quantity]));
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const containerById = new Map(containers.map((c) => [c.id, c]));

  const view = lines.map((l) => {
    const remaining = l.quantityOrdered - l.quantityShipped - l.quantityCancelled;
    const inContainer = pickedByLine.get(l.id) ?? 0;
    const awaiting = Math.max(0, remaining - inContainer);
    // Allocation beyond what is in the container: hard elsewhere or soft, pickable now.
    const allocatableNow = Math.min(awaiting, Math.max(0, l.quantityAllocated - inContainer));
    return { l, remaining, inContainer, awaiting, allocatableNow, missing: awaiting - allocatableNow };
  });
  const covering = await coveringPurchaseOrders(
    tx,
    tenantId,
    view.filter((v) => v.missing > 0).map((v) => ({ lineId: v.l.id, warehouseId: v.l.warehouseId, productId: v.l.productId, missing: v.missing })),
  );

  return refs.flatMap((ref) => {
    const o = orderById.get(ref.order_id);
    const c = containerById.get(ref.container_id);
    if (!o || !c) return [];
    const own = view.filter((v) => v.l.orderId === o.id && v.remaining > 0);
    const open = o.status === "open" || o.status === "partially_shipped";
    return [
      {
        order: {
          id: o.id,
          number: o.number,
          externalId: o.externalId,
          channelName: o.channel.name,
          customerName: o.customerName,
          shippingAddress: o.shippingAddress,
          status: o.status,
          fulfillability: o.fulfillability,
          fulfillmentMode: o.fulfillmentMode,
          orderDate: o.orderDate.toISOString(),
          shipBy: iso(o.shipBy),
          tags: o.tags,
          version: o.version,
        },
        warehouseId: o.warehouseId,
        warehouse: o.warehouse,
        container: { id: c.id, code: c.code },
        location: { id: c.location.id, code: c.location.code },
        stagedAt: ref.staged_at.toISOString(),
        readyToComplete: open && own.length > 0 && own.every((v) => v.missing === 0),
        lines: own.map((v) => ({
          lineId: v.l.id,
          lineNo: v.l.lineNo,
          productId: v.l.productId,
          sku: v.l.product.sku,
          name: v.l.product.name,
          barcode: v.l.product.barcode,
          remaining: v.remaining,
          picked: v.inContainer,
          awaiting: v.awaiting,
          allocatableNow: v.allocatableNow,
          missing: v.missing,
          purchaseOrders: covering.get(v.l.id) ?? [],
        })),
      },
    ];
  });
}

/**
 * The open purchase orders that cover each line's missing units: POs linked to the line
 * first, then the other open POs of the SKU at the warehouse by expected date (unknown last),
 * until their outstanding quantity covers what is missing.
 */
export async function coveringPurchaseOrders(
  tx: Tx,
  tenantId: string,
  wanted: { lineId: string; warehouseId: string; productId: string; missing: number }[],
): Promise<Map<string, TCoveringPurchaseOrder[]>> {
  const result = new Map<string, TCoveringPurchaseOrder[]>();
  if (wanted.length === 0) return result;
  const rows = await tx.$queryRaw<{ po_id: string; number: string; expected_date: Date | null; warehouse_id: string; product_id: string; outstanding: number; pol_id: string }[]>`
    SELECT po.id::text AS po_id, po.number, po.expected_date, po.warehouse_id::text, pol.product_id::text, pol.id::text AS pol_id,
      (pol.quantity_ordered - pol.quantity_received)::int AS outstanding
    FROM purchase_order_lines pol JOIN purchase_orders po ON po.tenant_id = pol.tenant_id AND po.id = pol.purchase_order_id
    WHERE pol.tenant_id = ${tenantId}::uuid AND po.status IN ('ordered', 'partially_received') AND pol.quantity_ordered > pol.quantity_received
      AND pol.product_id = ANY(${[...new Set(wanted.map((w) => w.productId))]}::uuid[])
    ORDER BY po.expected_date ASC NULLS LAST, po.number`;
  const links = await tx.$queryRaw<{ pol_id: string; line_id: string }[]>`
    SELECT purchase_order_line_id::text AS pol_id, sales_order_line_id::text AS line_id FROM purchase_order_line_links
    WHERE tenant_id = ${tenantId}::uuid AND sales_order_line_id = ANY(${wanted.map((w) => w.lineId)}::uuid[])`;
  const linked = new Set(links.map((k) => `${k.pol_id}|${k.line_id}`));
  for (const w of wanted) {
    const candidates = rows.filter((r) => r.warehouse_id === w.warehouseId && r.product_id === w.productId);
    const ordered = [...candidates.filter((r) => linked.has(`${r.pol_id}|${w.lineId}`)), ...candidates.filter((r) => !linked.has(`${r.pol_id}|${w.lineId}`))];
    let left = w.missing;
    const cover: TCoveringPurchaseOrder[] = [];
    for (const r of ordered) {
      if (left <= 0) break;
      const quantity = Math.min(left, r.outstanding);
      cover.push({ id: r.po_id, number: r.number, expectedDate: r.expected_date ? r.expected_date.toISOString().slice(0, 10) : null, quantity });
      left -= quantity;
    }
    result.set(w.lineId, cover);
  }
  return result;
}
