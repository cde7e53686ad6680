import type { TMovementKind } from "@bod/contracts/stock";
import { Table } from "../../../components/ui/table.tsx";
import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { LoadMore } from "../../../components/ui/load-more.tsx";
import { formatDateTime, formatSigned, humanize } from "../../../lib/format.ts";
import { useMovements } from "../api/stock-api.ts";

const KIND_TONE: Record<TMovementKind, BadgeTone> = {
  receipt: "success",
  shipment: "info",
  adjustment: "warning",
  count: "neutral",
  transfer: "neutral",
  scan_deduction: "info",
};

/** The append-only ledger, newest first, for a warehouse and/or product. */
export function LedgerTable({ warehouseId, productId }: { warehouseId?: string; productId?: string }) {
  const list = useMovements(warehouseId, productId);
  if (list.isPending) return <Spinner label="Loading movements…" />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  return (
    <>
      <Table
        label="Stock ledger"
        head={
          <tr>
            <th scope="col">When</th>
            <th scope="col">Warehouse</th>
            <th scope="col">SKU</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">Quantity</th>
            <th scope="col">Reason</th>
            <th scope="col">Cause</th>
            <th scope="col">Who</th>
          </tr>
        }
      >
        {list.items.length === 0 ? (
          <tr>
            <td colSpan={8}>
              <EmptyState title="No movements yet" />
            </td>
          </tr>
        ) : (
          list.items.map((m) => (
            <tr key={m.id}>
              <td>
                <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              </td>
              <td className="mono">{m.warehouseCode}</td>
              <td className="mono">{m.sku}</td>
              <td>
                <Badge tone={KIND_TONE[m.kind] ?? "neutral"}>{humanize(m.kind)}</Badge>
              </td>
              <td className={`num mono ${m.quantity < 0 ? "qty-out" : "qty-in"}`}>{formatSigned(m.quantity)}</td>
              <td>{m.reason ?? <span className="muted">—</span>}</td>
              <td>{m.causeType ? humanize(m.causeType) : <span className="muted">—</span>}</td>
              <td>{m.createdBy?.name ?? <span className="muted">system</span>}</td>
            </tr>
          ))
        )}
      </Table>
      <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
    </>
  );
}
