// Purchasing shapes as the SPA reads them: the API's own contracts
// (packages/contracts/src/purchasing.ts), plus a few names the screens use.
import type { z } from "zod";
import type {
  TBackorderCsvQuery,
  TBackorderSummary,
  TPostReceiptResponse,
  TPreviewPurchaseOrdersResponse,
  TPurchaseOrder,
  TPurchaseOrderStatus,
  ZReceiptLineInput,
} from "@bod/contracts/purchasing";

export type {
  TBackorderReportRow,
  TBackorderSort,
  TBackorderSummary,
  TCreatePurchaseOrderRequest,
  TCreatePurchaseOrdersFromReportRequest,
  TPostReceiptRequest,
  TPostReceiptResponse,
  TPreferredSupplier,
  TPreviewPurchaseOrdersRequest,
  TPreviewPurchaseOrdersResponse,
  TPurchaseOrder,
  TPurchaseOrderListItem,
  TPurchaseOrderStatus,
  TReceipt,
  TUpdatePurchaseOrderRequest,
  TWaitingOrder,
} from "@bod/contracts/purchasing";

export const PURCHASE_ORDER_STATUSES: TPurchaseOrderStatus[] = ["draft", "ordered", "partially_received", "received", "closed", "cancelled"];
/** Statuses a receipt can be posted against. */
export const OPEN_PO_STATUSES: TPurchaseOrderStatus[] = ["ordered", "partially_received"];

/** The report's filters and sort as the screen holds them (the API pages with cursor and limit). */
export type TBackorderReportQuery = Partial<TBackorderCsvQuery>;
export type TAgeBucket = TBackorderSummary["byAge"][number]["bucket"];
export type TPreviewPurchaseOrder = TPreviewPurchaseOrdersResponse["purchaseOrders"][number];
export type TPreviewLine = TPreviewPurchaseOrder["lines"][number];
export type TPurchaseOrderLine = TPurchaseOrder["lines"][number];
export type TRef = { id: string; name: string; code?: string; email?: string | null };
export type TReceiptLineInput = z.input<typeof ZReceiptLineInput>;
export type TOrderRef = TPostReceiptResponse["ordersNowFulfillable"][number];
