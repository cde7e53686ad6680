// Pick lists: made from fulfillable orders of one warehouse that are on no other open list,
// with each line's bin as it is now; an order released from a list, a list cancelled. Picking
// records progress only (docs/decisions/015): nothing here moves stock or allocations.
import type { TCreatePickListRequest, TCreatePickListResponse, TLeftOutOrder, TPickList, TPickListsQuery, TReleasePickListOrderRequest } from "@bod/contracts/pick-lists";
import type { TPage } from "@bod/contracts/common";
import type { TPickListSummary } from "@bod/contracts/pick-lists";
import { inTenant, pgCode, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { nextNumber } from "../orders/write.ts";
import { readPickList, readPickListPage } from "./read.ts";

const UNIQUE_VIOLATION = "23505";

interface CandidateRow {
  id: string;
  number: string;
  warehouse_id: string;
  status: string;
  fulfillability: string | null;
  open_list: string | null;
}

export function listPickLists(ctx: RequestContext, query: TPickListsQuery): Promise<TPage<TPickListSummary>> {
  return inTenant(ctx, (tx) => readPickListPage(tx, ctx.tenantId, query));
}

export function getPickList(ctx: RequestContext, pickListId: string): Promise<TPickList> {
  return inTenant(ctx, (tx) => readPickList(tx, ctx.tenantId, pickListId));
}

export function createPickList(ctx: RequestContext, input: TCreatePickListRequest): Promise<TCreatePickListResponse> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    // The asked-for orders, locked in id order: two lists made at once from the same orders serialize here.
    const sorted = [...input.orderIds].sort();
    await tx.$queryRaw`SELECT id FROM sales_orders WHERE tenant_id = ${tenantId}::uuid AND id = ANY(${sorted}::uuid[]) ORDER BY id FOR UPDATE`;
    // Read after the locks, in a statement of its own: it sees a list that another request committed while this one waited.
    const rows = await tx.$queryRaw<CandidateRow[]>`
      SELECT o.id::text, o.number, o.warehouse_id::text, o.status::text, o.fulfillability::text,
        (SELECT p.number FROM pick_list_orders po JOIN pick_lists p ON p.tenant_id = po.tenant_id AND p.id = po.pick_list_id
          WHERE po.tenant_id = o.tenant_id AND po.order_id = o.id AND po.state = 'open' LIMIT 1) AS open_list
      FROM sales_orders o WHERE o.tenant_id = ${tenantId}::uuid AND o.id = ANY(${sorted}::uuid[])`;
    const byId = new Map(rows.map((r) => [r.id, r]));

    const leftOut: TLeftOutOrder[] = [];
    const accepted: CandidateRow[] = [];
    let warehouseId: string | undefined;
    for (const id of input.orderIds) {
      const r = byId.get(id);
      if (!r) {
        leftOut.push({ orderId: id, number: null, reason: "not_found", message: "Order not found" });
      } else if (r.open_list) {
        leftOut.push({ orderId: id, number: r.number, reason: "on_open_pick_list", message: `${r.number} is already on open pick list ${r.open_list}` });
      } else if (!isFulfillable(r)) {
        leftOut.push({ orderId: id, number: r.number, reason: "not_fulfillable", message: `${r.number} is not fulfillable now (${describe(r)})` });
      } else if (warehouseId && r.warehouse_id !== warehouseId) {
        leftOut.push({ orderId: id, number: r.number, reason: "other_warehouse", message: `${r.number} ships from another warehouse than the list` });
      } else {
        warehouseId ??= r.warehouse_id;
        accepted.push(r);
      }
    }
    if (!warehouseId || accepted.length === 0) {
      throw new AppError(
        "rule_violation",
        "None of the orders can go on a pick list",
        leftOut.map((l) => ({ path: `orderIds.${input.orderIds.indexOf(l.orderId)}`, message: l.message, reason: l.reason, orderId: l.orderId })),
      );
    }

    const number = await nextNumber(tx, tenantId, "pick_list", "PL-");
    const list = await tx.pickList.create({ data: { tenantId, number, warehouseId, createdBy: ctx.userId }, select: { id: true } });
    // Dealing order: the engine's ranking (priority, ship-by, order date, id).
    const ids = accepted.map((r) => r.id);
    try {
      await tx.$executeRaw`
        INSERT INTO pick_list_orders (tenant_id, pick_list_id, order_id, position)
        SELECT o.tenant_id, ${list.id}::uuid, o.id, row_number() OVER (ORDER BY o.priority DESC, o.ship_by NULLS LAST, o.order_date, o.id)::int
        FROM sales_orders o WHERE o.tenant_id = ${tenantId}::uuid AND o.id = ANY(${ids}::uuid[])`;
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION) throw new AppError("conflict", "One of the orders was just put on another pick list; try again");
      throw error;
    }
    // Every remaining unit of each order, with the product's bin in the warehouse as it is now.
    await tx.$executeRaw`
      INSERT INTO pick_list_lines (tenant_id, pick_list_id, order_id, line_id, product_id, location_id, location_code, quantity)
      SELECT l.tenant_id, ${list.id}::uuid, l.order_id, l.id, l.product_id, pl.location_id, loc.code,
        l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled
      FROM sales_order_lines l
      LEFT JOIN product_locations pl ON pl.tenant_id = l.tenant_id AND pl.warehouse_id = l.warehouse_id AND pl.product_id = l.product_id
      LEFT JOIN locations loc ON loc.tenant_id = pl.tenant_id AND loc.id = pl.location_id
      WHERE l.tenant_id = ${tenantId}::uuid AND l.order_id = ANY(${ids}::uuid[])
        AND l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled > 0`;
    return { pickList: await readPickList(tx, tenantId, list.id), leftOut };
  });
}

