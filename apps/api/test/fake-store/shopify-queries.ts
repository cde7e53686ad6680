// The QueryRoot fields the fake serves: order, orders (search `query`, `sortKey`, `reverse`),
// productVariant(s) (search by sku, product_id, …), location(s), fulfillment, fulfillmentOrder,
// inventoryItem, node(s) and shop. An id that is not a gid is an "Invalid global id" error.
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { paginate, type ConnectionArgs } from "./shopify-connection.ts";
import { parseGid } from "./shopify-gid.ts";
import { compareDate, compareOrdered, compileSearch, textMatches, type SearchTerm } from "./shopify-search.ts";
import { fulfillmentOrderView, fulfillmentView, inventoryItemView, locationView, nodeView, noteSearch, orderView, variantView, type ViewContext } from "./shopify-views.ts";
import type { ShopOrder, ShopVariant } from "./shopify-model.ts";
import type { ShopifyStore } from "./shopify-state.ts";

interface Ctx {
  view: ViewContext;
}

/** Shopify's answer to an ID argument that is not a global id. */
function invalidGid(value: string) {
  return new GraphQLError(`Invalid global id '${value}'`, { extensions: { code: "argumentLiteralsIncompatible", typeName: "CoercionError" } });
}

function byGid(type: string, value: string): number {
  if (!/^gid:\/\/shopify\/\w+\/\d+/.test(value)) throw invalidGid(value);
  return parseGid(value, type) ?? -1;
}

