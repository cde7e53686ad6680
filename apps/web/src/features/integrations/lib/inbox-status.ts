// A message from a store, in words: waiting to be applied, applied, ignored (and why), failed.
import type { TInboxStatus } from "@bod/contracts/integrations";
import type { BadgeTone } from "../../../components/ui/badge.tsx";

export const INBOX_STATUS: Record<TInboxStatus, { label: string; tone: BadgeTone }> = {
  pending: { label: "Waiting to be applied", tone: "info" },
  processed: { label: "Applied ✓", tone: "success" },
  ignored: { label: "Ignored", tone: "neutral" },
  failed: { label: "Failed", tone: "danger" },
};

export const SOURCE_LABELS: Record<string, string> = { webhook: "Webhook", poll: "Store poll" };
