import { useState } from "react";
import { Link } from "react-router";
import type { TPickListStatus } from "@bod/contracts/pick-lists";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";
import { useSession } from "../../../lib/session.ts";
import { usePickLists } from "../api/pick-lists-api.ts";
import { NewPickListForm } from "../components/new-pick-list-form.tsx";
import { PickListStatusBadge } from "../components/status-badge.tsx";
import "../pick-lists.css";

/** `/pick-lists`: open and recent pick lists (open first), and a new list from fulfillable orders. */
export function PickListsPage() {
  const me = useSession();
  const [status, setStatus] = useState<TPickListStatus | "">("");
  const lists = usePickLists(status);
  const items = lists.data?.items ?? [];
  return (
    <div className="page page-wide">
      <PageHeader title="Pick lists" description="Pick several fulfillable orders of one warehouse in one walk: by bin, then SKU, with the orders each unit goes to." />
      {hasRole(me.role, ROLE_GROUPS.stock) && <NewPickListForm />}
      <section className="card stack" aria-labelledby="lists-title">
        <div className="form-row">
          <h2 id="lists-title">Lists</h2>
          <FormField label="Status">
            <select value={status} onChange={(e) => setStatus(e.target.value as TPickListStatus | "")}>
              <option value="">All (open first)</option>
              <option value="open">Open</option>
              <option value="completed">Completed</option>
              <option value="cancelled">Cancelled</option>
            </select>
          </FormField>
        </div>
        {lists.isPending ? (
          <Spinner label="Loading pick lists…" />
        ) : lists.isError ? (
          <ErrorAlert error={lists.error} />
        ) : items.length === 0 ? (
          <EmptyState title="No pick lists">Choose fulfillable orders above (or on the orders desk) to make one.</EmptyState>
        ) : (
          <Table
            label="Pick lists"
            head={
              <tr>
                <th scope="col">List</th>
                <th scope="col">Status</th>
                <th scope="col">Warehouse</th>
                <th scope="col" className="num">Orders open</th>
                <th scope="col" className="num">Units picked</th>
                <th scope="col">Created</th>
                <th scope="col">By</th>
              </tr>
            }
          >
            {items.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link className="mono" to={`/pick-lists/${l.id}`}>
                    {l.number}
                  </Link>
                </td>
                <td>
                  <PickListStatusBadge status={l.status} />
                </td>
                <td>{l.warehouse.name}</td>
                <td className="num">
                  {l.openOrders} of {l.orderCount}
                </td>
                <td className="num">
                  {l.picked} of {l.units}
                </td>
                <td>{formatDateTime(l.createdAt)}</td>
                <td>{l.createdBy ?? "—"}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </div>
  );
}
