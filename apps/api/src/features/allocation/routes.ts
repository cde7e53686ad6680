import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { LONG_TX_MS, inTenant } from "../../db/client.ts";
import { checkAllocations } from "./check.ts";
import { ZQueuedJobResponse } from "@bod/contracts/integrations";
import { queueRecompute } from "../background-jobs/service.ts";

export const allocationRoutes = new ApiRouter("/api/v1/admin/allocations");

allocationRoutes.get("/check", { summary: "Recompute every allocation from scratch and report differences from what is stored (changes nothing)", roles: ROLES.admin }, ({ ctx }) =>
  inTenant(ctx, (tx) => checkAllocations(tx, ctx.tenantId), { timeoutMs: LONG_TX_MS }),
);

allocationRoutes.post(
  "/recompute",
  { summary: "Recompute and store every allocation of the company, on the job queue (202: poll GET /jobs/:id)", roles: ROLES.admin, response: ZQueuedJobResponse, status: 202 },
  async ({ ctx }) => ({ job: await inTenant(ctx, (tx) => queueRecompute(tx, ctx, "an admin asked for a recompute")) }),
);
