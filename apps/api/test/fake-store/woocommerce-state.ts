// What the fake WooCommerce site holds — simple products with managed stock, orders with line
// items, order notes and refunds — and the changes WooCommerce itself makes around them: stock
// reduced when an order is paid and restored when it is cancelled, a system note on every status
// change, date_modified moved by every change. Ids of orders, refunds and products come from one
// sequence (they are all posts in WordPress); order items and notes have their own.
import crypto from "node:crypto";
import { FakeClock } from "./clock.ts";

export type WooOrderStatus = "pending" | "processing" | "on-hold" | "completed" | "cancelled" | "refunded" | "failed" | "trash" | "checkout-draft";
export const WOO_STATUSES: WooOrderStatus[] = ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "trash", "checkout-draft"];
const STATUS_NAMES: Record<WooOrderStatus, string> = {
  pending: "Pending payment", processing: "Processing", "on-hold": "On hold", completed: "Completed", cancelled: "Cancelled", refunded: "Refunded", failed: "Failed", trash: "Trash", "checkout-draft": "Draft",
};
/** Statuses in which WooCommerce has taken the order's units out of stock. */
const STOCK_REDUCED: WooOrderStatus[] = ["processing", "completed", "on-hold"];

export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface WooLineItem {
  id: number;
  productId: number;
  variationId: number;
  name: string;
  sku: string;
  quantity: number;
  priceCents: number;
  taxCents: number;
}

export interface WooOrder {
  id: number;
  status: WooOrderStatus;
  currency: string;
  orderKey: string;
  customerId: number;
  billing: WooAddress;
  shipping: WooAddress;
  paymentMethod: string;
  paymentMethodTitle: string;
  /** Whether the payment gateway can refund through the API (api_refund). */
  gatewaySupportsRefunds: boolean;
  /** When set, the gateway refuses refunds with this message. */
  gatewayRefundError: string | null;
  transactionId: string;
  customerNote: string;
  lineItems: WooLineItem[];
  shippingCents: number;
  shippingTaxCents: number;
  shippingLineId: number;
  stockReduced: boolean;
  dateCreated: Date;
  dateModified: Date;
  datePaid: Date | null;
  dateCompleted: Date | null;
}

export interface WooNote {
  id: number;
  orderId: number;
  note: string;
  customerNote: boolean;
  author: string;
  date: Date;
}

export interface WooRefund {
  id: number;
  orderId: number;
  amountCents: number;
  reason: string;
  refundedPayment: boolean;
  lineItems: { id: number; orderItemId: number; quantity: number; refundTotalCents: number }[];
  date: Date;
}

export interface WooProduct {
  id: number;
  name: string;
  slug: string;
  type: "simple";
  status: "publish" | "draft" | "private";
  sku: string;
  priceCents: number;
  manageStock: boolean;
  stockQuantity: number | null;
  backorders: "no" | "notify" | "yes";
  dateCreated: Date;
  dateModified: Date;
}

export interface NewWooOrder {
  lines: { sku?: string; productId?: number; quantity: number; price?: string; name?: string }[];
  status?: WooOrderStatus;
  billing?: Partial<WooAddress>;
  shipping?: Partial<WooAddress>;
  shippingTotal?: string;
  totalTax?: string;
  currency?: string;
  paymentMethod?: string;
  paymentMethodTitle?: string;
  gatewaySupportsRefunds?: boolean;
  customerNote?: string;
}

