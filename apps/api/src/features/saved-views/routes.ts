import { z } from "zod";
import { ZId } from "@bod/contracts/common";
import { ZCreateSavedViewRequest, ZSavedView, ZSavedViewList } from "@bod/contracts/order-list";
import { ApiRouter } from "../../http/endpoint.ts";
import { createSavedView, deleteSavedView, listSavedViews } from "./service.ts";

export const savedViewRoutes = new ApiRouter("/api/v1/saved-views");
const r = savedViewRoutes;

r.get("/", { summary: "The signed-in user's saved order-list views", response: ZSavedViewList }, ({ ctx }) => listSavedViews(ctx));
r.post("/", { summary: "Save an order-list query under a name", body: ZCreateSavedViewRequest, response: ZSavedView, status: 201 }, ({ ctx, body }) => createSavedView(ctx, body));
r.delete("/:viewId", { summary: "Delete one of your saved views", params: z.object({ viewId: ZId }) }, ({ ctx, params }) => deleteSavedView(ctx, params.viewId));
