import type { TPickListOrder, TPickListStatus } from "@bod/contracts/pick-lists";
import { Badge } from "../../../components/ui/badge.tsx";

export function PickListStatusBadge({ status }: { status: TPickListStatus }) {
  return <Badge tone={status === "open" ? "info" : status === "completed" ? "success" : "neutral"}>{status === "open" ? "Open" : status === "completed" ? "Completed" : "Cancelled"}</Badge>;
}

/** An order's place on the list: picking, picked (ready to ship), shipped or released. */
export function PickListOrderBadge({ order }: { order: TPickListOrder }) {
  if (order.state === "shipped") return <Badge tone="success">Shipped</Badge>;
  if (order.state === "released") return <Badge>Released</Badge>;
  return order.complete ? <Badge tone="success">Picked</Badge> : <Badge tone="warning">Picking</Badge>;
}
