// Kits on orders (docs/decisions/021): an order line for a kit product becomes one
// sales_order_kits row and one ordinary line per component of the flattened kit, each carrying
// the kit and its units per kit. Everything that works on lines (the engine, picking, the
// backorder report, purchasing) then works in components; what must move in whole kits
// (shipments, cancellations) checks it here, and the table's CHECK keeps every writer to it.
import { wholeKitAllocation } from "@bod/domain/fulfillability";
import { AppError } from "../../http/errors.ts";
import type { Tx } from "../../db/client.ts";
import type { LockedLine } from "./write.ts";

export interface KitComponent {
  productId: string;
  /** units of the component in one kit, nested kits multiplied through */
  quantity: number;
}

/** The flattened components of each kit product among `productIds` (products that are not kits are absent). */
export async function flattenedKits(tx: Tx, tenantId: string, productIds: string[]): Promise<Map<string, KitComponent[]>> {
  if (productIds.length === 0) return new Map();
  // Walks nested kits down to products that are not kits; cycles are refused when kits are defined,
  // and the depth bound keeps a bad row from looping here.
  const rows = await tx.$queryRaw<{ kit: string; product_id: string; quantity: number }[]>`
    WITH RECURSIVE walk(kit, product_id, quantity, depth, path) AS (
      SELECT c.kit_product_id, c.component_product_id, c.quantity, 1, ARRAY[c.position]
      FROM product_components c WHERE c.tenant_id = ${tenantId}::uuid AND c.kit_product_id = ANY(${productIds}::uuid[])
      UNION ALL
      SELECT w.kit, c.component_product_id, w.quantity * c.quantity, w.depth + 1, w.path || c.position
      FROM walk w JOIN product_components c ON c.tenant_id = ${tenantId}::uuid AND c.kit_product_id = w.product_id
      WHERE w.depth < 16
    )
    -- Components in the order the kit lists them, nested ones where their kit stands (first reached).
    SELECT w.kit::text, w.product_id::text, sum(w.quantity)::int AS quantity
    FROM walk w
    WHERE NOT EXISTS (SELECT 1 FROM product_components n WHERE n.tenant_id = ${tenantId}::uuid AND n.kit_product_id = w.product_id)
    GROUP BY w.kit, w.product_id
    ORDER BY w.kit, min(w.path), w.product_id`;
  const kits = new Map<string, KitComponent[]>();
  for (const r of rows) (kits.get(r.kit) ?? kits.set(r.kit, []).get(r.kit)!).push({ productId: r.product_id, quantity: r.quantity });
  return kits;
}

/**
 * Unit prices for a kit's component lines so that one kit's components add up to the kit's
 * price: every unit gets an equal share, and the cents left over go to components taking one
 * unit per kit (then to the others, as far as whole cents allow). Returns the prices and the
 * cents that could not be placed (only when no component takes a single unit per kit).
 */
export function splitKitPrice(kitPriceCents: number, components: KitComponent[]): { prices: number[]; unplaced: number } {
  const units = components.reduce((s, c) => s + c.quantity, 0);
  const base = Math.floor(kitPriceCents / units);
  const prices = components.map(() => base);
  let rest = kitPriceCents - base * units;
  const bySize = components.map((c, i) => ({ i, q: c.quantity })).sort((a, b) => a.q - b.q);
  for (const { i, q } of bySize) {
    const add = Math.floor(rest / q);
    prices[i]! += add;
    rest -= add * q;
  }
  return { prices, unplaced: rest };
}

/**
 * Quantities asked of an order's lines must take whole kits: for each kit, either none of its
 * components or the same number of kits of every one. Refuses (422) naming the kit otherwise.
 */
export function assertWholeKits(lines: LockedLine[], quantityOf: (line: LockedLine) => number, verb: "ship" | "cancel"): void {
  const kits = new Map<string, LockedLine[]>();
  for (const l of lines) if (l.kit) (kits.get(l.kit.id) ?? kits.set(l.kit.id, []).get(l.kit.id)!).push(l);
  for (const parts of kits.values()) {
    const asked = parts.map((l) => quantityOf(l) / l.kit!.perKit);
    if (asked.every((k) => k === 0)) continue;
    if (asked.every((k) => Number.isInteger(k) && k === asked[0])) continue;
    const kit = parts[0]!.kit!;
    const recipe = parts.map((l) => `${l.kit!.perKit} × ${l.sku}`).join(" + ");
    throw new AppError("rule_violation", `Kit ${kit.sku} ${verb}s in whole kits only (one kit is ${recipe}): ask the same number of kits of every component`, {
      kitId: kit.id,
      kitSku: kit.sku,
      components: parts.map((l) => ({ lineId: l.id, sku: l.sku, perKit: l.kit!.perKit, requested: quantityOf(l) })),
    });
  }
}

/** What of each line's allocation can ship now: kit components in the whole kits every component holds. */
export function shippableNow(lines: LockedLine[]): Map<string, number> {
  const shippable = wholeKitAllocation(
    lines.map((l) => ({ kitId: l.kit?.id ?? null, perKit: l.kit?.perKit ?? null, remaining: l.remaining })),
    lines.map((l) => Math.min(l.allocated, l.remaining)),
  );
  return new Map(lines.map((l, i) => [l.id, shippable[i]!]));
}
