// What Backorder Desk needs from a store, whatever its API: the shape of a store's order as
// it arrives (webhook or poll), and the calls the outbox makes. One adapter per store kind
// (shopify/, woocommerce/), each speaking that store's documented HTTP API.

/** A store's order, normalised from its webhook or API payload. Money in cents. */
export interface StoreOrder {
  /** The store's id of the order (Shopify's numeric order id, WooCommerce's order id). */
  externalId: string;
  /** The store's name for it ("#1001"). */
  name: string | null;
  createdAt: Date;
  /** The store's last change: the high-water mark that orders webhooks. */
  updatedAt: Date;
  /** The store cancelled (or fully refunded and closed) it. */
  cancelled: boolean;
  /** Not paid yet (WooCommerce pending): not imported until it is. */
  awaitingPayment: boolean;
  customerName: string;
  customerEmail: string | null;
  shippingAddress: string | null;
  shippingCents: number;
  taxCents: number;
  lines: StoreOrderLine[];
}

export interface StoreOrderLine {
  /** The store's id of the line (for fulfillments and refunds). */
  externalLineId: string;
  sku: string | null;
  /** The store's variant/product id: names the product when the line has no SKU. */
  variantId: string | null;
  title: string;
  /** Units the customer is to receive now (after store-side edits and removals). */
  quantity: number;
  unitPriceCents: number;
}

/** A store's answer worth keeping on the delivery record (no secrets). */
export interface StoreCall {
  request: unknown;
  response: unknown;
  httpStatus: number | null;
}

/** What a delivery did at the store. */
export interface DeliveryResult {
  /** sent: the store applied it now; already_applied: a previous attempt had (read back from the store). */
  outcome: "sent" | "already_applied" | "skipped";
  /** In words, for the timeline and the Integrations screen. */
  summary: string;
  calls: StoreCall[];
  /** Store ids learned by SKU (stock pushes), to remember for next time. */
  learned?: { sku: string; storeInventoryId: string }[];
}

/** The store said to slow down: try again after `retryAfterMs`. */
export class StoreThrottled extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly calls: StoreCall[] = [],
  ) {
    super(`The store is throttling requests: retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = "StoreThrottled";
  }
}

/** The store refused or failed a call. `permanent`: retrying the same message cannot succeed (a 4xx other than 408/409/429). */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly permanent: boolean,
    readonly calls: StoreCall[] = [],
  ) {
    super(message);
    this.name = "StoreError";
  }
}

export interface StoreConnection {
  /** https://<shop>.myshopify.com or the WooCommerce site, without a trailing slash. */
  storeUrl: string;
  accessToken: string;
  /** Shopify location for stock pushes (gid), when set on the channel. */
  locationId: string | null;
}

/** An order line as the outbox knows it, with the store's line id. */
export interface OutboundLine {
  lineId: string;
  externalLineId: string | null;
  sku: string;
  quantity: number;
}

export interface ShipmentMessage {
  orderExternalId: string;
  shipmentId: string;
  shipmentNumber: string;
  lines: OutboundLine[];
  /** Units of each store line the store has been told shipped before this shipment (earlier deliveries). */
  previouslyShipped: Map<string, number>;
  carrier: string | null;
  trackingNumber: string | null;
  notifyCustomer: boolean;
  /** This shipment completes the order. */
  completesOrder: boolean;
  /** An earlier attempt may have reached the store: read its state before writing. */
  mayHaveApplied: boolean;
}

export interface HoldMessage {
  orderExternalId: string;
  /** Names this message on the store's side (a note's marker), so a retry can tell it arrived. */
  marker: string;
  mayHaveApplied: boolean;
  /** Unallocated units per store line; empty: release every hold this product placed. */
  lines: { externalLineId: string; sku: string; quantity: number }[];
}

export interface RefundMessage {
  orderExternalId: string;
  refundId: string;
  amountCents: number;
  shippingCents: number;
  reason: string | null;
  lines: OutboundLine[];
  mayHaveApplied: boolean;
}

export interface StockLevelPush {
  sku: string;
  productId: string;
  /** What the store may sell now. */
  available: number;
  /** The store's id for it when known (mapping), else looked up by SKU. */
  storeInventoryId: string | null;
}

export interface StockPushResult {
  pushed: number;
  /** SKUs the store has no product for. */
  unknown: string[];
  /** Store ids learned by SKU, to remember. */
  learned: { sku: string; storeInventoryId: string }[];
  calls: StoreCall[];
}

export interface OrdersPage {
  orders: StoreOrder[];
  /** Continue from here; null: the last page. */
  next: string | null;
}

export interface StoreAdapter {
  readonly kind: "shopify" | "woocommerce";
  fulfill(conn: StoreConnection, message: ShipmentMessage): Promise<DeliveryResult>;
  hold(conn: StoreConnection, message: HoldMessage): Promise<DeliveryResult>;
  refund(conn: StoreConnection, message: RefundMessage): Promise<DeliveryResult>;
  /** A free-text note on the order (cancellations, exchanges, edits the store should know of). */
  note(conn: StoreConnection, orderExternalId: string, text: string, marker: string): Promise<DeliveryResult>;
  pushStock(conn: StoreConnection, levels: StockLevelPush[], idempotencyKey: string): Promise<StockPushResult>;
  /** Orders changed at or after `since`, oldest change first. */
  ordersUpdatedSince(conn: StoreConnection, since: Date, cursor: string | null): Promise<OrdersPage>;
}
