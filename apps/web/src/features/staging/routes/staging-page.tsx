import type { RefObject } from "react";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { ScanInput } from "../../../components/ui/scan-input.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { errorMessage } from "../../../lib/api.ts";
import { humanize } from "../../../lib/format.ts";
import { useIdempotencyKey } from "../../../lib/use-idempotency-key.ts";
import { findOrderByNumber, useAllocateIntoContainer, useContainers, useStagingOrder, type TStagingOrder } from "../api/staging-api.ts";
import { ContainerPicker, type StagingTarget } from "../components/container-picker.tsx";

/** Staging: set items aside for one order in a tote (hard allocation), by scanning the order, then its items. */
export function StagingPage() {
  const [target, setTarget] = useState<StagingTarget>({ warehouseId: "", locationId: "", containerId: "" });
  const [orderText, setOrderText] = useState("");
  const [orderId, setOrderId] = useState<string>();
  const [orderError, setOrderError] = useState<string>();
  const [looking, setLooking] = useState(false);
  const order = useStagingOrder(orderId);
  const itemRef = useRef<HTMLInputElement>(null);

  async function scanOrder(number: string) {
    setLooking(true);
    try {
      const found = await findOrderByNumber(number);
      if (!found) {
        setOrderError(`No open order with number “${number}”`);
        setOrderId(undefined);
        return;
      }
      setOrderError(undefined);
      setOrderId(found.id);
      setTimeout(() => itemRef.current?.focus(), 0);
    } catch (err) {
      setOrderError(errorMessage(err));
    } finally {
      setLooking(false);
    }
  }

  return (
    <div className="page">
      <PageHeader title="Staging" description="Set stock aside for an order in a container: scanned items become hard allocations that no other order can take." />
      <section className="card">
        <h2>Container</h2>
        <ContainerPicker value={target} onChange={setTarget} />
      </section>
      <section className="card">
        <ScanInput
          label="Scan order number"
          value={orderText}
          onChange={setOrderText}
          onScan={(n) => void scanOrder(n)}
          hint={looking ? "Looking up…" : "Scan the order's slip, or type its number and press Enter."}
          error={orderError}
          disabled={!target.containerId}
        />
        {!target.containerId && <p className="muted small">Choose a container first.</p>}
      </section>
      {orderId && (order.isPending ? <Spinner /> : order.isError ? <ErrorAlert error={order.error} /> : <StageItems key={order.data.id} order={order.data} target={target} itemRef={itemRef} />)}
    </div>
  );
}

function StageItems({ order, target, itemRef }: { order: TStagingOrder; target: StagingTarget; itemRef: RefObject<HTMLInputElement | null> }) {
  const [code, setCode] = useState("");
  const [pending, setPending] = useState<Record<string, number>>({});
  const [scanError, setScanError] = useState<string>();
  const allocate = useAllocateIntoContainer(order.id);
  const containers = useContainers(target.locationId);
  const key = useIdempotencyKey();
  const toast = useToast();
  const containerCode = containers.data?.find((c) => c.id === target.containerId)?.code ?? "the container";
  const units = Object.values(pending).reduce((s, n) => s + n, 0);

  function scanItem(value: string) {
    const c = value.trim().toLowerCase();
    const line = order.lines.find((l) => l.barcode?.toLowerCase() === c) ?? order.lines.find((l) => l.sku.toLowerCase() === c);
    setCode("");
    if (!line) return setScanError(`“${value}” is not on order ${order.number}`);
    const room = line.remaining - line.hardAllocated - (pending[line.id] ?? 0);
    if (room <= 0) return setScanError(`${line.sku}: every remaining unit of this order is already set aside`);
    setScanError(undefined);
    key.renew();
    setPending((p) => ({ ...p, [line.id]: (p[line.id] ?? 0) + 1 }));
  }

  function stage() {
    const lines = Object.entries(pending)
      .filter(([, q]) => q > 0)
      .map(([lineId, quantity]) => ({ lineId, quantity }));
    allocate.mutate(
      { body: { lines, containerId: target.containerId }, idempotencyKey: key.current() },
      {
        onSuccess: () => {
          key.renew();
          setPending({});
          toast(`${units} unit${units === 1 ? "" : "s"} of ${order.number} set aside in ${containerCode}`);
          itemRef.current?.focus();
        },
      },
    );
  }

  return (
    <section className="card">
      <h2>
        Order <Link to={`/orders/${order.id}`}>{order.number}</Link> {order.customer?.name && <span className="muted">· {order.customer.name}</span>}{" "}
        {order.fulfillability && <Badge tone={order.fulfillability === "fulfillable" ? "success" : order.fulfillability === "backordered" ? "danger" : "warning"}>{humanize(order.fulfillability)}</Badge>}
      </h2>
      <ScanInput label="Scan item" value={code} onChange={setCode} onScan={scanItem} inputRef={itemRef} hint={`Each scan sets one unit aside for ${containerCode}.`} />
      {scanError && (
        <div className="alert alert-error" role="alert">
          {scanError}
        </div>
      )}
      <Table
        label={`Lines of ${order.number}`}
        head={
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Name</th>
            <th scope="col" className="num">
              Remaining
            </th>
            <th scope="col" className="num">
              Allocated
            </th>
            <th scope="col" className="num">
              Hard allocated
            </th>
            <th scope="col" className="num">
              Scanned now
            </th>
          </tr>
        }
      >
        {order.lines.map((l) => (
          <tr key={l.id}>
            <td className="mono">{l.sku}</td>
            <td>{l.name}</td>
            <td className="num">{l.remaining}</td>
            <td className="num">{l.allocated}</td>
            <td className="num">{l.hardAllocated}</td>
            <td className="num">{pending[l.id] ?? 0}</td>
          </tr>
        ))}
      </Table>
      <ErrorAlert error={allocate.error} />
      <div className="form-actions" style={{ marginTop: 8 }}>
        <Button variant="primary" disabled={units === 0} busy={allocate.isPending} onClick={stage}>
          Set aside {units} unit{units === 1 ? "" : "s"} in {containerCode}
        </Button>
        {units > 0 && (
          <Button variant="ghost" onClick={() => setPending({})}>
            Clear scans
          </Button>
        )}
      </div>
    </section>
  );
}
