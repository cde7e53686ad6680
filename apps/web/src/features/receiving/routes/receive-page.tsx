import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { CheckboxField } from "../../../components/ui/form-field.tsx";
import { ScanFeedback, ScanInput } from "../../../components/ui/scan-input.tsx";
import { beepError } from "../../../lib/beep.ts";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { FactList } from "../../../components/ui/fact-list.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { formatDate, humanize } from "../../../lib/format.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import type { TPostReceiptRequest, TPostReceiptResponse, TPurchaseOrder, TPurchaseOrderLine } from "../../purchasing/api/purchasing-types.ts";
import { usePostReceipt, usePurchaseOrderToReceive } from "../api/receiving-api.ts";
import { ReceiptSummary } from "../components/receipt-summary.tsx";
import "../receiving.css";

export function ReceivePage() {
  const { poId = "" } = useParams();
  const po = usePurchaseOrderToReceive(poId);
  if (po.isPending) return <Spinner />;
  if (po.isError)
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/receiving">← Choose another purchase order</Link>
        </p>
        <ErrorAlert error={po.error} />
      </div>
    );
  return <ReceiveScreen po={po.data} />;
}

/** Scanned units per PO line id, in the order first scanned. */
type Scanned = { lineId: string; quantity: number }[];

function findLine(po: TPurchaseOrder, code: string): TPurchaseOrderLine | undefined {
  const c = code.trim().toLowerCase();
  return po.lines.find((l) => l.barcode?.toLowerCase() === c) ?? po.lines.find((l) => l.sku.toLowerCase() === c);
}

/**
 * Scan-first receiving: the cursor stays in "Scan or type SKU" — each scan (barcode or SKU, then
 * Enter) adds one unit of its line to the receipt; a count is changed in the receipt's table, never
 * by moving focus out of the scan field, so the next scan always lands in it.
 */
