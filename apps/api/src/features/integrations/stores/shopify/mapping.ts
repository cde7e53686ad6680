// Shopify orders into StoreOrder: from a webhook (the REST Order resource Shopify posts) and
// from the GraphQL Admin API (reconciliation polls). Money from the shop-currency amounts.
import { z } from "zod";
import { toCents } from "../money.ts";
import type { StoreOrder } from "../types.ts";

const ZMoneySet = z.object({ shop_money: z.object({ amount: z.union([z.string(), z.number()]) }).passthrough() }).passthrough();
const ZAddress = z
  .object({
    name: z.string().nullish(),
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    address1: z.string().nullish(),
    address2: z.string().nullish(),
    city: z.string().nullish(),
    province: z.string().nullish(),
    zip: z.string().nullish(),
    country: z.string().nullish(),
  })
  .passthrough();

/** The fields of Shopify's Order webhook payload that Backorder Desk reads (the rest is kept in the inbox). */
export const ZShopifyWebhookOrder = z
  .object({
    id: z.union([z.number(), z.string()]).transform(String),
    name: z.string().nullish(),
    created_at: z.string(),
    updated_at: z.string(),
    cancelled_at: z.string().nullish(),
    financial_status: z.string().nullish(),
    email: z.string().nullish(),
    customer: z.object({ first_name: z.string().nullish(), last_name: z.string().nullish() }).passthrough().nullish(),
    shipping_address: ZAddress.nullish(),
    total_shipping_price_set: ZMoneySet.nullish(),
    total_tax: z.union([z.string(), z.number()]).nullish(),
    line_items: z.array(
      z
        .object({
          id: z.union([z.number(), z.string()]).transform(String),
          sku: z.string().nullish(),
          title: z.string().nullish(),
          name: z.string().nullish(),
          quantity: z.number().int(),
          current_quantity: z.number().int().nullish(),
          price: z.union([z.string(), z.number()]),
          variant_id: z.union([z.number(), z.string()]).nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type TShopifyWebhookOrder = z.infer<typeof ZShopifyWebhookOrder>;

export function formatAddress(a: { name?: string | null; address1?: string | null; address2?: string | null; city?: string | null; province?: string | null; zip?: string | null; country?: string | null } | null | undefined): string | null {
  if (!a) return null;
  const cityLine = [a.zip, a.city].filter(Boolean).join(" ");
  const text = [a.name, a.address1, a.address2, [cityLine, a.province].filter(Boolean).join(", "), a.country].filter((p) => p && String(p).trim()).join("\n");
  return text ? text.slice(0, 1000) : null;
}

const nameOf = (first?: string | null, last?: string | null, fallback?: string | null) => [first, last].filter(Boolean).join(" ").trim() || fallback || "Store customer";

export function fromShopifyWebhook(o: TShopifyWebhookOrder): StoreOrder {
  const address = o.shipping_address ?? null;
  return {
    externalId: o.id,
    name: o.name ?? null,
    createdAt: new Date(o.created_at),
    updatedAt: new Date(o.updated_at),
    cancelled: !!o.cancelled_at,
    awaitingPayment: false,
    customerName: nameOf(o.customer?.first_name, o.customer?.last_name, address?.name ?? o.email ?? null).slice(0, 200),
    customerEmail: o.email || null,
    shippingAddress: formatAddress(address),
    shippingCents: toCents(o.total_shipping_price_set?.shop_money.amount),
    taxCents: toCents(o.total_tax),
    lines: o.line_items.map((l) => ({
      externalLineId: l.id,
      sku: l.sku?.trim() || null,
      variantId: l.variant_id === null || l.variant_id === undefined ? null : String(l.variant_id),
      title: (l.title ?? l.name ?? l.sku ?? "Store item").slice(0, 200),
      quantity: l.current_quantity ?? l.quantity,
      unitPriceCents: toCents(l.price),
    })),
  };
}

export interface ShopifyGraphqlOrder {
  legacyResourceId: string;
  name: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  email: string | null;
  customer: { firstName: string | null; lastName: string | null } | null;
  shippingAddress: { name: string | null; address1: string | null; address2: string | null; city: string | null; province: string | null; zip: string | null; country: string | null } | null;
  totalShippingPriceSet: { shopMoney: { amount: string } } | null;
  totalTaxSet: { shopMoney: { amount: string } } | null;
  lineItems: {
    pageInfo?: { hasNextPage: boolean; endCursor: string | null };
    nodes: { id: string; sku: string | null; title: string; currentQuantity: number; variant: { legacyResourceId: string } | null; originalUnitPriceSet: { shopMoney: { amount: string } } }[];
  };
}

export function fromShopifyGraphql(o: ShopifyGraphqlOrder): StoreOrder {
  return {
    externalId: String(o.legacyResourceId),
    name: o.name,
    createdAt: new Date(o.createdAt),
    updatedAt: new Date(o.updatedAt),
    cancelled: !!o.cancelledAt,
    awaitingPayment: false,
    customerName: nameOf(o.customer?.firstName, o.customer?.lastName, o.shippingAddress?.name ?? o.email).slice(0, 200),
    customerEmail: o.email || null,
    shippingAddress: formatAddress(o.shippingAddress),
    shippingCents: toCents(o.totalShippingPriceSet?.shopMoney.amount),
    taxCents: toCents(o.totalTaxSet?.shopMoney.amount),
    lines: o.lineItems.nodes.map((l) => ({
      externalLineId: l.id.slice(l.id.lastIndexOf("/") + 1),
      sku: l.sku?.trim() || null,
      variantId: l.variant ? String(l.variant.legacyResourceId) : null,
      title: l.title.slice(0, 200),
      quantity: l.currentQuantity,
      unitPriceCents: toCents(l.originalUnitPriceSet.shopMoney.amount),
    })),
  };
}
