import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "./button.tsx";

/** A modal built on <dialog>: focus is trapped, Escape closes. */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      {open && (
        <>
          <h2>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}

export function ConfirmDialog({ open, title, body, confirmLabel, onConfirm, onCancel, busy, error }: { open: boolean; title: string; body: ReactNode; confirmLabel: string; onConfirm: () => void; onCancel: () => void; busy?: boolean; error?: ReactNode }) {
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      <div>{body}</div>
      {error}
      <div className="form-actions">
        <Button variant="danger" onClick={onConfirm} busy={busy}>
          {confirmLabel}
        </Button>
        <Button onClick={onCancel} autoFocus>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}
