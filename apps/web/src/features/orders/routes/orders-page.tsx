import { ComingNext } from "../../../components/ui/coming-next.tsx";

export function OrdersPage() {
  return (
    <ComingNext
      title="Orders"
      description="Sales orders from every channel, filtered by fulfillability (fulfillable, partially fulfillable, backordered) and sorted by order or ship-by date, with partial shipments, holds, edits and refunds."
    />
  );
}
