// The places staging names, checked against the order: the container (one order at a time,
// one container per order, on a staging location of the order's warehouse) and the pick
// locations units come from or go back to. Callers hold the order's key and row locks.
import type { Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";

export interface LockedContainer {
  id: string;
  code: string;
  locationId: string;
  locationCode: string;
}

/**
 * Finds the container by id or code and locks its row (FOR UPDATE), so two pickers staging
 * two orders into one container serialize here. 404 for an unknown (or another tenant's)
 * container; 422 when it is not on a staging location of the order's warehouse; 409 when it
 * holds another order, or the order is already in another container.
 */
export async function lockContainerForOrder(
  tx: Tx,
  tenantId: string,
  order: { id: string; number: string; warehouseId: string },
  ref: { containerId?: string; containerCode?: string },
): Promise<LockedContainer> {
  const rows = ref.containerId
    ? await tx.$queryRaw<{ id: string; code: string; location_id: string }[]>`
        SELECT id::text, code, location_id::text FROM containers WHERE tenant_id = ${tenantId}::uuid AND id = ${ref.containerId}::uuid FOR UPDATE`
    : await tx.$queryRaw<{ id: string; code: string; location_id: string }[]>`
        SELECT id::text, code, location_id::text FROM containers WHERE tenant_id = ${tenantId}::uuid AND lower(code) = lower(${ref.containerCode ?? ""}) FOR UPDATE`;
  const container = rows[0];
  if (!container) {
    const path = ref.containerId ? "containerId" : "containerCode";
    throw new AppError("not_found", ref.containerId ? "Container not found" : `No container with code “${ref.containerCode}”`, [{ path, message: "No such container" }]);
  }
  const location = await tx.location.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: container.location_id } }, select: { code: true, kind: true, warehouseId: true } });
  if (location.kind !== "staging") throw new AppError("rule_violation", `Container ${container.code} is not on a staging location`, { containerId: container.id });
  if (location.warehouseId !== order.warehouseId) {
    throw new AppError("rule_violation", `Container ${container.code} is on ${location.code}, a staging location of another warehouse than order ${order.number}`, { containerId: container.id, locationId: container.location_id });
  }
  const occupants = await tx.$queryRaw<{ order_id: string; number: string }[]>`
    SELECT DISTINCT l.order_id::text, o.number FROM allocations a
    JOIN sales_order_lines l ON l.tenant_id = a.tenant_id AND l.id = a.line_id
    JOIN sales_orders o ON o.tenant_id = l.tenant_id AND o.id = l.order_id
    WHERE a.tenant_id = ${tenantId}::uuid AND a.container_id = ${container.id}::uuid AND l.order_id <> ${order.id}::uuid`;
  if (occupants[0]) {
    throw new AppError("conflict", `Container ${container.code} holds order ${occupants[0].number}: a container holds one order at a time`, { containerId: container.id, orderId: occupants[0].order_id });
  }
  const current = await orderContainer(tx, tenantId, order.id);
  if (current && current.id !== container.id) {
    throw new AppError("conflict", `Order ${order.number} is staged in container ${current.code}: pick into that one (one container per order)`, { containerId: current.id });
  }
  return { id: container.id, code: container.code, locationId: container.location_id, locationCode: location.code };
}

/** The container the order's staged units are in, if any. */
export async function orderContainer(tx: Tx, tenantId: string, orderId: string): Promise<{ id: string; code: string; locationId: string } | undefined> {
  const rows = await tx.$queryRaw<{ id: string; code: string; location_id: string }[]>`
    SELECT DISTINCT c.id::text, c.code, c.location_id::text FROM allocations a
    JOIN sales_order_lines l ON l.tenant_id = a.tenant_id AND l.id = a.line_id
    JOIN containers c ON c.tenant_id = a.tenant_id AND c.id = a.container_id
    WHERE a.tenant_id = ${tenantId}::uuid AND l.order_id = ${orderId}::uuid`;
  const r = rows[0];
  return r ? { id: r.id, code: r.code, locationId: r.location_id } : undefined;
}

/** A pick (or bulk) location of the order's warehouse: 404 when unknown, 422 for another kind or warehouse. */
export async function requirePickLocation(tx: Tx, tenantId: string, warehouseId: string, locationId: string, path: string) {
  const location = await tx.location.findUnique({ where: { tenantId_id: { tenantId, id: locationId } }, select: { id: true, code: true, kind: true, warehouseId: true } });
  if (!location) throw new AppError("not_found", "Location not found", [{ path, message: "No such location" }]);
  if (location.warehouseId !== warehouseId) throw new AppError("rule_violation", `Location ${location.code} is in another warehouse than the order`, [{ path, message: "Another warehouse" }]);
  if (location.kind !== "pick" && location.kind !== "bulk") throw new AppError("rule_violation", `Location ${location.code} is a ${location.kind} location, not a pick or bulk location`, [{ path, message: "Not a pick location" }]);
  return location;
}
