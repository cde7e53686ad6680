import { useState } from "react";
import type { TMember } from "@bod/contracts/users";
import type { TCreatedInvitation } from "@bod/contracts/invitations";
import type { TRole } from "@bod/contracts/common";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { LoadMore } from "../../../components/ui/load-more.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useSession } from "../../../lib/session.ts";
import { useChangeRole, useMembers, useRemoveMember } from "../api/users-api.ts";
import { InvitationLink, InviteForm } from "../components/invite-form.tsx";
import { OpenInvitations } from "../components/open-invitations.tsx";
import { ROLES } from "../components/roles.ts";

export function UsersPage() {
  const me = useSession();
  const [q, setQ] = useSearchParamState("q");
  const debounced = useDebounced(q);
  const list = useMembers(debounced);
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const toast = useToast();
  const [inviting, setInviting] = useState(false);
  const [created, setCreated] = useState<TCreatedInvitation>();
  const [removing, setRemoving] = useState<TMember>();

  return (
    <div className="page">
      <PageHeader
        title="Users"
        description="People in this company and what they may do."
        actions={
          !inviting &&
          !created && (
            <Button variant="primary" onClick={() => setInviting(true)}>
              Invite user
            </Button>
          )
        }
      />
      {inviting && (
        <section className="card">
          <h2>Invite a person</h2>
          <InviteForm
            onCreated={(invitation) => {
              setInviting(false);
              setCreated(invitation);
            }}
            onCancel={() => setInviting(false)}
          />
        </section>
      )}
      {created && (
        <section className="card" aria-label="New invitation">
          <h2>Invitation created</h2>
          <InvitationLink invitation={created} onDone={() => setCreated(undefined)} />
        </section>
      )}
      <OpenInvitations />
      <div className="toolbar">
        <SearchInput label="Search people" value={q} onChange={setQ} placeholder="Email or name (press /)" />
      </div>
      <ErrorAlert error={changeRole.error} />
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.items.length === 0 ? (
        <EmptyState title="Nobody matches" />
      ) : (
        <>
          <Table
            label="Members"
            head={
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            }
          >
            {list.items.map((m) => {
              const isMe = m.userId === me.user.id;
              return (
                <tr key={m.userId}>
                  <td>
                    {m.name}
                    {isMe && <span className="muted"> (you)</span>}
                  </td>
                  <td>{m.email}</td>
                  <td>
                    <select
                      aria-label={`Access for ${m.email}`}
                      value={m.role}
                      disabled={isMe || (changeRole.isPending && changeRole.variables?.userId === m.userId)}
                      title={isMe ? "Another admin must change your role" : undefined}
                      onChange={(e) =>
                        changeRole.mutate({ userId: m.userId, role: e.target.value as TRole }, { onSuccess: (u) => toast(`${u.email} is now ${u.role}`) })
                      }
                    >
                      {ROLES.map((r) => (
                        <option key={r.value} value={r.value}>
                          {r.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="row-actions">
                    {!isMe && (
                      <Button variant="ghost" aria-label={`Remove ${m.email}`} onClick={() => setRemoving(m)}>
                        Remove
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
          <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
        </>
      )}
      <ConfirmDialog
        open={!!removing}
        title="Remove from company?"
        body={removing ? `${removing.name} (${removing.email}) will lose access to ${me.tenant.name}.` : ""}
        confirmLabel="Remove"
        busy={remove.isPending}
        error={<ErrorAlert error={remove.error} />}
        onCancel={() => {
          setRemoving(undefined);
          remove.reset();
        }}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.userId, {
            onSuccess: () => {
              toast(`${removing.email} removed`);
              setRemoving(undefined);
            },
          })
        }
      />
    </div>
  );
}
