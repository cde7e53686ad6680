// WooCommerce REST API v3 resources as JSON (the "view" context): orders, products, order notes
// and refunds, with WordPress's `_links`. Dates come in pairs: the site's local wall clock and
// *_gmt, both without an offset ("2026-01-02T03:04:05"); money is "12.50" except line item
// `price`, which is a number.
import { wallClock } from "./clock.ts";
import { decimal2 } from "./money.ts";
import type { WooNote, WooOrder, WooProduct, WooRefund, WooStore } from "./woocommerce-state.ts";

export interface WooSite {
  /** The site's home URL without a trailing slash, e.g. http://127.0.0.1:41235 */
  url: string;
  offsetMinutes: number;
}

const api = (site: WooSite, path: string) => `${site.url}/wp-json/wc/v3${path}`;
const dates = (site: WooSite, name: string, d: Date | null) => ({ [name]: d ? wallClock(d, site.offsetMinutes) : null, [`${name}_gmt`]: d ? wallClock(d, 0) : null });

export function orderJson(store: WooStore, site: WooSite, o: WooOrder) {
  const cartTax = store.cartTaxCents(o);
  const needsPayment = o.status === "pending" || o.status === "failed";
  return {
    id: o.id,
    parent_id: 0,
    status: o.status,
    currency: o.currency,
    version: "10.3.0",
    prices_include_tax: false,
    date_created: wallClock(o.dateCreated, site.offsetMinutes),
    date_modified: wallClock(o.dateModified, site.offsetMinutes),
    discount_total: "0.00",
    discount_tax: "0.00",
    shipping_total: decimal2(o.shippingCents),
    shipping_tax: decimal2(o.shippingTaxCents),
    cart_tax: decimal2(cartTax),
    total: decimal2(store.totalCents(o)),
    total_tax: decimal2(cartTax + o.shippingTaxCents),
    customer_id: o.customerId,
    order_key: o.orderKey,
    billing: o.billing,
    shipping: o.shipping,
    payment_method: o.paymentMethod,
    payment_method_title: o.paymentMethodTitle,
    transaction_id: o.transactionId,
    customer_ip_address: "127.0.0.1",
    customer_user_agent: "Mozilla/5.0 (fake)",
    created_via: "checkout",
    customer_note: o.customerNote,
    date_completed: o.dateCompleted ? wallClock(o.dateCompleted, site.offsetMinutes) : null,
    date_paid: o.datePaid ? wallClock(o.datePaid, site.offsetMinutes) : null,
    cart_hash: "",
    number: String(o.id),
    meta_data: [],
    line_items: o.lineItems.map((li) => ({
      id: li.id,
      name: li.name,
      product_id: li.productId,
      variation_id: li.variationId,
      quantity: li.quantity,
      tax_class: "",
      subtotal: decimal2(li.priceCents * li.quantity),
      subtotal_tax: decimal2(li.taxCents),
      total: decimal2(li.priceCents * li.quantity),
      total_tax: decimal2(li.taxCents),
      taxes: [],
      meta_data: [],
      sku: li.sku,
      price: li.priceCents / 100,
      image: { id: "", src: "" },
      parent_name: null,
    })),
    tax_lines: [],
    shipping_lines: o.shippingCents ? [{ id: o.shippingLineId, method_title: "Flat rate", method_id: "flat_rate", instance_id: "1", total: decimal2(o.shippingCents), total_tax: decimal2(o.shippingTaxCents), taxes: [], meta_data: [] }] : [],
    fee_lines: [],
    coupon_lines: [],
    refunds: store.refundsOf(o.id).map((r) => ({ id: r.id, reason: r.reason, total: `-${decimal2(r.amountCents)}` })),
    payment_url: `${site.url}/checkout/order-pay/${o.id}/?pay_for_order=true&key=${o.orderKey}`,
    is_editable: o.status === "pending" || o.status === "on-hold",
    needs_payment: needsPayment,
    needs_processing: true,
    date_created_gmt: wallClock(o.dateCreated, 0),
    date_modified_gmt: wallClock(o.dateModified, 0),
    date_completed_gmt: o.dateCompleted ? wallClock(o.dateCompleted, 0) : null,
    date_paid_gmt: o.datePaid ? wallClock(o.datePaid, 0) : null,
    currency_symbol: o.currency === "EUR" ? "€" : o.currency === "GBP" ? "£" : "$",
    _links: { self: [{ href: api(site, `/orders/${o.id}`), targetHints: { allow: ["GET", "POST", "PUT", "PATCH", "DELETE"] } }], collection: [{ href: api(site, "/orders") }] },
  };
}

