import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
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
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState(false);
  if (channel.isPending) return <Spinner />;
  if (channel.isError)
    return (
      <div className="page">
        {back}
        <ErrorAlert error={channel.error} />
      </div>
    );
  const c = channel.data;
  return (
    <div className="page">
      {back}
      <PageHeader
        title={c.name}
        actions={
          <Button variant="danger" onClick={() => setConfirm(true)}>
            Delete
          </Button>
        }
      />
      <section className="card">
        <ChannelForm key={JSON.stringify(c)} channel={c} busy={update.isPending} error={update.error} onSubmit={(v) => update.mutate(v, { onSuccess: () => toast("Channel saved") })} />
      </section>
      <ConfirmDialog
        open={confirm}
        title="Delete this store?"
        body={`${c.name} will be removed. A store with orders cannot be deleted.`}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={<ErrorAlert error={remove.error} />}
        onCancel={() => {
          setConfirm(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(c.id, {
            onSuccess: () => {
              toast(`${c.name} deleted`);
              navigate("/channels", { replace: true });
            },
          })
        }
      />
    </div>
  );
}
