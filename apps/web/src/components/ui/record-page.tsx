// One record's page layout, shared by product, supplier, warehouse and channel pages.
import { useState, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { ErrorAlert } from "./alert.tsx";
import { Button } from "./button.tsx";
import { ConfirmDialog } from "./dialog.tsx";
import { PageHeader } from "./page-header.tsx";
import { Spinner } from "./spinner.tsx";
import { useToast } from "./toast.tsx";

/** A query for one record, as TanStack Query returns it. */
interface RecordQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data?: T;
}

/** A delete mutation taking the record's id. */
interface Removal {
  mutate: (id: string, options: { onSuccess: () => void }) => void;
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

/**
 * One record's page (a product, supplier, warehouse, channel): the way back to its list, a
 * spinner or the error while it loads, a header with Delete behind a confirmation, then `children`.
 */
export function RecordPage<T extends { id: string }>({
  record,
  listPath,
  title,
  actions,
  remove,
  canDelete = true,
  deleteTitle,
  deleteBody,
  deletedMessage,
  children,
}: {
  record: RecordQuery<T>;
  listPath: string;
  title: (r: T) => string;
  /** shown before Delete */
  actions?: (r: T) => ReactNode;
  remove: Removal;
  /** false: no Delete button (the role may not delete; the API would refuse). */
  canDelete?: boolean;
  deleteTitle: string;
  deleteBody: (r: T) => string;
  deletedMessage: (r: T) => string;
  children: (r: T) => ReactNode;
}) {
  const [confirm, setConfirm] = useState(false);
  const navigate = useNavigate();
  const toast = useToast();
  const back = (
    <p className="breadcrumb">
      <Link to={listPath}>← Back to list</Link>
    </p>
  );
  if (record.isPending) return <Spinner />;
  if (record.isError || !record.data)
    return (
      <div className="page">
        {back}
        <ErrorAlert error={record.error} />
      </div>
    );
  const r = record.data;
  const confirmDelete = () =>
    remove.mutate(r.id, {
      onSuccess: () => {
        toast(deletedMessage(r));
        navigate(listPath, { replace: true });
      },
    });
  return (
    <div className="page">
      {back}
      <PageHeader
        title={title(r)}
        actions={
          <>
            {actions?.(r)}
            {canDelete && (
              <Button variant="danger" onClick={() => setConfirm(true)}>
                Delete
              </Button>
            )}
          </>
        }
      />
      {children(r)}
      <ConfirmDialog
        open={confirm}
        title={deleteTitle}
        body={deleteBody(r)}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={<ErrorAlert error={remove.error} onRetry={confirmDelete} retrying={remove.isPending} />}
        onCancel={() => {
          setConfirm(false);
          remove.reset();
        }}
        onConfirm={confirmDelete}
      />
    </div>
  );
}
