// The shop's data as GraphQL objects: one view per schema type, shaped for graphql-js's default
// resolver (a property per field; a function for fields with arguments or worth computing only
// when asked). Ids are gids, times ISO UTC without fractions, money Shopify's Decimal strings.
import { responsePathAsArray, type GraphQLResolveInfo } from "graphql";
import { isoUtc } from "./clock.ts";
import { gid, splitGid } from "./shopify-gid.ts";
import { paginate, truncate, type ConnectionArgs } from "./shopify-connection.ts";
import { compileSearch, textMatches, type SearchTerm } from "./shopify-search.ts";
import { shopifyDecimal } from "./money.ts";
import type { ShopAddress, ShopAdjustmentGroup, ShopFulfillment, ShopFulfillmentOrder, ShopHold, ShopInventoryItem, ShopInventoryLevel, ShopLineItem, ShopLocation, ShopOrder, ShopProduct, ShopRefund, ShopTransaction, ShopVariant } from "./shopify-model.ts";
import type { ShopifyStore } from "./shopify-state.ts";

export interface ViewContext {
  store: ShopifyStore;
  shop: { name: string; domain: string; email: string; currency: string; timezone: string; offsetMinutes: number };
  /** Search warnings collected while resolving, for `extensions.search`. */
  searchNotes: { path: string[]; query: string; warnings: { field: string; message: string }[] }[];
}

const when = (d: Date | null) => (d ? isoUtc(d) : null);

export const moneyBag = (cents: number, currency: string) => {
  const money = { amount: shopifyDecimal(cents), currencyCode: currency };
  return { shopMoney: money, presentmentMoney: money };
};

export function addressView(a: ShopAddress | null, owner: string) {
  if (!a) return null;
  const name = [a.firstName, a.lastName].filter(Boolean).join(" ") || null;
  return {
    __typename: "MailingAddress",
    id: `gid://shopify/MailingAddress/${owner}?model_name=Address`,
    address1: a.address1, address2: a.address2, city: a.city, company: a.company, country: a.country, countryCodeV2: a.countryCode,
    firstName: a.firstName, lastName: a.lastName, name, phone: a.phone, province: a.province, provinceCode: a.provinceCode, zip: a.zip,
    formattedArea: [a.city, a.province, a.country].filter(Boolean).join(", ") || null,
  };
}