const money = (v: string | undefined, fallback: number, what: string) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${what}: "${v}" is not an amount`);
  return Math.round(n * 100);
};

const ADDRESS: WooAddress = { first_name: "Grace", last_name: "Hopper", company: "", address_1: "1 Harbor Way", address_2: "", city: "Arlington", state: "VA", postcode: "22201", country: "US", phone: "" };

export class WooStore {
  readonly clock: FakeClock;
  readonly products = new Map<number, WooProduct>();
  readonly orders = new Map<number, WooOrder>();
  readonly notes = new Map<number, WooNote>();
  readonly refunds = new Map<number, WooRefund>();
  private postSeq = 100;
  private itemSeq = 0;
  private noteSeq = 0;

  constructor(clock = new FakeClock()) {
    this.clock = clock;
  }

  nextPostId() {
    return ++this.postSeq;
  }

  nextItemId() {
    return ++this.itemSeq;
  }

  createProduct(input: { name: string; sku: string; price?: string; stockQuantity?: number | null; manageStock?: boolean; backorders?: WooProduct["backorders"] }): WooProduct {
    const now = this.clock.now();
    const product: WooProduct = {
      id: this.nextPostId(),
      name: input.name,
      slug: input.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
      type: "simple",
      status: "publish",
      sku: input.sku,
      priceCents: money(input.price, 1000, "price"),
      manageStock: input.manageStock ?? input.stockQuantity !== undefined,
      stockQuantity: input.stockQuantity ?? null,
      backorders: input.backorders ?? "no",
      dateCreated: now,
      dateModified: now,
    };
    this.products.set(product.id, product);
    return product;
  }

  productBySku(sku: string) {
    return [...this.products.values()].find((p) => p.sku === sku);
  }

  stockStatus(p: WooProduct): "instock" | "outofstock" | "onbackorder" {
    if (!p.manageStock || p.stockQuantity === null) return "instock";
    if (p.stockQuantity > 0) return "instock";
    return p.backorders === "no" ? "outofstock" : "onbackorder";
  }

  /** A customer checks out: the order, its items, and (when paid) stock reduced with a note. */
  createOrder(input: NewWooOrder): WooOrder {
    if (!input.lines.length) throw new Error("an order needs at least one line");
    const now = this.clock.now();
    const status = input.status ?? "processing";
    const lineItems = input.lines.map((l) => {
      const product = l.productId !== undefined ? this.products.get(l.productId) : l.sku !== undefined ? this.productBySku(l.sku) : undefined;
      if (!product && l.name === undefined) throw new Error(`no product ${l.sku ?? l.productId}`);
      if (!Number.isInteger(l.quantity) || l.quantity < 1) throw new Error(`line quantity must be a positive integer (got ${l.quantity})`);
      return { id: this.nextItemId(), productId: product?.id ?? 0, variationId: 0, name: l.name ?? product!.name, sku: product?.sku ?? l.sku ?? "", quantity: l.quantity, priceCents: money(l.price, product?.priceCents ?? 1000, "price"), taxCents: 0 };
    });
    const billing = { ...ADDRESS, email: "grace@example.com", ...input.billing };
    const order: WooOrder = {
      id: this.nextPostId(),
      status,
      currency: input.currency ?? "USD",
      orderKey: `wc_order_${crypto.randomBytes(6).toString("hex")}`,
      customerId: 0,
      billing,
      shipping: { ...ADDRESS, ...input.shipping },
      paymentMethod: input.paymentMethod ?? "stripe",
      paymentMethodTitle: input.paymentMethodTitle ?? "Credit card (Stripe)",
      gatewaySupportsRefunds: input.gatewaySupportsRefunds ?? true,
      gatewayRefundError: null,
      transactionId: status === "pending" ? "" : `ch_${crypto.randomBytes(8).toString("hex")}`,
      customerNote: input.customerNote ?? "",
      lineItems,
      shippingCents: money(input.shippingTotal, 0, "shippingTotal"),
      shippingTaxCents: 0,
      shippingLineId: this.nextItemId(),
      stockReduced: false,
      dateCreated: now,
      dateModified: now,
      datePaid: status === "pending" ? null : now,
      dateCompleted: status === "completed" ? now : null,
    };
    const tax = money(input.totalTax, 0, "totalTax");
    if (tax && lineItems[0]) lineItems[0].taxCents = tax;
    this.orders.set(order.id, order);
    if (STOCK_REDUCED.includes(status)) this.reduceStock(order);
    return order;
  }

  private reduceStock(order: WooOrder) {
    const changes = this.adjustStock(order, -1);
    order.stockReduced = true;
    if (changes.length) this.addNote(order.id, `Stock levels reduced: ${changes.join(", ")}`, false);
  }

  private restoreStock(order: WooOrder) {
    const changes = this.adjustStock(order, 1);
    order.stockReduced = false;
    if (changes.length) this.addNote(order.id, `Stock levels increased: ${changes.join(", ")}`, false);
  }

  private adjustStock(order: WooOrder, sign: 1 | -1): string[] {
    const out: string[] = [];
    for (const li of order.lineItems) {
      const p = this.products.get(li.productId);
      if (!p?.manageStock || p.stockQuantity === null) continue;
      const before = p.stockQuantity;
      p.stockQuantity += sign * li.quantity;
      p.dateModified = this.clock.now();
      out.push(`${p.name} (${p.sku}) ${before}&rarr;${p.stockQuantity}`);
    }
    return out;
  }

  /** A status change as WooCommerce makes it: a system note, paid/completed dates, stock. */
  setStatus(order: WooOrder, to: WooOrderStatus) {
    const from = order.status;
    if (from === to) return;
    order.status = to;
    const now = this.clock.now();
    if (to === "completed") order.dateCompleted = now;
    if ((to === "processing" || to === "completed") && !order.datePaid) order.datePaid = now;
    this.addNote(order.id, `Order status changed from ${STATUS_NAMES[from]} to ${STATUS_NAMES[to]}.`, false);
    if (STOCK_REDUCED.includes(to) && !order.stockReduced) this.reduceStock(order);
    if ((to === "cancelled" || to === "failed" || to === "pending") && order.stockReduced) this.restoreStock(order);
    this.touch(order);
  }

  addNote(orderId: number, note: string, customerNote: boolean, author = "WooCommerce"): WooNote {
    const n: WooNote = { id: ++this.noteSeq, orderId, note, customerNote, author, date: this.clock.now() };
    this.notes.set(n.id, n);
    return n;
  }

  touch(order: WooOrder) {
    order.dateModified = this.clock.now();
  }

  mustOrder(id: number): WooOrder {
    const o = this.orders.get(id);
    if (!o) throw new Error(`no order ${id}`);
    return o;
  }

  notesOf(orderId: number): WooNote[] {
    return [...this.notes.values()].filter((n) => n.orderId === orderId).sort((a, b) => b.date.getTime() - a.date.getTime() || b.id - a.id);
  }

  refundsOf(orderId: number): WooRefund[] {
    return [...this.refunds.values()].filter((r) => r.orderId === orderId).sort((a, b) => b.id - a.id);
  }

  subtotalCents(o: WooOrder) {
    return o.lineItems.reduce((s, li) => s + li.priceCents * li.quantity, 0);
  }

  cartTaxCents(o: WooOrder) {
    return o.lineItems.reduce((s, li) => s + li.taxCents, 0);
  }

  totalCents(o: WooOrder) {
    return this.subtotalCents(o) + o.shippingCents + this.cartTaxCents(o) + o.shippingTaxCents;
  }

  refundedCents(o: WooOrder) {
    return this.refundsOf(o.id).reduce((s, r) => s + r.amountCents, 0);
  }
}
