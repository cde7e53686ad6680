import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { formatMoney } from "../../../lib/format.ts";
import { useWarehouseOptions } from "../../../lib/lookups.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import type { TPreviewPurchaseOrdersResponse, TPurchaseOrder } from "../../purchasing/api/purchasing-types.ts";
import { useCreatePurchaseOrdersFromReport } from "../api/backorder-report-api.ts";

const lineKey = (group: number, productId: string) => `${group}:${productId}`;

/**
 * The proposed purchase orders, one per supplier and warehouse: quantities (rounded up to the
 * supplier's MOQ and case pack by the API) and expected dates can be changed before confirming.
 */
export function PurchaseOrderPreview({ preview, onDone, onCancel }: { preview: TPreviewPurchaseOrdersResponse; onDone: (created: TPurchaseOrder[]) => void; onCancel: () => void }) {
  const groups = preview.purchaseOrders;
  const [qty, setQty] = useState<Record<string, string>>(() => Object.fromEntries(groups.flatMap((g, i) => g.lines.map((l) => [lineKey(i, l.productId), String(l.quantity)]))));
  const [dates, setDates] = useState<string[]>(() => groups.map((g) => g.expectedDate ?? ""));
  const [local, setLocal] = useState<string>();
  const create = useCreatePurchaseOrdersFromReport();
  const key = useIdempotencyKey();
  const warehouses = useWarehouseOptions();
  const whCode = (id: string) => warehouses.data?.find((w) => w.id === id)?.code ?? "";
  const supplierCount = new Map<string, number>();
  for (const g of groups) supplierCount.set(g.supplierName, (supplierCount.get(g.supplierName) ?? 0) + 1);
  const groupName = (i: number) => {
    const g = groups[i]!;
    return (supplierCount.get(g.supplierName) ?? 0) > 1 ? `${g.supplierName} (${whCode(g.warehouseId) || "warehouse " + (i + 1)})` : g.supplierName;
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const pos = [];
    for (const [i, g] of groups.entries()) {
      const lines = [];
      for (const l of g.lines) {
        const raw = qty[lineKey(i, l.productId)] ?? "";
        const n = Number(raw);
        if (raw.trim() === "" || !Number.isInteger(n) || n < 0) return setLocal(`Quantity for ${l.sku} must be a whole number (0 leaves it out)`);
        if (n > 0) lines.push({ productId: l.productId, quantity: n });
      }
      if (lines.length) pos.push({ supplierId: g.supplierId, warehouseId: g.warehouseId, ...(dates[i] ? { expectedDate: dates[i] } : {}), lines });
    }
    if (pos.length === 0) return setLocal("Every quantity is 0: nothing to order");
    setLocal(undefined);
    create.mutate(
      { body: { pos }, idempotencyKey: key.current() },
      {
        onSuccess: (created) => {
          key.renew();
          onDone(created);
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="po-preview-title">
      <h2 id="po-preview-title">Proposed purchase orders</h2>
      {preview.skipped.length > 0 && (
        <Alert tone="warning">
          <strong>
            {preview.skipped.length} SKU{preview.skipped.length > 1 ? "s" : ""} left out:
          </strong>
          <ul>
            {preview.skipped.map((s) => (
              <li key={s.productId}>
                <span className="mono">{s.sku}</span>: {s.reason}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {groups.length === 0 ? (
        <p className="muted">Nothing to order for the selected rows.</p>
      ) : (
        <form data-idempotent onSubmit={submit} onChange={() => key.renew()} noValidate>
          {groups.map((g, i) => {
            const total = g.lines.reduce((s, l) => s + (Number(qty[lineKey(i, l.productId)]) || 0) * l.unitCostCents, 0);
            const dateId = `po-preview-date-${i}`;
            return (
              <div key={`${g.supplierId}:${g.warehouseId}`} className="preview-po" role="group" aria-label={`Purchase order to ${groupName(i)}`}>
                <h3>
                  {g.supplierName} <span className="muted small">→ {whCode(g.warehouseId)}</span>
                </h3>
                <div className="field" style={{ maxWidth: 260 }}>
                  <label htmlFor={dateId}>Expected date for {groupName(i)}</label>
                  <input id={dateId} type="date" value={dates[i] ?? ""} onChange={(e) => setDates((d) => d.map((x, j) => (j === i ? e.target.value : x)))} />
                </div>
                <Table
                  label={`Lines for ${groupName(i)}`}
                  head={
                    <tr>
                      <th scope="col">SKU</th>
                      <th scope="col">Name</th>
                      <th scope="col" className="num">
                        Net to buy
                      </th>
                      <th scope="col" className="num">
                        Quantity
                      </th>
                      <th scope="col" className="num">
                        Unit cost
                      </th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                    </tr>
                  }
                >
                  {g.lines.map((l) => {
                    const k = lineKey(i, l.productId);
                    return (
                      <tr key={k}>
                        <td className="mono">{l.sku}</td>
                        <td>{l.name}</td>
                        <td className="num">
                          {l.netToBuy}
                          {l.reorderNote && <div className="muted small preview-why">{l.reorderNote}</div>}
                        </td>
                        <td className="num">
                          <input className="qty-input" type="number" min={0} step={1} inputMode="numeric" aria-label={`Quantity for ${l.sku}`} value={qty[k] ?? ""} onChange={(e) => setQty((q) => ({ ...q, [k]: e.target.value }))} />
                          {l.roundedUp && <div className="muted small preview-why">{l.roundedUp}</div>}
                        </td>
                        <td className="num">{formatMoney(l.unitCostCents)}</td>
                        <td className="num">{formatMoney((Number(qty[k]) || 0) * l.unitCostCents)}</td>
                      </tr>
                    );
                  })}
                  <tr className="total-row">
                    <th scope="row" colSpan={5}>
                      Total
                    </th>
                    <td className="num">{formatMoney(total)}</td>
                  </tr>
                </Table>
              </div>
            );
          })}
          {local && <Alert>{local}</Alert>}
          <ErrorAlert error={create.error} />
          <div className="form-actions" style={{ marginTop: 12 }}>
            <Button type="submit" variant="primary" busy={create.isPending}>
              Confirm purchase orders
            </Button>
            <Button onClick={onCancel}>Discard</Button>
          </div>
        </form>
      )}
    </section>
  );
}

/** What was created, with links: the purchaser's next step is usually to print or send them. */
export function CreatedPurchaseOrders({ created, onClose }: { created: TPurchaseOrder[]; onClose: () => void }) {
  return (
    <Alert tone="success">
      <strong>
        {created.length} purchase order{created.length === 1 ? "" : "s"} created
      </strong>
      <ul className="created-list" aria-label="Created purchase orders">
        {created.map((po) => (
          <li key={po.id}>
            <Link to={`/purchasing/${po.id}`}>{po.number}</Link> · {po.supplier?.name} · {po.lines?.length ?? 0} line{po.lines?.length === 1 ? "" : "s"}
          </li>
        ))}
      </ul>
      <Button variant="ghost" onClick={onClose}>
        Dismiss
      </Button>
    </Alert>
  );
}
