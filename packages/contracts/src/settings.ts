import { z } from "zod";
import { ZId } from "./common.ts";

export const ZAllocationPolicy = z.enum(["strict_priority", "complete_orders_first"]);
export type TAllocationPolicy = z.infer<typeof ZAllocationPolicy>;

export const ZSettings = z.object({ tenantId: ZId, name: z.string(), slug: z.string(), allocationPolicy: ZAllocationPolicy });
export type TSettings = z.infer<typeof ZSettings>;

/** Changing `allocationPolicy` recomputes the fulfillability of every open order. */
export const ZUpdateSettingsRequest = z
  .object({ name: z.string().trim().min(2).max(100), allocationPolicy: ZAllocationPolicy })
  .partial()
  .strict();
export type TUpdateSettingsRequest = z.infer<typeof ZUpdateSettingsRequest>;
