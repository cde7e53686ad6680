import { z } from "zod";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { LONG_TX_MS, inTenant } from "../../db/client.ts";
import { checkAllocations } from "./check.ts";
import { recomputeTenant } from "./recompute.ts";

export const allocationRoutes = new ApiRouter("/api/v1/admin/allocations");

allocationRoutes.get("/check", { summary: "Recompute every allocation from scratch and report differences from what is stored (changes nothing)", roles: ROLES.admin }, ({ ctx }) =>
  inTenant(ctx, (tx) => checkAllocations(tx, ctx.tenantId), { timeoutMs: LONG_TX_MS }),
);

allocationRoutes.post(
  "/recompute",
  { summary: "Recompute and store every allocation of the company", roles: ROLES.admin, response: z.object({ linesWritten: z.number(), ordersChanged: z.number() }) },
  async ({ ctx }) => {
    const outcome = await inTenant(ctx, (tx) => recomputeTenant(tx, ctx.tenantId), { timeoutMs: LONG_TX_MS });
    return { linesWritten: outcome.linesWritten, ordersChanged: outcome.changed.length };
  },
);