/** The order can ship in full now: open (or partly shipped) and every remaining unit allocated. */
function isFulfillable(r: CandidateRow) {
  return (r.status === "open" || r.status === "partially_shipped") && r.fulfillability === "fulfillable";
}

function describe(r: CandidateRow) {
  if (r.status !== "open" && r.status !== "partially_shipped") return r.status.replace("_", " ");
  return (r.fulfillability ?? "not allocated").replace("_", " ");
}

/** The list row, locked: scans, releases, cancels and shipping of one list run one at a time. */
export async function lockPickList(tx: Tx, tenantId: string, pickListId: string): Promise<{ id: string; number: string; status: string; warehouseId: string }> {
  const rows = await tx.$queryRaw<{ id: string; number: string; status: string; warehouse_id: string }[]>`
    SELECT id::text, number, status::text, warehouse_id::text FROM pick_lists WHERE tenant_id = ${tenantId}::uuid AND id = ${pickListId}::uuid FOR UPDATE`;
  const r = rows[0];
  if (!r) throw notFound("Pick list");
  return { id: r.id, number: r.number, status: r.status, warehouseId: r.warehouse_id };
}

export function requireOpen(list: { number: string; status: string }) {
  if (list.status !== "open") throw new AppError("rule_violation", `Pick list ${list.number} is ${list.status}`);
}

/** A list with no open order left is completed. */
export async function completeIfDone(tx: Tx, ctx: RequestContext, pickListId: string) {
  await tx.$executeRaw`UPDATE pick_lists SET status = 'completed', closed_at = now(), closed_by = ${ctx.userId}::uuid
    WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${pickListId}::uuid AND status = 'open'
      AND NOT EXISTS (SELECT 1 FROM pick_list_orders o WHERE o.tenant_id = pick_lists.tenant_id AND o.pick_list_id = pick_lists.id AND o.state = 'open')`;
}

export function releasePickListOrder(ctx: RequestContext, pickListId: string, orderId: string, input: TReleasePickListOrderRequest): Promise<TPickList> {
  return inTenant(ctx, async (tx) => {
    const list = await lockPickList(tx, ctx.tenantId, pickListId);
    requireOpen(list);
    const changed = await tx.$executeRaw`UPDATE pick_list_orders SET state = 'released', note = ${input.reason ?? "Released from the list"}
      WHERE tenant_id = ${ctx.tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND order_id = ${orderId}::uuid AND state = 'open'`;
    if (changed === 0) {
      const on = await tx.pickListOrder.findUnique({ where: { tenantId_pickListId_orderId: { tenantId: ctx.tenantId, pickListId, orderId } }, select: { state: true } });
      if (!on) throw notFound("Order on this pick list");
      throw new AppError("rule_violation", `The order is already ${on.state} on pick list ${list.number}`);
    }
    await completeIfDone(tx, ctx, pickListId);
    return readPickList(tx, ctx.tenantId, pickListId);
  });
}

/** Every open order leaves the list; what was picked goes back to its bins (nothing moved in stock). */
export function cancelPickList(ctx: RequestContext, pickListId: string): Promise<TPickList> {
  return inTenant(ctx, async (tx) => {
    const list = await lockPickList(tx, ctx.tenantId, pickListId);
    requireOpen(list);
    await tx.$executeRaw`UPDATE pick_list_orders SET state = 'released', note = 'The list was cancelled'
      WHERE tenant_id = ${ctx.tenantId}::uuid AND pick_list_id = ${pickListId}::uuid AND state = 'open'`;
    await tx.$executeRaw`UPDATE pick_lists SET status = 'cancelled', closed_at = now(), closed_by = ${ctx.userId}::uuid
      WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${pickListId}::uuid`;
    return readPickList(tx, ctx.tenantId, pickListId);
  });
}
