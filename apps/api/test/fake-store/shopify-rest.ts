// The REST resources Shopify posts as webhook bodies: the Order resource (orders/create,
// orders/updated, orders/cancelled, …) and the Shop resource (app/uninstalled). Numeric ids,
// money as "12.50" strings with *_set twins, times in the shop's offset ("2026-01-02T03:04:05-05:00").
import { isoWithOffset } from "./clock.ts";
import { decimal2 } from "./money.ts";
import type { ShopAddress, ShopOrder } from "./shopify-model.ts";
import type { ShopifyStore } from "./shopify-state.ts";

export interface RestShop {
  name: string;
  domain: string;
  email: string;
  currency: string;
  timezone: string;
  offsetMinutes: number;
}

const set = (cents: number, currency: string) => ({ shop_money: { amount: decimal2(cents), currency_code: currency }, presentment_money: { amount: decimal2(cents), currency_code: currency } });

function restAddress(a: ShopAddress | null) {
  if (!a) return null;
  return {
    first_name: a.firstName, address1: a.address1, phone: a.phone, city: a.city, zip: a.zip, province: a.province, country: a.country, last_name: a.lastName,
    address2: a.address2, company: a.company, latitude: null, longitude: null, name: [a.firstName, a.lastName].filter(Boolean).join(" ") || null,
    country_code: a.countryCode, province_code: a.provinceCode,
  };
}

/** The REST Admin Order resource as the orders/* webhooks carry it, from the order's current state. */
export function restOrder(store: ShopifyStore, shop: RestShop, o: ShopOrder) {
  const at = (d: Date | null) => (d ? isoWithOffset(d, shop.offsetMinutes) : null);
  const cur = o.currency;
  const financial = store.financialStatus(o).toLowerCase();
  const fulfillment = store.fulfillmentStatus(o);
  const subtotal = store.subtotalCents(o);
  const total = store.totalCents(o);
  const currentSubtotal = store.subtotalCents(o, true);
  const currentTotal = currentSubtotal + o.shippingCents - o.refundedShippingCents + o.taxCents;
  return {
    id: o.id,
    admin_graphql_api_id: `gid://shopify/Order/${o.id}`,
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: o.cancelReason?.toLowerCase() ?? null,
    cancelled_at: at(o.cancelledAt),
    cart_token: null,
    checkout_id: null,
    checkout_token: null,
    closed_at: at(o.closedAt),
    confirmation_number: `FAKE${o.id}`,
    confirmed: true,
    contact_email: o.email,
    created_at: at(o.createdAt),
    currency: cur,
    current_subtotal_price: decimal2(currentSubtotal),
    current_subtotal_price_set: set(currentSubtotal, cur),
    current_total_discounts: "0.00",
    current_total_discounts_set: set(0, cur),
    current_total_price: decimal2(currentTotal),
    current_total_price_set: set(currentTotal, cur),
    current_total_tax: decimal2(o.taxCents),
    current_total_tax_set: set(o.taxCents, cur),
    customer_locale: "en",
    discount_codes: [],
    duties_included: false,
    email: o.email,
    estimated_taxes: false,
    financial_status: financial,
    fulfillment_status: fulfillment === "FULFILLED" ? "fulfilled" : fulfillment === "PARTIALLY_FULFILLED" ? "partial" : null,
    landing_site: null,
    name: o.name,
    note: o.note,
    note_attributes: [],
    number: o.orderNumber - 1000,
    order_number: o.orderNumber,
    order_status_url: `https://${shop.domain}/orders/fake${o.id}/authenticate?key=fake`,
    payment_gateway_names: [o.gateway],
    phone: o.phone,
    po_number: null,
    presentment_currency: cur,
    processed_at: at(o.processedAt),
    source_name: "web",
    subtotal_price: decimal2(subtotal),
    subtotal_price_set: set(subtotal, cur),
    tags: o.tags.join(", "),
    tax_lines: [],
    taxes_included: false,
    test: o.test,
    token: `fake-token-${o.id}`,
    total_discounts: "0.00",
    total_discounts_set: set(0, cur),
    total_line_items_price: decimal2(subtotal),
    total_line_items_price_set: set(subtotal, cur),
    total_outstanding: decimal2(Math.max(0, total - store.receivedCents(o))),
    total_price: decimal2(total),
    total_price_set: set(total, cur),
    total_shipping_price_set: set(o.shippingCents, cur),
    total_tax: decimal2(o.taxCents),
    total_tax_set: set(o.taxCents, cur),
    total_tip_received: "0.00",
    total_weight: 0,
    updated_at: at(o.updatedAt),
    user_id: null,
    billing_address: restAddress(o.billingAddress),
    customer: o.customer && {
      id: o.customer.id,
      email: o.customer.email,
      created_at: at(o.customer.createdAt),
      updated_at: at(o.customer.updatedAt),
      first_name: o.customer.firstName,
      last_name: o.customer.lastName,
      state: "disabled",
      note: null,
      verified_email: true,
      multipass_identifier: null,
      tax_exempt: false,
      phone: null,
      currency: cur,
      tax_exemptions: [],
      admin_graphql_api_id: `gid://shopify/Customer/${o.customer.id}`,
      default_address: restAddress(o.shippingAddress),
    },
    discount_applications: [],
    fulfillments: store.fulfillmentsOf(o.id).map((f) => ({
      id: f.id,
      admin_graphql_api_id: `gid://shopify/Fulfillment/${f.id}`,
      created_at: at(f.createdAt),
      location_id: f.locationId,
      name: f.name,
      order_id: o.id,
      service: "manual",
      shipment_status: null,
      status: f.status.toLowerCase(),
      tracking_company: f.tracking[0]?.company ?? null,
      tracking_number: f.tracking[0]?.number ?? null,
      tracking_numbers: f.tracking.flatMap((t) => (t.number ? [t.number] : [])),
      tracking_url: f.tracking[0]?.url ?? null,
      tracking_urls: f.tracking.flatMap((t) => (t.url ? [t.url] : [])),
      updated_at: at(f.updatedAt),
      line_items: f.lineItems.map((fl) => ({ ...restLineItem(store, o, o.lineItems.find((l) => l.id === fl.lineItemId)!), quantity: fl.quantity })),
    })),
    line_items: o.lineItems.map((li) => restLineItem(store, o, li)),
    payment_terms: null,
    refunds: store.refundsOf(o.id).map((r) => ({
      id: r.id,
      admin_graphql_api_id: `gid://shopify/Refund/${r.id}`,
      created_at: at(r.createdAt),
      note: r.note,
      order_id: o.id,
      processed_at: at(r.createdAt),
      restock: r.lineItems.some((l) => l.restockType !== "NO_RESTOCK"),
      refund_line_items: r.lineItems.map((l) => ({
        id: l.id,
        line_item_id: l.lineItemId,
        location_id: l.locationId,
        quantity: l.quantity,
        restock_type: l.restockType.toLowerCase(),
        subtotal: decimal2(l.subtotalCents),
        subtotal_set: set(l.subtotalCents, cur),
        total_tax: "0.00",
        total_tax_set: set(0, cur),
      })),
      transactions: r.transactionIds.map((id) => store.transactions.get(id)!).map((t) => ({ id: t.id, amount: decimal2(t.amountCents), kind: "refund", status: "success", gateway: t.gateway, parent_id: t.parentId, currency: cur })),
    })),
    shipping_address: restAddress(o.shippingAddress),
    shipping_lines: o.shippingCents
      ? [{ id: o.id * 10 + 1, carrier_identifier: null, code: "Standard", discounted_price: decimal2(o.shippingCents), discounted_price_set: set(o.shippingCents, cur), is_removed: false, phone: null, price: decimal2(o.shippingCents), price_set: set(o.shippingCents, cur), requested_fulfillment_service_id: null, source: "shopify", title: "Standard", tax_lines: [], discount_allocations: [] }]
      : [],
    returns: [],
  };
}

