// What must be true after the soak, read past the API (a superuser connection on the same
// database) and through it (the allocation check): each check is a query listing what violates
// it, so a failure names the rows. Used by `npm run soak` and apps/api/test/soak.test.ts.
import type pg from "pg";
import type { ApiClient } from "../client.ts";

export interface SoakCheck {
  name: string;
  ok: boolean;
  violations: number;
  sample: unknown[];
}

/** name → a query over `$1` (the tenant) returning one row per violation. */
const CHECKS: Record<string, string> = {
  // On hand is the sum of the ledger, per key.
  ledger_equals_stock_levels: `
    SELECT s.warehouse_id, s.product_id, s.on_hand, coalesce(m.total, 0) AS ledger
    FROM stock_levels s
    LEFT JOIN (SELECT warehouse_id, product_id, sum(quantity)::int AS total FROM stock_movements WHERE tenant_id = $1 GROUP BY 1, 2) m USING (warehouse_id, product_id)
    WHERE s.tenant_id = $1 AND s.on_hand <> coalesce(m.total, 0)
    UNION ALL
    SELECT m.warehouse_id, m.product_id, NULL, m.total FROM (SELECT warehouse_id, product_id, sum(quantity)::int AS total FROM stock_movements WHERE tenant_id = $1 GROUP BY 1, 2) m
    WHERE m.total <> 0 AND NOT EXISTS (SELECT 1 FROM stock_levels s WHERE s.tenant_id = $1 AND s.warehouse_id = m.warehouse_id AND s.product_id = m.product_id)`,
  // Nothing negative, nothing promised beyond what is there, set-aside units within on hand.
  stock_not_negative: `
    SELECT s.warehouse_id, s.product_id, s.on_hand, s.allocated, coalesce(h.hard, 0) AS hard
    FROM stock_levels s
    LEFT JOIN (SELECT warehouse_id, product_id, sum(quantity_hard_allocated)::int AS hard FROM sales_order_lines WHERE tenant_id = $1 GROUP BY 1, 2) h USING (warehouse_id, product_id)
    WHERE s.tenant_id = $1 AND (s.on_hand < 0 OR s.allocated < 0 OR s.allocated > s.on_hand OR coalesce(h.hard, 0) > s.on_hand)`,
  // Per line: 0 ≤ shipped, cancelled; shipped + cancelled ≤ ordered; hard ≤ allocated ≤ remaining.
  line_quantities: `
    SELECT id, quantity_ordered, quantity_shipped, quantity_cancelled, quantity_allocated, quantity_hard_allocated FROM sales_order_lines
    WHERE tenant_id = $1 AND (quantity_ordered < 0 OR quantity_shipped < 0 OR quantity_cancelled < 0 OR quantity_shipped + quantity_cancelled > quantity_ordered
      OR quantity_allocated < 0 OR quantity_hard_allocated < 0 OR quantity_hard_allocated > quantity_allocated
      OR quantity_allocated > quantity_ordered - quantity_shipped - quantity_cancelled)`,
  // No unit shipped twice: each line's shipped quantity is what its shipment lines say, and each key's shipments left the ledger exactly once.
  shipment_lines_equal_shipped: `
    SELECT l.id, l.quantity_shipped, coalesce(sl.total, 0) AS shipment_lines FROM sales_order_lines l
    LEFT JOIN (SELECT line_id, sum(quantity)::int AS total FROM shipment_lines WHERE tenant_id = $1 GROUP BY 1) sl ON sl.line_id = l.id
    WHERE l.tenant_id = $1 AND l.quantity_shipped <> coalesce(sl.total, 0)`,
  shipments_left_the_ledger_once: `
    SELECT k.warehouse_id, k.product_id, coalesce(m.out, 0) AS ledger_out, coalesce(sl.shipped, 0) AS shipped FROM
      (SELECT DISTINCT warehouse_id, product_id FROM sales_order_lines WHERE tenant_id = $1) k
      LEFT JOIN (SELECT warehouse_id, product_id, -sum(quantity)::int AS out FROM stock_movements WHERE tenant_id = $1 AND kind = 'shipment' GROUP BY 1, 2) m USING (warehouse_id, product_id)
      LEFT JOIN (SELECT l.warehouse_id, l.product_id, sum(x.quantity)::int AS shipped FROM shipment_lines x JOIN sales_order_lines l ON l.tenant_id = x.tenant_id AND l.id = x.line_id WHERE x.tenant_id = $1 GROUP BY 1, 2) sl USING (warehouse_id, product_id)
    WHERE coalesce(m.out, 0) <> coalesce(sl.shipped, 0)`,
  // Hard allocations: the line's count is the sum of its allocation rows; a tote holds one order.
  hard_allocation_rows: `
    SELECT l.id, l.quantity_hard_allocated, coalesce(a.total, 0) AS rows FROM sales_order_lines l
    LEFT JOIN (SELECT line_id, sum(quantity)::int AS total FROM allocations WHERE tenant_id = $1 GROUP BY 1) a ON a.line_id = l.id
    WHERE l.tenant_id = $1 AND l.quantity_hard_allocated <> coalesce(a.total, 0)`,
  one_order_per_container: `
    SELECT a.container_id, count(DISTINCT l.order_id)::int AS orders FROM allocations a JOIN sales_order_lines l ON l.tenant_id = a.tenant_id AND l.id = a.line_id
    WHERE a.tenant_id = $1 AND a.container_id IS NOT NULL GROUP BY 1 HAVING count(DISTINCT l.order_id) > 1`,
  // Staging moves units within a key: its transfers sum to zero.
  transfers_net_zero: `
    SELECT warehouse_id, product_id, sum(quantity)::int AS net FROM stock_movements WHERE tenant_id = $1 AND kind = 'transfer' GROUP BY 1, 2 HAVING sum(quantity) <> 0`,
  // Money: refunds within what was paid, the order's refunded total is its refunds, each refund's parts
  // (lines, shipping, tax) are not negative and within its amount. The rest of an amount may be
  // unitemised: cancel-and-refund pays back everything still refundable, also units an in-app edit
  // removed (edits change lines, not what was paid: decision 006).
  refunds_within_paid: `
    SELECT o.id, o.paid_cents, o.refunded_cents, coalesce(r.total, 0) AS refunds FROM sales_orders o
    LEFT JOIN (SELECT order_id, sum(amount_cents)::int AS total FROM refunds WHERE tenant_id = $1 GROUP BY 1) r ON r.order_id = o.id
    WHERE o.tenant_id = $1 AND (o.refunded_cents < 0 OR o.refunded_cents > o.paid_cents OR o.refunded_cents <> coalesce(r.total, 0) OR o.amount_due_cents < 0)`,
  refund_amounts_itemised: `
    SELECT r.id, r.amount_cents, r.shipping_cents, r.tax_cents, coalesce(rl.total, 0) AS lines FROM refunds r
    LEFT JOIN (SELECT refund_id, sum(amount_cents)::int AS total FROM refund_lines WHERE tenant_id = $1 GROUP BY 1) rl ON rl.refund_id = r.id
    WHERE r.tenant_id = $1 AND (r.amount_cents <= 0 OR r.shipping_cents < 0 OR r.tax_cents < 0 OR coalesce(rl.total, 0) + r.shipping_cents + r.tax_cents > r.amount_cents
      OR EXISTS (SELECT 1 FROM refund_lines x WHERE x.tenant_id = r.tenant_id AND x.refund_id = r.id AND (x.amount_cents < 0 OR x.quantity < 0))
      OR (r.kind = 'exchange' AND r.amount_cents <> coalesce(rl.total, 0) + r.shipping_cents + r.tax_cents))`,
  refunded_units_were_cancelled: `
    SELECT l.id, l.quantity_cancelled, coalesce(rl.units, 0) AS refunded_units FROM sales_order_lines l
    JOIN (SELECT line_id, sum(quantity)::int AS units FROM refund_lines WHERE tenant_id = $1 GROUP BY 1) rl ON rl.line_id = l.id
    WHERE l.tenant_id = $1 AND rl.units > l.quantity_cancelled`,
  // Receipts: a PO line's received count is its receipt lines (no over-receipt was asked for), and every received unit is in the ledger once.
  receipts_equal_received: `
    SELECT pl.id, pl.quantity_ordered, pl.quantity_received, coalesce(rl.total, 0) AS receipt_lines FROM purchase_order_lines pl
    LEFT JOIN (SELECT purchase_order_line_id, sum(quantity)::int AS total FROM receipt_lines WHERE tenant_id = $1 GROUP BY 1) rl ON rl.purchase_order_line_id = pl.id
    WHERE pl.tenant_id = $1 AND (pl.quantity_received <> coalesce(rl.total, 0) OR pl.quantity_received > pl.quantity_ordered)`,
  receipts_entered_the_ledger_once: `
    SELECT k.warehouse_id, k.product_id, coalesce(m.received, 0) AS ledger_in, coalesce(r.received, 0) AS receipt_lines FROM
      (SELECT DISTINCT po.warehouse_id, pl.product_id FROM purchase_order_lines pl JOIN purchase_orders po ON po.tenant_id = pl.tenant_id AND po.id = pl.purchase_order_id WHERE pl.tenant_id = $1) k
      LEFT JOIN (SELECT warehouse_id, product_id, sum(quantity)::int AS received FROM stock_movements WHERE tenant_id = $1 AND kind = 'receipt' GROUP BY 1, 2) m USING (warehouse_id, product_id)
      LEFT JOIN (SELECT po.warehouse_id, pl.product_id, sum(rl.quantity)::int AS received FROM receipt_lines rl
        JOIN purchase_order_lines pl ON pl.tenant_id = rl.tenant_id AND pl.id = rl.purchase_order_line_id
        JOIN purchase_orders po ON po.tenant_id = pl.tenant_id AND po.id = pl.purchase_order_id WHERE rl.tenant_id = $1 GROUP BY 1, 2) r USING (warehouse_id, product_id)
    WHERE coalesce(m.received, 0) <> coalesce(r.received, 0)`,
  // Lifecycle agrees with quantities: shipped and cancelled orders have nothing remaining; an open order has shipped nothing.
  order_status_matches_lines: `
    SELECT o.id, o.status, sum(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled)::int AS remaining, sum(l.quantity_shipped)::int AS shipped
    FROM sales_orders o JOIN sales_order_lines l ON l.tenant_id = o.tenant_id AND l.order_id = o.id
    WHERE o.tenant_id = $1 GROUP BY o.id, o.status
    HAVING (o.status IN ('shipped', 'cancelled') AND sum(l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled) <> 0)
        OR (o.status = 'open' AND sum(l.quantity_shipped) > 0)
        OR (o.status = 'shipped' AND sum(l.quantity_shipped) = 0)`,
  // The whole-company recomputes the policy flips queued all ran.
  recompute_jobs_succeeded: `SELECT id, status, error FROM background_jobs WHERE tenant_id = $1 AND kind = 'allocation_recompute' AND status <> 'succeeded'`,
};

