import { z } from "zod";
import { ZDateOnly, ZId, ZPage, ZPageQuery, ZInt } from "./common.ts";

export const ZProduct = z.object({
  id: ZId,
  sku: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  isPreorder: z.boolean(),
  /** "YYYY-MM-DD" */
  restockDate: z.string().nullable(),
  restockQuantity: ZInt.nullable(),
  /** Created from a store order line whose SKU matched no product: confirm it or map it to an existing product. */
  needsReview: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TProduct = z.infer<typeof ZProduct>;

/** What to do with a product created from a store's unknown SKU. */
export const ZReviewProductRequest = z.discriminatedUnion("action", [
  /** It is a real product: keep it (edit its details as usual). */
  z.object({ action: z.literal("confirm") }).strict(),
  /** The store's SKU is one of ours under another name: move its order lines to `productId` and remove this one. */
  z.object({ action: z.literal("map"), productId: ZId }).strict(),
]);
export type TReviewProductRequest = z.infer<typeof ZReviewProductRequest>;
export const ZReviewProductResponse = z.object({
  product: ZProduct,
  /** Order lines moved to the product (map). */
  linesMoved: ZInt,
  /** Unknown-SKU conflicts resolved on orders. */
  conflictsResolved: ZInt,
});

const productFields = {
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  barcode: z.string().trim().min(1).max(64).nullable(),
  isPreorder: z.boolean(),
  restockDate: ZDateOnly.nullable(),
  restockQuantity: ZInt.min(0).nullable(),
};

export const ZCreateProductRequest = z
  .object({
    sku: productFields.sku,
    name: productFields.name,
    barcode: productFields.barcode.optional(),
    isPreorder: productFields.isPreorder.default(false),
    restockDate: productFields.restockDate.optional(),
    restockQuantity: productFields.restockQuantity.optional(),
  })
  .strict();
export type TCreateProductRequest = z.input<typeof ZCreateProductRequest>;

/** Send `null` to clear barcode, restockDate or restockQuantity. */
export const ZUpdateProductRequest = z.object(productFields).partial().strict();
export type TUpdateProductRequest = z.infer<typeof ZUpdateProductRequest>;

/** `q` matches sku, name or barcode (case-insensitive, contains). Sorted by sku. */
export const ZProductListQuery = ZPageQuery.extend({
  q: z.string().trim().max(100).optional(),
  /** true: only products created from unknown store SKUs, waiting for review. */
  needsReview: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
}).strict();
export type TProductListQuery = z.infer<typeof ZProductListQuery>;
export const ZProductPage = ZPage(ZProduct);

// ---------------------------------------------------------------- supplier terms of a product

export const ZProductSupplier = z.object({
  productId: ZId,
  supplierId: ZId,
  supplierName: z.string(),
  unitCostCents: ZInt,
  leadTimeDays: ZInt,
  minOrderQty: ZInt,
  casePack: ZInt,
  isPreferred: z.boolean(),
});
export type TProductSupplier = z.infer<typeof ZProductSupplier>;

/** PUT /products/:productId/suppliers/:supplierId: creates or replaces the terms. `isPreferred: true` unsets the product's other preferred supplier. */
export const ZUpsertProductSupplierRequest = z
  .object({
    unitCostCents: ZInt.min(0),
    leadTimeDays: ZInt.min(0).max(3650),
    minOrderQty: ZInt.min(1).default(1),
    casePack: ZInt.min(1).default(1),
    isPreferred: z.boolean().default(false),
  })
  .strict();
export type TUpsertProductSupplierRequest = z.input<typeof ZUpsertProductSupplierRequest>;

/** All terms of one product (a short list; `nextCursor` is always null). */
export const ZProductSupplierList = ZPage(ZProductSupplier);
