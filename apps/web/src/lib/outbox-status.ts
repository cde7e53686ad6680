// What a message to a store is doing, in words, the same on the order page and on Integrations:
// sent, waiting (and why), failing and retrying (and when), gave up, nothing to send.
import type { TOutboxEvent, TOutboxStatus } from "@bod/contracts/integrations";
import type { BadgeTone } from "../components/ui/badge.tsx";
import { formatDateTime, humanize } from "./format.ts";

/** Message types the API writes (apps/api: shipments, orders, refunds, holds, stock push). */
export const OUTBOX_TYPES: { value: string; label: string }[] = [
  { value: "shipment.created", label: "Shipment" },
  { value: "order.hold", label: "Hold unallocated units" },
  { value: "refund.requested", label: "Refund" },
  { value: "payment.requested", label: "Payment due" },
  { value: "order.cancelled", label: "Order cancelled" },
  { value: "order.units_cancelled", label: "Units cancelled" },
  { value: "order.line_exchanged", label: "Line exchanged" },
  { value: "order.edited", label: "Order edited" },
  { value: "stock.push", label: "Stock levels" },
];

export function outboxTypeLabel(type: string) {
  return OUTBOX_TYPES.find((t) => t.value === type)?.label ?? humanize(type.replace(/\./g, " "));
}

export const OUTBOX_STATUS_LABELS: Record<TOutboxStatus, string> = {
  pending: "Waiting or retrying",
  delivered: "Sent",
  failed: "Gave up",
  skipped: "Nothing to send",
  discarded: "Discarded",
};

/** The channel as far as delivery cares; unknown (undefined) when it could not be read. */
export type TDeliveryChannel = { connected: boolean; enabled: boolean } | undefined;

export type TMessageState = { label: string; tone: BadgeTone; kind: "sent" | "waiting" | "queued_behind" | "retrying" | "gave_up" | "not_connected" | "switched_off" | "skipped" | "discarded"; detail: string | null };

type TStateInput = Pick<TOutboxEvent, "status" | "attempts" | "availableAt" | "lastError" | "outcome" | "seq" | "stream">;

/**
 * An order's messages go out one at a time, oldest first: a message waits while an earlier one
 * of its stream is still pending or gave up. `known` is every message at hand (a list page, an
 * order's messages); only those can be said to be ahead.
 */
export function isQueuedBehind(e: TStateInput, known: TStateInput[]) {
  return known.some((o) => o.stream === e.stream && o.seq < e.seq && (o.status === "pending" || o.status === "failed"));
}

export function messageState(e: TStateInput, channel: TDeliveryChannel, opts: { behind?: boolean; now?: number } = {}): TMessageState {
  const now = opts.now ?? Date.now();
  switch (e.status) {
    case "delivered":
      return { kind: "sent", label: "Sent ✓", tone: "success", detail: e.outcome };
    case "skipped":
      return { kind: "skipped", label: "Nothing to send", tone: "neutral", detail: e.outcome };
    case "discarded":
      return { kind: "discarded", label: "Discarded", tone: "neutral", detail: e.outcome };
    case "failed":
      return { kind: "gave_up", label: "Gave up", tone: "danger", detail: e.lastError ?? e.outcome };
    case "pending": {
      const triedBefore = e.attempts > 0 || !!e.lastError;
      if (!triedBefore && channel && !channel.connected) return { kind: "not_connected", label: "Waiting: channel not connected", tone: "warning", detail: null };
      if (channel && !channel.enabled) return { kind: "switched_off", label: "Waiting: channel switched off", tone: "warning", detail: e.lastError };
      if (triedBefore) {
        const at = Date.parse(e.availableAt);
        return { kind: "retrying", label: at > now ? `Failed, retrying at ${formatDateTime(e.availableAt)}` : "Failed, retrying now", tone: "warning", detail: e.lastError };
      }
      if (opts.behind) return { kind: "queued_behind", label: "Waiting: an earlier message goes first", tone: "info", detail: null };
      return { kind: "waiting", label: "Waiting to be sent", tone: "info", detail: null };
    }
  }
}
