// The side panel a row opens: a titled region with a close button, scrolled into view when it opens.
import { useEffect, useRef, type ReactNode } from "react";
import { Button } from "../../../components/ui/button.tsx";

export function DetailPanel({ title, onClose, children }: { title: ReactNode; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    // On narrow screens the panel sits above the list: bring it into view; on wide ones it is already beside it.
    if (el && el.getBoundingClientRect().top < 0) el.scrollIntoView({ block: "start" });
    el?.focus({ preventScroll: true });
  }, []);
  return (
    <section className="card detail-panel" ref={ref} tabIndex={-1} aria-labelledby="detail-title">
      <header className="detail-head">
        <h2 id="detail-title">{title}</h2>
        <Button variant="ghost" onClick={onClose} aria-label="Close details">
          ✕ Close
        </Button>
      </header>
      {children}
    </section>
  );
}
