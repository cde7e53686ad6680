import { ComingNext } from "../../../components/ui/coming-next.tsx";

export function ReportsPage() {
  return <ComingNext title="Reports" description="The backorder report: shortfall per SKU net of stock and incoming purchase orders, waiting orders, and what to buy." />;
}
