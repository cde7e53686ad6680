import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import { humanize } from "../../../lib/format.ts";
import type { TPurchaseOrderStatus } from "../api/purchasing-types.ts";

const TONE: Record<TPurchaseOrderStatus, BadgeTone> = {
  draft: "neutral",
  ordered: "info",
  partially_received: "warning",
  received: "success",
  closed: "neutral",
  cancelled: "danger",
};

export function PoStatusBadge({ status }: { status: TPurchaseOrderStatus }) {
  return <Badge tone={TONE[status] ?? "neutral"}>{humanize(status)}</Badge>;
}
