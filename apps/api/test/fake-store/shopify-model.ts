// The fake Shopify shop's data model: the records ShopifyStore keeps (numeric ids, integer cents,
// Dates) and the shape of a new order a test places. Views (shopify-views.ts) turn them into
// Shopify's GraphQL objects and shopify-rest.ts into webhook payloads.

export type FulfillmentOrderStatus = "OPEN" | "IN_PROGRESS" | "CANCELLED" | "INCOMPLETE" | "CLOSED" | "SCHEDULED" | "ON_HOLD";

export interface ShopLocation {
  id: number;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopProduct {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  variantIds: number[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopVariant {
  id: number;
  productId: number;
  title: string;
  sku: string | null;
  barcode: string | null;
  priceCents: number;
  inventoryItemId: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopInventoryLevel {
  id: number;
  locationId: number;
  available: number;
  /** Units on unfulfilled orders; on_hand = available + committed. */
  committed: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopInventoryItem {
  id: number;
  variantId: number;
  tracked: boolean;
  levels: Map<number, ShopInventoryLevel>;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  country: string | null;
  countryCode: string | null;
  phone: string | null;
}

export interface ShopCustomer {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopLineItem {
  id: number;
  variantId: number | null;
  productId: number | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  vendor: string | null;
  quantity: number;
  priceCents: number;
  requiresShipping: boolean;
  /** Units taken off the order by edits and refunds (currentQuantity = quantity - removed). */
  removedQuantity: number;
  refundedQuantity: number;
}

export interface ShopOrder {
  id: number;
  orderNumber: number;
  name: string;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  currency: string;
  test: boolean;
  financial: "paid" | "pending" | "authorized";
  gateway: string;
  customer: ShopCustomer | null;
  shippingAddress: ShopAddress | null;
  billingAddress: ShopAddress | null;
  shippingCents: number;
  refundedShippingCents: number;
  taxCents: number;
  lineItems: ShopLineItem[];
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  closedAt: Date | null;
}

export interface ShopFulfillmentOrderLineItem {
  id: number;
  lineItemId: number;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface ShopHold {
  id: number;
  handle: string;
  reason: string;
  reasonNotes: string | null;
  externalId: string | null;
  notifyMerchant: boolean;
  /** Placed through the API by the app the fake serves (false: the merchant or another app). */
  byThisApp: boolean;
  createdAt: Date;
}

export interface ShopFulfillmentOrder {
  id: number;
  orderId: number;
  locationId: number;
  status: FulfillmentOrderStatus;
  lineItems: ShopFulfillmentOrderLineItem[];
  holds: ShopHold[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopTracking {
  company: string | null;
  number: string | null;
  url: string | null;
}

export interface ShopFulfillment {
  id: number;
  orderId: number;
  name: string;
  status: "SUCCESS" | "CANCELLED";
  locationId: number;
  notifyCustomer: boolean;
  message: string | null;
  tracking: ShopTracking[];
  fulfillmentOrderIds: number[];
  lineItems: { id: number; lineItemId: number; quantity: number }[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ShopTransaction {
  id: number;
  orderId: number;
  kind: "SALE" | "CAPTURE" | "AUTHORIZATION" | "VOID" | "REFUND" | "CHANGE" | "EMV_AUTHORIZATION" | "SUGGESTED_REFUND";
  status: "SUCCESS" | "FAILURE" | "PENDING" | "ERROR" | "AWAITING_RESPONSE" | "UNKNOWN";
  gateway: string;
  amountCents: number;
  parentId: number | null;
  test: boolean;
  createdAt: Date;
}

export interface ShopRefund {
  id: number;
  orderId: number;
  note: string | null;
  lineItems: { id: number; lineItemId: number; quantity: number; restockType: string; locationId: number | null; subtotalCents: number }[];
  shippingCents: number;
  transactionIds: number[];
  createdAt: Date;
}

export interface ShopAdjustmentGroup {
  id: number;
  reason: string;
  referenceDocumentUri: string | null;
  changes: { inventoryItemId: number; locationId: number; name: string; delta: number; quantityAfterChange: number }[];
  createdAt: Date;
}

export interface NewOrderLine {
  /** A variant's SKU in this shop (or variantId); a line without either is a custom item. */
  sku?: string;
  variantId?: number;
  quantity: number;
  /** Unit price ("12.50"); defaults to the variant's price. */
  price?: string;
  title?: string;
  requiresShipping?: boolean;
}

export interface NewOrder {
  lines: NewOrderLine[];
  email?: string | null;
  phone?: string | null;
  note?: string | null;
  tags?: string[];
  customer?: { firstName?: string | null; lastName?: string | null; email?: string | null } | null;
  shippingAddress?: Partial<ShopAddress> | null;
  billingAddress?: Partial<ShopAddress> | null;
  /** "5.00" */
  shippingPrice?: string;
  /** "1.20" */
  totalTax?: string;
  currency?: string;
  /** paid (default): one SUCCESS SALE; authorized: one SUCCESS AUTHORIZATION; pending: none. */
  financialStatus?: ShopOrder["financial"];
  gateway?: string;
  /** The location its fulfillment order is assigned to (default: the first active one). */
  locationId?: number;
  test?: boolean;
}
