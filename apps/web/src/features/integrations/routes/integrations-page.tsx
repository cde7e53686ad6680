// Integrations (admins and managers): per-channel health, then messages to stores and from
// stores as filterable lists whose rows open a detail panel. Retry and discard are for admins.
import { useCallback, useEffect, useMemo, useRef } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { LinkTabs } from "../../../components/ui/tabs.tsx";
import { useSession } from "../../../lib/session.ts";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";
import type { TDeliveryChannel } from "../../../lib/outbox-status.ts";
import { integrationKeys, useInbox, useIntegrationSummary, useOutbox } from "../api/integrations-api.ts";
import { tabHref, useIntegrationFilters } from "../lib/integration-filters.ts";
import { SummaryCards } from "../components/summary-cards.tsx";
import { MessageFilters } from "../components/message-filters.tsx";
import { OutboxTable } from "../components/outbox-table.tsx";
import { InboxTable } from "../components/inbox-table.tsx";
import { OutboxDetail } from "../components/outbox-detail.tsx";
import { InboxDetail } from "../components/inbox-detail.tsx";
import "../integrations.css";

/** When the counts move, the lists have news too: refresh them (the summary polls). */
function useRefreshListsOnChange(signature: string | undefined) {
  const qc = useQueryClient();
  const last = useRef(signature);
  useEffect(() => {
    if (signature === undefined || last.current === signature) return;
    if (last.current !== undefined) {
      void qc.invalidateQueries({ queryKey: integrationKeys.outbox });
      void qc.invalidateQueries({ queryKey: integrationKeys.inbox });
    }
    last.current = signature;
  }, [signature, qc]);
}

export function IntegrationsPage() {
  const me = useSession();
  const canAct = hasRole(me.role, ROLE_GROUPS.admin);
  const qc = useQueryClient();
  const { filters, tab, update } = useIntegrationFilters();
  const summary = useIntegrationSummary();
  const outbox = useOutbox({ channelId: filters.channelId, status: filters.status, type: filters.type }, tab === "outbox");
  const inbox = useInbox({ channelId: filters.channelId, status: filters.status, topic: filters.topic }, tab === "inbox");
  useRefreshListsOnChange(summary.data ? JSON.stringify(summary.data.channels.map((c) => [c.outbox, c.inbox])) : undefined);

  const channels = useMemo(() => new Map(summary.data?.channels.map((c) => [c.channelId, c])), [summary.data]);
  const channelState = useCallback(
    (id: string | null): TDeliveryChannel => {
      const c = id ? channels.get(id) : undefined;
      return c ? { connected: c.connected, enabled: c.enabled } : undefined;
    },
    [channels],
  );
  const totals = summary.data?.channels.reduce((t, c) => ({ out: t.out + c.outbox.failed, in: t.in + c.inbox.failed }), { out: 0, in: 0 });
  const filtered = !!(filters.channelId || filters.status || filters.type || filters.topic);
  const open = (id: string) => update({ open: id });
  const close = () => update({ open: "" });

  return (
    <div className="page page-wide">
      <PageHeader
        title="Integrations"
        description="Messages between Backorder Desk and the stores: what was sent to them, what they sent, and what is stuck."
        actions={
          <Button onClick={() => qc.invalidateQueries({ queryKey: integrationKeys.all })} busy={summary.isFetching && !summary.isPending}>
            Refresh
          </Button>
        }
      />
      {summary.isPending ? <Spinner /> : summary.isError ? <ErrorAlert error={summary.error} /> : <SummaryCards summary={summary.data} />}
      <LinkTabs
        label="Message direction"
        tabs={[
          {
            id: "outbox",
            to: tabHref("outbox", filters),
            current: tab === "outbox",
            children: (
              <>
                To stores{totals && totals.out > 0 && <span className="count is-failed">{totals.out} gave up</span>}
              </>
            ),
          },
          {
            id: "inbox",
            to: tabHref("inbox", filters),
            current: tab === "inbox",
            children: (
              <>
                From stores{totals && totals.in > 0 && <span className="count is-failed">{totals.in} failed</span>}
              </>
            ),
          },
        ]}
      />
      <MessageFilters tab={tab} filters={filters} update={update} />
      <div className={`integrations-layout${filters.open ? " has-detail" : ""}`}>
        <div className="integrations-list">
          {tab === "outbox" ? <OutboxTable list={outbox} openId={filters.open} onOpen={open} channelState={channelState} filtered={filtered} /> : <InboxTable list={inbox} openId={filters.open} onOpen={open} filtered={filtered} />}
        </div>
        {filters.open &&
          (tab === "outbox" ? (
            <OutboxDetail key={filters.open} id={filters.open} canAct={canAct} channelState={channelState} onClose={close} />
          ) : (
            <InboxDetail key={filters.open} id={filters.open} canAct={canAct} onClose={close} />
          ))}
      </div>
    </div>
  );
}
