import {
  ZStockAdjustmentRequest,
  ZStockChangeResponse,
  ZStockCountRequest,
  ZStockLevelPage,
  ZStockListQuery,
  ZStockMovementListQuery,
  ZStockMovementPage,
} from "@bod/contracts/stock";
import { ApiRouter } from "../../http/endpoint.ts";
import { ROLES } from "../../http/auth.ts";
import { exportStockLevels } from "./export.ts";
import { adjustStock, countStock, listStockLevels, listStockMovements } from "./service.ts";

export const stockRoutes = new ApiRouter("/api/v1/stock");
const r = stockRoutes;

r.get("/", { summary: "Stock levels per warehouse and SKU: on hand, allocated, available", query: ZStockListQuery, response: ZStockLevelPage }, ({ ctx, query }) => listStockLevels(ctx, query));
r.get("/export.csv", { summary: "On hand per warehouse and SKU as CSV, in the columns of the stock counts import" }, ({ ctx }, _req, res) => exportStockLevels(ctx, res));
r.get("/movements", { summary: "The stock ledger, newest first, with who and why", query: ZStockMovementListQuery, response: ZStockMovementPage }, ({ ctx, query }) =>
  listStockMovements(ctx, query),
);
r.post(
  "/adjustments",
  { summary: "Adjust on hand by a signed quantity, with a reason", roles: ROLES.stock, body: ZStockAdjustmentRequest, response: ZStockChangeResponse, status: 201, idempotent: true },
  ({ ctx, body }) => adjustStock(ctx, body),
);
r.post(
  "/counts",
  { summary: "Record a physical count; the difference to on hand becomes a count movement", roles: ROLES.stock, body: ZStockCountRequest, response: ZStockChangeResponse, status: 201, idempotent: true },
  ({ ctx, body }) => countStock(ctx, body),
);
