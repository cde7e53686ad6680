// Purchasing shapes as the SPA reads them. Written from the API description while
// packages/contracts/src/purchasing.ts is being built; swap these for
// `import type { … } from "@bod/contracts/purchasing"` once it exists (names kept close on purpose).
// Reports and receiving import these types only (no code) until then.

export type TPurchaseOrderStatus = "draft" | "ordered" | "partially_received" | "received" | "closed" | "cancelled";
export const PURCHASE_ORDER_STATUSES: TPurchaseOrderStatus[] = ["draft", "ordered", "partially_received", "received", "closed", "cancelled"];
/** Statuses a receipt can be posted against. */
export const OPEN_PO_STATUSES: TPurchaseOrderStatus[] = ["ordered", "partially_received"];

// ---------------------------------------------------------------- backorder report

export type TBackorderSort = "net_need" | "oldest_waiting" | "value";

export type TPreferredSupplier = { id: string; name: string; unitCostCents: number; leadTimeDays: number; minOrderQty: number; casePack: number };

export type TBackorderReportRow = {
  productId: string;
  sku: string;
  name: string;
  isPreorder: boolean;
  warehouseId: string;
  warehouseCode: string;
  demand: number;
  onHand: number;
  hardAllocated: number;
  available: number;
  allocated: number;
  shortfall: number;
  incoming: number;
  nearestExpectedDate: string | null;
  netToBuy: number;
  waitingOrders: number;
  oldestWaitingOrderDate: string | null;
  preferredSupplier: TPreferredSupplier | null;
  valueCents: number;
};

export type TBackorderReportQuery = {
  warehouseId?: string;
  supplierId?: string;
  channelId?: string;
  onlyNetNeed?: boolean;
  preorderOnly?: boolean;
  sort?: TBackorderSort;
};

export type TWaitingOrder = {
  orderId: string;
  number: string;
  customerName: string;
  orderDate: string;
  shipBy: string | null;
  priority: number;
  remaining: number;
  allocated: number;
  short: number;
  projectedDate: string | null;
  tags: string[];
};

export type TAgeBucket = "0-2" | "3-7" | "8-14" | "15+";
export type TBackorderSummary = {
  byAge: { bucket: TAgeBucket; units: number }[];
  topSkus: { productId: string; sku: string; name: string; unitsShort: number }[];
};

// ---------------------------------------------------------------- purchase orders from the report

export type TPreviewPurchaseOrdersRequest = { rows: { productId: string; warehouseId: string }[] };
export type TPreviewLine = { productId: string; sku: string; name: string; quantity: number; unitCostCents: number; netToBuy: number };
export type TPreviewPurchaseOrder = { supplierId: string; supplierName: string; warehouseId: string; expectedDate: string | null; lines: TPreviewLine[] };
export type TPreviewPurchaseOrdersResponse = { purchaseOrders: TPreviewPurchaseOrder[]; skipped: { productId: string; sku: string; reason: string }[] };

export type TCreatePurchaseOrdersFromReportRequest = {
  pos: { supplierId: string; warehouseId: string; expectedDate?: string; lines: { productId: string; quantity: number }[] }[];
};

// ---------------------------------------------------------------- purchase orders

export type TRef = { id: string; name: string; code?: string; email?: string | null };

export type TPurchaseOrderListItem = {
  id: string;
  number: string;
  supplier: TRef;
  warehouse: TRef;
  status: TPurchaseOrderStatus;
  expectedDate: string | null;
  lineCount?: number;
  totalCents?: number;
  createdAt: string;
};

export type TPurchaseOrderLine = {
  id: string;
  productId: string;
  sku: string;
  name: string;
  barcode: string | null;
  quantityOrdered: number;
  quantityReceived: number;
  remaining: number;
  unitCostCents: number;
  linkedOrders: { orderId: string; number: string }[];
};

export type TReceipt = { id: string; createdAt: string; createdBy?: { name: string } | null; lines: { productId: string; sku: string; quantity: number }[] };

export type TPurchaseOrder = {
  id: string;
  number: string;
  supplier: TRef;
  warehouse: TRef;
  status: TPurchaseOrderStatus;
  expectedDate: string | null;
  notes?: string | null;
  lines: TPurchaseOrderLine[];
  receipts: TReceipt[];
  version: number;
  createdAt: string;
};

export type TCreatePurchaseOrderRequest = {
  supplierId: string;
  warehouseId: string;
  expectedDate?: string;
  notes?: string;
  lines: { productId: string; quantity: number; unitCostCents?: number }[];
};

export type TUpdatePurchaseOrderRequest = {
  version: number;
  expectedDate?: string | null;
  lines?: { id: string; quantityOrdered: number }[];
};

// ---------------------------------------------------------------- receipts

export type TReceiptLineInput = { barcode?: string; sku?: string; productId?: string; quantity: number };
export type TPostReceiptRequest = { lines: TReceiptLineInput[]; allowOverReceipt?: boolean } | { receiveAllRemaining: true; allowOverReceipt?: boolean };
export type TOrderRef = { orderId: string; number: string };
export type TPostReceiptResponse = {
  receipt: TReceipt;
  purchaseOrder: TPurchaseOrder;
  ordersNowFulfillable: TOrderRef[];
  ordersNowPartiallyFulfillable: TOrderRef[];
};