function restLineItem(store: ShopifyStore, o: ShopOrder, li: ShopOrder["lineItems"][number]) {
  const cur = o.currency;
  const fulfilled = store.fulfilledQuantity(o.id, li.id);
  const current = li.quantity - li.removedQuantity;
  return {
    id: li.id,
    admin_graphql_api_id: `gid://shopify/LineItem/${li.id}`,
    attributed_staffs: [],
    current_quantity: current,
    fulfillable_quantity: store.unfulfilledQuantity(o.id, li.id),
    fulfillment_service: "manual",
    fulfillment_status: fulfilled === 0 ? null : fulfilled >= current ? "fulfilled" : "partial",
    gift_card: false,
    grams: 0,
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    price: decimal2(li.priceCents),
    price_set: set(li.priceCents, cur),
    product_exists: li.productId !== null,
    product_id: li.productId,
    properties: [],
    quantity: li.quantity,
    requires_shipping: li.requiresShipping,
    sku: li.sku,
    taxable: true,
    title: li.title,
    total_discount: "0.00",
    total_discount_set: set(0, cur),
    variant_id: li.variantId,
    variant_inventory_management: li.variantId ? "shopify" : null,
    variant_title: li.variantTitle,
    vendor: li.vendor,
    tax_lines: [],
    duties: [],
    discount_allocations: [],
  };
}

/** The REST Shop resource, as app/uninstalled (and shop/update) carry it. */
export function restShop(shop: RestShop, createdAt: Date) {
  const at = isoWithOffset(createdAt, shop.offsetMinutes);
  return {
    id: 1,
    name: shop.name,
    email: shop.email,
    domain: shop.domain,
    province: null,
    country: "GB",
    address1: "1 Fake Street",
    zip: "N1 7AA",
    city: "London",
    source: null,
    phone: "",
    latitude: null,
    longitude: null,
    primary_locale: "en",
    address2: null,
    created_at: at,
    updated_at: at,
    country_code: "GB",
    country_name: "United Kingdom",
    currency: shop.currency,
    customer_email: shop.email,
    timezone: `(GMT${isoWithOffset(createdAt, shop.offsetMinutes).slice(-6)}) ${shop.timezone}`,
    iana_timezone: shop.timezone,
    shop_owner: "Fake Owner",
    money_format: "${{amount}}",
    money_with_currency_format: `\${{amount}} ${shop.currency}`,
    weight_unit: "kg",
    province_code: null,
    taxes_included: false,
    tax_shipping: null,
    county_taxes: true,
    plan_display_name: "Development",
    plan_name: "partner_test",
    has_discounts: false,
    has_gift_cards: false,
    myshopify_domain: shop.domain,
    google_apps_domain: null,
    google_apps_login_enabled: null,
    money_in_emails_format: "${{amount}}",
    money_with_currency_in_emails_format: `\${{amount}} ${shop.currency}`,
    eligible_for_payments: true,
    requires_extra_payments_agreement: false,
    password_enabled: true,
    has_storefront: true,
    finances: true,
    primary_location_id: null,
    checkout_api_supported: true,
    multi_location_enabled: true,
    setup_required: false,
    pre_launch_enabled: false,
    enabled_presentment_currencies: [shop.currency],
    transactional_sms_disabled: false,
    marketing_sms_consent_enabled_at_checkout: false,
  };
}
