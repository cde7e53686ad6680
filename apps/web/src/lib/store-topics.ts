// Webhook topics of the stores Backorder Desk speaks (apps/api integrations/inbox.ts): the ones an
// admin subscribes to in the store, and every topic a message from a store can carry.
import type { TChannelKind } from "@bod/contracts/channels";

/** What to subscribe to in the store's admin, as the store names it. */
export const SUBSCRIBE_TOPICS: Partial<Record<TChannelKind, { topic: string; label: string }[]>> = {
  shopify: [
    { topic: "orders/create", label: "orders/create" },
    { topic: "orders/updated", label: "orders/updated" },
    { topic: "orders/cancelled", label: "orders/cancelled" },
    { topic: "app/uninstalled", label: "app/uninstalled" },
  ],
  woocommerce: [
    { topic: "order.created", label: "Order created" },
    { topic: "order.updated", label: "Order updated" },
    { topic: "order.deleted", label: "Order deleted" },
  ],
};

/** Topics of the inbox filter, grouped by where they come from. */
export const INBOX_TOPICS: { group: string; topics: string[] }[] = [
  { group: "Shopify", topics: ["orders/create", "orders/updated", "orders/cancelled", "orders/paid", "app/uninstalled"] },
  { group: "WooCommerce", topics: ["order.created", "order.updated", "order.deleted", "order.restored"] },
  { group: "Poll", topics: ["reconcile/order"] },
];
