// Messages to stores, newest first: what, for which order, where it stands; a row opens its detail.
import { Link } from "react-router";
import type { TOutboxEvent } from "@bod/contracts/integrations";
import { Badge } from "../../../components/ui/badge.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PagedTable, type PagedRows } from "../../../components/ui/paged-table.tsx";
import { isQueuedBehind, messageState, outboxTypeLabel, type TDeliveryChannel } from "../../../lib/outbox-status.ts";

export function OutboxTable({ list, openId, onOpen, channelState, filtered }: { list: PagedRows<TOutboxEvent>; openId?: string; onOpen: (id: string) => void; channelState: (id: string | null) => TDeliveryChannel; filtered: boolean }) {
  return (
    <div className="stack-on-phone">
      <PagedTable
        list={list}
        label="Messages to stores"
        empty={<EmptyState title={filtered ? "No messages match these filters" : "No messages to stores yet"}>{!filtered && <p>Shipments, holds and refunds of store orders are sent from here.</p>}</EmptyState>}
        head={
          <tr>
            <th scope="col">Message</th>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Attempts
            </th>
          </tr>
        }
        row={(e) => {
          const state = messageState(e, channelState(e.channelId), { behind: isQueuedBehind(e, list.items) });
          const open = e.id === openId;
          return (
            <tr key={e.id} className={open ? "is-open" : undefined}>
              <td>
                <button type="button" className="link-button" aria-current={open ? "true" : undefined} onClick={() => onOpen(e.id)}>
                  {outboxTypeLabel(e.type)}
                </button>
                <div className="muted small">
                  <DateTime value={e.createdAt} />
                </div>
              </td>
              <td>
                {e.orderId ? <Link to={`/orders/${e.orderId}`}>{e.orderNumber ?? "order"}</Link> : <span className="muted">—</span>}
                <div className="muted small">{e.channelName ?? "—"}</div>
              </td>
              <td className="status-cell">
                <Badge tone={state.tone}>{state.label}</Badge>
                {state.detail && state.kind !== "sent" && (
                  <div className="muted small clamp" title={state.detail}>
                    {state.detail}
                  </div>
                )}
              </td>
              <td className="num" data-label="Attempts">
                {e.attempts}
              </td>
            </tr>
          );
        }}
      />
    </div>
  );
}