export function orderView(ctx: ViewContext, o: ShopOrder) {
  const { store } = ctx;
  const cur = o.currency;
  return {
    __typename: "Order",
    id: gid("Order", o.id),
    legacyResourceId: String(o.id),
    name: o.name,
    number: o.orderNumber - 1000,
    createdAt: isoUtc(o.createdAt),
    updatedAt: isoUtc(o.updatedAt),
    processedAt: isoUtc(o.processedAt),
    cancelledAt: when(o.cancelledAt),
    cancelReason: o.cancelReason,
    closed: o.closedAt !== null,
    closedAt: when(o.closedAt),
    confirmed: true,
    currencyCode: cur,
    email: o.email,
    phone: o.phone,
    note: o.note,
    tags: o.tags,
    test: o.test,
    customer: o.customer && {
      __typename: "Customer",
      id: gid("Customer", o.customer.id),
      legacyResourceId: String(o.customer.id),
      firstName: o.customer.firstName,
      lastName: o.customer.lastName,
      displayName: [o.customer.firstName, o.customer.lastName].filter(Boolean).join(" ") || o.customer.email || "",
      email: o.customer.email,
      phone: null,
      note: null,
      defaultEmailAddress: o.customer.email ? { emailAddress: o.customer.email } : null,
      createdAt: isoUtc(o.customer.createdAt),
      updatedAt: isoUtc(o.customer.updatedAt),
    },
    shippingAddress: addressView(o.shippingAddress, `${o.id}1`),
    billingAddress: addressView(o.billingAddress, `${o.id}2`),
    displayFinancialStatus: () => store.financialStatus(o),
    displayFulfillmentStatus: () => store.fulfillmentStatus(o),
    fullyPaid: () => store.receivedCents(o) >= store.totalCents(o),
    unpaid: () => store.receivedCents(o) === 0,
    refundable: () => store.receivedCents(o) > store.refundedCents(o),
    fulfillable: () => !o.cancelledAt && o.lineItems.some((li) => store.unfulfilledQuantity(o.id, li.id) > 0),
    requiresShipping: o.lineItems.some((li) => li.requiresShipping),
    currentSubtotalLineItemsQuantity: o.lineItems.reduce((s, li) => s + li.quantity - li.removedQuantity, 0),
    subtotalPriceSet: () => moneyBag(store.subtotalCents(o), cur),
    totalPriceSet: () => moneyBag(store.totalCents(o), cur),
    currentTotalPriceSet: () => moneyBag(store.subtotalCents(o, true) + o.shippingCents - o.refundedShippingCents + o.taxCents, cur),
    totalRefundedSet: () => moneyBag(store.refundedCents(o), cur),
    totalShippingPriceSet: moneyBag(o.shippingCents, cur),
    totalTaxSet: moneyBag(o.taxCents, cur),
    lineItems: (args: ConnectionArgs) => paginate(o.lineItems, args, { id: (li) => li.id }, (li) => lineItemView(ctx, o, li)),
    fulfillmentOrders: (args: ConnectionArgs & { displayable?: boolean; query?: string | null }, _c: unknown, info: GraphQLResolveInfo) => {
      const search = compileSearch(args.query, fulfillmentOrderMatch, store.fulfillmentOrdersOf(o.id)[0]);
      noteSearch(ctx, info, args.query, search.warnings);
      const fos = store.fulfillmentOrdersOf(o.id).filter((fo) => (!args.displayable || fo.status !== "CANCELLED") && search.test(fo));
      return paginate(fos, args, { id: (fo) => fo.id }, (fo) => fulfillmentOrderView(ctx, fo));
    },
    fulfillments: (args: { first?: number | null }) => truncate(store.fulfillmentsOf(o.id), args.first).map((f) => fulfillmentView(ctx, f)),
    transactions: (args: { first?: number | null; capturable?: boolean | null }) =>
      truncate(store.transactionsOf(o.id).filter((t) => !args.capturable || (t.kind === "AUTHORIZATION" && t.status === "SUCCESS")), args.first).map((t) => transactionView(ctx, t)),
    refunds: (args: { first?: number | null }) => truncate(store.refundsOf(o.id), args.first).map((r) => refundView(ctx, r)),
  };
}

const fulfillmentOrderMatch = (fo: ShopFulfillmentOrder, term: SearchTerm) => {
  if (term.field === "status") return textMatches(fo.status, term);
  if (term.field === "assigned_location_id") return String(fo.locationId) === term.value;
  if (term.field === "id") return String(fo.id) === term.value;
  return term.field === null ? true : undefined;
};

/** Records a search's warnings under the field's response path, for `extensions.search`. */
export function noteSearch(ctx: ViewContext, info: GraphQLResolveInfo, query: string | null | undefined, warnings: { field: string; message: string }[]) {
  if (query && warnings.length) ctx.searchNotes.push({ path: responsePathAsArray(info.path).map(String), query, warnings });
}

