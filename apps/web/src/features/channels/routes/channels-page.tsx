// The sales channels (stores) list; admins create new ones.
import { Link, useNavigate } from "react-router";
import { isStoreKind, type TChannel } from "@bod/contracts/channels";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { channelKindLabel } from "../../../lib/channel-kinds.ts";
import { useChannels } from "../api/channels-api.ts";
import { useSession } from "../../../lib/session.ts";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";

/** Whether a store with an API is connected and switched on (others have nothing to connect). */
function storeState(c: TChannel) {
  if (!isStoreKind(c.kind)) return <span className="muted">—</span>;
  if (!c.enabled) return <Badge tone="warning">Switched off</Badge>;
  return c.connection.storeUrl && c.connection.hasAccessToken ? <Badge tone="success">Connected</Badge> : <Badge tone="neutral">Not connected</Badge>;
}

const yesNo = (b: boolean) => <Badge tone={b ? "success" : "neutral"}>{b ? "Yes" : "No"}</Badge>;

export function ChannelsPage() {
  const [q, setQ] = useSearchParamState("q");
  const debounced = useDebounced(q);
  const list = useChannels(debounced);
  const navigate = useNavigate();
  const me = useSession();
  return (
    <div className="page">
      <PageHeader
        title="Channels"
        description="Sales channels (stores) orders come from, and how each treats backorders."
        actions={
          hasRole(me.role, ROLE_GROUPS.admin) ? (
            <Button variant="primary" onClick={() => navigate("/channels/new")}>
              New channel
            </Button>
          ) : undefined
        }
      />
      <div className="toolbar">
        <SearchInput label="Search stores" value={q} onChange={setQ} placeholder="Store name (press /)" />
      </div>
      <PagedTable
        list={list}
        label="Stores"
        empty={
          <EmptyState title={debounced ? `Nothing matches “${debounced}”` : "No channels yet"} />
        }
        head={
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Store</th>
            <th scope="col">Backorders</th>
            <th scope="col">Partial-shipment notice</th>
            <th scope="col">Order edits</th>
            <th scope="col">Default mode</th>
          </tr>
        }
        row={(c) => (
          <tr key={c.id}>
            <td>
              <Link to={`/channels/${c.id}`}>{c.name}</Link>
            </td>
            <td>{channelKindLabel(c.kind)}</td>
            <td>{storeState(c)}</td>
            <td>{yesNo(c.acceptsBackorders)}</td>
            <td>{yesNo(c.notifyOnPartialShipment)}</td>
            <td>{yesNo(c.supportsOrderEdits)}</td>
            <td>{c.defaultFulfillmentMode === null ? "Company default" : c.defaultFulfillmentMode === "ship_partial" ? "Ship in parts" : "Ship complete"}</td>
          </tr>
        )}
      />
    </div>
  );
}
