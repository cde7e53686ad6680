import { Fragment, useState } from "react";
import { Link } from "react-router";
import { Table } from "../../../components/ui/table.tsx";
import { SortHeader } from "../../../components/ui/sort-header.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { formatDate, formatMoney } from "../../../lib/format.ts";
import type { TBackorderReportRow, TBackorderSort } from "../../purchasing/api/purchasing-types.ts";
import { WaitingOrdersTable } from "./waiting-orders-table.tsx";

export const rowKey = (r: Pick<TBackorderReportRow, "productId" | "warehouseId">) => `${r.productId}:${r.warehouseId}`;

const COLUMNS = 16;

/** One row per SKU and warehouse; a checkbox selects it for purchase orders, the waiting-orders button drills down. */
export function BackorderTable({
  rows,
  sort,
  onSort,
  selected,
  onToggle,
  onToggleAll,
}: {
  rows: TBackorderReportRow[];
  sort: TBackorderSort;
  onSort: (s: TBackorderSort) => void;
  selected: Set<string>;
  onToggle: (key: string) => void;
  onToggleAll: (select: boolean) => void;
}) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const skuCount = new Map<string, number>();
  for (const r of rows) skuCount.set(r.sku, (skuCount.get(r.sku) ?? 0) + 1);
  const nameOf = (r: TBackorderReportRow) => ((skuCount.get(r.sku) ?? 0) > 1 ? `${r.sku} (${r.warehouseCode})` : r.sku);
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(rowKey(r)));
  const toggleOpen = (k: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });

  return (
    <Table
      label="Backorder report"
      head={
        <tr>
          <th scope="col">
            <input type="checkbox" aria-label="Select all rows" checked={allSelected} onChange={(e) => onToggleAll(e.target.checked)} />
          </th>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col">Warehouse</th>
          <th scope="col" className="num">
            Demand
          </th>
          <th scope="col" className="num">
            On hand
          </th>
          <th scope="col" className="num">
            Hard alloc.
          </th>
          <th scope="col" className="num">
            Available
          </th>
          <th scope="col" className="num">
            Shortfall
          </th>
          <th scope="col" className="num">
            Incoming
          </th>
          <SortHeader sortKey="net_need" current={sort} onSort={onSort} className="num">
            Net to buy
          </SortHeader>
          <th scope="col" className="num">
            Waiting
          </th>
          <SortHeader sortKey="oldest_waiting" current={sort} onSort={onSort}>
            Oldest waiting
          </SortHeader>
          <th scope="col">Preferred supplier</th>
          <SortHeader sortKey="value" current={sort} onSort={onSort} className="num">
            Value
          </SortHeader>
          <th scope="col">
            <span className="visually-hidden">Drill down</span>
          </th>
        </tr>
      }
    >
      {rows.map((r) => {
        const k = rowKey(r);
        const isOpen = open.has(k);
        const label = nameOf(r);
        return (
          <Fragment key={k}>
            <tr>
              <td>
                <input type="checkbox" aria-label={`Select ${label}`} checked={selected.has(k)} onChange={() => onToggle(k)} />
              </td>
              <td className="mono">
                <Link to={`/products/${r.productId}`}>{r.sku}</Link>
              </td>
              <td>
                {r.name} {r.isPreorder && <Badge tone="info">Preorder</Badge>} {r.kind === "reorder" && <Badge tone="warning">Below reorder point</Badge>}
              </td>
              <td>{r.warehouseCode}</td>
              <td className="num">{r.demand}</td>
              <td className="num">{r.onHand}</td>
              <td className="num">{r.hardAllocated}</td>
              <td className="num">{r.available}</td>
              <td className="num qty-out">{r.shortfall}</td>
              <td className="num">
                {r.incoming}
                {r.nearestExpectedDate && <div className="muted small">next {formatDate(r.nearestExpectedDate)}</div>}
              </td>
              <td className="num">
                <strong>{r.netToBuy}</strong>
                {r.reorderPoint !== null && (
                  <div className="muted small">
                    projected {r.projectedPosition} · point {r.reorderPoint} · by {r.reorderQuantity}
                  </div>
                )}
              </td>
              <td className="num">{r.waitingOrders}</td>
              <td>{r.oldestWaitingOrderDate?.slice(0, 10) ?? <span className="muted">—</span>}</td>
              <td>
                {r.preferredSupplier ? (
                  <>
                    {r.preferredSupplier.name}
                    <div className="muted small">
                      {formatMoney(r.preferredSupplier.unitCostCents)} · {r.preferredSupplier.leadTimeDays} d lead
                    </div>
                  </>
                ) : (
                  <Badge tone="warning">None</Badge>
                )}
              </td>
              <td className="num">{formatMoney(r.valueCents)}</td>
              <td className="row-actions">
                {r.waitingOrders > 0 && <button type="button" className="btn btn-ghost" aria-expanded={isOpen} aria-label={`Waiting orders for ${label}`} onClick={() => toggleOpen(k)}>
                  {isOpen ? "Hide" : "Orders"}
                </button>}
              </td>
            </tr>
            {isOpen && (
              <tr className="drill-row">
                <td colSpan={COLUMNS}>
                  <WaitingOrdersTable productId={r.productId} warehouseId={r.warehouseId} sku={r.sku} />
                </td>
              </tr>
            )}
          </Fragment>
        );
      })}
    </Table>
  );
}
