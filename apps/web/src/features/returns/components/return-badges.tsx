// A return's state and a line's condition, as badges.
import type { TReturnCondition, TReturnStatus } from "@bod/contracts/returns";
import { Badge } from "../../../components/ui/badge.tsx";
import { humanize } from "../../../lib/format.ts";

const STATUS_TONE = { open: "info", partially_received: "warning", received: "success", closed: "neutral", cancelled: "neutral" } as const;
const CONDITION_TONE = { restock: "success", damaged: "danger", quarantine: "warning" } as const;

export function ReturnStatusBadge({ status }: { status: TReturnStatus }) {
  return <Badge tone={STATUS_TONE[status]}>{humanize(status)}</Badge>;
}

export function ConditionBadge({ condition }: { condition: TReturnCondition }) {
  return <Badge tone={CONDITION_TONE[condition]}>{humanize(condition)}</Badge>;
}