export function productJson(store: WooStore, site: WooSite, p: WooProduct) {
  const price = decimal2(p.priceCents);
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    permalink: `${site.url}/product/${p.slug}/`,
    ...dates(site, "date_created", p.dateCreated),
    ...dates(site, "date_modified", p.dateModified),
    type: p.type,
    status: p.status,
    featured: false,
    catalog_visibility: "visible",
    description: "",
    short_description: "",
    sku: p.sku,
    price,
    regular_price: price,
    sale_price: "",
    date_on_sale_from: null,
    date_on_sale_from_gmt: null,
    date_on_sale_to: null,
    date_on_sale_to_gmt: null,
    on_sale: false,
    purchasable: true,
    total_sales: 0,
    virtual: false,
    downloadable: false,
    downloads: [],
    download_limit: -1,
    download_expiry: -1,
    external_url: "",
    button_text: "",
    tax_status: "taxable",
    tax_class: "",
    manage_stock: p.manageStock,
    stock_quantity: p.manageStock ? p.stockQuantity : null,
    backorders: p.backorders,
    backorders_allowed: p.backorders !== "no",
    backordered: false,
    low_stock_amount: null,
    sold_individually: false,
    weight: "",
    dimensions: { length: "", width: "", height: "" },
    shipping_required: true,
    shipping_taxable: true,
    shipping_class: "",
    shipping_class_id: 0,
    reviews_allowed: true,
    average_rating: "0",
    rating_count: 0,
    upsell_ids: [],
    cross_sell_ids: [],
    parent_id: 0,
    purchase_note: "",
    categories: [],
    brands: [],
    tags: [],
    images: [],
    attributes: [],
    default_attributes: [],
    variations: [],
    grouped_products: [],
    menu_order: 0,
    price_html: `<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">&#36;</span>${price}</bdi></span>`,
    related_ids: [],
    meta_data: [],
    stock_status: store.stockStatus(p),
    has_options: false,
    post_password: "",
    global_unique_id: "",
    _links: { self: [{ href: api(site, `/products/${p.id}`), targetHints: { allow: ["GET", "POST", "PUT", "PATCH", "DELETE"] } }], collection: [{ href: api(site, "/products") }] },
  };
}

export function noteJson(site: WooSite, n: WooNote) {
  return {
    id: n.id,
    author: n.author,
    ...dates(site, "date_created", n.date),
    note: n.note,
    customer_note: n.customerNote,
    _links: {
      self: [{ href: api(site, `/orders/${n.orderId}/notes/${n.id}`), targetHints: { allow: ["GET", "DELETE"] } }],
      collection: [{ href: api(site, `/orders/${n.orderId}/notes`) }],
      up: [{ href: api(site, `/orders/${n.orderId}`) }],
    },
  };
}

export function refundJson(store: WooStore, site: WooSite, r: WooRefund) {
  const order = store.mustOrder(r.orderId);
  return {
    id: r.id,
    ...dates(site, "date_created", r.date),
    amount: decimal2(r.amountCents),
    reason: r.reason,
    refunded_by: 1,
    refunded_payment: r.refundedPayment,
    meta_data: [],
    line_items: r.lineItems.map((l) => {
      const li = order.lineItems.find((x) => x.id === l.orderItemId)!;
      return {
        id: l.id, name: li.name, product_id: li.productId, variation_id: li.variationId, quantity: -l.quantity, tax_class: "", subtotal: `-${decimal2(l.refundTotalCents)}`, subtotal_tax: "0.00",
        total: `-${decimal2(l.refundTotalCents)}`, total_tax: "0.00", taxes: [], meta_data: [{ id: 0, key: "_refunded_item_id", value: String(li.id) }], sku: li.sku, price: -(li.priceCents / 100),
      };
    }),
    shipping_lines: [],
    tax_lines: [],
    fee_lines: [],
    _links: {
      self: [{ href: api(site, `/orders/${r.orderId}/refunds/${r.id}`), targetHints: { allow: ["GET", "DELETE"] } }],
      collection: [{ href: api(site, `/orders/${r.orderId}/refunds`) }],
      up: [{ href: api(site, `/orders/${r.orderId}`) }],
    },
  };
}
