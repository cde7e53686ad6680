// Loads what the engine needs for a set of (warehouse, SKU) keys, or for the whole tenant:
// the lines that take or hold stock there (with the rank keys copied on them), on-hand stock,
// open purchase-order supply with its links, and preorder restocks.
import type { EngineStock, IncomingSupply, PreorderRestock } from "@bod/domain/types";
import type { Tx } from "../../db/client.ts";
import type { StockKey } from "../stock/ledger.ts";

export type KeyScope = { keys: StockKey[] } | "all";

export interface LoadedLine {
  id: string;
  orderId: string;
  warehouseId: string;
  productId: string;
  remaining: number;
  hardAllocated: number;
  allocated: number;
  projectedDate: number | null;
  isActive: boolean;
  rankPriority: number;
  rankShipBy: number | null;
  rankOrderDate: number;
  /** a kit's component line: the kit and the units of this product in one kit */
  kitId?: string;
  perKit?: number;
}

export interface EngineState {
  lines: LoadedLine[];
  stock: EngineStock[];
  incoming: IncomingSupply[];
  preorders: PreorderRestock[];
}

interface LineRow {
  id: string;
  order_id: string;
  warehouse_id: string;
  product_id: string;
  remaining: number;
  hard: number;
  allocated: number;
  projected_date: Date | null;
  is_active: boolean;
  rank_priority: number;
  rank_ship_by: Date | null;
  rank_order_date: Date;
  kit_id: string | null;
  per_kit: number | null;
}

export async function loadEngineState(tx: Tx, tenantId: string, scope: KeyScope): Promise<EngineState> {
  const all = scope === "all";
  const w = all ? [] : scope.keys.map((k) => k.warehouseId);
  const p = all ? [] : scope.keys.map((k) => k.productId);

  const lineRows = all
    ? await tx.$queryRaw<LineRow[]>`
        SELECT l.id::text, l.order_id::text, l.warehouse_id::text, l.product_id::text,
          l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled AS remaining,
          l.quantity_hard_allocated AS hard, l.quantity_allocated AS allocated, l.projected_date,
          l.is_active, l.rank_priority, l.rank_ship_by, l.rank_order_date, l.kit_id::text, l.per_kit
        FROM sales_order_lines l
        WHERE l.tenant_id = ${tenantId}::uuid AND (l.is_active OR l.quantity_hard_allocated > 0)`
    : await tx.$queryRaw<LineRow[]>`
        SELECT l.id::text, l.order_id::text, l.warehouse_id::text, l.product_id::text,
          l.quantity_ordered - l.quantity_shipped - l.quantity_cancelled AS remaining,
          l.quantity_hard_allocated AS hard, l.quantity_allocated AS allocated, l.projected_date,
          l.is_active, l.rank_priority, l.rank_ship_by, l.rank_order_date, l.kit_id::text, l.per_kit
        FROM unnest(${w}::uuid[], ${p}::uuid[]) AS k(w, p)
        JOIN sales_order_lines l ON l.tenant_id = ${tenantId}::uuid AND l.warehouse_id = k.w AND l.product_id = k.p
        WHERE l.is_active OR l.quantity_hard_allocated > 0`;

  const stockRows = all
    ? await tx.$queryRaw<{ warehouse_id: string; product_id: string; on_hand: number }[]>`
        SELECT warehouse_id::text, product_id::text, on_hand FROM stock_levels WHERE tenant_id = ${tenantId}::uuid`
    : await tx.$queryRaw<{ warehouse_id: string; product_id: string; on_hand: number }[]>`
        SELECT s.warehouse_id::text, s.product_id::text, s.on_hand
        FROM unnest(${w}::uuid[], ${p}::uuid[]) AS k(w, p)
        JOIN stock_levels s ON s.tenant_id = ${tenantId}::uuid AND s.warehouse_id = k.w AND s.product_id = k.p`;

  const incoming = await loadIncoming(tx, tenantId, scope);

  const productIds = all ? undefined : [...new Set(p)];
  const preorderRows = await tx.$queryRaw<{ id: string; restock_date: Date; restock_quantity: number | null }[]>`
    SELECT id::text, restock_date, restock_quantity FROM products
    WHERE tenant_id = ${tenantId}::uuid AND is_preorder AND restock_date IS NOT NULL
      AND (${productIds ?? null}::uuid[] IS NULL OR id = ANY(${productIds ?? []}::uuid[]))`;

  return {
    lines: lineRows.map((r) => ({
      id: r.id,
      orderId: r.order_id,
      warehouseId: r.warehouse_id,
      productId: r.product_id,
      remaining: r.remaining,
      hardAllocated: Math.min(r.hard, r.remaining),
      allocated: r.allocated,
      projectedDate: r.projected_date?.getTime() ?? null,
      isActive: r.is_active,
      rankPriority: r.rank_priority,
      rankShipBy: r.rank_ship_by?.getTime() ?? null,
      rankOrderDate: r.rank_order_date.getTime(),
      ...(r.kit_id === null ? {} : { kitId: r.kit_id, perKit: r.per_kit ?? 1 }),
    })),
    stock: stockRows.map((s) => ({ warehouseId: s.warehouse_id, productId: s.product_id, onHand: s.on_hand })),
    incoming,
    preorders: preorderRows.map((r) => ({ productId: r.id, restockDate: r.restock_date.getTime(), quantity: r.restock_quantity ?? Number.MAX_SAFE_INTEGER })),
  };
}

