import { z } from "zod";
import { ZId, ZPage, ZPageQuery } from "./common.ts";

const ZCode = z.string().trim().min(1).max(40);

// ---------------------------------------------------------------- warehouses

/** `address`: postal address, several lines (printed on slips and as a PO's ship-to). */
export const ZWarehouse = z.object({ id: ZId, code: z.string(), name: z.string(), address: z.string().nullable(), createdAt: z.string() });
export type TWarehouse = z.infer<typeof ZWarehouse>;
/** The warehouse as a printed document names it: the ship-from of a slip, the ship-to of a PO. */
export const ZWarehouseAddress = ZWarehouse.pick({ id: true, code: true, name: true, address: true });
export type TWarehouseAddress = z.infer<typeof ZWarehouseAddress>;

export const ZCreateWarehouseRequest = z
  .object({ code: ZCode, name: z.string().trim().min(1).max(100), address: z.string().trim().max(1000).nullable().optional() })
  .strict();
export type TCreateWarehouseRequest = z.infer<typeof ZCreateWarehouseRequest>;
export const ZUpdateWarehouseRequest = ZCreateWarehouseRequest.partial().strict();
export type TUpdateWarehouseRequest = z.infer<typeof ZUpdateWarehouseRequest>;

/** `q` matches code or name. Sorted by code. */
export const ZWarehouseListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() }).strict();
export type TWarehouseListQuery = z.infer<typeof ZWarehouseListQuery>;
export const ZWarehousePage = ZPage(ZWarehouse);

// ---------------------------------------------------------------- locations

export const ZLocationKind = z.enum(["pick", "bulk", "staging", "receiving"]);
export type TLocationKind = z.infer<typeof ZLocationKind>;

export const ZLocation = z.object({ id: ZId, warehouseId: ZId, code: z.string(), kind: ZLocationKind, createdAt: z.string() });
export type TLocation = z.infer<typeof ZLocation>;

export const ZCreateLocationRequest = z.object({ code: ZCode, kind: ZLocationKind }).strict();
export type TCreateLocationRequest = z.infer<typeof ZCreateLocationRequest>;
export const ZUpdateLocationRequest = ZCreateLocationRequest.partial().strict();
export type TUpdateLocationRequest = z.infer<typeof ZUpdateLocationRequest>;

/** `q` matches the code. Sorted by code. */
export const ZLocationListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional(), kind: ZLocationKind.optional() }).strict();
export type TLocationListQuery = z.infer<typeof ZLocationListQuery>;
export const ZLocationPage = ZPage(ZLocation);

// ---------------------------------------------------------------- containers (totes on staging locations)

export const ZContainer = z.object({ id: ZId, locationId: ZId, code: z.string(), createdAt: z.string() });
export type TContainer = z.infer<typeof ZContainer>;

export const ZCreateContainerRequest = z.object({ code: ZCode }).strict();
export type TCreateContainerRequest = z.infer<typeof ZCreateContainerRequest>;

export const ZContainerListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() }).strict();
export type TContainerListQuery = z.infer<typeof ZContainerListQuery>;
export const ZContainerPage = ZPage(ZContainer);
