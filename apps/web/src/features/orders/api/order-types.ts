// Order shapes as the SPA reads them. The list, counts, bulk and saved views come from
// @bod/contracts/order-list; the detail and actions are written from the API description while
// packages/contracts/src/orders.ts is being built: swap them for its types once it exists.
import type { TFulfillability, TOrderStatus } from "@bod/contracts/order-list";
import type { TFulfillmentMode } from "@bod/contracts/channels";
import type { TOrderConflict, TOrderMoney, TRefund } from "@bod/contracts/orders";

export type { TFulfillability, TOrderStatus, TFulfillmentMode };
export type { TOrderListItem, TOrderCounts, TBulkAction, TBulkOrderRequest as TBulkRequest, TBulkOrderResponse as TBulkResponse, TSavedView } from "@bod/contracts/order-list";

export type TOrderChannelRef = { id: string; name: string; kind: string; supportsOrderEdits?: boolean };

export type TOrderLine = {
  id: string;
  lineNo?: number;
  productId?: string;
  unitPriceCents?: number;
  sku: string;
  name: string;
  barcode: string | null;
  ordered: number;
  shipped: number;
  cancelled: number;
  remaining: number;
  allocated: number;
  hardAllocated: number;
  softAllocated: number;
  availableInWarehouse: number;
  projectedDate: string | null;
};

export type TShipmentLineRef = { lineId: string; sku?: string; name?: string; quantity: number };

export type TOrderShipment = {
  id: string;
  number: string;
  carrier: string | null;
  trackingNumber: string | null;
  createdAt: string;
  lines: TShipmentLineRef[];
};

export type TOrderEvent = { id?: string; type: string; message: string; data?: unknown; actor?: { name: string } | null; actorName?: string | null; createdAt: string };
export type TOrderNote = { id: string; body: string; author?: { name: string } | null; authorName?: string | null; createdAt: string };
/** Refunds, money and conflicts come from the contract (packages/contracts/src/orders.ts). */
export type TOrderRefund = TRefund;

export type TOrderDetail = {
  id: string;
  number: string;
  channel: TOrderChannelRef;
  externalId: string | null;
  customer: { name: string; email?: string | null; shippingAddress?: string | null };
  orderDate: string;
  shipBy: string | null;
  isOverdue?: boolean;
  priority: number;
  status: TOrderStatus;
  fulfillability: TFulfillability | null;
  projectedDate: string | null;
  fulfillmentMode: TFulfillmentMode;
  tags: string[];
  version: number;
  lines: TOrderLine[];
  shipments: TOrderShipment[];
  notes: TOrderNote[];
  events: TOrderEvent[];
  refunds: TOrderRefund[];
  money: TOrderMoney;
  conflicts: TOrderConflict[];
};

export type TCreateShipmentRequest = { lines?: { lineId: string; quantity: number }[]; carrier?: string; trackingNumber?: string };
export type TCreateShipmentResponse = { shipment: TOrderShipment; order: TOrderDetail };
export type TInsufficientStockDetail = { lineId: string; sku: string; requested: number; allocated: number };


