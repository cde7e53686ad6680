// One return: what was authorised and received, its links, its actions, and — while it is
// expected — the receive screen: scan each item (barcode or SKU, Enter) to count it, then post.
import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { RETURN_REASON_LABELS, type TReceiveReturnResponse, type TReturn } from "@bod/contracts/returns";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { FactList } from "../../../components/ui/fact-list.tsx";
import { ScanFeedback, ScanInput } from "../../../components/ui/scan-input.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { beepError } from "../../../lib/beep.ts";
import { formatDate, formatMoney } from "../../../lib/format.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useReceiveReturn, useReturn, useReturnAction } from "../api/returns-api.ts";
import { ConditionBadge, ReturnStatusBadge } from "../components/return-badges.tsx";
import { ReturnReceiptSummary } from "../components/return-receipt-summary.tsx";
import { useReturnScan } from "../components/use-return-scan.ts";
import "../returns.css";

export function ReturnPage() {
  const { returnId = "" } = useParams();
  const r = useReturn(returnId);
  if (r.isPending) return <Spinner />;
  if (r.isError)
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/returns">← Returns</Link>
        </p>
        <ErrorAlert error={r.error} />
      </div>
    );
  return <ReturnScreen r={r.data} />;
}

function ReturnScreen({ r }: { r: TReturn }) {
  // The mutation lives here, not in the receive section: that section goes away once nothing more is expected.
  const receive = useReceiveReturn(r.id);
  const [dismissed, setDismissed] = useState<TReceiveReturnResponse>();
  const result = receive.data && receive.data !== dismissed ? receive.data : undefined;
  const may = (a: TReturn["allowedActions"][number]) => r.allowedActions.includes(a);
  const action = useReturnAction(r.id);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/returns">← Returns</Link>
      </p>
      <PageHeader title={`Return ${r.number}`} actions={<ReturnStatusBadge status={r.status} />} />
      <div className="return-facts">
        <FactList
          facts={[
            ["Order", <Link to={`/orders/${r.order.id}`}>{r.order.number}</Link>],
            ["Reason", RETURN_REASON_LABELS[r.reason]],
            ["Note", r.note ?? "—"],
            ["Created", formatDate(r.createdAt)],
            ["Refund", r.refund ? formatMoney(r.refund.amountCents) : "—"],
            ["Exchange", r.exchangeOrder ? <Link to={`/orders/${r.exchangeOrder.orderId}`}>{r.exchangeOrder.number}</Link> : "—"],
          ]}
        />
      </div>
      {result && <ReturnReceiptSummary result={result} restocked={restockedBy(result)} onDismiss={() => setDismissed(result)} />}
      {may("receive") && <ReceiveSection r={r} receive={receive} />}
      <section className="card">
        <h2>Lines</h2>
        <Table
          label="Return lines"
          head={
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Name</th>
              <th scope="col">Condition</th>
              <th scope="col" className="num">
                Authorised
              </th>
              <th scope="col" className="num">
                Received
              </th>
            </tr>
          }
        >
          {r.lines.map((l) => (
            <tr key={l.id}>
              <td className="mono">{l.sku}</td>
              <td>{l.name}</td>
              <td>
                <ConditionBadge condition={l.condition} />
              </td>
              <td className="num">{l.quantity}</td>
              <td className="num">{l.quantityReceived}</td>
            </tr>
          ))}
        </Table>
        <p className="muted">Damaged and quarantined units are kept apart: they never become stock that orders can take.</p>
      </section>
      {(may("refund") || may("close") || may("cancel")) && (
        <section className="card">
          <h2>Actions</h2>
          <ErrorAlert error={action.error} />
          <div className="section-actions">
            {may("refund") && (
              <Button busy={action.isPending && action.variables?.action === "refund"} onClick={() => action.mutate({ action: "refund", version: r.version })}>
                Refund received units
              </Button>
            )}
            {may("close") && (
              <Button busy={action.isPending && action.variables?.action === "close"} onClick={() => action.mutate({ action: "close", version: r.version })}>
                Close return
              </Button>
            )}
            {may("cancel") && (
              <Button variant="danger" busy={action.isPending && action.variables?.action === "cancel"} onClick={() => action.mutate({ action: "cancel", version: r.version })}>
                Cancel return
              </Button>
            )}
          </div>
        </section>
      )}
    </div>
  );
}

/** Units of the receipt just posted that went back to stock. */
const restockedBy = (res: TReceiveReturnResponse) => (res.return.receipts.at(-1)?.lines ?? []).filter((l) => l.condition === "restock").reduce((s, l) => s + l.quantity, 0);

function ReceiveSection({ r, receive }: { r: TReturn; receive: ReturnType<typeof useReceiveReturn> }) {
  const scan = useReturnScan(r);
  const scanRef = useRef<HTMLInputElement>(null);
  const key = useIdempotencyKey();
  const toast = useToast();
  const total = scan.lines.reduce((s, l) => s + l.quantity, 0);

  function onScan(code: string) {
    key.renew();
    if (!scan.scan(code)) beepError();
  }

  function submit() {
    const body = { lines: scan.lines };
    receive.mutate(
      { body, idempotencyKey: key.current() },
      {
        onSuccess: () => {
          key.renew();
          scan.reset();
          toast(`Received ${total} unit${total === 1 ? "" : "s"} on ${r.number}`);
          setTimeout(() => scanRef.current?.focus(), 0);
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="receive-title">
      <h2 id="receive-title">Receive</h2>
      <ScanInput label="Scan or type SKU" onScan={onScan} inputRef={scanRef} autoFocus hint="Scan each item's barcode, or type its SKU, then Enter: each scan counts one unit. Change a count in the table." />
      <ScanFeedback error={scan.error} ok={scan.last && `${scan.last.line.sku} (${scan.last.line.condition}): ${scan.last.quantity} counted, ${scan.last.line.remaining} expected`} />
      <Table
        label="Counted now"
        head={
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Condition</th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col">Counted</th>
          </tr>
        }
      >
        {r.lines
          .filter((l) => l.remaining > 0)
          .map((l) => (
            <tr key={l.id} className={(scan.counts[l.id] ?? 0) > l.remaining ? "row-over" : undefined}>
              <td className="mono">{l.sku}</td>
              <td>
                <ConditionBadge condition={l.condition} />
              </td>
              <td className="num">{l.remaining}</td>
              <td>
                <input
                  className="qty-input"
                  type="number"
                  min={0}
                  step={1}
                  inputMode="numeric"
                  aria-label={`Counted ${l.sku} ${l.condition}`}
                  value={scan.counts[l.id] ?? 0}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= 0) (key.renew(), scan.setCount(l.id, n));
                  }}
                  onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), scanRef.current?.focus())}
                />
              </td>
            </tr>
          ))}
      </Table>
      {scan.over.length > 0 && <Alert tone="warning">More than expected: {scan.over.map((l) => `${l.sku} (${l.condition})`).join(", ")}. Set the extra units aside.</Alert>}
      <ErrorAlert error={receive.error} onRetry={() => receive.variables && submit()} retrying={receive.isPending} />
      <div className="section-actions">
        <Button variant="primary" disabled={total === 0 || scan.over.length > 0} busy={receive.isPending} onClick={submit}>
          Receive{total ? ` (${total} units)` : ""}
        </Button>
      </div>
    </section>
  );
}
