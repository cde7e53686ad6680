import { z } from "zod";
import { ZId, ZPage, ZPageQuery, ZSignedQuantity, ZInt } from "./common.ts";

export const ZMovementKind = z.enum(["receipt", "shipment", "adjustment", "count", "transfer", "scan_deduction"]);
export type TMovementKind = z.infer<typeof ZMovementKind>;

/** On hand and promised stock of one product in one warehouse; available = onHand − allocated. */
export const ZStockLevel = z.object({
  warehouseId: ZId,
  warehouseCode: z.string(),
  productId: ZId,
  sku: z.string(),
  productName: z.string(),
  onHand: ZInt,
  allocated: ZInt,
  available: ZInt,
  updatedAt: z.string(),
});
export type TStockLevel = z.infer<typeof ZStockLevel>;

/** `q` matches sku or product name. Sorted by sku, then warehouse code. */
export const ZStockListQuery = ZPageQuery.extend({ warehouseId: ZId.optional(), q: z.string().trim().max(100).optional() }).strict();
export type TStockListQuery = z.infer<typeof ZStockListQuery>;
export const ZStockLevelPage = ZPage(ZStockLevel);

/** One entry of the append-only ledger, with who made it and why. */
export const ZStockMovement = z.object({
  id: ZId,
  warehouseId: ZId,
  warehouseCode: z.string(),
  productId: ZId,
  sku: z.string(),
  kind: ZMovementKind,
  /** Signed: + into stock, − out of stock. */
  quantity: ZInt,
  reason: z.string().nullable(),
  causeType: z.string().nullable(),
  causeId: ZId.nullable(),
  createdBy: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.string(),
});
export type TStockMovement = z.infer<typeof ZStockMovement>;

/** Newest first. */
export const ZStockMovementListQuery = ZPageQuery.extend({ warehouseId: ZId.optional(), productId: ZId.optional() }).strict();
export type TStockMovementListQuery = z.infer<typeof ZStockMovementListQuery>;
export const ZStockMovementPage = ZPage(ZStockMovement);

export const ZStockAdjustmentRequest = z
  .object({ warehouseId: ZId, productId: ZId, quantity: ZSignedQuantity, reason: z.string().trim().min(1).max(500) })
  .strict();
export type TStockAdjustmentRequest = z.infer<typeof ZStockAdjustmentRequest>;

/** A physical count: the difference to on hand is recorded as a `count` movement (none when equal). */
export const ZStockCountRequest = z
  .object({ warehouseId: ZId, productId: ZId, countedQuantity: ZInt.min(0), reason: z.string().trim().min(1).max(500).optional() })
  .strict();
export type TStockCountRequest = z.infer<typeof ZStockCountRequest>;

/** `movement` is null when a count matched on hand. */
export const ZStockChangeResponse = z.object({ movement: ZStockMovement.nullable(), level: ZStockLevel });
export type TStockChangeResponse = z.infer<typeof ZStockChangeResponse>;
