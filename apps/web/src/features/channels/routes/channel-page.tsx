// A channel's page: its general settings and, for stores with an API, the store connection.
import { Link, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { RecordPage } from "../../../components/ui/record-page.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useChannel, useCreateChannel, useDeleteChannel, useUpdateChannel } from "../api/channels-api.ts";
import { ChannelForm } from "../components/channel-form.tsx";
import { StoreConnection } from "../components/store-connection.tsx";
import { isStoreKind } from "@bod/contracts/channels";
import { useSession } from "../../../lib/session.ts";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";
import "../channels.css";

const back = (
  <p className="breadcrumb">
    <Link to="/channels">← Back to list</Link>
  </p>
);

export function ChannelNewPage() {
  const create = useCreateChannel();
  const navigate = useNavigate();
  const toast = useToast();
  return (
    <div className="page">
      {back}
      <PageHeader title="New channel" />
      <section className="card">
        <ChannelForm
          busy={create.isPending}
          error={create.error}
          onCancel={() => navigate("/channels")}
          onSubmit={(v) =>
            create.mutate(v, {
              onSuccess: (c) => {
                toast(isStoreKind(c.kind) ? `Channel ${c.name} created: connect it to the store below` : `Channel ${c.name} created`);
                navigate(`/channels/${c.id}`, { replace: true });
              },
            })
          }
        />
      </section>
    </div>
  );
}

export function ChannelPage() {
  const { channelId = "" } = useParams();
  const channel = useChannel(channelId);
  const update = useUpdateChannel(channelId);
  const remove = useDeleteChannel();
  const toast = useToast();
  const me = useSession();
  const isAdmin = hasRole(me.role, ROLE_GROUPS.admin);
  return (
    <RecordPage
      canDelete={isAdmin}
      record={channel}
      listPath="/channels"
      title={(c) => c.name}
      remove={remove}
      deleteTitle="Delete this store?"
      deleteBody={(c) => `${c.name} will be removed. A store with orders cannot be deleted.`}
      deletedMessage={(c) => `${c.name} deleted`}
    >
      {(c) => (
        <>
          <section className="card" aria-label="Channel settings">
            <ChannelForm key={c.id} channel={c} readOnly={!isAdmin} busy={update.isPending} error={update.error} onSubmit={(v) => update.mutate(v, { onSuccess: () => toast("Channel saved") })} />
          </section>
          {isStoreKind(c.kind) && <StoreConnection key={c.id} channel={c} canEdit={isAdmin} />}
        </>
      )}
    </RecordPage>
  );
}
