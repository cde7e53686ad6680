import { ComingNext } from "../../../components/ui/coming-next.tsx";

export function PurchasingPage() {
  return <ComingNext title="Purchasing" description="Purchase orders to suppliers, raised from the backorder report and linked to the sales orders waiting for them." />;
}