function ReceiveScreen({ po }: { po: TPurchaseOrder }) {
  const [last, setLast] = useState<{ line: TPurchaseOrderLine; quantity: number }>();
  const [scanError, setScanError] = useState<string>();
  const [scanned, setScanned] = useState<Scanned>([]);
  const [allowOver, setAllowOver] = useState(false);
  const [confirmAll, setConfirmAll] = useState(false);
  const [result, setResult] = useState<TPostReceiptResponse>();
  const scanRef = useRef<HTMLInputElement>(null);
  const post = usePostReceipt(po.id);
  const key = useIdempotencyKey();
  const toast = useToast();
  const isOpen = po.status === "ordered" || po.status === "partially_received";

  const lineById = new Map(po.lines.map((l) => [l.id, l]));
  const over = scanned.filter((s) => s.quantity > (lineById.get(s.lineId)?.remaining ?? 0));
  const totalUnits = scanned.reduce((s, x) => s + x.quantity, 0);

  const focusScan = () => setTimeout(() => scanRef.current?.focus(), 0);

  function onScan(value: string) {
    setResult(undefined);
    const line = findLine(po, value);
    if (!line) {
      setLast(undefined);
      setScanError(`“${value}” is not on ${po.number}. Do not receive it: set it aside and check the delivery note.`);
      beepError();
      return;
    }
    setScanError(undefined);
    key.renew();
    const now = (scanned.find((s) => s.lineId === line.id)?.quantity ?? 0) + 1;
    setScanned((list) => (list.some((s) => s.lineId === line.id) ? list.map((s) => (s.lineId === line.id ? { ...s, quantity: now } : s)) : [...list, { lineId: line.id, quantity: now }]));
    setLast({ line, quantity: now });
  }

  /** A count typed in the receipt's table (a box of 24 need not be scanned 24 times). */
  function setQuantity(lineId: string, text: string) {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) return;
    key.renew();
    setScanned((list) => list.map((s) => (s.lineId === lineId ? { ...s, quantity: n } : s)));
  }

  function submit(body: TPostReceiptRequest) {
    post.mutate(
      { body, idempotencyKey: key.current() },
      {
        onSuccess: (res) => {
          key.renew();
          setResult(res);
          setScanned([]);
          setAllowOver(false);
          setConfirmAll(false);
          const units = res.receipt.lines.reduce((s, l) => s + l.quantity, 0);
          toast(`Received ${units} units on ${res.purchaseOrder.number}`);
        },
      },
    );
  }

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/receiving">← Choose another purchase order</Link>
      </p>
      <PageHeader
        title={`Receive ${po.number}`}
        actions={
          <Link className="btn btn-secondary" to={`/purchasing/${po.id}`}>
            Purchase order details
          </Link>
        }
      />
      <FactList
        facts={[
          ["Supplier", po.supplier.name],
          ["Warehouse", po.warehouse.code ?? po.warehouse.name],
          ["Status", humanize(po.status)],
          ["Expected", formatDate(po.expectedDate)],
        ]}
      />
      {result && <ReceiptSummary result={result} onDismiss={() => (setResult(undefined), focusScan())} />}
      {!isOpen ? (
        <Alert tone="info">This purchase order is {humanize(po.status).toLowerCase()}: nothing more can be received on it.</Alert>
      ) : (
        <section className="card">
          <ScanInput
            label="Scan or type SKU"
            onScan={onScan}
            inputRef={scanRef}
            autoFocus
            hint="Scan the item's barcode, or type its SKU, then Enter: each scan adds one unit. Change a count in the table below."
          />
          <ScanFeedback error={scanError} ok={last && `${last.line.sku} · ${last.line.name}: ${last.quantity} scanned, ${last.line.remaining} remaining on the order`} />
        </section>
      )}
      {isOpen && (
        <section className="card">
          <h2>This receipt</h2>
          {scanned.length === 0 ? (
            <p className="muted">Nothing scanned yet.</p>
          ) : (
            <Table
              label="Scanned lines"
              head={
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Scanned
                  </th>
                  <th scope="col" className="num">
                    Remaining on PO
                  </th>
                  <th scope="col">Check</th>
                  <th scope="col" />
                </tr>
              }
            >
              {scanned.map((s) => {
                const l = lineById.get(s.lineId)!;
                const diff = s.quantity - l.remaining;
                return (
                  <tr key={s.lineId} className={diff > 0 ? "row-over" : undefined}>
                    <td className="mono">{l.sku}</td>
                    <td>{l.name}</td>
                    <td className="num">
                      <input
                        className="qty-input"
                        type="number"
                        min={0}
                        step={1}
                        inputMode="numeric"
                        aria-label={`Received quantity for ${l.sku}`}
                        value={s.quantity}
                        onChange={(e) => setQuantity(s.lineId, e.target.value)}
                        onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), scanRef.current?.focus())}
                      />
                    </td>
                    <td className="num">{l.remaining}</td>
                    <td>{diff > 0 ? <strong>Over by {diff}</strong> : diff === 0 ? "Complete" : `${-diff} still to come`}</td>
                    <td className="row-actions">
                      <Button variant="ghost" aria-label={`Remove ${l.sku} from this receipt`} onClick={() => (key.renew(), setScanned((list) => list.filter((x) => x.lineId !== s.lineId)))}>
                        Remove
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </Table>
          )}
          {over.length > 0 && (
            <Alert tone="warning">
              More than ordered: {over.map((s) => lineById.get(s.lineId)!.sku).join(", ")}. Receive the extra units only if you keep them.
              <CheckboxField label="Allow over-receipt" checked={allowOver} onChange={setAllowOver} />
            </Alert>
          )}
          <ErrorAlert error={post.error} onRetry={() => post.variables && submit(post.variables.body)} retrying={post.isPending} />
          <div className="section-actions">
            <Button
              variant="primary"
              disabled={totalUnits === 0 || (over.length > 0 && !allowOver)}
              busy={post.isPending && !confirmAll}
              onClick={() => submit({ lines: scanned.filter((s) => s.quantity > 0).map((s) => ({ productId: lineById.get(s.lineId)!.productId, quantity: s.quantity })), ...(over.length > 0 ? { allowOverReceipt: true } : {}) })}
            >
              Post receipt{totalUnits ? ` (${totalUnits} units)` : ""}
            </Button>
            <Button onClick={() => setConfirmAll(true)} disabled={scanned.length > 0}>
              Receive all remaining
            </Button>
          </div>
        </section>
      )}
      <section className="card">
        <h2>Purchase order lines</h2>
        <Table
          label="Lines to receive"
          head={
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Barcode</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Ordered
              </th>
              <th scope="col" className="num">
                Received
              </th>
              <th scope="col" className="num">
                Remaining
              </th>
            </tr>
          }
        >
          {po.lines.map((l) => (
            <tr key={l.id} className={l.remaining === 0 ? "row-done" : undefined}>
              <td className="mono">{l.sku}</td>
              <td className="mono">{l.barcode ?? "—"}</td>
              <td>{l.name}</td>
              <td className="num">{l.quantityOrdered}</td>
              <td className="num">{l.quantityReceived}</td>
              <td className="num">{l.remaining}</td>
            </tr>
          ))}
        </Table>
      </section>
      <ConfirmDialog
        open={confirmAll}
        title="Receive everything still expected?"
        body={`Every remaining unit of ${po.number} (${po.lines.reduce((s, l) => s + l.remaining, 0)} units) goes into stock at ${po.warehouse.code ?? po.warehouse.name}.`}
        confirmLabel="Receive all remaining"
        busy={post.isPending}
        error={<ErrorAlert error={post.error} onRetry={() => submit({ receiveAllRemaining: true })} retrying={post.isPending} />}
        onConfirm={() => submit({ receiveAllRemaining: true })}
        onCancel={() => {
          setConfirmAll(false);
          post.reset();
        }}
      />
    </div>
  );
}
