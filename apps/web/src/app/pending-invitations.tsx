// Beside the company switcher: invitations addressed to the signed-in user's email, from other
// companies, to accept (then work there) or decline. Hidden when there are none.
import { useId, useState } from "react";
import { useNavigate } from "react-router";
import { useAnswerInvitation, useMyInvitations, useSwitchTenant } from "../features/auth/api/auth-api.ts";
import { Button } from "../components/ui/button.tsx";
import { useToast } from "../components/ui/toast.tsx";
import { errorMessage } from "../lib/api.ts";

export function PendingInvitations() {
  const mine = useMyInvitations();
  const answer = useAnswerInvitation();
  const switchTenant = useSwitchTenant();
  const navigate = useNavigate();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const items = mine.data?.items ?? [];
  if (items.length === 0) return null;
  const busy = answer.isPending || switchTenant.isPending;
  return (
    <div className="pending-invitations">
      <Button variant="ghost" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        {items.length === 1 ? "1 invitation" : `${items.length} invitations`}
      </Button>
      {open && (
        <div id={panelId} className="pending-invitations-panel" role="region" aria-label="Your invitations">
          <ul>
            {items.map((i) => (
              <li key={i.id}>
                <div>
                  Join <strong>{i.tenantName}</strong> as {i.role}
                </div>
                <div className="form-actions">
                  <Button
                    variant="primary"
                    busy={busy && answer.variables?.id === i.id && answer.variables.accept}
                    disabled={busy}
                    aria-label={`Accept the invitation to ${i.tenantName}`}
                    onClick={() =>
                      answer.mutate(
                        { id: i.id, accept: true },
                        {
                          onSuccess: () =>
                            switchTenant.mutate(i.tenantId, {
                              onSuccess: () => {
                                setOpen(false);
                                navigate("/", { replace: true });
                                toast(`You joined ${i.tenantName}`);
                              },
                            }),
                          onError: (err) => toast(errorMessage(err), "error"),
                        },
                      )
                    }
                  >
                    Accept
                  </Button>
                  <Button
                    disabled={busy}
                    aria-label={`Decline the invitation to ${i.tenantName}`}
                    onClick={() => answer.mutate({ id: i.id, accept: false }, { onSuccess: () => toast(`Invitation to ${i.tenantName} declined`, "info"), onError: (err) => toast(errorMessage(err), "error") })}
                  >
                    Decline
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
