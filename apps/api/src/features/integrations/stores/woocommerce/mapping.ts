// WooCommerce orders (REST API v3 order resource, as webhooks and GET /orders send them) into
// StoreOrder. Statuses: processing / on-hold are paid and waiting to ship; pending and failed
// are not paid yet; cancelled, refunded, failed and trash are closed.
import { z } from "zod";
import { toCents } from "../money.ts";
import type { StoreOrder } from "../types.ts";

const ZWooAddress = z
  .object({
    first_name: z.string().nullish(),
    last_name: z.string().nullish(),
    company: z.string().nullish(),
    address_1: z.string().nullish(),
    address_2: z.string().nullish(),
    city: z.string().nullish(),
    state: z.string().nullish(),
    postcode: z.string().nullish(),
    country: z.string().nullish(),
    email: z.string().nullish(),
  })
  .passthrough();

export const ZWooOrder = z
  .object({
    id: z.number().int(),
    number: z.union([z.string(), z.number()]).transform(String).nullish(),
    status: z.string(),
    date_created_gmt: z.string(),
    date_modified_gmt: z.string(),
    shipping_total: z.union([z.string(), z.number()]).nullish(),
    total_tax: z.union([z.string(), z.number()]).nullish(),
    billing: ZWooAddress.nullish(),
    shipping: ZWooAddress.nullish(),
    line_items: z.array(
      z
        .object({
          id: z.number().int(),
          name: z.string().nullish(),
          product_id: z.number().int().nullish(),
          variation_id: z.number().int().nullish(),
          quantity: z.number().int(),
          sku: z.string().nullish(),
          price: z.union([z.string(), z.number()]).nullish(),
          subtotal: z.union([z.string(), z.number()]).nullish(),
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type TWooOrder = z.infer<typeof ZWooOrder>;

const CLOSED = new Set(["cancelled", "refunded", "failed", "trash"]);

/** Woo writes GMT times without an offset. */
const gmt = (s: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);

export function fromWooOrder(o: TWooOrder): StoreOrder {
  const ship = o.shipping ?? {};
  const bill = o.billing ?? {};
  // The customer is who paid (billing); the shipping name goes with the address.
  const name = [bill.first_name, bill.last_name].filter(Boolean).join(" ").trim() || [ship.first_name, ship.last_name].filter(Boolean).join(" ").trim() || bill.email || "Store customer";
  const cityLine = [ship.postcode, ship.city].filter(Boolean).join(" ");
  const address = [[ship.first_name, ship.last_name].filter(Boolean).join(" "), ship.company, ship.address_1, ship.address_2, [cityLine, ship.state].filter(Boolean).join(", "), ship.country]
    .filter((p) => p && String(p).trim())
    .join("\n");
  return {
    externalId: String(o.id),
    name: o.number ? `#${o.number}` : null,
    createdAt: gmt(o.date_created_gmt),
    updatedAt: gmt(o.date_modified_gmt),
    cancelled: CLOSED.has(o.status),
    awaitingPayment: o.status === "pending",
    customerName: name.slice(0, 200),
    customerEmail: bill.email || null,
    shippingAddress: address ? address.slice(0, 1000) : null,
    shippingCents: toCents(o.shipping_total),
    taxCents: toCents(o.total_tax),
    lines: o.line_items.map((l) => ({
      externalLineId: String(l.id),
      sku: l.sku?.trim() || null,
      variantId: l.variation_id ? String(l.variation_id) : l.product_id ? String(l.product_id) : null,
      title: (l.name ?? l.sku ?? "Store item").slice(0, 200),
      quantity: l.quantity,
      // `price` is the unit price after discounts; older payloads only have the line subtotal.
      unitPriceCents: l.price !== null && l.price !== undefined ? toCents(l.price) : Math.round(toCents(l.subtotal) / Math.max(1, l.quantity)),
    })),
  };
}
