import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import type { TOrderDetail } from "@bod/contracts/orders";
import type { TStagedOrder } from "@bod/contracts/staging";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { ScanFeedback, ScanInput } from "../../../components/ui/scan-input.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { beepError } from "../../../lib/beep.ts";
import { useSession } from "../../../lib/session.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { useContainers, useOrderBins, useOrderStaging, usePickLocations, usePickOrder, useShipWhole, useStage } from "../api/staging-api.ts";
import { ContainerPicker, type StagingTarget } from "../components/container-picker.tsx";
import { ModeForm, UnstageForm } from "../components/staging-forms.tsx";
import { formatDate } from "../../../lib/format.ts";
import "../staging.css";

/** `/orders/:orderId/pick`: scan-first picking into the order's container, then ship it whole. */
export function PickPage() {
  const { orderId } = useParams();
  const order = usePickOrder(orderId);
  const staging = useOrderStaging(orderId);
  // Wait for this visit's read: a cached order may say less is in stock than the scan check must know.
  const fresh = (order.isFetchedAfterMount && staging.isFetchedAfterMount) || order.isError || staging.isError;
  if (order.isPending || staging.isPending || !fresh) return <Spinner label="Loading order…" />;
  if (order.isError || staging.isError)
    return (
      <div className="page">
        <div className="breadcrumb">
          <Link to="/staging">Staging</Link>
        </div>
        <ErrorAlert error={order.error ?? staging.error} />
      </div>
    );
  return <Picker key={order.data.id} order={order.data} staged={staging.data.staged} />;
}


