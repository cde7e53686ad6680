// Which keys a change at some keys can affect, beyond themselves:
// - under complete_orders_first, whether an order can be completed depends on every key it
//   holds, so a change cascades through orders holding active lines at several keys;
// - a preorder product's restock is handed out across warehouses by global rank, so a change
//   at one of its keys can re-date its waiting lines at every other key;
// - under either policy a kit takes units at each of its components' keys together, so a
//   change at one component's key cascades through the kits waiting there.
// Writers lock this whole scope up front (stock/ledger.ts lockStockKeys), in the fixed order,
// so the recompute that follows never has to take a lock out of order.
import type { AllocationPolicy } from "@bod/domain/types";
import type { Tx } from "../../db/client.ts";
import { keyString, sortedKeys, type StockKey } from "../stock/keys.ts";

export async function tenantPolicy(tx: Tx, tenantId: string): Promise<AllocationPolicy> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { allocationPolicy: true } });
  return tenant.allocationPolicy;
}

export interface ScopeFacts {
  policy: AllocationPolicy;
  /** products among the keys that are preorder products with a restock date */
  preorders: Set<string>;
  /** keys (keyString) among the keys where a waiting kit component line sits */
  kitKeys: Set<string>;
}

/** The tenant's policy, which of the keys' products are preorder products and which keys hold waiting kit components, in one round trip. */
export async function scopeFacts(tx: Tx, tenantId: string, keys: StockKey[]): Promise<ScopeFacts> {
  const productIds = [...new Set(keys.map((k) => k.productId))];
  const [head] = await tx.$queryRaw<{ policy: AllocationPolicy; preorders: string[]; kit_keys: string[] }[]>`
    SELECT t.allocation_policy::text AS policy,
      ARRAY(SELECT p.id::text FROM products p WHERE p.tenant_id = t.id AND p.id = ANY(${productIds}::uuid[]) AND p.is_preorder AND p.restock_date IS NOT NULL) AS preorders,
      ARRAY(SELECT DISTINCT l.warehouse_id::text || '|' || l.product_id::text
        FROM unnest(${keys.map((k) => k.warehouseId)}::uuid[], ${keys.map((k) => k.productId)}::uuid[]) AS k(w, p)
        JOIN sales_order_lines l ON l.tenant_id = t.id AND l.warehouse_id = k.w AND l.product_id = k.p AND l.kit_id IS NOT NULL AND l.is_active) AS kit_keys
    FROM tenants t WHERE t.id = ${tenantId}::uuid`;
  return { policy: head?.policy ?? "strict_priority", preorders: new Set(head?.preorders ?? []), kitKeys: new Set(head?.kit_keys ?? []) };
}

/** `keys` and every key a change there can affect, sorted; with the tenant's policy (one round trip when nothing widens). */
export async function engineScope(tx: Tx, tenantId: string, keys: Iterable<StockKey>): Promise<{ policy: AllocationPolicy; keys: StockKey[] }> {
  let scope = sortedKeys(keys);
  const { policy, preorders, kitKeys } = await scopeFacts(tx, tenantId, scope);
  if (scope.length === 0 || (policy === "strict_priority" && preorders.size === 0 && kitKeys.size === 0)) return { policy, keys: scope };
  // Widening can feed itself (a preorder key's orders may hold other keys): repeat until nothing is added.
  for (let size = -1; size !== scope.length; ) {
    size = scope.length;
    // Under complete_orders_first orders link keys (kits are inside orders); under strict_priority only kits do.
    scope = await connectedKeys(tx, tenantId, scope, policy === "complete_orders_first" ? "order" : "kit");
    scope = await withPreorderKeys(tx, tenantId, scope);
  }
  return { policy, keys: scope };
}

/**
 * The keys reachable from `keys` through orders holding active lines at several keys
 * (complete_orders_first), or through kits whose waiting components sit at several keys (a kit
 * takes units at all of them together).
 */
async function connectedKeys(tx: Tx, tenantId: string, keys: StockKey[], through: "order" | "kit"): Promise<StockKey[]> {
  const seen = new Map(keys.map((k) => [keyString(k), k]));
  let frontier = keys;
  while (frontier.length) {
    const rows =
      through === "order"
        ? await tx.$queryRaw<{ warehouse_id: string; product_id: string }[]>`
      SELECT DISTINCT l2.warehouse_id::text, l2.product_id::text
      FROM unnest(${frontier.map((k) => k.warehouseId)}::uuid[], ${frontier.map((k) => k.productId)}::uuid[]) AS k(w, p)
      JOIN sales_order_lines l ON l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = k.w AND l.product_id = k.p AND l.is_active
      JOIN sales_order_lines l2 ON l2.tenant_id = l.tenant_id AND l2.order_id = l.order_id AND l2.is_active`
        : await tx.$queryRaw<{ warehouse_id: string; product_id: string }[]>`
      SELECT DISTINCT l2.warehouse_id::text, l2.product_id::text
      FROM unnest(${frontier.map((k) => k.warehouseId)}::uuid[], ${frontier.map((k) => k.productId)}::uuid[]) AS k(w, p)
      JOIN sales_order_lines l ON l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = k.w AND l.product_id = k.p AND l.kit_id IS NOT NULL AND l.is_active
      JOIN sales_order_lines l2 ON l2.tenant_id = l.tenant_id AND l2.kit_id = l.kit_id AND l2.is_active`;
    frontier = [];
    for (const r of rows) {
      const k = { warehouseId: r.warehouse_id, productId: r.product_id };
      if (!seen.has(keyString(k))) {
        seen.set(keyString(k), k);
        frontier.push(k);
      }
    }
  }
  return sortedKeys(seen.values());
}

/** Every key where a preorder product among `keys` has active lines. */
async function withPreorderKeys(tx: Tx, tenantId: string, keys: StockKey[]): Promise<StockKey[]> {
  const rows = await tx.$queryRaw<{ warehouse_id: string; product_id: string }[]>`
    SELECT DISTINCT l.warehouse_id::text, l.product_id::text
    FROM products p
    JOIN sales_order_lines l ON l.tenant_id = p.tenant_id AND l.product_id = p.id AND l.is_active
    WHERE p.tenant_id = ${tenantId}::uuid AND p.id = ANY(${[...new Set(keys.map((k) => k.productId))]}::uuid[]) AND p.is_preorder AND p.restock_date IS NOT NULL`;
  return sortedKeys([...keys, ...rows.map((r) => ({ warehouseId: r.warehouse_id, productId: r.product_id }))]);
}
