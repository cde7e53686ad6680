// What the fake Shopify shop holds — locations, products and variants with inventory items and
// levels, orders with line items, fulfillment orders (one OPEN per order at creation, at the
// shop's first active location), holds, fulfillments, refunds and transactions (one SUCCESS SALE
// per paid order) — and the changes a test makes the way a merchant or customer would (place,
// edit, cancel an order; set stock). Changes an app makes through the API live in shopify-rules.ts.
import { FakeClock } from "./clock.ts";
import type {
  ShopLocation, ShopProduct, ShopVariant, ShopInventoryItem, ShopAddress, ShopCustomer, ShopLineItem, ShopOrder, ShopHold, ShopFulfillmentOrder, ShopFulfillment, ShopTransaction, ShopRefund, ShopAdjustmentGroup, NewOrderLine, NewOrder,
} from "./shopify-model.ts";

const DEFAULT_ADDRESS: ShopAddress = {
  firstName: "Ada",
  lastName: "Lovelace",
  company: null,
  address1: "12 Analytical Row",
  address2: null,
  city: "London",
  province: null,
  provinceCode: null,
  zip: "N1 7AA",
  country: "United Kingdom",
  countryCode: "GB",
  phone: null,
};

export const toCentsOrThrow = (value: string | undefined, fallback: number, what: string) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${what}: "${value}" is not an amount`);
  return Math.round(n * 100);
};

/** The shop's data and the merchant-side changes tests make. */
export class ShopifyStore {
  readonly clock: FakeClock;
  readonly locations = new Map<number, ShopLocation>();
  readonly products = new Map<number, ShopProduct>();
  readonly variants = new Map<number, ShopVariant>();
  readonly inventoryItems = new Map<number, ShopInventoryItem>();
  readonly orders = new Map<number, ShopOrder>();
  readonly fulfillmentOrders = new Map<number, ShopFulfillmentOrder>();
  readonly fulfillments = new Map<number, ShopFulfillment>();
  readonly transactions = new Map<number, ShopTransaction>();
  readonly refunds = new Map<number, ShopRefund>();
  readonly adjustmentGroups = new Map<number, ShopAdjustmentGroup>();
  private readonly seq = new Map<string, number>();
  private static readonly BASES: Record<string, number> = {
    Order: 1000, LineItem: 2000, Location: 3000, Product: 4000, ProductVariant: 5000, InventoryItem: 6000, InventoryLevel: 6500,
    FulfillmentOrder: 7000, FulfillmentOrderLineItem: 8000, FulfillmentHold: 9000, Fulfillment: 10000, FulfillmentLineItem: 11000,
    OrderTransaction: 12000, Refund: 13000, RefundLineItem: 14000, InventoryAdjustmentGroup: 15000, Customer: 16000,
  };

  constructor(clock = new FakeClock()) {
    this.clock = clock;
  }

  /** The next numeric id for a resource type (ids start at a per-type base: orders at 1001). */
  nextId(type: keyof typeof ShopifyStore.BASES | string): number {
    const next = (this.seq.get(type) ?? ShopifyStore.BASES[type] ?? 90000) + 1;
    this.seq.set(type, next);
    return next;
  }

  createLocation(input: { name: string; isActive?: boolean; fulfillsOnlineOrders?: boolean }): ShopLocation {
    const now = this.clock.now();
    const location: ShopLocation = { id: this.nextId("Location"), name: input.name, isActive: input.isActive ?? true, fulfillsOnlineOrders: input.fulfillsOnlineOrders ?? true, createdAt: now, updatedAt: now };
    this.locations.set(location.id, location);
    for (const item of this.inventoryItems.values()) this.stockAt(item, location.id, 0);
    return location;
  }

  /** A product with variants; each variant's inventory item is stocked at every location (available per location id, or `available` at all). */
  createProduct(input: { title: string; vendor?: string; productType?: string; variants: { sku: string | null; price?: string; title?: string; barcode?: string; available?: number; availableAt?: Record<number, number>; tracked?: boolean }[] }) {
    const now = this.clock.now();
    const product: ShopProduct = {
      id: this.nextId("Product"),
      title: input.title,
      handle: input.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
      vendor: input.vendor ?? "Fake Vendor",
      productType: input.productType ?? "",
      status: "ACTIVE",
      variantIds: [],
      createdAt: now,
      updatedAt: now,
    };
    this.products.set(product.id, product);
    for (const v of input.variants) {
      const variantId = this.nextId("ProductVariant");
      const item: ShopInventoryItem = { id: this.nextId("InventoryItem"), variantId, tracked: v.tracked ?? true, levels: new Map(), createdAt: now, updatedAt: now };
      this.inventoryItems.set(item.id, item);
      for (const location of this.locations.values()) this.stockAt(item, location.id, v.availableAt?.[location.id] ?? v.available ?? 0);
      this.variants.set(variantId, {
        id: variantId,
        productId: product.id,
        title: v.title ?? "Default Title",
        sku: v.sku,
        barcode: v.barcode ?? null,
        priceCents: toCentsOrThrow(v.price, 1000, "variant price"),
        inventoryItemId: item.id,
        createdAt: now,
        updatedAt: now,
      });
      product.variantIds.push(variantId);
    }
    return { product, variants: product.variantIds.map((id) => this.variants.get(id)!) };
  }

  private stockAt(item: ShopInventoryItem, locationId: number, available: number) {
    const now = this.clock.now();
    item.levels.set(locationId, { id: this.nextId("InventoryLevel"), locationId, available, committed: 0, createdAt: now, updatedAt: now });
  }

  variantBySku(sku: string): ShopVariant | undefined {
    return [...this.variants.values()].find((v) => v.sku === sku);
  }

  /** Units available for sale of a SKU (or inventory item) at a location (default: the first). */
  available(skuOrItemId: string | number, locationId = this.defaultLocation().id): number {
    const itemId = typeof skuOrItemId === "number" ? skuOrItemId : this.variantBySku(skuOrItemId)?.inventoryItemId;
    const level = itemId === undefined ? undefined : this.inventoryItems.get(itemId)?.levels.get(locationId);
    if (!level) throw new Error(`no inventory level for ${skuOrItemId} at location ${locationId}`);
    return level.available;
  }

  /** Merchant-side stock change (not through the API). */
  setAvailable(sku: string, available: number, locationId = this.defaultLocation().id) {
    const variant = this.variantBySku(sku);
    const level = variant && this.inventoryItems.get(variant.inventoryItemId)?.levels.get(locationId);
    if (!level) throw new Error(`no inventory level for ${sku} at location ${locationId}`);
    level.available = available;
    level.updatedAt = this.clock.now();
  }

  defaultLocation(): ShopLocation {
    const location = [...this.locations.values()].find((l) => l.isActive);
    if (!location) throw new Error("the shop has no active location");
    return location;
  }

  /** A customer places an order: line items, one OPEN fulfillment order, and the payment. */
  createOrder(input: NewOrder): ShopOrder {
    if (!input.lines.length) throw new Error("an order needs at least one line");
    const now = this.clock.now();
    const id = this.nextId("Order");
    const lineItems = input.lines.map((line) => this.lineItemFor(line));
    const email = input.email === undefined ? (input.customer?.email ?? `buyer${id}@example.com`) : input.email;
    const customer = input.customer === null ? null : this.customerFor(input.customer, email);
    const order: ShopOrder = {
      id,
      orderNumber: id,
      name: `#${id}`,
      email,
      phone: input.phone ?? null,
      note: input.note ?? null,
      tags: input.tags ?? [],
      currency: input.currency ?? "USD",
      test: input.test ?? false,
      financial: input.financialStatus ?? "paid",
      gateway: input.gateway ?? "bogus",
      customer,
      shippingAddress: input.shippingAddress === null ? null : { ...DEFAULT_ADDRESS, ...input.shippingAddress },
      billingAddress: input.billingAddress === null ? null : { ...DEFAULT_ADDRESS, ...(input.billingAddress ?? input.shippingAddress) },
      shippingCents: toCentsOrThrow(input.shippingPrice, 0, "shippingPrice"),
      refundedShippingCents: 0,
      taxCents: toCentsOrThrow(input.totalTax, 0, "totalTax"),
      lineItems,
      createdAt: now,
      updatedAt: now,
      processedAt: now,
      cancelledAt: null,
      cancelReason: null,
      closedAt: null,
    };
    this.orders.set(id, order);
    const locationId = input.locationId ?? this.defaultLocation().id;
    if (!this.locations.has(locationId)) throw new Error(`no location ${locationId}`);
    const shippable = lineItems.filter((li) => li.requiresShipping);
    if (shippable.length) {
      const fo: ShopFulfillmentOrder = {
        id: this.nextId("FulfillmentOrder"),
        orderId: id,
        locationId,
        status: "OPEN",
        lineItems: shippable.map((li) => ({ id: this.nextId("FulfillmentOrderLineItem"), lineItemId: li.id, totalQuantity: li.quantity, remainingQuantity: li.quantity })),
        holds: [],
        createdAt: now,
        updatedAt: now,
      };
      this.fulfillmentOrders.set(fo.id, fo);
      this.commitStock(fo, 1);
    }
    if (order.financial !== "pending") {
      const kind = order.financial === "paid" ? "SALE" : "AUTHORIZATION";
      this.addTransaction({ orderId: id, kind, status: "SUCCESS", gateway: order.gateway, amountCents: this.totalCents(order), parentId: null, test: order.test });
    }
    return order;
  }

  private lineItemFor(line: NewOrderLine): ShopLineItem {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) throw new Error(`line quantity must be a positive integer (got ${line.quantity})`);
    const variant = line.variantId !== undefined ? this.variants.get(line.variantId) : line.sku !== undefined ? this.variantBySku(line.sku) : undefined;
    if ((line.variantId !== undefined || line.sku !== undefined) && !variant && line.title === undefined) throw new Error(`no variant with ${line.sku ? `SKU ${line.sku}` : `id ${line.variantId}`}`);
    const product = variant ? this.products.get(variant.productId) : undefined;
    return {
      id: this.nextId("LineItem"),
      variantId: variant?.id ?? null,
      productId: product?.id ?? null,
      sku: variant?.sku ?? line.sku ?? null,
      title: line.title ?? product?.title ?? "Custom item",
      variantTitle: variant && variant.title !== "Default Title" ? variant.title : null,
      vendor: product?.vendor ?? null,
      quantity: line.quantity,
      priceCents: toCentsOrThrow(line.price, variant?.priceCents ?? 1000, "line price"),
      requiresShipping: line.requiresShipping ?? true,
      removedQuantity: 0,
      refundedQuantity: 0,
    };
  }

  private customerFor(input: NewOrder["customer"], email: string | null | undefined): ShopCustomer {
    const now = this.clock.now();
    return { id: this.nextId("Customer"), firstName: input?.firstName ?? "Ada", lastName: input?.lastName ?? "Lovelace", email: input?.email ?? email ?? null, createdAt: now, updatedAt: now };
  }

  addTransaction(t: Omit<ShopTransaction, "id" | "createdAt">): ShopTransaction {
    const transaction = { ...t, id: this.nextId("OrderTransaction"), createdAt: this.clock.now() };
    this.transactions.set(transaction.id, transaction);
    return transaction;
  }

  /** Reserves (sign 1) or releases (sign -1) the fulfillment order's remaining units at its location. */
  commitStock(fo: ShopFulfillmentOrder, sign: 1 | -1, only?: Map<number, number>) {
    const order = this.orders.get(fo.orderId)!;
    for (const foli of fo.lineItems) {
      const li = order.lineItems.find((l) => l.id === foli.lineItemId);
      const variant = li?.variantId ? this.variants.get(li.variantId) : undefined;
      const level = variant && this.inventoryItems.get(variant.inventoryItemId)?.levels.get(fo.locationId);
      const units = only ? (only.get(foli.id) ?? 0) : foli.remainingQuantity;
      if (!level || units === 0) continue;
      level.available -= sign * units;
      level.committed += sign * units;
    }
  }

  /** Merchant or customer edits: any of these fields; the order's updatedAt moves. */
  updateOrder(orderId: number, patch: { email?: string | null; note?: string | null; tags?: string[]; shippingAddress?: Partial<ShopAddress> | null; phone?: string | null }): ShopOrder {
    const order = this.mustOrder(orderId);
    if (patch.email !== undefined) order.email = patch.email;
    if (patch.note !== undefined) order.note = patch.note;
    if (patch.tags !== undefined) order.tags = patch.tags;
    if (patch.phone !== undefined) order.phone = patch.phone;
    if (patch.shippingAddress !== undefined) order.shippingAddress = patch.shippingAddress === null ? null : { ...(order.shippingAddress ?? DEFAULT_ADDRESS), ...patch.shippingAddress };
    this.touch(order);
    return order;
  }

  /** An order edit in the Shopify admin that takes units off a line (they leave its fulfillment orders). */
  removeUnits(orderId: number, lineItemId: number, quantity: number): ShopOrder {
    const order = this.mustOrder(orderId);
    const li = order.lineItems.find((l) => l.id === lineItemId);
    if (!li) throw new Error(`order ${orderId} has no line item ${lineItemId}`);
    const removed = this.takeFromFulfillmentOrders(orderId, lineItemId, quantity);
    if (removed < quantity) throw new Error(`only ${removed} unfulfilled unit(s) of line item ${lineItemId} could be removed`);
    li.removedQuantity += quantity;
    this.touch(order);
    return order;
  }

  /** Takes up to `quantity` unfulfilled units of a line item off its open fulfillment orders; returns how many. */
  takeFromFulfillmentOrders(orderId: number, lineItemId: number, quantity: number): number {
    let left = quantity;
    for (const fo of this.fulfillmentOrdersOf(orderId)) {
      if (fo.status === "CLOSED" || fo.status === "CANCELLED") continue;
      for (const foli of fo.lineItems) {
        if (foli.lineItemId !== lineItemId || left === 0 || foli.remainingQuantity === 0) continue;
        const take = Math.min(left, foli.remainingQuantity);
        this.commitStock(fo, -1, new Map([[foli.id, take]]));
        foli.remainingQuantity -= take;
        foli.totalQuantity -= take;
        left -= take;
      }
      this.settleStatus(fo);
    }
    return quantity - left;
  }

  /** The merchant cancels the order: its unfulfilled fulfillment orders are cancelled and their stock released. */
  cancelOrder(orderId: number, reason: "CUSTOMER" | "DECLINED" | "FRAUD" | "INVENTORY" | "STAFF" | "OTHER" = "CUSTOMER"): ShopOrder {
    const order = this.mustOrder(orderId);
    if (order.cancelledAt) throw new Error(`order ${orderId} is already cancelled`);
    const now = this.clock.now();
    order.cancelledAt = now;
    order.cancelReason = reason;
    order.closedAt = now;
    for (const fo of this.fulfillmentOrdersOf(orderId)) {
      if (fo.status === "CLOSED" || fo.status === "CANCELLED") continue;
      this.commitStock(fo, -1);
      fo.status = fo.lineItems.some((l) => l.totalQuantity > l.remainingQuantity) ? "CLOSED" : "CANCELLED";
      fo.holds = [];
      fo.updatedAt = now;
    }
    this.touch(order);
    return order;
  }

  /** A hold placed by the merchant or another app (the API's app did not place it and cannot see it as its own). */
  holdAsMerchant(fulfillmentOrderId: number, reason = "OTHER", reasonNotes: string | null = null): ShopHold {
    const fo = this.fulfillmentOrders.get(fulfillmentOrderId);
    if (!fo) throw new Error(`no fulfillment order ${fulfillmentOrderId}`);
    const hold: ShopHold = { id: this.nextId("FulfillmentHold"), handle: "", reason, reasonNotes, externalId: null, notifyMerchant: false, byThisApp: false, createdAt: this.clock.now() };
    fo.holds.push(hold);
    fo.status = "ON_HOLD";
    fo.updatedAt = this.clock.now();
    this.touch(this.mustOrder(fo.orderId));
    return hold;
  }

  /** OPEN / IN_PROGRESS / CLOSED / ON_HOLD from the line items and holds (CANCELLED stays). */
  settleStatus(fo: ShopFulfillmentOrder) {
    if (fo.status === "CANCELLED") return;
    const remaining = fo.lineItems.reduce((s, l) => s + l.remainingQuantity, 0);
    const fulfilled = fo.lineItems.some((l) => l.totalQuantity > l.remainingQuantity);
    if (remaining === 0) {
      fo.status = fulfilled ? "CLOSED" : "CANCELLED";
      fo.holds = [];
    } else if (fo.holds.length) fo.status = "ON_HOLD";
    else fo.status = fulfilled ? "IN_PROGRESS" : "OPEN";
    fo.updatedAt = this.clock.now();
  }

  touch(order: ShopOrder) {
    order.updatedAt = this.clock.now();
  }

  mustOrder(orderId: number): ShopOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    return order;
  }

  fulfillmentOrdersOf(orderId: number): ShopFulfillmentOrder[] {
    return [...this.fulfillmentOrders.values()].filter((fo) => fo.orderId === orderId);
  }

  fulfillmentsOf(orderId: number): ShopFulfillment[] {
    return [...this.fulfillments.values()].filter((f) => f.orderId === orderId);
  }

  transactionsOf(orderId: number): ShopTransaction[] {
    return [...this.transactions.values()].filter((t) => t.orderId === orderId);
  }

  refundsOf(orderId: number): ShopRefund[] {
    return [...this.refunds.values()].filter((r) => r.orderId === orderId);
  }

  /** Units of a line item in successful fulfillments. */
  fulfilledQuantity(orderId: number, lineItemId: number): number {
    return this.fulfillmentsOf(orderId)
      .filter((f) => f.status === "SUCCESS")
      .reduce((s, f) => s + f.lineItems.filter((l) => l.lineItemId === lineItemId).reduce((a, l) => a + l.quantity, 0), 0);
  }

  /** Units of a line item still to fulfill (on fulfillment orders that are not closed or cancelled). */
  unfulfilledQuantity(orderId: number, lineItemId: number): number {
    return this.fulfillmentOrdersOf(orderId)
      .filter((fo) => fo.status !== "CLOSED" && fo.status !== "CANCELLED")
      .reduce((s, fo) => s + fo.lineItems.filter((l) => l.lineItemId === lineItemId).reduce((a, l) => a + l.remainingQuantity, 0), 0);
  }

  subtotalCents(order: ShopOrder, current = false): number {
    return order.lineItems.reduce((s, li) => s + li.priceCents * (current ? li.quantity - li.removedQuantity : li.quantity), 0);
  }

  totalCents(order: ShopOrder): number {
    return this.subtotalCents(order) + order.shippingCents + order.taxCents;
  }

  /** Money paid in: successful sales and captures. */
  receivedCents(order: ShopOrder): number {
    return this.transactionsOf(order.id).filter((t) => t.status === "SUCCESS" && (t.kind === "SALE" || t.kind === "CAPTURE")).reduce((s, t) => s + t.amountCents, 0);
  }

  refundedCents(order: ShopOrder): number {
    return this.transactionsOf(order.id).filter((t) => t.status === "SUCCESS" && t.kind === "REFUND").reduce((s, t) => s + t.amountCents, 0);
  }

  financialStatus(order: ShopOrder): "PENDING" | "AUTHORIZED" | "PARTIALLY_PAID" | "PARTIALLY_REFUNDED" | "VOIDED" | "PAID" | "REFUNDED" | "EXPIRED" {
    if (order.financial === "pending") return "PENDING";
    if (order.financial === "authorized") return order.cancelledAt ? "VOIDED" : "AUTHORIZED";
    const refunded = this.refundedCents(order);
    if (refunded === 0) return "PAID";
    return refunded >= this.receivedCents(order) ? "REFUNDED" : "PARTIALLY_REFUNDED";
  }

  fulfillmentStatus(order: ShopOrder): "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED" | "ON_HOLD" | "IN_PROGRESS" {
    const fos = this.fulfillmentOrdersOf(order.id).filter((fo) => fo.status !== "CANCELLED");
    const fulfilled = this.fulfillmentsOf(order.id).some((f) => f.status === "SUCCESS");
    const open = fos.filter((fo) => fo.status !== "CLOSED");
    if (!open.length) return fulfilled ? "FULFILLED" : "UNFULFILLED";
    if (fulfilled) return "PARTIALLY_FULFILLED";
    if (open.every((fo) => fo.status === "ON_HOLD")) return "ON_HOLD";
    return "UNFULFILLED";
  }
}