function Picker({ order, staged }: { order: TOrderDetail; staged: TStagedOrder | null }) {
  const me = useSession();
  const toast = useToast();
  const stage = useStage(order.id);
  const ship = useShipWhole(order.id);
  const pickKey = useIdempotencyKey();
  const shipKey = useIdempotencyKey();
  const locations = usePickLocations(order.warehouseId);
  const bins = useOrderBins(order.id);
  const binOf = (lineId: string) => bins.data?.items.find((b) => b.lineId === lineId)?.location?.code;
  const itemRef = useRef<HTMLInputElement>(null);
  const [scannedContainer, setScannedContainer] = useState<string>();
  const [target, setTarget] = useState<StagingTarget>({ warehouseId: order.warehouseId, locationId: "", containerId: "" });
  const [fromLocationId, setFromLocationId] = useState("");
  const chosen = useContainers(target.locationId).data?.find((c) => c.id === target.containerId);
  const [scanned, setScanned] = useState<Record<string, number>>({});
  const [error, setError] = useState<string>();
  const [ok, setOk] = useState<string>();
  const [shipped, setShipped] = useState<{ id: string; number: string }>();

  const open = order.status === "open" || order.status === "partially_shipped";
  const lines = order.lines.filter((l) => l.remaining > 0);
  const units = Object.values(scanned).reduce((a, b) => a + b, 0);
  const container = staged ? { label: staged.container.code, ref: { containerId: staged.container.id } } : scannedContainer ? { label: scannedContainer, ref: { containerCode: scannedContainer } } : target.containerId ? { label: chosen?.code ?? "the chosen container", ref: { containerId: target.containerId } } : undefined;
  const allPicked = lines.length > 0 && lines.every((l) => l.hardAllocated >= l.remaining);

  function fail(message: string) {
    setError(message);
    setOk(undefined);
    beepError();
  }

  function scanItem(value: string) {
    const c = value.trim();
    const line = lines.find((l) => l.barcode === c) ?? lines.find((l) => l.sku.toLowerCase() === c.toLowerCase());
    if (!line) return fail(`Wrong item: ${c} is not on order ${order.number}`);
    const now = scanned[line.id] ?? 0;
    const needed = line.remaining - line.hardAllocated;
    if (now + 1 > needed) return fail(`Too many ${line.sku}: ${needed === 0 ? "every unit is already picked" : `only ${needed} needed`}`);
    const inStock = line.allocated - line.hardAllocated;
    if (now + 1 > inStock) return fail(`${line.sku}: only ${inStock} in stock for this order; the rest waits for a purchase order`);
    pickKey.renew();
    setScanned((s) => ({ ...s, [line.id]: now + 1 }));
    setError(undefined);
    setOk(`${line.sku}: ${now + 1} of ${needed}`);
  }

  function stageScanned() {
    if (!container) return fail("Scan or choose a container first");
    const body = Object.entries(scanned)
      .filter(([, q]) => q > 0)
      .map(([lineId, quantity]) => ({ lineId, quantity }));
    stage.mutate(
      { body: { ...container.ref, lines: body, ...(fromLocationId ? { fromLocationId } : {}) }, idempotencyKey: pickKey.current() },
      {
        onSuccess: (res) => {
          pickKey.renew();
          setScanned({});
          setOk(undefined);
          setScannedContainer(undefined);
          toast(`${units} unit${units === 1 ? "" : "s"} of ${order.number} staged in ${res.container.code}`);
          itemRef.current?.focus();
        },
        onError: () => beepError(),
      },
    );
  }

  function shipWhole() {
    ship.mutate(
      { body: { version: order.version }, idempotencyKey: shipKey.current() },
      { onSuccess: (res) => setShipped({ id: res.shipment.id, number: res.shipment.number }), onError: () => beepError() },
    );
  }

  if (shipped)
    return (
      <div className="page">
        <PageHeader title={`Order ${order.number} shipped`} />
        <Alert tone="success">
          Shipment {shipped.number} created: the whole order left in one shipment and its container is free. <Link to={`/shipments/${shipped.id}/slip`}>Print packing slip</Link>
        </Alert>
        <p>
          <Link to="/staging">Back to the staging board</Link>
        </p>
      </div>
    );

  return (
    <div className="page">
      <div className="breadcrumb">
        <Link to="/staging">Staging</Link> · <Link to={`/orders/${order.id}`}>Order {order.number}</Link>
      </div>
      <PageHeader
        title={`Pick order ${order.number}`}
        description={
          <span className="tag-list">
            {order.customer.name}
            {order.fulfillmentMode === "ship_complete" ? <Badge tone="info">Ships complete</Badge> : <Badge>Ships in parts</Badge>}
            {staged?.readyToComplete && <Badge tone="success">Ready to complete</Badge>}
          </span>
        }
        actions={staged ? <Link to={`/orders/${order.id}/staging-slip`}>Print staging slip</Link> : undefined}
      />
      {!open && <Alert tone="warning">Order {order.number} is {order.status.replace("_", " ")}: nothing to pick.</Alert>}
      {open && (
        <section className="card stack" aria-labelledby="container-title">
          <h2 id="container-title">Container</h2>
          {staged ? (
            <p>
              Picking into container <strong className="mono">{staged.container.code}</strong> at <span className="mono">{staged.location.code}</span> (one container per order).
            </p>
          ) : (
            <>
              <ScanInput
                label="Scan container"
                onScan={(c) => {
                  setScannedContainer(c);
                  setTarget({ ...target, containerId: "" });
                  itemRef.current?.focus();
                }}
                hint={scannedContainer ? `Container ${scannedContainer} scanned` : "Scan the tote's label, or choose one below."}
              />
              <details>
                <summary>Choose a container</summary>
                <ContainerPicker
                  value={target}
                  onChange={(v) => {
                    setTarget(v);
                    if (v.containerId) setScannedContainer(undefined);
                  }}
                />
              </details>
            </>
          )}
          <FormField label="Picked from" hint="The pick location the units come from (optional).">
            <select value={fromLocationId} onChange={(e) => setFromLocationId(e.target.value)}>
              <option value="">Not recorded</option>
              {locations.data?.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.code} ({l.kind})
                </option>
              ))}
            </select>
          </FormField>
        </section>
      )}
      {open && (
        <section className="card stack" aria-labelledby="items-title">
          <h2 id="items-title">Items</h2>
          {!allPicked && <ScanInput label="Scan item" onScan={scanItem} inputRef={itemRef} autoFocus hint="Barcode or SKU, then Enter: each scan counts one unit." />}
          <ScanFeedback error={error} ok={ok} />
          <Table
            label="Pick progress"
            head={
              <tr>
                <th scope="col">Bin</th>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col">Barcode</th>
                <th scope="col" className="num">Needed</th>
                <th scope="col" className="num">In container</th>
                <th scope="col" className="num">In stock now</th>
                <th scope="col" className="num">Scanned</th>
              </tr>
            }
          >
            {lines.map((l) => {
              const inContainer = staged?.lines.find((s) => s.lineId === l.id)?.picked ?? 0;
              const waiting = staged?.lines.find((s) => s.lineId === l.id)?.purchaseOrders ?? [];
              return (
                <tr key={l.id} className={l.hardAllocated >= l.remaining ? "progress-done" : undefined}>
                  <td className="mono">{binOf(l.id) ?? "—"}</td>
                  <td className="mono">{l.sku}</td>
                  <td>
                    {l.name}
                    {waiting.length > 0 && <div className="muted small">Waits for {waiting.map((p) => `${p.number}${p.expectedDate ? ` (${formatDate(p.expectedDate)})` : ""}`).join(", ")}</div>}
                  </td>
                  <td className="mono">{l.barcode ?? "—"}</td>
                  <td className="num">{l.remaining}</td>
                  <td className="num">{inContainer}</td>
                  <td className="num">{Math.max(0, l.allocated - l.hardAllocated)}</td>
                  <td className="num">{scanned[l.id] ?? 0}</td>
                </tr>
              );
            })}
          </Table>
          <ErrorAlert error={stage.error} onRetry={stageScanned} retrying={stage.isPending} />
          <div className="form-actions">
            {!allPicked && (
              <Button variant="primary" onClick={stageScanned} busy={stage.isPending} disabled={units === 0}>
                Stage {units} unit{units === 1 ? "" : "s"}
                {container ? ` into ${container.label}` : ""}
              </Button>
            )}
            {units > 0 && (
              <Button variant="ghost" onClick={() => setScanned({})}>
                Clear scans
              </Button>
            )}
            {allPicked && (
              <Button variant="primary" onClick={shipWhole} busy={ship.isPending}>
                Ship whole order
              </Button>
            )}
          </div>
          <ErrorAlert error={ship.error} onRetry={shipWhole} retrying={ship.isPending} />
          {allPicked && <Alert tone="success">Every unit of {order.number} is picked: ship it in one shipment.</Alert>}
        </section>
      )}
      {open && staged && <UnstageForm order={order} staged={staged} />}
      {open && (me.role === "manager" || me.role === "admin") && <ModeForm order={order} />}
    </div>
  );
}
