// An admin's way out for a stuck message: send it again now, or give up on it (confirmed first,
// since the store then never hears of it and the order's later messages go on).
import { useState } from "react";
import type { TOutboxEventDetail } from "@bod/contracts/integrations";
import { Button } from "../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { outboxTypeLabel } from "../../../lib/outbox-status.ts";
import { useDiscardOutbox, useRetryOutbox } from "../api/integrations-api.ts";

export function OutboxActions({ event }: { event: TOutboxEventDetail }) {
  const retry = useRetryOutbox();
  const discard = useDiscardOutbox();
  const toast = useToast();
  const [confirm, setConfirm] = useState(false);
  if (event.status !== "failed" && event.status !== "pending") return null;
  const what = `${outboxTypeLabel(event.type)}${event.orderNumber ? ` of ${event.orderNumber}` : ""}`;
  return (
    <div className="form-actions wrap">
      <Button variant="primary" busy={retry.isPending} onClick={() => retry.mutate(event.id, { onSuccess: () => toast(`${what}: sending again now`) })}>
        Retry now
      </Button>
      <Button variant="danger" onClick={() => setConfirm(true)}>
        Discard
      </Button>
      <ErrorAlert error={retry.error} />
      <ConfirmDialog
        open={confirm}
        title="Discard this message?"
        body={`${what} will never be sent to ${event.channelName ?? "the store"}. Fix the store by hand if it needs to know. The order's later messages are sent after it.`}
        confirmLabel="Discard message"
        busy={discard.isPending}
        error={<ErrorAlert error={discard.error} />}
        onCancel={() => {
          setConfirm(false);
          discard.reset();
        }}
        onConfirm={() =>
          discard.mutate(event.id, {
            onSuccess: () => {
              setConfirm(false);
              toast(`${what} discarded`);
            },
          })
        }
      />
    </div>
  );
}
