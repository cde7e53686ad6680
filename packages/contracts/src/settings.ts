import { z } from "zod";
import { ZId } from "./common.ts";
import { ZFulfillmentMode } from "./channels.ts";

export const ZAllocationPolicy = z.enum(["strict_priority", "complete_orders_first"]);
export type TAllocationPolicy = z.infer<typeof ZAllocationPolicy>;

/** `defaultFulfillmentMode`: the mode of new orders whose channel does not set one. */
export const ZSettings = z.object({ tenantId: ZId, name: z.string(), slug: z.string(), allocationPolicy: ZAllocationPolicy, defaultFulfillmentMode: ZFulfillmentMode });
export type TSettings = z.infer<typeof ZSettings>;

/** Changing `allocationPolicy` recomputes the fulfillability of every open order. */
export const ZUpdateSettingsRequest = z
  .object({ name: z.string().trim().min(2).max(100), allocationPolicy: ZAllocationPolicy, defaultFulfillmentMode: ZFulfillmentMode })
  .partial()
  .strict();
export type TUpdateSettingsRequest = z.infer<typeof ZUpdateSettingsRequest>;