/** Runs every check; `admin` asks the API's own allocation check (stored = recomputed from scratch). */
export async function checkSoakInvariants(sql: pg.Pool, admin: ApiClient, tenantId: string): Promise<SoakCheck[]> {
  const results: SoakCheck[] = [];
  for (const [name, query] of Object.entries(CHECKS)) {
    const { rows } = await sql.query(query, [tenantId]);
    results.push({ name, ok: rows.length === 0, violations: rows.length, sample: rows.slice(0, 5) });
  }
  const check = await admin.get("/api/v1/admin/allocations/check");
  const body = check.body ?? {};
  const differences = ["lineDifferences", "projectionDifferences", "orderDifferences", "overAllocatedKeys", "ledgerMismatches"].flatMap((k) => (body[k] ?? []).map((d: unknown) => ({ [k]: d })));
  results.push({ name: "allocation_check", ok: check.status === 200 && body.ok === true, violations: check.status === 200 ? differences.length : 1, sample: check.status === 200 ? differences.slice(0, 5) : [check.body] });
  return results;
}

/** Waits until no recompute of the company is queued or running (the policy flips queue them), at most `timeoutMs`. */
export async function waitForRecomputes(sql: pg.Pool, tenantId: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rowCount } = await sql.query(`SELECT 1 FROM background_jobs WHERE tenant_id = $1 AND status IN ('queued', 'running')`, [tenantId]);
    if (!rowCount) return;
    if (Date.now() > until) throw new Error(`recomputes still queued or running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
