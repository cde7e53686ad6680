/**
 * Plain data the fulfillability engine works on. The API loads rows, maps them
 * to these shapes, calls the engine and writes the result back. Dates are epoch ms.
 */
export type AllocationPolicy = "strict_priority" | "complete_orders_first";
export type OrderStatus = "open" | "on_hold" | "partially_shipped" | "shipped" | "cancelled";
export type Fulfillability = "fulfillable" | "partially_fulfillable" | "backordered";

export interface EngineOrder {
  id: string;
  status: OrderStatus;
  priority: number;
  shipBy: number | null;
  orderDate: number;
}

/** One order line at one (warehouse, product) key. Invariant: 0 <= hardAllocated <= remaining. */
export interface EngineLine {
  id: string;
  orderId: string;
  warehouseId: string;
  productId: string;
  remaining: number;
  hardAllocated: number;
}

export interface EngineStock {
  warehouseId: string;
  productId: string;
  onHand: number;
}

/** An open purchase-order line: `quantity` is what is still to arrive. */
export interface IncomingSupply {
  id: string;
  warehouseId: string;
  productId: string;
  quantity: number;
  expectedDate: number | null;
  links: { lineId: string; quantity: number }[];
}

export interface PreorderRestock {
  productId: string;
  restockDate: number;
  quantity: number;
}

export interface EngineInput {
  policy: AllocationPolicy;
  orders: EngineOrder[];
  lines: EngineLine[];
  stock: EngineStock[];
  incoming?: IncomingSupply[];
  preorders?: PreorderRestock[];
}

export interface LineResult {
  lineId: string;
  /** hard + soft allocation */
  allocated: number;
  projectedDate: number | null;
}

export interface OrderResult {
  orderId: string;
  /** null for orders that take nothing (held, shipped, cancelled) or have nothing remaining */
  fulfillability: Fulfillability | null;
  projectedDate: number | null;
}

export interface EngineResult {
  lines: Map<string, LineResult>;
  orders: Map<string, OrderResult>;
}

export const stockKey = (warehouseId: string, productId: string) => `${warehouseId}|${productId}`;
