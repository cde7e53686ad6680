// Messages from stores (webhooks and polls), newest first; a row opens what the store sent.
import { Link } from "react-router";
import type { TInboxEvent } from "@bod/contracts/integrations";
import { Badge } from "../../../components/ui/badge.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PagedTable, type PagedRows } from "../../../components/ui/paged-table.tsx";
import { INBOX_STATUS, SOURCE_LABELS } from "../lib/inbox-status.ts";

export function InboxTable({ list, openId, onOpen, filtered }: { list: PagedRows<TInboxEvent>; openId?: string; onOpen: (id: string) => void; filtered: boolean }) {
  return (
    <div className="stack-on-phone">
      <PagedTable
        list={list}
        label="Messages from stores"
        empty={<EmptyState title={filtered ? "No messages match these filters" : "Nothing received from stores yet"}>{!filtered && <p>Orders arrive here from the stores' webhooks and from polling the stores.</p>}</EmptyState>}
        head={
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
          </tr>
        }
        row={(e) => {
          const status = INBOX_STATUS[e.status];
          const open = e.id === openId;
          const detail = e.status === "failed" ? e.lastError : e.outcome;
          return (
            <tr key={e.id} className={open ? "is-open" : undefined}>
              <td>
                <button type="button" className="link-button mono" aria-current={open ? "true" : undefined} onClick={() => onOpen(e.id)}>
                  {e.topic}
                </button>
                <div className="muted small">
                  {SOURCE_LABELS[e.source] ?? e.source} · <DateTime value={e.receivedAt} />
                </div>
              </td>
              <td>
                {e.orderId ? <Link to={`/orders/${e.orderId}`}>{e.orderNumber ?? "order"}</Link> : e.externalOrderId ? <span className="mono muted" title="Order id in the store">{e.externalOrderId}</span> : <span className="muted">—</span>}
                <div className="muted small">{e.channelName}</div>
              </td>
              <td className="status-cell">
                <Badge tone={status.tone}>{status.label}</Badge>
                {detail && (
                  <div className="muted small clamp" title={detail}>
                    {detail}
                  </div>
                )}
              </td>
            </tr>
          );
        }}
      />
    </div>
  );
}
