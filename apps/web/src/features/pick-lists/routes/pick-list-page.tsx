import { useState } from "react";
import { Link, useParams } from "react-router";
import type { TPickList, TShipPickListResponse } from "@bod/contracts/pick-lists";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { ScanFeedback, ScanInput } from "../../../components/ui/scan-input.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { beepError } from "../../../lib/beep.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";
import { useSession } from "../../../lib/session.ts";
import { useCancelPickList, useLeftOutOrders, usePickList, useReleasePickListOrder, useShipPickList } from "../api/pick-lists-api.ts";
import { PickGroupsTable } from "../components/pick-groups-table.tsx";
import { PickOrdersTable } from "../components/pick-orders-table.tsx";
import { PickListStatusBadge } from "../components/status-badge.tsx";
import { usePickScanning } from "../components/use-pick-scanning.ts";
import "../pick-lists.css";

/** `/pick-lists/:pickListId`: pick the list by scanning, then ship the orders it completed. */
export function PickListPage() {
  const { pickListId } = useParams();
  const list = usePickList(pickListId);
  if (list.isPending) return <Spinner label="Loading pick list…" />;
  if (list.isError)
    return (
      <div className="page">
        <div className="breadcrumb">
          <Link to="/pick-lists">Pick lists</Link>
        </div>
        <ErrorAlert error={list.error} />
      </div>
    );
  return <PickListScreen key={list.data.id} list={list.data} />;
}

function PickListScreen({ list }: { list: TPickList }) {
  const me = useSession();
  const leftOut = useLeftOutOrders(list.id);
  const canPick = hasRole(me.role, ROLE_GROUPS.stock);
  const open = list.status === "open";
  const scanning = usePickScanning(list);
  const ship = useShipPickList(list.id);
  const release = useReleasePickListOrder(list.id);
  const cancel = useCancelPickList(list.id);
  const [result, setResult] = useState<TShipPickListResponse>();
  const ready = list.orders.filter((o) => o.state === "open" && o.complete).length;

  function shipCompleted() {
    ship.mutate(undefined, { onSuccess: (res) => setResult(res), onError: () => beepError() });
  }

  return (
    <div className="page page-wide">
      <div className="breadcrumb">
        <Link to="/pick-lists">Pick lists</Link>
      </div>
      <PageHeader
        title={`Pick list ${list.number}`}
        description={
          <span className="tag-list">
            <PickListStatusBadge status={list.status} />
            {list.warehouse.name} · made {formatDateTime(list.createdAt)}
            {list.createdBy ? ` by ${list.createdBy}` : ""}
          </span>
        }
        actions={<Link to={`/pick-lists/${list.id}/print`}>Print pick list</Link>}
      />
      {leftOut.length > 0 && (
        <Alert tone="warning">
          {leftOut.length} order{leftOut.length === 1 ? " was" : "s were"} left out:
          <ul>
            {leftOut.map((l) => (
              <li key={l.orderId}>{l.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      {open && canPick && (
        <section className="card stack" aria-labelledby="scan-title">
          <h2 id="scan-title">Scan</h2>
          <p className="pick-progress" role="status">
            {list.picked} of {list.units} units picked · {ready} order{ready === 1 ? "" : "s"} ready to ship
          </p>
          <ScanInput
            label="Scan item or bin"
            onScan={scanning.onScan}
            autoFocus
            hint={scanning.bin ? `At bin ${scanning.bin}. Scan another bin to move on.` : "Barcode or SKU, then Enter: each scan picks one unit for the next order waiting for it. A bin's code first is optional."}
          />
          <ScanFeedback error={scanning.error} ok={scanning.ok} />
          <div className="form-actions wrap">
            <Button variant="primary" onClick={shipCompleted} busy={ship.isPending} disabled={ready === 0}>
              Ship completed orders{ready ? ` (${ready})` : ""}
            </Button>
            {scanning.bin && (
              <Button variant="ghost" onClick={scanning.clearBin}>
                Forget bin {scanning.bin}
              </Button>
            )}
          </div>
          <ErrorAlert error={ship.error} />
        </section>
      )}
      {result && <ShipResult result={result} />}
      <section className="card stack" aria-labelledby="groups-title">
        <h2 id="groups-title">What to pick</h2>
        {list.groups.length === 0 ? <p className="muted">Nothing left on this list.</p> : <PickGroupsTable list={list} />}
      </section>
      <section className="card stack" aria-labelledby="orders-title">
        <h2 id="orders-title">Orders</h2>
        <PickOrdersTable
          list={list}
          canRelease={open && canPick}
          releasing={release.isPending ? release.variables?.orderId : undefined}
          onRelease={(orderId) => release.mutate({ orderId })}
        />
        <ErrorAlert error={release.error} />
        {open && canPick && (
          <div className="form-actions">
            <Button
              variant="danger"
              busy={cancel.isPending}
              onClick={() => {
                if (window.confirm(`Cancel ${list.number}? Its open orders leave the list; nothing ships.`)) cancel.mutate();
              }}
            >
              Cancel list
            </Button>
          </div>
        )}
        <ErrorAlert error={cancel.error} />
      </section>
    </div>
  );
}

function ShipResult({ result }: { result: TShipPickListResponse }) {
  return (
    <section className="stack" aria-label="Shipping result">
      {result.shipped.length > 0 && (
        <Alert tone="success">
          Shipped {result.shipped.length} order{result.shipped.length === 1 ? "" : "s"}:
          <ul>
            {result.shipped.map((s) => (
              <li key={s.orderId}>
                <span className="mono">{s.number}</span> in <Link to={`/shipments/${s.shipmentId}/slip`}>{s.shipmentNumber}</Link> (packing slip)
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {result.notShipped.length > 0 && (
        <Alert tone="warning">
          Could not ship:
          <ul>
            {result.notShipped.map((s) => (
              <li key={s.orderId}>
                <span className="mono">{s.number}</span>: {s.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {result.notPicked > 0 && (
        <Alert tone="info">
          {result.notPicked} order{result.notPicked === 1 ? " is" : "s are"} not fully picked and stay{result.notPicked === 1 ? "s" : ""} on the list.
        </Alert>
      )}
    </section>
  );
}
