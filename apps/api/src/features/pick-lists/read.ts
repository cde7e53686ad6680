// Pick lists as read: the SQL of the feature's reads (one list grouped by bin and SKU with
// where each unit goes, the lists of a company open first), with typed rows.
import type { TPickList, TPickListOrder, TPickListSummary, TPickListsQuery } from "@bod/contracts/pick-lists";
import type { TPage } from "@bod/contracts/common";
import { groupPickLines, type PickLine } from "@bod/domain/pick-lists";
import type { Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import { cursorPart, decodeCursor, iso, isoOrNull, toPage } from "../../http/pagination.ts";

interface SummaryRow {
  id: string;
  number: string;
  status: "open" | "completed" | "cancelled";
  warehouse_id: string;
  warehouse_code: string;
  warehouse_name: string;
  warehouse_address: string | null;
  created_at: Date;
  created_by: string | null;
  closed_at: Date | null;
  order_count: number;
  open_orders: number;
  units: number;
  picked: number;
}

// Units are summed as float8 (exact to 2^53) like the other sums of many rows.
async function readSummaries(tx: Tx, tenantId: string, where: { id?: string; status?: string; warehouseId?: string; after?: [number, string, string]; limit: number }): Promise<(SummaryRow & { closed_flag: number })[]> {
  const after = where.after;
  return tx.$queryRaw<(SummaryRow & { closed_flag: number })[]>`
    SELECT p.id::text, p.number, p.status::text, p.warehouse_id::text, w.code AS warehouse_code, w.name AS warehouse_name, w.address AS warehouse_address,
      p.created_at, coalesce(u.name, u.email) AS created_by, p.closed_at, (p.status <> 'open')::int AS closed_flag,
      (SELECT count(*)::int FROM pick_list_orders o WHERE o.tenant_id = p.tenant_id AND o.pick_list_id = p.id) AS order_count,
      (SELECT count(*)::int FROM pick_list_orders o WHERE o.tenant_id = p.tenant_id AND o.pick_list_id = p.id AND o.state = 'open') AS open_orders,
      (SELECT coalesce(sum(l.quantity), 0)::float8 FROM pick_list_lines l JOIN pick_list_orders o ON o.tenant_id = l.tenant_id AND o.pick_list_id = l.pick_list_id AND o.order_id = l.order_id
        WHERE l.tenant_id = p.tenant_id AND l.pick_list_id = p.id AND o.state <> 'released') AS units,
      (SELECT coalesce(sum(l.picked), 0)::float8 FROM pick_list_lines l JOIN pick_list_orders o ON o.tenant_id = l.tenant_id AND o.pick_list_id = l.pick_list_id AND o.order_id = l.order_id
        WHERE l.tenant_id = p.tenant_id AND l.pick_list_id = p.id AND o.state <> 'released') AS picked
    FROM pick_lists p
    JOIN warehouses w ON w.tenant_id = p.tenant_id AND w.id = p.warehouse_id
    LEFT JOIN users u ON u.id = p.created_by
    WHERE p.tenant_id = ${tenantId}::uuid
      AND (${where.id ?? null}::uuid IS NULL OR p.id = ${where.id ?? null}::uuid)
      AND (${where.status ?? null}::text IS NULL OR p.status::text = ${where.status ?? null}::text)
      AND (${where.warehouseId ?? null}::uuid IS NULL OR p.warehouse_id = ${where.warehouseId ?? null}::uuid)
      AND (${after ? after[0] : null}::int IS NULL
        OR (p.status <> 'open')::int > ${after ? after[0] : null}::int
        OR ((p.status <> 'open')::int = ${after ? after[0] : null}::int AND (p.created_at, p.id) < (${after ? after[1] : null}::timestamptz, ${after ? after[2] : null}::uuid)))
    ORDER BY closed_flag, p.created_at DESC, p.id DESC
    LIMIT ${where.limit}`;
}

function toSummary(r: SummaryRow): TPickListSummary {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    warehouse: { id: r.warehouse_id, code: r.warehouse_code, name: r.warehouse_name },
    orderCount: r.order_count,
    openOrders: r.open_orders,
    units: Number(r.units),
    picked: Number(r.picked),
    createdAt: iso(r.created_at),
    createdBy: r.created_by,
    closedAt: isoOrNull(r.closed_at),
  };
}

