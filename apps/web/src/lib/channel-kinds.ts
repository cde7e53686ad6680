// The kinds of sales channel, as people name them (the form's choices, lists, cards).
import type { TChannelKind } from "@bod/contracts/channels";

export const CHANNEL_KINDS: { value: TChannelKind; label: string; long?: string }[] = [
  { value: "shopify", label: "Shopify" },
  { value: "woocommerce", label: "WooCommerce" },
  { value: "amazon", label: "Amazon" },
  { value: "ebay", label: "eBay" },
  { value: "manual", label: "Manual", long: "Manual (phone, email, B2B)" },
];

export function channelKindLabel(kind: string) {
  return CHANNEL_KINDS.find((k) => k.value === kind)?.label ?? kind;
}
