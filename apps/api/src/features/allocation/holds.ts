// What the engine's result means for a Shopify store: the units of an order that are not
// allocated are "backordered" there, held (fulfillment hold, reason out of stock) so nobody
// fulfils them in the store. After each recompute, the orders it touched are compared with the
// hold last announced (`sales_orders.store_hold_state`: unallocated units per store line); where
// it differs, the new state is stored and an `order.hold` message is written to the outbox in the
// same transaction (empty: release). Only orders of enabled, connected Shopify channels; one
// statement, nothing when none.
import type { Tx } from "../../db/client.ts";

export const ORDER_HOLD = "order.hold";

export async function announceHolds(tx: Tx, tenantId: string, orderIds: string[]): Promise<number> {
  if (orderIds.length === 0) return 0;
  return tx.$executeRaw`
    WITH wanted AS (
      SELECT o.id, o.channel_id,
        coalesce(jsonb_object_agg(l.external_line_id, l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled - l.quantity_allocated)
          FILTER (WHERE o.status IN ('open', 'partially_shipped') AND l.external_line_id IS NOT NULL
                  AND l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled - l.quantity_allocated > 0), '{}'::jsonb) AS hold
      FROM sales_orders o
      JOIN sales_channels c ON c.tenant_id = o.tenant_id AND c.id = o.channel_id
      JOIN sales_order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
      WHERE o.tenant_id = ${tenantId}::uuid AND o.id = ANY(${orderIds}::uuid[]) AND o.external_id IS NOT NULL
        AND c.kind = 'shopify' AND c.enabled AND c.store_url IS NOT NULL
      GROUP BY o.id, o.channel_id
    ), changed AS (
      UPDATE sales_orders o SET store_hold_state = w.hold FROM wanted w
      WHERE o.tenant_id = ${tenantId}::uuid AND o.id = w.id AND coalesce(o.store_hold_state, '{}'::jsonb) <> w.hold
      RETURNING o.id, w.channel_id, w.hold
    )
    INSERT INTO outbox_events (tenant_id, type, payload, order_id, channel_id, stream)
    SELECT ${tenantId}::uuid, ${ORDER_HOLD}, jsonb_build_object('orderId', id, 'hold', hold), id, channel_id, 'order:' || id FROM changed`;
}
