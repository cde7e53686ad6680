// Reading purchase orders: the detail (lines with ordered / received / remaining, the orders
// each line is linked to, receipts) and the keyset list.
import { allowedPurchaseOrderActions } from "@bod/contracts/actions";
import type { RequestContext } from "../../http/types.ts";
import type { TPage } from "@bod/contracts/common";
import type { TPurchaseOrder, TPurchaseOrderListItem, TPurchaseOrderListQuery, TReceipt } from "@bod/contracts/purchasing";
import { Prisma, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import { decodeTextCursor, encodeCursor } from "../../http/pagination.ts";

export const dateOnly = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The purchase order as `ctx`'s user sees it: with the actions that user may take on it now. */
export async function readPurchaseOrder(tx: Tx, ctx: Pick<RequestContext, "tenantId" | "role">, poId: string): Promise<TPurchaseOrder> {
  const { tenantId } = ctx;
  const po = await tx.purchaseOrder.findUnique({
    where: { tenantId_id: { tenantId, id: poId } },
    include: {
      supplier: { select: { id: true, name: true, email: true } },
      warehouse: { select: { id: true, name: true, code: true, address: true } },
      lines: { include: { product: { select: { sku: true, name: true, barcode: true } } } },
    },
  });
  if (!po) throw notFound("Purchase order");
  const lineIds = po.lines.map((l) => l.id);
  const links = lineIds.length
    ? await tx.$queryRaw<{ po_line: string; order_id: string; number: string; quantity: number }[]>`
        SELECT k.purchase_order_line_id::text AS po_line, o.id::text AS order_id, o.number, sum(k.quantity)::float8 AS quantity
        FROM purchase_order_line_links k
        JOIN sales_order_lines l ON l.tenant_id = k.tenant_id AND l.id = k.sales_order_line_id
        JOIN sales_orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
        WHERE k.tenant_id = ${tenantId}::uuid AND k.purchase_order_line_id = ANY(${lineIds}::uuid[])
        GROUP BY k.purchase_order_line_id, o.id, o.number, o.priority, o.ship_by, o.order_date
        ORDER BY o.priority DESC, o.ship_by ASC NULLS LAST, o.order_date, o.id`
    : [];
  const linksByLine = new Map<string, { orderId: string; number: string; quantity: number }[]>();
  for (const k of links) (linksByLine.get(k.po_line) ?? linksByLine.set(k.po_line, []).get(k.po_line)!).push({ orderId: k.order_id, number: k.number, quantity: k.quantity });

  const lines = [...po.lines]
    .sort((a, b) => (a.product.sku < b.product.sku ? -1 : a.product.sku > b.product.sku ? 1 : 0))
    .map((l) => ({
      id: l.id,
      productId: l.productId,
      sku: l.product.sku,
      name: l.product.name,
      barcode: l.product.barcode,
      quantityOrdered: l.quantityOrdered,
      quantityReceived: l.quantityReceived,
      remaining: Math.max(0, l.quantityOrdered - l.quantityReceived),
      unitCostCents: l.unitCostCents,
      linkedOrders: linksByLine.get(l.id) ?? [],
    }));
  return {
    id: po.id,
    number: po.number,
    supplier: po.supplier,
    warehouse: po.warehouse,
    status: po.status,
    expectedDate: dateOnly(po.expectedDate),
    notes: po.notes,
    totalCents: po.lines.reduce((s, l) => s + l.quantityOrdered * l.unitCostCents, 0),
    lines,
    receipts: await readReceipts(tx, tenantId, { purchaseOrderId: po.id }),
    version: po.version,
    createdAt: po.createdAt.toISOString(),
    updatedAt: po.updatedAt.toISOString(),
    allowedActions: allowedPurchaseOrderActions(ctx.role, { status: po.status, received: po.lines.reduce((n, l) => n + l.quantityReceived, 0) }),
  };
}

/** Receipts of a purchase order (oldest first), or one receipt. */
export async function readReceipts(tx: Tx, tenantId: string, where: { purchaseOrderId: string } | { id: string }): Promise<TReceipt[]> {
  const receipts = await tx.receipt.findMany({
    where: { tenantId, ...where },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { lines: { include: { purchaseOrderLine: { select: { productId: true, product: { select: { sku: true } } } } } } },
  });
  const userIds = [...new Set(receipts.map((r) => r.createdBy).filter((x): x is string => !!x))];
  const users = userIds.length ? await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return receipts.map((r) => ({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy ? { id: r.createdBy, name: names.get(r.createdBy) ?? "" } : null,
    lines: r.lines
      .map((l) => ({ productId: l.purchaseOrderLine.productId, sku: l.purchaseOrderLine.product.sku, quantity: l.quantity }))
      .sort((a, b) => (a.sku < b.sku ? -1 : 1)),
  }));
}

interface ListRow {
  id: string;
  number: string;
  supplier_id: string;
  supplier_name: string;
  warehouse_id: string;
  warehouse_name: string;
  warehouse_code: string;
  status: TPurchaseOrder["status"];
  expected_date: Date | null;
  line_count: number;
  total_cents: number;
  created_at: Date;
}

/** Newest first (numbers are zero-padded, so they sort as text); keyset on (number, id). */
export async function listPurchaseOrders(tx: Tx, tenantId: string, query: Omit<TPurchaseOrderListQuery, "limit"> & { limit: number }): Promise<TPage<TPurchaseOrderListItem>> {
  const cursor = decodeTextCursor(query.cursor);
  const q = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await tx.$queryRaw<ListRow[]>`
    SELECT po.id::text, po.number, s.id::text AS supplier_id, s.name AS supplier_name, w.id::text AS warehouse_id, w.name AS warehouse_name, w.code AS warehouse_code,
      po.status::text AS status, po.expected_date, po.created_at,
      (SELECT count(*)::int FROM purchase_order_lines pol WHERE pol.tenant_id = po.tenant_id AND pol.purchase_order_id = po.id) AS line_count,
      (SELECT coalesce(sum(pol.quantity_ordered::float8 * pol.unit_cost_cents), 0) FROM purchase_order_lines pol WHERE pol.tenant_id = po.tenant_id AND pol.purchase_order_id = po.id) AS total_cents
    FROM purchase_orders po
    JOIN suppliers s ON s.tenant_id = po.tenant_id AND s.id = po.supplier_id
    JOIN warehouses w ON w.tenant_id = po.tenant_id AND w.id = po.warehouse_id
    WHERE po.tenant_id = ${tenantId}::uuid
      ${query.status ? Prisma.sql`AND po.status::text = ANY(${query.status}::text[])` : Prisma.empty}
      ${query.supplierId ? Prisma.sql`AND po.supplier_id = ${query.supplierId}::uuid` : Prisma.empty}
      ${q ? Prisma.sql`AND (po.number ILIKE ${q} OR s.name ILIKE ${q})` : Prisma.empty}
      ${cursor ? Prisma.sql`AND (po.number, po.id) < (${cursor.key}, ${cursor.id}::uuid)` : Prisma.empty}
    ORDER BY po.number DESC, po.id DESC
    LIMIT ${query.limit + 1}`;
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      number: r.number,
      supplier: { id: r.supplier_id, name: r.supplier_name },
      warehouse: { id: r.warehouse_id, name: r.warehouse_name, code: r.warehouse_code },
      status: r.status,
      expectedDate: dateOnly(r.expected_date),
      lineCount: r.line_count,
      totalCents: Number(r.total_cents),
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor: hasMore && last ? encodeCursor([last.number, last.id]) : null,
  };
}
