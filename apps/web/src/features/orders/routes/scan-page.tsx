import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { ScanFeedback, ScanInput } from "../../../components/ui/scan-input.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { errorMessage } from "../../../lib/api.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { findOrderByCode, useCreateShipment } from "../api/orders-api.ts";
import type { TOrderDetail, TOrderShipment } from "../api/order-types.ts";
import { shippableNow } from "../components/shipment-form.tsx";
import { StatusBadge } from "../components/order-badges.tsx";
import { beepError } from "../lib/beep.ts";
import "../orders.css";

/**
 * Scan-to-ship for a keyboard-wedge scanner (fast typing + Enter): scan the order (its number
 * with or without SO-, the store's order id, or the packing slip's barcode), then each item — a
 * repeated scan adds one; a wrong item or one too many is a loud error; confirm ships what was
 * scanned. Both fields are ScanInputs: cleared and focused after every scan, none lost.
 */
export function ScanPage() {
  const [order, setOrder] = useState<TOrderDetail>();
  const [error, setError] = useState<string>();
  const [last, setLast] = useState<string>();
  const [done, setDone] = useState<{ order: TOrderDetail; shipment: TOrderShipment }>();

  function fail(message: string) {
    setError(message);
    setLast(undefined);
    beepError();
  }

  async function findOrder(code: string) {
    setError(undefined);
    setDone(undefined);
    try {
      const o = await findOrderByCode(code);
      if (!o) fail(`No order matches “${code}”`);
      else if (!o.lines.some((l) => shippableNow(l) > 0)) fail(`Order ${o.number} has nothing to ship now (${o.status === "shipped" ? "already shipped" : "no stock allocated"})`);
      else {
        setOrder(o);
        return "leave" as const;
      }
    } catch (err) {
      fail(errorMessage(err));
    }
  }

  function reset(message?: string) {
    setOrder(undefined);
    setError(undefined);
    setLast(message);
  }

  return (
    <div className="page">
      <div className="breadcrumb">
        <Link to="/orders">Orders</Link>
      </div>
      <PageHeader title="Scan to ship" description="Scan the order number, then every item; confirm to create the shipment." />
      {!order ? (
        <section className="card">
          <ScanInput label="Order number" onScan={findOrder} autoFocus hint="Order number (with or without SO-), the store's order id, or the packing slip's barcode; then Enter." />
          <ScanFeedback error={error} />
          {done && (
            <Alert tone="success">
              Shipment {done.shipment.number} created for order {done.order.number}.{" "}
              <Link to={`/shipments/${done.shipment.id}/slip`}>Print packing slip</Link>
            </Alert>
          )}
          {last && !done && <Alert tone="info">{last}</Alert>}
        </section>
      ) : (
        <ScanItems
          key={order.id}
          order={order}
          onCancel={() => reset()}
          onShipped={(res) => {
            reset();
            setDone(res);
          }}
        />
      )}
    </div>
  );
}


function ScanItems({ order, onCancel, onShipped }: { order: TOrderDetail; onCancel: () => void; onShipped: (r: { order: TOrderDetail; shipment: TOrderShipment }) => void }) {
  const lines = order.lines.filter((l) => l.remaining > 0);
  const [scanned, setScanned] = useState<Record<string, number>>({});
  const [error, setError] = useState<string>();
  const [ok, setOk] = useState<string>();
  const create = useCreateShipment(order.id);
  const key = useIdempotencyKey();
  const total = Object.values(scanned).reduce((a, b) => a + b, 0);

  function fail(message: string) {
    setError(message);
    setOk(undefined);
    beepError();
  }

  function scan(code: string) {
    const c = code.trim();
    const lc = c.toLowerCase();
    const line = lines.find((l) => l.barcode === c) ?? lines.find((l) => l.sku.toLowerCase() === lc);
    if (!line) return fail(`Wrong item: ${c} is not on order ${order.number}`);
    const target = shippableNow(line);
    const now = scanned[line.id] ?? 0;
    if (now + 1 > target) return fail(`Too many ${line.sku}: only ${target} to ship in this shipment`);
    key.renew();
    setScanned((s) => ({ ...s, [line.id]: now + 1 }));
    setError(undefined);
    setOk(`${line.sku}: ${now + 1} of ${target}`);
  }

  function confirm() {
    const body = lines.filter((l) => (scanned[l.id] ?? 0) > 0).map((l) => ({ lineId: l.id, quantity: scanned[l.id]! }));
    if (body.length === 0) return fail("Scan at least one item first");
    create.mutate(
      { body: { lines: body }, idempotencyKey: key.current() },
      {
        onSuccess: (res) => {
          key.renew();
          onShipped({ order: res.order, shipment: res.shipment });
        },
        onError: () => beepError(),
      },
    );
  }

  return (
    <section className="card stack" aria-labelledby="scan-order-title">
      <h2 id="scan-order-title">
        Order {order.number} · {order.customer.name} <StatusBadge value={order.status} />
      </h2>
      <ScanInput label="Scan item" onScan={scan} autoFocus hint="Barcode or SKU, then Enter: each scan counts one unit." />
      <ScanFeedback error={error} ok={ok} />
      <Table
        label="Scan progress"
        head={
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col">Barcode</th>
            <th scope="col" className="num">Scanned</th>
            <th scope="col" className="num">To ship</th>
          </tr>
        }
      >
        {lines.map((l) => {
          const target = shippableNow(l);
          const n = scanned[l.id] ?? 0;
          return (
            <tr key={l.id}>
              <td className="mono">{l.sku}</td>
              <td>{l.name}</td>
              <td className="mono">{l.barcode ?? <span className="muted">—</span>}</td>
              <td className={`num${n === target && target > 0 ? " progress-done" : ""}`}>
                {n}
                {n === target && target > 0 && " ✔"}
              </td>
              <td className="num">
                {target}
                {target < l.remaining && <span className="muted small"> of {l.remaining}</span>}
              </td>
            </tr>
          );
        })}
      </Table>
      <ErrorAlert error={create.error} onRetry={confirm} retrying={create.isPending} />
      <div className="form-actions">
        <Button variant="primary" onClick={confirm} busy={create.isPending} disabled={total === 0}>
          Confirm shipment
        </Button>
        <Button onClick={onCancel}>Start over</Button>
        <span className="muted small">{total} items scanned</span>
      </div>
    </section>
  );
}
