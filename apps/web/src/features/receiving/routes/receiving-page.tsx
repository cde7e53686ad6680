import { Link } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { formatDate, humanize } from "../../../lib/format.ts";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useOpenPurchaseOrders } from "../api/receiving-api.ts";

/** Receiving, step one: pick the PO the delivery belongs to. */
export function ReceivingPage() {
  const [q, setQ] = useSearchParamState("q");
  const list = useOpenPurchaseOrders(q);
  return (
    <div className="page">
      <PageHeader title="Receiving" description="Choose the purchase order of the delivery, then scan what arrived." />
      <div className="toolbar">
        <SearchInput label="Search open purchase orders" value={q} onChange={setQ} placeholder="PO number or supplier (press /)" autoFocus debounceMs={250} />
      </div>
      <PagedTable
        list={list}
        label="Open purchase orders"
        empty={
          <EmptyState title={q ? `No open purchase order matches “${q}”` : "No purchase order is waiting to be received"}>
            <p>
              Submitted purchase orders show here. See <Link to="/purchasing">Purchasing</Link>.
            </p>
          </EmptyState>
        }
        head={
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Supplier</th>
            <th scope="col">Warehouse</th>
            <th scope="col">Status</th>
            <th scope="col">Expected</th>
            <th scope="col" />
          </tr>
        }
        row={(po) => (
          <tr key={po.id}>
            <td className="mono">{po.number}</td>
            <td>{po.supplier.name}</td>
            <td>{po.warehouse.code ?? po.warehouse.name}</td>
            <td>
              <Badge tone={po.status === "partially_received" ? "warning" : "info"}>{humanize(po.status)}</Badge>
            </td>
            <td>{po.expectedDate ? formatDate(po.expectedDate) : <span className="muted">—</span>}</td>
            <td className="row-actions">
              <Link className="btn btn-primary" to={`/receiving/${po.id}`} aria-label={`Receive ${po.number}`}>
                Receive
              </Link>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
