// The dashboard at `/`: the day's headline figures, each leading to the screen that lists them.
// Sections a role may not open are not answered by the API (null) and not shown. The warehouse
// filter lives in the URL; the page refreshes every minute without blanking.
import { useSearchParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useDashboard } from "../api/dashboard-api.ts";
import { ShipNowSection } from "../components/ship-now-section.tsx";
import { OverdueSection } from "../components/overdue-section.tsx";
import { PurchaseOrdersSection } from "../components/purchase-orders-section.tsx";
import { ShortfallSection } from "../components/shortfall-section.tsx";
import { StoreDeliveriesSection } from "../components/store-deliveries-section.tsx";
import "../dashboard.css";

export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const warehouseId = params.get("warehouseId") ?? "";
  const setWarehouse = (id: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (id) p.set("warehouseId", id);
        else p.delete("warehouseId");
        return p;
      },
      { replace: true },
    );
  const dashboard = useDashboard(warehouseId);
  const d = dashboard.data;
  return (
    <div className="page dashboard">
      <PageHeader
        title="Dashboard"
        description={d ? <span aria-live="polite">Figures as of {formatDateTime(d.generatedAt)}; refreshed every minute.</span> : "What can ship now, what is late, and what waits for stock."}
        actions={
          <div className="dash-filter">
            <WarehouseSelect value={warehouseId} onChange={setWarehouse} allowAll />
          </div>
        }
      />
      {dashboard.isError && <ErrorAlert error={dashboard.error} />}
      {!d ? (
        dashboard.isPending && <Spinner label="Loading the dashboard…" />
      ) : (
        <div className="dash-grid" aria-busy={dashboard.isFetching}>
          <div className="dash-col">
            {d.shipNow && <ShipNowSection data={d.shipNow} warehouseId={warehouseId} />}
            {d.storeDeliveries && <StoreDeliveriesSection data={d.storeDeliveries} />}
          </div>
          {d.overdue && <OverdueSection data={d.overdue} warehouseId={warehouseId} />}
          {d.purchaseOrders && <PurchaseOrdersSection data={d.purchaseOrders} />}
          {d.shortfall && <ShortfallSection data={d.shortfall} warehouseId={warehouseId} />}
        </div>
      )}
    </div>
  );
}
