import { z } from "zod";
import { ZId, ZPage, ZPageQuery } from "./common.ts";

export const ZSupplier = z.object({ id: ZId, name: z.string(), email: z.string().nullable(), createdAt: z.string() });
export type TSupplier = z.infer<typeof ZSupplier>;

export const ZCreateSupplierRequest = z
  .object({ name: z.string().trim().min(1).max(200), email: z.email().max(200).nullable().optional() })
  .strict();
export type TCreateSupplierRequest = z.infer<typeof ZCreateSupplierRequest>;
export const ZUpdateSupplierRequest = ZCreateSupplierRequest.partial().strict();
export type TUpdateSupplierRequest = z.infer<typeof ZUpdateSupplierRequest>;

/** `q` matches name or email. Sorted by name. */
export const ZSupplierListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() }).strict();
export type TSupplierListQuery = z.infer<typeof ZSupplierListQuery>;
export const ZSupplierPage = ZPage(ZSupplier);
