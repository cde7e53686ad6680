import { ComingNext } from "../../../components/ui/coming-next.tsx";

export function ReceivingPage() {
  return <ComingNext title="Receiving" description="Receive purchase orders in full or in part by scanning; received stock turns waiting orders fulfillable." />;
}
