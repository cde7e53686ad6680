// Filters of the two lists, written to the URL: channel, status, and the message type (to stores)
// or the store's topic (from stores).
import type { TOutboxStatus } from "@bod/contracts/integrations";
import { FormField } from "../../../components/ui/form-field.tsx";
import { useChannelOptions } from "../../../lib/lookups.ts";
import { OUTBOX_STATUS_LABELS, OUTBOX_TYPES } from "../../../lib/outbox-status.ts";
import { INBOX_TOPICS } from "../../../lib/store-topics.ts";
import { INBOX_STATUS } from "../lib/inbox-status.ts";
import type { TIntegrationFilters, TIntegrationTab } from "../lib/integration-filters.ts";

export function MessageFilters({ tab, filters, update }: { tab: TIntegrationTab; filters: TIntegrationFilters; update: (patch: TIntegrationFilters) => void }) {
  const channels = useChannelOptions();
  const knownTopic = INBOX_TOPICS.some((g) => g.topics.includes(filters.topic ?? ""));
  const hasFilters = !!(filters.channelId || filters.status || filters.type || filters.topic);
  return (
    <div className="message-filters" role="search" aria-label={tab === "outbox" ? "Filters of messages to stores" : "Filters of messages from stores"}>
      <FormField label="Channel">
        <select value={filters.channelId ?? ""} onChange={(e) => update({ channelId: e.target.value, open: "" })}>
          <option value="">All channels</option>
          {channels.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Status">
        <select value={filters.status ?? ""} onChange={(e) => update({ status: e.target.value, open: "" })}>
          <option value="">Any status</option>
          {tab === "outbox"
            ? (Object.keys(OUTBOX_STATUS_LABELS) as TOutboxStatus[]).map((s) => (
                <option key={s} value={s}>
                  {OUTBOX_STATUS_LABELS[s]}
                </option>
              ))
            : (Object.keys(INBOX_STATUS) as (keyof typeof INBOX_STATUS)[]).map((s) => (
                <option key={s} value={s}>
                  {INBOX_STATUS[s].label}
                </option>
              ))}
        </select>
      </FormField>
      {tab === "outbox" ? (
        <FormField label="Message">
          <select value={filters.type ?? ""} onChange={(e) => update({ type: e.target.value, open: "" })}>
            <option value="">Any message</option>
            {OUTBOX_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </FormField>
      ) : (
        <FormField label="Topic">
          <select value={filters.topic ?? ""} onChange={(e) => update({ topic: e.target.value, open: "" })}>
            <option value="">Any topic</option>
            {filters.topic && !knownTopic && <option value={filters.topic}>{filters.topic}</option>}
            {INBOX_TOPICS.map((g) => (
              <optgroup key={g.group} label={g.group}>
                {g.topics.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </FormField>
      )}
      {hasFilters && (
        <button type="button" className="btn btn-ghost" onClick={() => update({ channelId: "", status: "", type: "", topic: "", open: "" })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