/** Open lists first, then the newest. */
export async function readPickListPage(tx: Tx, tenantId: string, query: TPickListsQuery): Promise<TPage<TPickListSummary>> {
  const after = decodeCursor(query.cursor, [cursorPart.int, cursorPart.instant, cursorPart.id]);
  const rows = await readSummaries(tx, tenantId, { status: query.status, warehouseId: query.warehouseId, after, limit: query.limit + 1 });
  return toPage(rows, query.limit, (r) => [r.closed_flag, iso(r.created_at), r.id], toSummary);
}

interface OrderRow {
  order_id: string;
  number: string;
  external_id: string | null;
  customer_name: string;
  priority: number;
  ship_by: Date | null;
  state: "open" | "shipped" | "released";
  shipment_id: string | null;
  shipment_number: string | null;
  note: string | null;
  units: number;
  picked: number;
}

/** A list's lines as the domain's pick rules read them (packages/domain/src/pick-lists.ts). */
export function readPickLines(tx: Tx, tenantId: string, pickListId: string, where: { orders?: "open" | "not_released" | "any"; lineId?: string } = {}): Promise<PickLine[]> {
  return tx.$queryRaw<PickLine[]>`
    SELECT l.line_id::text AS "lineId", l.order_id::text AS "orderId", so.number AS "orderNumber", o.position, sl.line_no AS "lineNo",
      l.product_id::text AS "productId", p.sku, p.name, p.barcode, l.location_id::text AS "locationId", l.location_code AS "locationCode", l.quantity, l.picked
    FROM pick_list_lines l
    JOIN pick_list_orders o ON o.tenant_id = l.tenant_id AND o.pick_list_id = l.pick_list_id AND o.order_id = l.order_id
    JOIN sales_orders so ON so.tenant_id = l.tenant_id AND so.id = l.order_id
    JOIN sales_order_lines sl ON sl.tenant_id = l.tenant_id AND sl.id = l.line_id
    JOIN products p ON p.tenant_id = l.tenant_id AND p.id = l.product_id
    WHERE l.tenant_id = ${tenantId}::uuid AND l.pick_list_id = ${pickListId}::uuid
      AND (CASE ${where.orders ?? "not_released"}::text WHEN 'open' THEN o.state = 'open' WHEN 'any' THEN true ELSE o.state <> 'released' END)
      AND (${where.lineId ?? null}::uuid IS NULL OR l.line_id = ${where.lineId ?? null}::uuid)`;
}

/** One list: its orders in dealing order, and its lines grouped by bin (code order, none last) then SKU. */
export async function readPickList(tx: Tx, tenantId: string, pickListId: string): Promise<TPickList> {
  const [summary] = await readSummaries(tx, tenantId, { id: pickListId, limit: 1 });
  if (!summary) throw notFound("Pick list");
  const orders = await tx.$queryRaw<OrderRow[]>`
    SELECT o.order_id::text, so.number, so.external_id, so.customer_name, so.priority, so.ship_by, o.state::text, o.shipment_id::text, s.number AS shipment_number, o.note,
      (SELECT coalesce(sum(l.quantity), 0)::int FROM pick_list_lines l WHERE l.tenant_id = o.tenant_id AND l.pick_list_id = o.pick_list_id AND l.order_id = o.order_id) AS units,
      (SELECT coalesce(sum(l.picked), 0)::int FROM pick_list_lines l WHERE l.tenant_id = o.tenant_id AND l.pick_list_id = o.pick_list_id AND l.order_id = o.order_id) AS picked
    FROM pick_list_orders o
    JOIN sales_orders so ON so.tenant_id = o.tenant_id AND so.id = o.order_id
    LEFT JOIN shipments s ON s.tenant_id = o.tenant_id AND s.id = o.shipment_id
    WHERE o.tenant_id = ${tenantId}::uuid AND o.pick_list_id = ${pickListId}::uuid
    ORDER BY o.position`;
  const lines = await readPickLines(tx, tenantId, pickListId);
  return {
    ...toSummary(summary),
    warehouse: { id: summary.warehouse_id, code: summary.warehouse_code, name: summary.warehouse_name, address: summary.warehouse_address },
    orders: orders.map(toOrder),
    groups: groupPickLines(lines),
  };
}

function toOrder(r: OrderRow): TPickListOrder {
  return {
    orderId: r.order_id,
    number: r.number,
    externalId: r.external_id,
    customerName: r.customer_name,
    priority: r.priority,
    shipBy: isoOrNull(r.ship_by),
    state: r.state,
    shipmentId: r.shipment_id,
    shipmentNumber: r.shipment_number,
    units: r.units,
    picked: r.picked,
    complete: r.units > 0 && r.picked === r.units,
    note: r.note,
  };
}