/** Open purchase-order supply (still to arrive) at the scope's keys, with its links to order lines. */
export async function loadIncoming(tx: Tx, tenantId: string, scope: KeyScope): Promise<IncomingSupply[]> {
  const all = scope === "all";
  const w = all ? [] : scope.keys.map((k) => k.warehouseId);
  const p = all ? [] : scope.keys.map((k) => k.productId);
  type SupplyRow = { id: string; warehouse_id: string; product_id: string; quantity: number; expected_date: Date | null };
  const supplyRows = all
    ? await tx.$queryRaw<SupplyRow[]>`
        SELECT pol.id::text, po.warehouse_id::text, pol.product_id::text, pol.quantity_ordered - pol.quantity_received AS quantity, po.expected_date
        FROM purchase_order_lines pol
        JOIN purchase_orders po ON po.tenant_id = pol.tenant_id AND po.id = pol.purchase_order_id
        WHERE pol.tenant_id = ${tenantId}::uuid AND po.status IN ('ordered', 'partially_received') AND pol.quantity_ordered > pol.quantity_received`
    : await tx.$queryRaw<SupplyRow[]>`
        SELECT pol.id::text, po.warehouse_id::text, pol.product_id::text, pol.quantity_ordered - pol.quantity_received AS quantity, po.expected_date
        FROM unnest(${w}::uuid[], ${p}::uuid[]) AS k(w, p)
        JOIN purchase_order_lines pol ON pol.tenant_id = ${tenantId}::uuid AND pol.product_id = k.p
        JOIN purchase_orders po ON po.tenant_id = pol.tenant_id AND po.id = pol.purchase_order_id AND po.warehouse_id = k.w
        WHERE po.status IN ('ordered', 'partially_received') AND pol.quantity_ordered > pol.quantity_received`;

  const supplyIds = supplyRows.map((s) => s.id);
  const linkRows = supplyIds.length
    ? await tx.$queryRaw<{ po_line: string; so_line: string; quantity: number }[]>`
        SELECT purchase_order_line_id::text AS po_line, sales_order_line_id::text AS so_line, quantity
        FROM purchase_order_line_links WHERE tenant_id = ${tenantId}::uuid AND purchase_order_line_id = ANY(${supplyIds}::uuid[])`
    : [];
  const links = new Map<string, { lineId: string; quantity: number }[]>();
  for (const l of linkRows) (links.get(l.po_line) ?? links.set(l.po_line, []).get(l.po_line)!).push({ lineId: l.so_line, quantity: l.quantity });

  return supplyRows.map((s) => ({
    id: s.id,
    warehouseId: s.warehouse_id,
    productId: s.product_id,
    quantity: s.quantity,
    expectedDate: s.expected_date?.getTime() ?? null,
    links: links.get(s.id) ?? [],
  }));
}
