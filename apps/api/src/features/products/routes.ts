import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import {
  ZCreateProductRequest,
  ZProduct,
  ZProductListQuery,
  ZProductPage,
  ZProductSupplier,
  ZProductSupplierList,
  ZUpdateProductRequest,
  ZUpsertProductSupplierRequest,
} from "@bod/contracts/products";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { createProduct, deleteProduct, getProduct, getProductByBarcode, listProducts, updateProduct } from "./service.ts";
import { exportProducts } from "./export.ts";
import { deleteProductSupplier, listProductSuppliers, upsertProductSupplier } from "./supplier-terms.ts";

export const productRoutes = new ApiRouter("/api/v1/products");
const r = productRoutes;
const ZProductParams = z.object({ id: ZId });
const ZTermsParams = z.object({ productId: ZId });
const ZTermParams = z.object({ productId: ZId, supplierId: ZId });

r.get("/", { summary: "List products; q searches sku, name and barcode", query: ZProductListQuery, response: ZProductPage }, ({ ctx, query }) => listProducts(ctx, query));
r.get("/export.csv", { summary: "Every product as CSV, in the columns of the products import" }, ({ ctx }, _req, res) => exportProducts(ctx, res));
r.get("/by-barcode/:code", { summary: "Find a product by its barcode (scanners)", params: z.object({ code: z.string().min(1).max(64) }), response: ZProduct }, ({ ctx, params }) =>
  getProductByBarcode(ctx, params.code),
);
r.post("/", { summary: "Create a product", roles: ROLES.purchasing, body: ZCreateProductRequest, response: ZProduct, status: 201 }, ({ ctx, body }) => createProduct(ctx, body));
r.get("/:id", { summary: "Get a product", params: ZProductParams, response: ZProduct }, ({ ctx, params }) => getProduct(ctx, params.id));
r.patch("/:id", { summary: "Update a product", roles: ROLES.purchasing, params: ZProductParams, body: ZUpdateProductRequest, response: ZProduct }, ({ ctx, params, body }) =>
  updateProduct(ctx, params.id, body),
);
r.delete("/:id", { summary: "Delete an unused product (409 while orders, POs or the ledger use it)", roles: ROLES.purchasing, params: ZProductParams }, ({ ctx, params }) =>
  deleteProduct(ctx, params.id),
);

r.get("/:productId/suppliers", { summary: "The suppliers of a product and their terms", params: ZTermsParams, response: ZProductSupplierList }, ({ ctx, params }) =>
  listProductSuppliers(ctx, params.productId),
);
r.put(
  "/:productId/suppliers/:supplierId",
  { summary: "Set a supplier's terms for a product; isPreferred unsets the other preferred supplier", roles: ROLES.purchasing, params: ZTermParams, body: ZUpsertProductSupplierRequest, response: ZProductSupplier },
  ({ ctx, params, body }) => upsertProductSupplier(ctx, params.productId, params.supplierId, body),
);
r.delete("/:productId/suppliers/:supplierId", { summary: "Remove a supplier from a product", roles: ROLES.purchasing, params: ZTermParams }, ({ ctx, params }) =>
  deleteProductSupplier(ctx, params.productId, params.supplierId),
);
