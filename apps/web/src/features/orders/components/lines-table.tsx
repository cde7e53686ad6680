import { Table } from "../../../components/ui/table.tsx";
import type { TOrderKit, TOrderLine } from "../api/order-types.ts";
import { formatDate } from "../lib/dates.ts";

/** The order's lines as the customer ordered them: a kit as one row, its components beneath it. */
export function orderRows(lines: TOrderLine[], kits: TOrderKit[]): ({ kind: "line"; line: TOrderLine; inKit: boolean } | { kind: "kit"; kit: TOrderKit })[] {
  const rows: ({ kind: "line"; line: TOrderLine; inKit: boolean } | { kind: "kit"; kit: TOrderKit })[] = [];
  const shown = new Set<string>();
  for (const l of lines) {
    if (!l.kitId) {
      rows.push({ kind: "line", line: l, inKit: false });
      continue;
    }
    if (shown.has(l.kitId)) continue;
    shown.add(l.kitId);
    const kit = kits.find((k) => k.id === l.kitId);
    if (kit) rows.push({ kind: "kit", kit });
    for (const c of lines) if (c.kitId === l.kitId) rows.push({ kind: "line", line: c, inKit: true });
  }
  return rows;
}

export function LinesTable({ lines, kits = [] }: { lines: TOrderLine[]; kits?: TOrderKit[] }) {
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
      {orderRows(lines, kits).map((row) => {
        if (row.kind === "kit") {
          const k = row.kit;
          const short = k.remaining - k.allocated;
          return (
            <tr key={k.id} className="kit-row">
              <td className="mono">{k.sku}</td>
              <td>
                <span className="badge">Kit</span> {k.name}
              </td>
              <td className="num">{k.ordered}</td>
              <td className="num">{k.shipped}</td>
              <td className="num">{k.cancelled}</td>
              <td className="num">{k.remaining}</td>
              <td className="num" title="Whole kits every component holds: what can ship now">
                {k.allocated} kit{k.allocated === 1 ? "" : "s"}
                {short > 0 && <div className="overdue small">{short} kit{short === 1 ? "" : "s"} short</div>}
              </td>
              <td className="num muted">—</td>
              <td />
            </tr>
          );
        }
        const l = row.line;
        const short = l.remaining - l.allocated;
        return (
          <tr key={l.id} className={row.inKit ? "kit-component" : undefined}>
            <td className="mono">{row.inKit ? <span aria-label={`component of the kit above`}>↳ </span> : null}{l.sku}</td>
            <td>
              {l.name}
              {row.inKit && l.perKit !== null && <span className="muted small"> ({l.perKit} per kit)</span>}
            </td>
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
