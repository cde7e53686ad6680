import { z } from "zod";
import { ZId } from "./common.ts";
import { ZFulfillmentMode } from "./channels.ts";
import { ZBackgroundJob } from "./integrations.ts";

export const ZAllocationPolicy = z.enum(["strict_priority", "complete_orders_first"]);
export type TAllocationPolicy = z.infer<typeof ZAllocationPolicy>;

/** `defaultFulfillmentMode`: the mode of new orders whose channel does not set one. */
export const ZSettings = z.object({ tenantId: ZId, name: z.string(), slug: z.string(), allocationPolicy: ZAllocationPolicy, defaultFulfillmentMode: ZFulfillmentMode });
export type TSettings = z.infer<typeof ZSettings>;

/** The answer to a change: 202 with `recomputeJob` when the policy changed (every open order is recomputed on the job queue). */
export const ZUpdateSettingsResponse = ZSettings.extend({ recomputeJob: ZBackgroundJob.nullable() });
export type TUpdateSettingsResponse = z.infer<typeof ZUpdateSettingsResponse>;

/** Changing `allocationPolicy` recomputes the fulfillability of every open order. */
export const ZUpdateSettingsRequest = z
  .object({ name: z.string().trim().min(2).max(100), allocationPolicy: ZAllocationPolicy, defaultFulfillmentMode: ZFulfillmentMode })
  .partial()
  .strict();
export type TUpdateSettingsRequest = z.infer<typeof ZUpdateSettingsRequest>;