export function lineItemView(ctx: ViewContext, o: ShopOrder, li: ShopLineItem) {
  const { store } = ctx;
  const variant = li.variantId ? store.variants.get(li.variantId) : undefined;
  const current = li.quantity - li.removedQuantity;
  return {
    __typename: "LineItem",
    id: gid("LineItem", li.id),
    sku: li.sku,
    title: li.title,
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    variantTitle: li.variantTitle,
    vendor: li.vendor,
    quantity: li.quantity,
    currentQuantity: current,
    refundableQuantity: li.quantity - li.refundedQuantity,
    unfulfilledQuantity: () => store.unfulfilledQuantity(o.id, li.id),
    fulfillableQuantity: () => store.unfulfilledQuantity(o.id, li.id),
    nonFulfillableQuantity: () => Math.max(0, current - store.fulfilledQuantity(o.id, li.id) - store.unfulfilledQuantity(o.id, li.id)),
    requiresShipping: li.requiresShipping,
    variant: () => (variant ? variantView(ctx, variant) : null),
    product: () => (li.productId && store.products.has(li.productId) ? productView(ctx, store.products.get(li.productId)!) : null),
    originalUnitPriceSet: moneyBag(li.priceCents, o.currency),
    discountedUnitPriceSet: moneyBag(li.priceCents, o.currency),
    originalTotalSet: moneyBag(li.priceCents * li.quantity, o.currency),
  };
}

export function fulfillmentOrderView(ctx: ViewContext, fo: ShopFulfillmentOrder) {
  const { store } = ctx;
  const order = store.mustOrder(fo.orderId);
  const location = store.locations.get(fo.locationId)!;
  return {
    __typename: "FulfillmentOrder",
    id: gid("FulfillmentOrder", fo.id),
    status: fo.status,
    requestStatus: "UNSUBMITTED",
    createdAt: isoUtc(fo.createdAt),
    updatedAt: isoUtc(fo.updatedAt),
    fulfillAt: isoUtc(fo.createdAt),
    fulfillBy: null,
    orderId: gid("Order", order.id),
    orderName: order.name,
    orderProcessedAt: isoUtc(order.processedAt),
    order: () => orderView(ctx, order),
    assignedLocation: { name: location.name, location: locationView(ctx, location), countryCode: "GB", address1: null, address2: null, city: null, phone: null, province: null, zip: null },
    fulfillmentHolds: fo.holds.map((h) => holdView(h)),
    lineItems: (args: ConnectionArgs) =>
      paginate(fo.lineItems, args, { id: (l) => l.id }, (l) => {
        const li = order.lineItems.find((x) => x.id === l.lineItemId)!;
        const variant = li.variantId ? store.variants.get(li.variantId) : undefined;
        return {
          __typename: "FulfillmentOrderLineItem",
          id: gid("FulfillmentOrderLineItem", l.id),
          totalQuantity: l.totalQuantity,
          remainingQuantity: l.remainingQuantity,
          sku: li.sku,
          productTitle: li.title,
          variantTitle: li.variantTitle,
          vendor: li.vendor,
          requiresShipping: li.requiresShipping,
          inventoryItemId: variant ? gid("InventoryItem", variant.inventoryItemId) : null,
          variant: () => (variant ? variantView(ctx, variant) : null),
          lineItem: () => lineItemView(ctx, order, li),
          originalUnitPriceSet: moneyBag(li.priceCents, order.currency),
        };
      }),
    fulfillments: (args: ConnectionArgs) => paginate(store.fulfillmentsOf(order.id).filter((f) => f.fulfillmentOrderIds.includes(fo.id)), args, { id: (f) => f.id }, (f) => fulfillmentView(ctx, f)),
  };
}

export function holdView(h: ShopHold) {
  return {
    __typename: "FulfillmentHold",
    id: gid("FulfillmentHold", h.id),
    handle: h.handle,
    reason: h.reason,
    reasonNotes: h.reasonNotes,
    displayReason: h.reason.toLowerCase().replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
    heldByRequestingApp: h.byThisApp,
    heldByApp: h.byThisApp ? { __typename: "App", id: "gid://shopify/App/1", title: "Backorder Desk (fake)", handle: "backorder-desk", apiKey: "fake-api-key" } : null,
  };
}

