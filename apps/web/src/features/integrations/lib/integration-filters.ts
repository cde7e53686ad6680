// The Integrations screen's state in the URL (a view is a link, like the orders desk): which tab,
// its filters, and the message open in the detail panel.
import { useSearchParamFilters } from "../../../lib/use-search-params-state.ts";

export type TIntegrationTab = "outbox" | "inbox";
export const FILTER_KEYS = ["tab", "channelId", "status", "type", "topic", "open"] as const;
export type TIntegrationFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export function useIntegrationFilters() {
  const { filters, update } = useSearchParamFilters(FILTER_KEYS);
  const tab: TIntegrationTab = filters.tab === "inbox" ? "inbox" : "outbox";
  return { filters: filters as TIntegrationFilters, tab, update };
}

/** The link to a tab: the channel filter carries over; status, type/topic and the open message do not. */
export function tabHref(tab: TIntegrationTab, filters: TIntegrationFilters) {
  const p = new URLSearchParams();
  if (tab === "inbox") p.set("tab", "inbox");
  if (filters.channelId) p.set("channelId", filters.channelId);
  const qs = p.toString();
  return `/integrations${qs ? `?${qs}` : ""}`;
}
