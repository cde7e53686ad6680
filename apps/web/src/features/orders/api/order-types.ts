// Order shapes as the SPA reads them: the API's contracts (@bod/contracts/order-list and
// @bod/contracts/orders), with short names for the parts the screens pass around.
import type { TFulfillability, TOrderStatus } from "@bod/contracts/order-list";
import type { TFulfillmentMode } from "@bod/contracts/channels";
import type { TOrderDetail, TRefund } from "@bod/contracts/orders";

export type { TFulfillability, TOrderStatus, TFulfillmentMode };
export type { TOrderListItem, TOrderCounts, TBulkAction, TBulkOrderRequest as TBulkRequest, TBulkOrderResponse as TBulkResponse, TSavedView } from "@bod/contracts/order-list";

export type { TOrderDetail } from "@bod/contracts/orders";
export type TOrderChannelRef = TOrderDetail["channel"];
export type TOrderLine = TOrderDetail["lines"][number];
export type TOrderKit = TOrderDetail["kits"][number];
export type TOrderShipment = TOrderDetail["shipments"][number];
export type TShipmentLineRef = TOrderShipment["lines"][number];
export type TOrderEvent = TOrderDetail["events"][number];
export type TOrderNote = TOrderDetail["notes"][number];
export type TOrderRefund = TRefund;

export type { TCreateShipmentRequest, TShipmentResponse as TCreateShipmentResponse } from "@bod/contracts/orders";
export type TInsufficientStockDetail = { lineId: string; sku: string; requested: number; allocated: number };


