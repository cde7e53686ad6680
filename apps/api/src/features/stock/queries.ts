// Reads of stock levels and the ledger, joined with product, warehouse and user names.
import type { TPage } from "@bod/contracts/common";
import type { TStockLevel, TStockListQuery, TStockMovement, TStockMovementListQuery } from "@bod/contracts/stock";
import { Prisma, type Tx } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import { cursorPart, decodeCursor, iso, toPage } from "../../http/pagination.ts";
import type { StockKey } from "./ledger.ts";

interface LevelRow {
  warehouse_id: string;
  warehouse_code: string;
  product_id: string;
  sku: string;
  product_name: string;
  on_hand: number;
  allocated: number;
  updated_at: Date;
}
const toLevel = (r: LevelRow): TStockLevel => ({
  warehouseId: r.warehouse_id,
  warehouseCode: r.warehouse_code,
  productId: r.product_id,
  sku: r.sku,
  productName: r.product_name,
  onHand: r.on_hand,
  allocated: r.allocated,
  available: r.on_hand - r.allocated,
  updatedAt: iso(r.updated_at),
});

interface MovementRow {
  id: string;
  warehouse_id: string;
  warehouse_code: string;
  product_id: string;
  sku: string;
  kind: TStockMovement["kind"];
  quantity: number;
  reason: string | null;
  cause_type: string | null;
  cause_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
}
const toMovement = (r: MovementRow): TStockMovement => ({
  id: r.id,
  warehouseId: r.warehouse_id,
  warehouseCode: r.warehouse_code,
  productId: r.product_id,
  sku: r.sku,
  kind: r.kind,
  quantity: r.quantity,
  reason: r.reason,
  causeType: r.cause_type,
  causeId: r.cause_id,
  createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? "" } : null,
  createdAt: iso(r.created_at),
});

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const LEVEL_SELECT = Prisma.sql`
  SELECT s.warehouse_id::text AS warehouse_id, w.code AS warehouse_code, s.product_id::text AS product_id, p.sku, p.name AS product_name,
         s.on_hand, s.allocated, s.updated_at
  FROM stock_levels s
  JOIN products p ON p.tenant_id = s.tenant_id AND p.id = s.product_id
  JOIN warehouses w ON w.tenant_id = s.tenant_id AND w.id = s.warehouse_id`;

/** Sorted by sku, then warehouse code (unique together within a tenant): the cursor is that pair. */
export async function queryStockLevels(tx: Tx, tenantId: string, query: TStockListQuery): Promise<TPage<TStockLevel>> {
  const cursor = decodeCursor(query.cursor, [cursorPart.text, cursorPart.text]);
  const rows = await tx.$queryRaw<LevelRow[]>`${LEVEL_SELECT}
    WHERE s.tenant_id = ${tenantId}::uuid
      ${query.warehouseId ? Prisma.sql`AND s.warehouse_id = ${query.warehouseId}::uuid` : Prisma.empty}
      ${query.q ? Prisma.sql`AND (p.sku ILIKE ${likePattern(query.q)} OR p.name ILIKE ${likePattern(query.q)})` : Prisma.empty}
      ${cursor ? Prisma.sql`AND (p.sku, w.code) > (${cursor[0]}, ${cursor[1]})` : Prisma.empty}
    ORDER BY p.sku, w.code
    LIMIT ${query.limit + 1}`;
  return toPage(rows, query.limit, (r) => [r.sku, r.warehouse_code], toLevel);
}

export async function readStockLevel(tx: Tx, tenantId: string, key: StockKey): Promise<TStockLevel> {
  const rows = await tx.$queryRaw<LevelRow[]>`${LEVEL_SELECT}
    WHERE s.tenant_id = ${tenantId}::uuid AND s.warehouse_id = ${key.warehouseId}::uuid AND s.product_id = ${key.productId}::uuid`;
  if (!rows[0]) throw new AppError("internal", "Stock level missing after a movement");
  return toLevel(rows[0]);
}

const MOVEMENT_SELECT = Prisma.sql`
  SELECT m.id::text AS id, m.warehouse_id::text AS warehouse_id, w.code AS warehouse_code, m.product_id::text AS product_id, p.sku,
         m.kind::text AS kind, m.quantity, m.reason, m.cause_type, m.cause_id::text AS cause_id,
         m.created_by::text AS created_by, u.name AS created_by_name, m.created_at
  FROM stock_movements m
  JOIN products p ON p.tenant_id = m.tenant_id AND p.id = m.product_id
  JOIN warehouses w ON w.tenant_id = m.tenant_id AND w.id = m.warehouse_id
  LEFT JOIN users u ON u.id = m.created_by`;

/** Newest first; the cursor is (createdAt, id) of the last row. */
export async function queryStockMovements(tx: Tx, tenantId: string, query: TStockMovementListQuery): Promise<TPage<TStockMovement>> {
  const cursor = decodeCursor(query.cursor, [cursorPart.instant, cursorPart.id]);
  const rows = await tx.$queryRaw<MovementRow[]>`${MOVEMENT_SELECT}
    WHERE m.tenant_id = ${tenantId}::uuid
      ${query.warehouseId ? Prisma.sql`AND m.warehouse_id = ${query.warehouseId}::uuid` : Prisma.empty}
      ${query.productId ? Prisma.sql`AND m.product_id = ${query.productId}::uuid` : Prisma.empty}
      ${cursor ? Prisma.sql`AND (m.created_at, m.id) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : Prisma.empty}
    ORDER BY m.created_at DESC, m.id DESC
    LIMIT ${query.limit + 1}`;
  return toPage(rows, query.limit, (r) => [iso(r.created_at), r.id], toMovement);
}

export async function readStockMovement(tx: Tx, tenantId: string, id: string): Promise<TStockMovement> {
  const rows = await tx.$queryRaw<MovementRow[]>`${MOVEMENT_SELECT} WHERE m.tenant_id = ${tenantId}::uuid AND m.id = ${id}::uuid`;
  if (!rows[0]) throw new AppError("internal", "Stock movement missing after it was recorded");
  return toMovement(rows[0]);
}
