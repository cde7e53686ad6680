import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import { ZCreateSupplierRequest, ZSupplier, ZSupplierListQuery, ZSupplierPage, ZUpdateSupplierRequest } from "@bod/contracts/suppliers";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { createSupplier, deleteSupplier, getSupplier, listSuppliers, updateSupplier } from "./service.ts";

export const supplierRoutes = new ApiRouter("/api/v1/suppliers");
const r = supplierRoutes;
const ZParams = z.object({ id: ZId });

r.get("/", { summary: "List suppliers", query: ZSupplierListQuery, response: ZSupplierPage }, ({ ctx, query }) => listSuppliers(ctx, query));
r.post("/", { summary: "Create a supplier", roles: ROLES.purchasing, body: ZCreateSupplierRequest, response: ZSupplier, status: 201 }, ({ ctx, body }) => createSupplier(ctx, body));
r.get("/:id", { summary: "Get a supplier", params: ZParams, response: ZSupplier }, ({ ctx, params }) => getSupplier(ctx, params.id));
r.patch("/:id", { summary: "Update a supplier", roles: ROLES.purchasing, params: ZParams, body: ZUpdateSupplierRequest, response: ZSupplier }, ({ ctx, params, body }) =>
  updateSupplier(ctx, params.id, body),
);
r.delete("/:id", { summary: "Delete a supplier without purchase orders", roles: ROLES.purchasing, params: ZParams }, ({ ctx, params }) => deleteSupplier(ctx, params.id));