export function fulfillmentView(ctx: ViewContext, f: ShopFulfillment) {
  const { store } = ctx;
  const order = store.mustOrder(f.orderId);
  return {
    __typename: "Fulfillment",
    id: gid("Fulfillment", f.id),
    legacyResourceId: String(f.id),
    name: f.name,
    status: f.status,
    displayStatus: f.status === "SUCCESS" ? "FULFILLED" : "CANCELED",
    createdAt: isoUtc(f.createdAt),
    updatedAt: isoUtc(f.updatedAt),
    deliveredAt: null,
    inTransitAt: null,
    estimatedDeliveryAt: null,
    requiresShipping: true,
    totalQuantity: f.lineItems.reduce((s, l) => s + l.quantity, 0),
    trackingInfo: (args: { first?: number | null }) => truncate(f.tracking, args.first),
    location: () => locationView(ctx, store.locations.get(f.locationId)!),
    order: () => orderView(ctx, order),
    fulfillmentLineItems: (args: ConnectionArgs) =>
      paginate(f.lineItems, args, { id: (l) => l.id }, (l) => {
        const li = order.lineItems.find((x) => x.id === l.lineItemId)!;
        return {
          __typename: "FulfillmentLineItem",
          id: gid("FulfillmentLineItem", l.id),
          quantity: l.quantity,
          lineItem: () => lineItemView(ctx, order, li),
          originalTotalSet: moneyBag(li.priceCents * l.quantity, order.currency),
          discountedTotalSet: moneyBag(li.priceCents * l.quantity, order.currency),
        };
      }),
    fulfillmentOrders: (args: ConnectionArgs) => paginate(f.fulfillmentOrderIds.map((id) => store.fulfillmentOrders.get(id)!), args, { id: (fo) => fo.id }, (fo) => fulfillmentOrderView(ctx, fo)),
  };
}

export function transactionView(ctx: ViewContext, t: ShopTransaction): Record<string, unknown> {
  const order = ctx.store.mustOrder(t.orderId);
  return {
    __typename: "OrderTransaction",
    id: gid("OrderTransaction", t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    formattedGateway: t.gateway.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()),
    amountSet: moneyBag(t.amountCents, order.currency),
    createdAt: isoUtc(t.createdAt),
    processedAt: isoUtc(t.createdAt),
    test: t.test,
    order: () => orderView(ctx, order),
    parentTransaction: () => (t.parentId ? transactionView(ctx, ctx.store.transactions.get(t.parentId)!) : null),
  };
}

export function refundView(ctx: ViewContext, r: ShopRefund) {
  const { store } = ctx;
  const order = store.mustOrder(r.orderId);
  const transactions = r.transactionIds.map((id) => store.transactions.get(id)!);
  return {
    __typename: "Refund",
    id: gid("Refund", r.id),
    legacyResourceId: String(r.id),
    note: r.note,
    createdAt: isoUtc(r.createdAt),
    updatedAt: isoUtc(r.createdAt),
    processedAt: isoUtc(r.createdAt),
    order: () => orderView(ctx, order),
    totalRefundedSet: moneyBag(transactions.reduce((s, t) => s + t.amountCents, 0), order.currency),
    transactions: (args: ConnectionArgs) => paginate(transactions, args, { id: (t) => t.id }, (t) => transactionView(ctx, t)),
    refundLineItems: (args: ConnectionArgs) =>
      paginate(r.lineItems, args, { id: (l) => l.id }, (l) => {
        const li = order.lineItems.find((x) => x.id === l.lineItemId)!;
        return {
          id: gid("RefundLineItem", l.id),
          quantity: l.quantity,
          restockType: l.restockType,
          restocked: l.restockType !== "NO_RESTOCK",
          lineItem: () => lineItemView(ctx, order, li),
          location: () => (l.locationId ? locationView(ctx, store.locations.get(l.locationId)!) : null),
          priceSet: moneyBag(li.priceCents, order.currency),
          subtotalSet: moneyBag(l.subtotalCents, order.currency),
          totalTaxSet: moneyBag(0, order.currency),
        };
      }),
  };
}

