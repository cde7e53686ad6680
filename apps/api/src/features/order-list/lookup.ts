// One order from what a scanner reads: the order number (prefix and leading zeros optional),
// the store's order id or name, or a shipment number. One tenant-scoped SQL statement; a number
// match wins over a store id, which wins over a store name, then the newest order.
import type { TOrderLookup } from "@bod/contracts/order-list";
import { inTenant } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";

const ORDER_PREFIX = "SO-";

/** `SO-001628`, `so1628`, `1628`, `001628` → `SO-001628`; anything else → null. */
export function canonicalOrderNumber(code: string): string | null {
  const m = /^(?:SO-?)?0*(\d{1,18})$/i.exec(code.trim());
  return m ? `${ORDER_PREFIX}${m[1]!.padStart(6, "0")}` : null;
}

export async function lookupOrder(ctx: RequestContext, code: string): Promise<TOrderLookup> {
  const raw = code.trim();
  const number = canonicalOrderNumber(raw) ?? raw.toUpperCase();
  const storeName = raw.startsWith("#") ? raw : `#${raw}`;
  const rows = await inTenant(ctx, (tx) =>
    tx.$queryRaw<TOrderLookup[]>`
      SELECT o.id::text, o.number, o.status::text AS status, m.matched_by AS "matchedBy"
      FROM sales_orders o
      JOIN LATERAL (
        SELECT CASE
          WHEN o.number = ${number} THEN 'number'
          WHEN o.id IN (SELECT s.order_id FROM shipments s WHERE s.tenant_id = ${ctx.tenantId}::uuid AND s.number = ${raw.toUpperCase()}) THEN 'shipment'
          WHEN o.external_id = ${raw} THEN 'external_id'
          WHEN o.store_order_name IN (${raw}, ${storeName}) THEN 'store_order_name'
        END AS matched_by
      ) m ON m.matched_by IS NOT NULL
      WHERE o.tenant_id = ${ctx.tenantId}::uuid
        AND (o.number = ${number}
          OR o.external_id = ${raw}
          OR o.store_order_name IN (${raw}, ${storeName})
          OR o.id IN (SELECT s.order_id FROM shipments s WHERE s.tenant_id = ${ctx.tenantId}::uuid AND s.number = ${raw.toUpperCase()}))
      ORDER BY array_position(ARRAY['number', 'shipment', 'external_id', 'store_order_name'], m.matched_by), o.created_at DESC
      LIMIT 1`,
  );
  const hit = rows[0];
  if (!hit) throw notFound("Order");
  return hit;
}
