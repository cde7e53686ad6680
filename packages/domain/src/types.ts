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
  /**
   * A component line of a kit: the lines sharing `kitId` (one order, distinct keys) are one
   * kit line. They are allocated in whole kits only — `remaining` and the allocation handed
   * out are multiples of `perKit` (units of this component in one kit).
   */
  kitId?: string;
  perKit?: number;
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

/**
 * Columnar, integer-indexed input (what a full recompute from the database
 * feeds directly: string ids are mapped to integers once while loading rows).
 * Orders, lines, keys, supplies and preorder restocks are numbered by their
 * position in these arrays. Quantities may be Int32Array or Float64Array.
 */
export type QuantityColumn = Int32Array | Float64Array;

export interface IndexedOrders {
  /** higher first */
  priority: Int32Array | Float64Array;
  /** epoch ms, NaN for none (none ranks last) */
  shipBy: Float64Array;
  /** epoch ms */
  orderDate: Float64Array;
  /** stands for id order: order a ranks before b on a full tie when tiebreak[a] < tiebreak[b] (unique per order) */
  tiebreak: Int32Array;
  /** 1 when the order takes soft allocation (status open or partially_shipped) */
  allocating: Uint8Array;
}

export interface IndexedLines {
  orderIndex: Int32Array;
  keyIndex: Int32Array;
  remaining: QuantityColumn;
  hard: QuantityColumn;
  /** stands for line id order inside an order; without it, position order */
  tiebreak?: Int32Array;
  /** kit number per line, -1 for a line that is not a kit component (see EngineLine.kitId) */
  kitGroup?: Int32Array;
  /** units of the line's product in one kit (read only where kitGroup >= 0) */
  perKit?: QuantityColumn;
}

export interface IndexedKeys {
  onHand: QuantityColumn;
  /** product number per key; needed only with preorder restocks (same numbering as IndexedPreorders.product) */
  product?: Int32Array;
}

/** Open purchase-order lines. Links are CSR: supply s links linkLine/linkQuantity[linkStart[s] .. linkStart[s+1]). */
export interface IndexedSupplies {
  /** -1 for a key the input does not know (ignored) */
  keyIndex: Int32Array;
  quantity: QuantityColumn;
  /** NaN for unknown (taken last) */
  expectedDate: Float64Array;
  /** stands for id order among supplies */
  tiebreak: Int32Array;
  linkStart?: Int32Array;
  /** line number; -1 is ignored */
  linkLine?: Int32Array;
  linkQuantity?: QuantityColumn;
}

export interface IndexedPreorders {
  product: Int32Array;
  restockDate: Float64Array;
  quantity: QuantityColumn;
}

export interface IndexedEngineInput {
  policy: AllocationPolicy;
  orders: IndexedOrders;
  lines: IndexedLines;
  keys: IndexedKeys;
  supplies?: IndexedSupplies;
  preorders?: IndexedPreorders;
}

export interface IndexedEngineResult {
  /** hard + soft per line */
  lineAllocated: Float64Array;
  /** per line, NaN for null */
  lineProjectedDate: Float64Array;
  /** per order (input numbering): index into FULFILLABILITY_CODES, -1 for null */
  orderFulfillability: Int8Array;
  /** per order (input numbering), NaN for null */
  orderProjectedDate: Float64Array;
  /** order numbers best rank first */
  rankedOrderIndex: Int32Array;
}
