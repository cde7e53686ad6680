import { Link, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { RecordPage } from "../../../components/ui/record-page.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useChannel, useCreateChannel, useDeleteChannel, useUpdateChannel } from "../api/channels-api.ts";
import { ChannelForm } from "../components/channel-form.tsx";

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
                toast(`Channel ${c.name} created`);
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
  return (
    <RecordPage
      record={channel}
      listPath="/channels"
      title={(c) => c.name}
      remove={remove}
      deleteTitle="Delete this store?"
      deleteBody={(c) => `${c.name} will be removed. A store with orders cannot be deleted.`}
      deletedMessage={(c) => `${c.name} deleted`}
    >
      {(c) => (
        <section className="card">
          <ChannelForm key={JSON.stringify(c)} channel={c} busy={update.isPending} error={update.error} onSubmit={(v) => update.mutate(v, { onSuccess: () => toast("Channel saved") })} />
        </section>
      )}
    </RecordPage>
  );
}
