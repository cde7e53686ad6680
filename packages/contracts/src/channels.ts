import { z } from "zod";
import { ZId, ZPage, ZPageQuery } from "./common.ts";

export const ZChannelKind = z.enum(["shopify", "amazon", "ebay", "manual"]);
export type TChannelKind = z.infer<typeof ZChannelKind>;
export const ZFulfillmentMode = z.enum(["ship_partial", "ship_complete"]);
export type TFulfillmentMode = z.infer<typeof ZFulfillmentMode>;

export const ZChannel = z.object({
  id: ZId,
  name: z.string(),
  kind: ZChannelKind,
  acceptsBackorders: z.boolean(),
  notifyOnPartialShipment: z.boolean(),
  supportsOrderEdits: z.boolean(),
  defaultWarehouseId: ZId,
  /** null: new orders take the company's default mode (settings). */
  defaultFulfillmentMode: ZFulfillmentMode.nullable(),
  createdAt: z.string(),
});
export type TChannel = z.infer<typeof ZChannel>;

export const ZCreateChannelRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: ZChannelKind,
    acceptsBackorders: z.boolean().default(true),
    notifyOnPartialShipment: z.boolean().default(true),
    supportsOrderEdits: z.boolean().default(false),
    defaultWarehouseId: ZId,
    defaultFulfillmentMode: ZFulfillmentMode.nullable().default(null),
  })
  .strict();
export type TCreateChannelRequest = z.input<typeof ZCreateChannelRequest>;

export const ZUpdateChannelRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: ZChannelKind,
    acceptsBackorders: z.boolean(),
    notifyOnPartialShipment: z.boolean(),
    supportsOrderEdits: z.boolean(),
    defaultWarehouseId: ZId,
    defaultFulfillmentMode: ZFulfillmentMode.nullable(),
  })
  .partial()
  .strict();
export type TUpdateChannelRequest = z.infer<typeof ZUpdateChannelRequest>;

/** `q` matches the name. Sorted by name. */
export const ZChannelListQuery = ZPageQuery.extend({ q: z.string().trim().max(100).optional() }).strict();
export type TChannelListQuery = z.infer<typeof ZChannelListQuery>;
export const ZChannelPage = ZPage(ZChannel);
