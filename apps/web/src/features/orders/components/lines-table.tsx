import { Table } from "../../../components/ui/table.tsx";
import type { TOrderLine } from "../api/order-types.ts";
import { formatDate } from "../lib/dates.ts";

export function LinesTable({ lines }: { lines: TOrderLine[] }) {
  return (
    <Table
      label="Order lines"
      head={
        <tr>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col" className="num">Ordered</th>
          <th scope="col" className="num">Shipped</th>
          <th scope="col" className="num">Cancelled</th>
          <th scope="col" className="num">Remaining</th>
          <th scope="col" className="num">Allocated</th>
          <th scope="col" className="num">Available in warehouse</th>
          <th scope="col">Projected</th>
        </tr>
      }
    >
      {lines.map((l) => {
        const short = l.remaining - l.allocated;
        return (
          <tr key={l.id}>
            <td className="mono">{l.sku}</td>
            <td>{l.name}</td>
            <td className="num">{l.ordered}</td>
            <td className="num">{l.shipped}</td>
            <td className="num">{l.cancelled}</td>
            <td className="num">{l.remaining}</td>
            <td className="num" title={`${l.hardAllocated} set aside (hard), ${l.softAllocated} promised by rank (soft)`}>
              {l.allocated}
              {l.allocated > 0 && (
                <span className="muted small">
                  {" "}
                  ({l.hardAllocated} hard + {l.softAllocated} soft)
                </span>
              )}
              {short > 0 && <div className="overdue small">{short} short</div>}
            </td>
            <td className="num">{l.availableInWarehouse}</td>
            <td>{short > 0 ? (l.projectedDate ? formatDate(l.projectedDate) : <span className="muted">No date yet</span>) : <span className="muted">—</span>}</td>
          </tr>
        );
      })}
    </Table>
  );
}
