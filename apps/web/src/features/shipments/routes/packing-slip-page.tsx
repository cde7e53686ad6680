import { useParams, useSearchParams } from "react-router";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { PrintToolbar } from "../../../components/ui/print-document.tsx";
import { useLatestSlips, usePackingSlip } from "../api/shipments-api.ts";
import { PackingSlip } from "../components/packing-slip.tsx";

/** `/shipments/:shipmentId/slip` */
export function PackingSlipPage() {
  const { shipmentId } = useParams();
  const slip = usePackingSlip(shipmentId);
  if (slip.isPending) return <Spinner label="Loading packing slip…" />;
  if (slip.isError) return <ErrorAlert error={slip.error} />;
  return (
    <div className="page">
      <PrintToolbar backTo={`/orders/${slip.data.order.id}`} backLabel={`Back to order ${slip.data.order.number}`} />
      <PackingSlip slip={slip.data} />
    </div>
  );
}

/** `/shipments/slips?orders=id,id`: the latest shipment's slip of each selected order, one per printed page. */
export function PackingSlipsPage() {
  const [params] = useSearchParams();
  const orderIds = (params.get("orders") ?? "").split(",").filter(Boolean).slice(0, 200);
  const results = useLatestSlips(orderIds);
  const pending = results.some((r) => r.isPending);
  const withoutShipment = results.filter((r) => r.data && !r.data.slip).map((r) => r.data!.orderNumber);
  const failed = results.find((r) => r.isError);
  return (
    <div className="page">
      <PrintToolbar backTo="/orders" backLabel="Back to orders" />
      {orderIds.length === 0 && <Alert tone="info">No orders selected.</Alert>}
      {pending && <Spinner label={`Loading ${orderIds.length} packing slips…`} />}
      {failed && <ErrorAlert error={failed.error} />}
      {withoutShipment.length > 0 && (
        <div className="print-toolbar">
          <Alert tone="warning">Not shipped yet, no slip: {withoutShipment.join(", ")}</Alert>
        </div>
      )}
      {!pending && results.map((r, i) => r.data?.slip && <PackingSlip key={orderIds[i]} slip={r.data.slip} />)}
    </div>
  );
}
