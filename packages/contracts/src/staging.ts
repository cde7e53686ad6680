// Ship-complete orders: picking into a container on a staging location (a hard allocation
// moved through the ledger), unstaging, the staging board, the staged order's slip, and the
// order's fulfillment mode. See docs/decisions/005-staging-as-hard-allocation.md.
import { z } from "zod";
import { ZId, ZQuantity, ZInt } from "./common.ts";
import { ZFulfillmentMode } from "./channels.ts";
import { ZFulfillability, ZOrderStatus } from "./orders.ts";
import { ZWarehouseAddress } from "./warehouses.ts";

const ZVersion = ZInt.positive();
const ZReason = z.string().trim().min(1).max(500);

/**
 * Picked units of lines go into a container (by id, or by its scanned code) on a staging
 * location of the order's warehouse. `fromLocationId`: the pick (or bulk) location they came from.
 */
export const ZStageRequest = z
  .object({
    containerId: ZId.optional(),
    containerCode: z.string().trim().min(1).max(40).optional(),
    fromLocationId: ZId.optional(),
    lines: z
      .array(z.object({ lineId: ZId, quantity: ZQuantity }).strict())
      .min(1)
      .max(200)
      .refine((ls) => new Set(ls.map((l) => l.lineId)).size === ls.length, "A line may appear once"),
    version: ZVersion.optional(),
  })
  .strict()
  .refine((b) => (b.containerId === undefined) !== (b.containerCode === undefined), { message: "Give either containerId or containerCode", path: ["containerId"] });
export type TStageRequest = z.infer<typeof ZStageRequest>;

/** Every staged unit of the order goes back to a pick (or bulk) location; its hard allocation is released. */
export const ZUnstageRequest = z.object({ toLocationId: ZId, reason: ZReason.optional(), version: ZVersion.optional() }).strict();
export type TUnstageRequest = z.infer<typeof ZUnstageRequest>;

export const ZChangeFulfillmentModeRequest = z.object({ mode: ZFulfillmentMode, reason: ZReason, version: ZVersion.optional() }).strict();
export type TChangeFulfillmentModeRequest = z.infer<typeof ZChangeFulfillmentModeRequest>;

export const ZStagingBoardQuery = z.object({ warehouseId: ZId.optional() }).strict();
export type TStagingBoardQuery = z.infer<typeof ZStagingBoardQuery>;

/** An open purchase-order line that covers (part of) what a staged line still waits for. */
export const ZCoveringPurchaseOrder = z.object({ id: ZId, number: z.string(), expectedDate: z.string().nullable(), quantity: ZInt });
export type TCoveringPurchaseOrder = z.infer<typeof ZCoveringPurchaseOrder>;

export const ZStagedLine = z.object({
  lineId: ZId,
  lineNo: ZInt,
  productId: ZId,
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  remaining: ZInt,
  /** Units picked into the container (the line's hard allocation there). */
  picked: ZInt,
  /** remaining − picked: still to pick. */
  awaiting: ZInt,
  /** Of the awaited units, how many the engine can allocate now (in stock, ready to pick). */
  allocatableNow: ZInt,
  /** awaiting − allocatableNow: units not in stock; `purchaseOrders` say what covers them. */
  missing: ZInt,
  purchaseOrders: z.array(ZCoveringPurchaseOrder),
});
export type TStagedLine = z.infer<typeof ZStagedLine>;

export const ZStagedOrder = z.object({
  order: z.object({
    id: ZId,
    number: z.string(),
    externalId: z.string().nullable(),
    channelName: z.string(),
    customerName: z.string(),
    shippingAddress: z.string().nullable(),
    status: ZOrderStatus,
    fulfillability: ZFulfillability.nullable(),
    fulfillmentMode: ZFulfillmentMode,
    orderDate: z.string(),
    shipBy: z.string().nullable(),
    tags: z.array(z.string()),
    version: ZInt,
  }),
  warehouseId: ZId,
  /** The order's warehouse, printed on the staging slip. */
  warehouse: ZWarehouseAddress,
  container: z.object({ id: ZId, code: z.string() }),
  location: z.object({ id: ZId, code: z.string() }),
  /** When the first unit went into the container: the order has waited since. */
  stagedAt: z.string(),
  /** Every remaining unit is picked or allocatable now: pick the rest and ship it whole. */
  readyToComplete: z.boolean(),
  lines: z.array(ZStagedLine),
});
export type TStagedOrder = z.infer<typeof ZStagedOrder>;

/** Ready-to-complete orders first, then the longest waiting. */
export const ZStagingBoard = z.object({ items: z.array(ZStagedOrder) });
export type TStagingBoard = z.infer<typeof ZStagingBoard>;

/** An order's staging: null when nothing of it is in a container. */
export const ZOrderStaging = z.object({ staged: ZStagedOrder.nullable() });
export type TOrderStaging = z.infer<typeof ZOrderStaging>;