function orderMatch(store: ShopifyStore, offset: number) {
  return (o: ShopOrder, t: SearchTerm): boolean | undefined => {
    switch (t.field) {
      case null:
        return [o.name, o.email ?? "", ...o.lineItems.map((l) => l.sku ?? "")].some((v) => v.toLowerCase().includes(t.value.toLowerCase()));
      case "id":
        return compareOrdered(o.id, Number(t.value), t.comparator);
      case "name":
        return textMatches(o.name, t) || textMatches(o.name.replace(/^#/, ""), t);
      case "created_at":
        return compareDate(o.createdAt, t, offset);
      case "updated_at":
        return compareDate(o.updatedAt, t, offset);
      case "processed_at":
        return compareDate(o.processedAt, t, offset);
      case "status": {
        const v = t.value.toLowerCase();
        if (v === "any") return true;
        if (v === "cancelled") return !!o.cancelledAt;
        if (v === "closed") return !!o.closedAt;
        if (v === "open" || v === "not_closed") return !o.closedAt;
        return false;
      }
      case "financial_status":
        return store.financialStatus(o).toLowerCase() === t.value.toLowerCase() || (t.value === "unpaid" && store.receivedCents(o) === 0);
      case "fulfillment_status": {
        const s = store.fulfillmentStatus(o);
        const map: Record<string, string[]> = { shipped: ["FULFILLED"], fulfilled: ["FULFILLED"], partial: ["PARTIALLY_FULFILLED"], unshipped: ["UNFULFILLED", "ON_HOLD"], unfulfilled: ["UNFULFILLED", "PARTIALLY_FULFILLED", "ON_HOLD"], on_hold: ["ON_HOLD"] };
        return (map[t.value.toLowerCase()] ?? [t.value.toUpperCase()]).includes(s);
      }
      case "email":
        return textMatches(o.email, t);
      case "sku":
        return o.lineItems.some((l) => textMatches(l.sku, t));
      case "tag":
        return o.tags.some((tag) => textMatches(tag, t));
      case "test":
        return String(o.test) === t.value.toLowerCase();
      case "customer_id":
        return String(o.customer?.id ?? "") === t.value;
      default:
        return undefined;
    }
  };
}

const ORDER_SORT: Record<string, (store: ShopifyStore, o: ShopOrder) => number | string> = {
  CREATED_AT: (_s, o) => o.createdAt.getTime(),
  UPDATED_AT: (_s, o) => o.updatedAt.getTime(),
  PROCESSED_AT: (_s, o) => o.processedAt.getTime(),
  ORDER_NUMBER: (_s, o) => o.orderNumber,
  TOTAL_PRICE: (s, o) => s.totalCents(o),
  CURRENT_TOTAL_PRICE: (s, o) => s.totalCents(o),
  TOTAL_ITEMS_QUANTITY: (_s, o) => o.lineItems.reduce((a, l) => a + l.quantity, 0),
  CUSTOMER_NAME: (_s, o) => [o.customer?.firstName, o.customer?.lastName].filter(Boolean).join(" "),
  FINANCIAL_STATUS: (s, o) => s.financialStatus(o),
  FULFILLMENT_STATUS: (s, o) => s.fulfillmentStatus(o),
};

function variantMatch(store: ShopifyStore, offset: number) {
  return (v: ShopVariant, t: SearchTerm): boolean | undefined => {
    switch (t.field) {
      case null:
        return [v.sku ?? "", v.title, store.products.get(v.productId)?.title ?? ""].some((x) => x.toLowerCase().includes(t.value.toLowerCase()));
      case "sku":
        return textMatches(v.sku, t);
      case "id":
        return compareOrdered(v.id, Number(t.value), t.comparator);
      case "product_id":
        return String(v.productId) === t.value;
      case "title":
        return textMatches(v.title, t);
      case "barcode":
        return textMatches(v.barcode, t);
      case "created_at":
        return compareDate(v.createdAt, t, offset);
      case "updated_at":
        return compareDate(v.updatedAt, t, offset);
      case "inventory_quantity": {
        const item = store.inventoryItems.get(v.inventoryItemId)!;
        return compareOrdered([...item.levels.values()].reduce((s, l) => s + l.available, 0), Number(t.value), t.comparator);
      }
      default:
        return undefined;
    }
  };
}

export function shopRoot() {
  return {
    shop: (_a: unknown, ctx: Ctx) => {
      const s = ctx.view.shop;
      return { __typename: "Shop", id: "gid://shopify/Shop/1", name: s.name, myshopifyDomain: s.domain, email: s.email, currencyCode: s.currency, ianaTimezone: s.timezone };
    },
    order: (args: { id: string }, ctx: Ctx) => {
      const o = ctx.view.store.orders.get(byGid("Order", args.id));
      return o ? orderView(ctx.view, o) : null;
    },
    orders: (args: ConnectionArgs & { query?: string | null; sortKey?: string }, ctx: Ctx, info: GraphQLResolveInfo) => {
      const { store, shop } = ctx.view;
      const all = [...store.orders.values()];
      const search = compileSearch(args.query, orderMatch(store, shop.offsetMinutes), all[0]);
      noteSearch(ctx.view, info, args.query, search.warnings);
      const sort = ORDER_SORT[args.sortKey ?? "PROCESSED_AT"];
      return paginate(all.filter(search.test), args, { id: (o) => o.id, value: sort ? (o) => sort(store, o) : undefined }, (o) => orderView(ctx.view, o));
    },
    productVariant: (args: { id: string }, ctx: Ctx) => {
      const v = ctx.view.store.variants.get(byGid("ProductVariant", args.id));
      return v ? variantView(ctx.view, v) : null;
    },
    productVariants: (args: ConnectionArgs & { query?: string | null; sortKey?: string }, ctx: Ctx, info: GraphQLResolveInfo) => {
      const { store, shop } = ctx.view;
      const all = [...store.variants.values()];
      const search = compileSearch(args.query, variantMatch(store, shop.offsetMinutes), all[0]);
      noteSearch(ctx.view, info, args.query, search.warnings);
      const value = args.sortKey === "SKU" ? (v: ShopVariant) => v.sku ?? "" : args.sortKey === "TITLE" ? (v: ShopVariant) => v.title : undefined;
      return paginate(all.filter(search.test), args, { id: (v) => v.id, value }, (v) => variantView(ctx.view, v));
    },
    location: (args: { id?: string | null }, ctx: Ctx) => {
      const { store } = ctx.view;
      const l = args.id ? store.locations.get(byGid("Location", args.id)) : [...store.locations.values()].find((x) => x.isActive);
      return l ? locationView(ctx.view, l) : null;
    },
    locations: (args: ConnectionArgs & { includeInactive?: boolean; query?: string | null; sortKey?: string }, ctx: Ctx) => {
      const all = [...ctx.view.store.locations.values()].filter((l) => args.includeInactive || l.isActive);
      const named = args.query ? all.filter((l) => l.name.toLowerCase().includes(args.query!.replace(/^name:/, "").replace(/['"]/g, "").toLowerCase())) : all;
      return paginate(named, args, { id: (l) => l.id, value: args.sortKey === "ID" ? undefined : (l) => l.name.toLowerCase() }, (l) => locationView(ctx.view, l));
    },
    fulfillment: (args: { id: string }, ctx: Ctx) => {
      const f = ctx.view.store.fulfillments.get(byGid("Fulfillment", args.id));
      return f ? fulfillmentView(ctx.view, f) : null;
    },
    fulfillmentOrder: (args: { id: string }, ctx: Ctx) => {
      const fo = ctx.view.store.fulfillmentOrders.get(byGid("FulfillmentOrder", args.id));
      return fo ? fulfillmentOrderView(ctx.view, fo) : null;
    },
    inventoryItem: (args: { id: string }, ctx: Ctx) => {
      const item = ctx.view.store.inventoryItems.get(byGid("InventoryItem", args.id));
      return item ? inventoryItemView(ctx.view, item) : null;
    },
    node: (args: { id: string }, ctx: Ctx) => {
      byGid("", args.id);
      return nodeView(ctx.view, args.id);
    },
    nodes: (args: { ids: string[] }, ctx: Ctx) => args.ids.map((id) => (byGid("", id), nodeView(ctx.view, id))),
  };
}
