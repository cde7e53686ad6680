import { Link } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useStockLevels } from "../api/stock-api.ts";
import { StockActions } from "../components/stock-actions.tsx";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";

export function StockPage() {
  const [warehouseId, setWarehouseId] = useSearchParamState("warehouseId");
  const [q, setQ] = useSearchParamState("q");
  const debounced = useDebounced(q);
  const list = useStockLevels(warehouseId, debounced);
  return (
    <div className="page">
      <PageHeader title="Stock" description="On hand, allocated to orders, and available, per warehouse." actions={<StockActions current="levels" warehouseId={warehouseId} />} />
      <div className="toolbar">
        <WarehouseSelect value={warehouseId} onChange={setWarehouseId} allowAll />
        <SearchInput label="Search stock" value={q} onChange={setQ} placeholder="SKU or name (press /)" />
      </div>
      <PagedTable
        list={list}
        label="Stock levels"
        empty={
          <EmptyState title={debounced ? `Nothing matches “${debounced}”` : "No stock recorded yet"}>
            <p>Stock appears here after a receipt, an adjustment or a count.</p>
          </EmptyState>
        }
        head={
          <tr>
            <th scope="col">Warehouse</th>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">On hand</th>
            <th scope="col" className="num">Allocated</th>
            <th scope="col" className="num">Available</th>
            <th scope="col"><span className="visually-hidden">History</span></th>
          </tr>
        }
        row={(l) => (
          <tr key={`${l.warehouseId}:${l.productId}`}>
            <td className="mono">{l.warehouseCode}</td>
            <td className="mono">{l.sku}</td>
            <td>{l.productName}</td>
            <td className="num">{l.onHand}</td>
            <td className="num">{l.allocated}</td>
            <td className="num">
              <Badge tone={l.available > 0 ? "success" : l.available === 0 ? "warning" : "danger"}>{l.available}</Badge>
            </td>
            <td>
              <Link to={`/stock/ledger?warehouseId=${l.warehouseId}&productId=${l.productId}`} aria-label={`History of ${l.sku} in ${l.warehouseCode}`}>
                History
              </Link>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
