import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import type { TFulfillability, TOrderStatus } from "../api/order-types.ts";
import { FULFILLABILITY_LABELS, STATUS_LABELS } from "../lib/order-filters.ts";
import { formatDate } from "../lib/dates.ts";

const FULFILLABILITY_TONES: Record<TFulfillability, BadgeTone> = { fulfillable: "success", partially_fulfillable: "warning", backordered: "danger" };
const STATUS_TONES: Record<TOrderStatus, BadgeTone> = { open: "info", on_hold: "warning", partially_shipped: "info", shipped: "success", cancelled: "neutral" };

export function FulfillabilityBadge({ value }: { value: TFulfillability | null }) {
  if (!value) return <span className="muted">—</span>;
  return <Badge tone={FULFILLABILITY_TONES[value]}>{FULFILLABILITY_LABELS[value]}</Badge>;
}

export function StatusBadge({ value }: { value: TOrderStatus }) {
  return <Badge tone={STATUS_TONES[value]}>{STATUS_LABELS[value]}</Badge>;
}

/** Ship-by date; overdue says so in words as well as in red. */
export function ShipBy({ value, isOverdue }: { value: string | null; isOverdue?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  return isOverdue ? (
    <span className="overdue">
      {formatDate(value)} <strong>· Overdue</strong>
    </span>
  ) : (
    <span>{formatDate(value)}</span>
  );
}

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <span className="tag-list">
      {tags.map((t) => (
        <Badge key={t} tone="neutral">
          {t}
        </Badge>
      ))}
    </span>
  );
}