export function productView(ctx: ViewContext, p: ShopProduct): Record<string, unknown> {
  const { store } = ctx;
  const variants = p.variantIds.map((id) => store.variants.get(id)!);
  return {
    __typename: "Product",
    id: gid("Product", p.id),
    legacyResourceId: String(p.id),
    title: p.title,
    handle: p.handle,
    vendor: p.vendor,
    productType: p.productType,
    status: p.status,
    createdAt: isoUtc(p.createdAt),
    updatedAt: isoUtc(p.updatedAt),
    tracksInventory: variants.some((v) => store.inventoryItems.get(v.inventoryItemId)?.tracked),
    totalInventory: () => variants.reduce((s, v) => s + [...store.inventoryItems.get(v.inventoryItemId)!.levels.values()].reduce((a, l) => a + l.available, 0), 0),
    variants: (args: ConnectionArgs) => paginate(variants, args, { id: (v) => v.id }, (v) => variantView(ctx, v)),
  };
}

export function variantView(ctx: ViewContext, v: ShopVariant): Record<string, unknown> {
  const { store } = ctx;
  const item = store.inventoryItems.get(v.inventoryItemId)!;
  const product = store.products.get(v.productId)!;
  return {
    __typename: "ProductVariant",
    id: gid("ProductVariant", v.id),
    legacyResourceId: String(v.id),
    sku: v.sku,
    barcode: v.barcode,
    title: v.title,
    displayName: v.title === "Default Title" ? product.title : `${product.title} - ${v.title}`,
    price: shopifyDecimal(v.priceCents),
    createdAt: isoUtc(v.createdAt),
    updatedAt: isoUtc(v.updatedAt),
    inventoryQuantity: () => [...item.levels.values()].reduce((s, l) => s + l.available, 0),
    inventoryItem: () => inventoryItemView(ctx, item),
    product: () => productView(ctx, product),
  };
}

export function inventoryItemView(ctx: ViewContext, item: ShopInventoryItem): Record<string, unknown> {
  const { store } = ctx;
  const variant = store.variants.get(item.variantId)!;
  return {
    __typename: "InventoryItem",
    id: gid("InventoryItem", item.id),
    legacyResourceId: String(item.id),
    sku: variant.sku,
    tracked: item.tracked,
    requiresShipping: true,
    createdAt: isoUtc(item.createdAt),
    updatedAt: isoUtc(item.updatedAt),
    variant: () => variantView(ctx, variant),
    inventoryLevel: (args: { locationId: string }) => {
      const loc = splitGid(args.locationId);
      const level = loc?.type === "Location" ? item.levels.get(loc.id) : undefined;
      return level ? inventoryLevelView(ctx, item, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs) => paginate([...item.levels.values()], args, { id: (l) => l.id }, (l) => inventoryLevelView(ctx, item, l)),
  };
}

export function inventoryLevelView(ctx: ViewContext, item: ShopInventoryItem, level: ShopInventoryLevel) {
  const quantities: Record<string, number> = { available: level.available, committed: level.committed, on_hand: level.available + level.committed, incoming: 0, reserved: 0, damaged: 0, quality_control: 0, safety_stock: 0 };
  return {
    __typename: "InventoryLevel",
    id: `gid://shopify/InventoryLevel/${level.id}?inventory_item_id=${item.id}`,
    createdAt: isoUtc(level.createdAt),
    updatedAt: isoUtc(level.updatedAt),
    item: () => inventoryItemView(ctx, item),
    location: () => locationView(ctx, ctx.store.locations.get(level.locationId)!),
    quantities: (args: { names: string[] }) =>
      args.names.filter((n) => n in quantities).map((name) => ({ __typename: "InventoryQuantity", id: `gid://shopify/InventoryQuantity/${level.id}?name=${name}`, name, quantity: quantities[name], updatedAt: isoUtc(level.updatedAt) })),
  };
}

export function locationView(ctx: ViewContext, l: ShopLocation): Record<string, unknown> {
  const { store } = ctx;
  const levels = () => [...store.inventoryItems.values()].flatMap((item) => (item.levels.has(l.id) ? [{ item, level: item.levels.get(l.id)! }] : []));
  return {
    __typename: "Location",
    id: gid("Location", l.id),
    legacyResourceId: String(l.id),
    name: l.name,
    isActive: l.isActive,
    fulfillsOnlineOrders: l.fulfillsOnlineOrders,
    shipsInventory: l.fulfillsOnlineOrders,
    hasActiveInventory: () => levels().length > 0,
    createdAt: isoUtc(l.createdAt),
    updatedAt: isoUtc(l.updatedAt),
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const it = splitGid(args.inventoryItemId);
      const item = it?.type === "InventoryItem" ? store.inventoryItems.get(it.id) : undefined;
      const level = item?.levels.get(l.id);
      return item && level ? inventoryLevelView(ctx, item, level) : null;
    },
    inventoryLevels: (args: ConnectionArgs) => paginate(levels(), args, { id: (x) => x.level.id }, (x) => inventoryLevelView(ctx, x.item, x.level)),
  };
}

