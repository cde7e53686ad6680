// GET /api/v1/jobs/:id — a background job's progress and result (the SPA polls it).
import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import { ZBackgroundJob } from "@bod/contracts/integrations";
import { ApiRouter } from "../../http/endpoint.ts";
import { getBackgroundJob } from "./service.ts";

export const backgroundJobRoutes = new ApiRouter("/api/v1/jobs");

backgroundJobRoutes.get("/:id", { summary: "A background job's progress and result", params: z.object({ id: ZId }), response: ZBackgroundJob }, ({ ctx, params }) => getBackgroundJob(ctx, params.id));
