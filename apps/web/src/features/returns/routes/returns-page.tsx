// Returns: every return of the company, newest first, filtered by state or searched by RMA or order number.
import { Link } from "react-router";
import { RETURN_REASON_LABELS, RETURN_STATUSES } from "@bod/contracts/returns";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { formatDate, humanize } from "../../../lib/format.ts";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useReturns } from "../api/returns-api.ts";
import { ReturnStatusBadge } from "../components/return-badges.tsx";
import "../returns.css";

export function ReturnsPage() {
  const [q, setQ] = useSearchParamState("q");
  const [status, setStatus] = useSearchParamState("status");
  const list = useReturns(status, q);
  return (
    <div className="page">
      <PageHeader title="Returns" description="Returns authorised on shipped orders. Open one to receive its parcel: restocked units go to the orders waiting for them." />
      <div className="toolbar">
        <SearchInput label="Search returns" value={q} onChange={setQ} placeholder="RMA or order number" debounceMs={250} />
        <label className="inline-field">
          State{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            {RETURN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <PagedTable
        list={list}
        label="Returns"
        empty={
          <EmptyState title={q || status ? "No return matches" : "No return yet"}>
            <p>Create a return from a shipped order's page.</p>
          </EmptyState>
        }
        head={
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Order</th>
            <th scope="col">State</th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">
              Received
            </th>
            <th scope="col">Created</th>
          </tr>
        }
        row={(r) => (
          <tr key={r.id}>
            <td className="mono">
              <Link to={`/returns/${r.id}`}>{r.number}</Link>
            </td>
            <td className="mono">
              <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link>
            </td>
            <td>
              <ReturnStatusBadge status={r.status} />
            </td>
            <td>{RETURN_REASON_LABELS[r.reason]}</td>
            <td className="num">
              {r.unitsReceived}/{r.units}
            </td>
            <td>{formatDate(r.createdAt)}</td>
          </tr>
        )}
      />
    </div>
  );
}