export function adjustmentGroupView(ctx: ViewContext, g: ShopAdjustmentGroup) {
  return {
    __typename: "InventoryAdjustmentGroup",
    id: gid("InventoryAdjustmentGroup", g.id),
    reason: g.reason,
    referenceDocumentUri: g.referenceDocumentUri,
    createdAt: isoUtc(g.createdAt),
    app: { __typename: "App", id: "gid://shopify/App/1", title: "Backorder Desk (fake)", handle: "backorder-desk", apiKey: "fake-api-key" },
    changes: (args: { inventoryItemIds?: string[] | null; locationIds?: string[] | null; quantityNames?: string[] | null }) =>
      g.changes
        .filter((c) => !args.inventoryItemIds || args.inventoryItemIds.includes(gid("InventoryItem", c.inventoryItemId)))
        .filter((c) => !args.locationIds || args.locationIds.includes(gid("Location", c.locationId)))
        .filter((c) => !args.quantityNames || args.quantityNames.includes(c.name))
        .map((c) => ({
          name: c.name,
          delta: c.delta,
          quantityAfterChange: c.quantityAfterChange,
          ledgerDocumentUri: null,
          item: () => inventoryItemView(ctx, ctx.store.inventoryItems.get(c.inventoryItemId)!),
          location: () => locationView(ctx, ctx.store.locations.get(c.locationId)!),
        })),
  };
}

/** `node(id:)`: any of the shop's objects by gid (null for an unknown id). */
export function nodeView(ctx: ViewContext, id: string): Record<string, unknown> | null {
  const g = splitGid(id);
  if (!g) return null;
  const { store } = ctx;
  switch (g.type) {
    case "Order":
      return store.orders.has(g.id) ? orderView(ctx, store.orders.get(g.id)!) : null;
    case "FulfillmentOrder":
      return store.fulfillmentOrders.has(g.id) ? fulfillmentOrderView(ctx, store.fulfillmentOrders.get(g.id)!) : null;
    case "Fulfillment":
      return store.fulfillments.has(g.id) ? fulfillmentView(ctx, store.fulfillments.get(g.id)!) : null;
    case "Refund":
      return store.refunds.has(g.id) ? refundView(ctx, store.refunds.get(g.id)!) : null;
    case "OrderTransaction":
      return store.transactions.has(g.id) ? transactionView(ctx, store.transactions.get(g.id)!) : null;
    case "Product":
      return store.products.has(g.id) ? productView(ctx, store.products.get(g.id)!) : null;
    case "ProductVariant":
      return store.variants.has(g.id) ? variantView(ctx, store.variants.get(g.id)!) : null;
    case "InventoryItem":
      return store.inventoryItems.has(g.id) ? inventoryItemView(ctx, store.inventoryItems.get(g.id)!) : null;
    case "Location":
      return store.locations.has(g.id) ? locationView(ctx, store.locations.get(g.id)!) : null;
    default:
      return null;
  }
}
