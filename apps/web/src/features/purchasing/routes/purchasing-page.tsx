import { Link, useNavigate } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { formatDate, formatMoney, humanize } from "../../../lib/format.ts";
import { useSupplierOptions } from "../../../lib/lookups.ts";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { purchaseOrdersCsvHref, usePurchaseOrders } from "../api/purchase-orders-api.ts";
import { PURCHASE_ORDER_STATUSES } from "../api/purchasing-types.ts";
import { PoStatusBadge } from "../components/po-status-badge.tsx";
import "../purchasing.css";

/** Purchasing: the list of purchase orders, filtered by status, supplier and a search. */
export function PurchasingPage() {
  const [status, setStatus] = useSearchParamState("status");
  const [supplierId, setSupplierId] = useSearchParamState("supplierId");
  const [q, setQ] = useSearchParamState("q");
  const filters = { status, supplierId, q };
  const list = usePurchaseOrders(filters);
  const suppliers = useSupplierOptions();
  const navigate = useNavigate();
  const filtered = !!(status || supplierId || q);

  return (
    <div className="page">
      <PageHeader
        title="Purchasing"
        description="Purchase orders to suppliers, raised from the backorder report and linked to the sales orders waiting for them."
        actions={
          <>
            <Link className="btn btn-secondary" to="/reports/backorders">
              Backorder report
            </Link>
            <a className="btn btn-secondary" href={purchaseOrdersCsvHref(filters)} download>
              Export CSV
            </a>
            <Button variant="primary" onClick={() => navigate("/purchasing/new")}>
              New purchase order
            </Button>
          </>
        }
      />
      <div className="toolbar">
        <SearchInput label="Search purchase orders" value={q} onChange={setQ} placeholder="PO number, supplier or SKU (press /)" autoFocus debounceMs={250} />
        <FormField label="Status">
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any status</option>
            {PURCHASE_ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Supplier">
          <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
            <option value="">All suppliers</option>
            {suppliers.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <PagedTable
        list={list}
        label="Purchase orders"
        empty={
          <EmptyState title={filtered ? "No purchase orders match these filters" : "No purchase orders yet"}>
            {!filtered && (
              <p>
                Raise them from the <Link to="/reports/backorders">backorder report</Link>, or with “New purchase order”.
              </p>
            )}
          </EmptyState>
        }
        head={
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Supplier</th>
            <th scope="col">Warehouse</th>
            <th scope="col">Status</th>
            <th scope="col">Expected</th>
            <th scope="col" className="num">
              Lines
            </th>
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        }
        row={(po) => (
          <tr key={po.id}>
            <td className="mono">
              <Link to={`/purchasing/${po.id}`}>{po.number}</Link>
            </td>
            <td>{po.supplier.name}</td>
            <td>{po.warehouse.code ?? po.warehouse.name}</td>
            <td>
              <PoStatusBadge status={po.status} />
            </td>
            <td>{po.expectedDate ? formatDate(po.expectedDate) : <span className="muted">—</span>}</td>
            <td className="num">{po.lineCount ?? "—"}</td>
            <td className="num">{po.totalCents != null ? formatMoney(po.totalCents) : "—"}</td>
          </tr>
        )}
      />
    </div>
  );
}
