import { z } from "zod";
import { ZCurrency, ZId } from "./common.ts";
import { ZFulfillmentMode } from "./channels.ts";
import { ZBackgroundJob } from "./integrations.ts";

export const ZAllocationPolicy = z.enum(["strict_priority", "complete_orders_first"]);
export type TAllocationPolicy = z.infer<typeof ZAllocationPolicy>;

/** `defaultFulfillmentMode`: the mode of new orders whose channel does not set one. */
/** `currency`: the ISO 4217 code every amount is shown in. */
export const ZSettings = z.object({ tenantId: ZId, name: z.string(), slug: z.string(), allocationPolicy: ZAllocationPolicy, defaultFulfillmentMode: ZFulfillmentMode, currency: z.string() });
export type TSettings = z.infer<typeof ZSettings>;

/** The answer to a change: 202 with `recomputeJob` when the policy changed (every open order is recomputed on the job queue). */
export const ZUpdateSettingsResponse = ZSettings.extend({ recomputeJob: ZBackgroundJob.nullable() });
export type TUpdateSettingsResponse = z.infer<typeof ZUpdateSettingsResponse>;

/** Changing `allocationPolicy` recomputes the fulfillability of every open order. */
export const ZUpdateSettingsRequest = z
  .object({ name: z.string().trim().min(2).max(100), allocationPolicy: ZAllocationPolicy, defaultFulfillmentMode: ZFulfillmentMode, currency: ZCurrency })
  .partial()
  .strict();
export type TUpdateSettingsRequest = z.infer<typeof ZUpdateSettingsRequest>;
