// The company's open invitations (expired ones too, marked), with Revoke.
import { useState } from "react";
import type { TInvitation } from "@bod/contracts/invitations";
import { Table } from "../../../components/ui/table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { DateTime } from "../../../components/ui/date-time.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useOpenInvitations, useRevokeInvitation } from "../api/users-api.ts";

export function OpenInvitations() {
  const list = useOpenInvitations();
  const revoke = useRevokeInvitation();
  const toast = useToast();
  const [revoking, setRevoking] = useState<TInvitation>();
  if (list.isPending || list.items.length === 0) return list.isError ? <ErrorAlert error={list.error} /> : null;
  return (
    <section className="card">
      <h2>Open invitations</h2>
      <Table
        label="Open invitations"
        head={
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Invited by</th>
            <th scope="col">Valid until</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        }
      >
        {list.items.map((i) => (
          <tr key={i.id}>
            <td>{i.email}</td>
            <td>{i.role}</td>
            <td>{i.invitedBy.name}</td>
            <td>{i.status === "expired" ? <span className="muted">expired</span> : <DateTime value={i.expiresAt} />}</td>
            <td className="row-actions">
              <Button variant="ghost" aria-label={`Revoke the invitation for ${i.email}`} onClick={() => setRevoking(i)}>
                Revoke
              </Button>
            </td>
          </tr>
        ))}
      </Table>
      <ConfirmDialog
        open={!!revoking}
        title="Revoke invitation?"
        body={revoking ? `The link sent to ${revoking.email} will stop working.` : ""}
        confirmLabel="Revoke"
        busy={revoke.isPending}
        error={<ErrorAlert error={revoke.error} />}
        onCancel={() => {
          setRevoking(undefined);
          revoke.reset();
        }}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast(`Invitation for ${revoking.email} revoked`);
              setRevoking(undefined);
            },
          })
        }
      />
    </section>
  );
}
