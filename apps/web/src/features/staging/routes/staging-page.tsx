import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";
import type { TStagedOrder } from "@bod/contracts/staging";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { ScanInput } from "../../../components/ui/scan-input.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { errorMessage } from "../../../lib/api.ts";
import { beepError } from "../../../lib/beep.ts";
import { lookupOrder } from "../../../lib/order-lookup.ts";
import { useStagingBoard } from "../api/staging-api.ts";
import { waitedSince } from "../lib.ts";
import { formatDate } from "../../../lib/format.ts";
import "../staging.css";

const PICKABLE = new Set(["open", "on_hold", "partially_shipped"]);

/** `/staging`: every staged order with its container, what it holds and waits for; ready-to-complete orders first. */
export function StagingPage() {
  const navigate = useNavigate();
  const [warehouseId, setWarehouseId] = useState("");
  const board = useStagingBoard(warehouseId);
  const [orderError, setOrderError] = useState<string>();

  async function scanOrder(code: string) {
    try {
      const order = await lookupOrder(code);
      if (!order || !PICKABLE.has(order.status)) {
        setOrderError(order ? `Order ${order.number} is ${order.status.replace("_", " ")}: nothing to pick` : `No order matches “${code}”`);
        beepError();
        return;
      }
      navigate(`/orders/${order.id}/pick`);
      return "leave" as const;
    } catch (err) {
      setOrderError(errorMessage(err));
      beepError();
    }
  }

  const items = board.data?.items ?? [];
  const ready = items.filter((i) => i.readyToComplete).length;
  return (
    <div className="page page-wide">
      <PageHeader title="Staging" description="Orders held for one complete shipment: picked items wait in a container until the rest arrives." />
      <section className="card form-row">
        <ScanInput label="Scan order number to pick" onScan={scanOrder} autoFocus error={orderError} hint="Order number (with or without SO-), store order id or a slip's barcode: opens the pick screen." />
        <WarehouseSelect allowAll value={warehouseId} onChange={(id) => setWarehouseId(id)} />
      </section>
      {board.isPending ? (
        <Spinner label="Loading staged orders…" />
      ) : board.isError ? (
        <ErrorAlert error={board.error} />
      ) : items.length === 0 ? (
        <EmptyState title="Nothing is staged">Pick a ship-complete order into a container to see it here.</EmptyState>
      ) : (
        <section className="card" aria-labelledby="board-title">
          <h2 id="board-title">
            {items.length} staged order{items.length === 1 ? "" : "s"}
            {ready > 0 && <span className="muted">, {ready} ready to complete</span>}
          </h2>
          <Table
            label="Staged orders"
            head={
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Container</th>
                <th scope="col">Holds</th>
                <th scope="col">Waits for</th>
                <th scope="col">Waited</th>
                <th scope="col">Actions</th>
              </tr>
            }
          >
            {items.map((i) => (
              <BoardRow key={i.order.id} item={i} />
            ))}
          </Table>
        </section>
      )}
    </div>
  );
}

function BoardRow({ item: i }: { item: TStagedOrder }) {
  const held = i.lines.filter((l) => l.picked > 0);
  const waits = i.lines.filter((l) => l.awaiting > 0);
  return (
    <tr className={i.readyToComplete ? "board-ready" : undefined} data-order={i.order.number}>
      <td>
        <Link to={`/orders/${i.order.id}`}>{i.order.number}</Link>
        <div className="muted small">{i.order.customerName}</div>
        {i.readyToComplete && <Badge tone="success">Ready to complete</Badge>}
      </td>
      <td>
        <span className="mono">{i.container.code}</span>
        <div className="muted small mono">{i.location.code}</div>
      </td>
      <td>
        {held.map((l) => (
          <div key={l.lineId}>
            {l.picked} × <span className="mono">{l.sku}</span>
          </div>
        ))}
      </td>
      <td>
        <ul className="board-waits">
          {waits.map((l) => (
            <li key={l.lineId}>
              {l.awaiting} × <span className="mono">{l.sku}</span>
              {l.allocatableNow > 0 && <span className="muted small"> ({l.allocatableNow} in stock now)</span>}
              {l.purchaseOrders.map((p) => (
                <div key={p.id} className="small">
                  <Link to={`/purchasing/${p.id}`}>{p.number}</Link> {p.expectedDate ? `expected ${formatDate(p.expectedDate)}` : "no date"} · {p.quantity}
                </div>
              ))}
              {l.missing > 0 && l.purchaseOrders.length === 0 && <div className="small muted">no purchase order covers it</div>}
            </li>
          ))}
        </ul>
      </td>
      <td title={i.stagedAt}>{waitedSince(i.stagedAt)}</td>
      <td>
        <div className="stack">
          <Link to={`/orders/${i.order.id}/pick`}>{i.readyToComplete ? "Complete" : "Pick"}</Link>
          <Link to={`/orders/${i.order.id}/staging-slip`}>Slip</Link>
        </div>
      </td>
    </tr>
  );
}
