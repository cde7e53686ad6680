// The Integrations screen's state in the URL (a view is a link, like the orders desk): which tab,
// its filters, and the message open in the detail panel.
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

export type TIntegrationTab = "outbox" | "inbox";
export const FILTER_KEYS = ["tab", "channelId", "status", "type", "topic", "open"] as const;
export type TIntegrationFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export function useIntegrationFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: TIntegrationFilters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const tab: TIntegrationTab = filters.tab === "inbox" ? "inbox" : "outbox";
  const update = useCallback(
    (patch: TIntegrationFilters) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters, tab, update };
}

/** The link to a tab: the channel filter carries over; status, type/topic and the open message do not. */
export function tabHref(tab: TIntegrationTab, filters: TIntegrationFilters) {
  const p = new URLSearchParams();
  if (tab === "inbox") p.set("tab", "inbox");
  if (filters.channelId) p.set("channelId", filters.channelId);
  const qs = p.toString();
  return `/integrations${qs ? `?${qs}` : ""}`;
}
