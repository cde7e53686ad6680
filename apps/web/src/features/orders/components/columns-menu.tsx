// The grid's Columns menu: show or hide each column, move it earlier or later, or go back to the
// default layout. Changes apply at once and are saved for the signed-in user.
import { useEffect, useId, useRef, useState } from "react";
import type { TOrdersGridColumn } from "@bod/contracts/preferences";
import { Button } from "../../../components/ui/button.tsx";
import type { TGridLayout } from "../lib/use-grid-layout.ts";
import { COLUMN_INFO } from "./grid-columns.tsx";

export function ColumnsMenu({ layout, onLayout, onReset }: { layout: TGridLayout; onLayout: (next: (l: TGridLayout) => TGridLayout) => void; onReset: () => void }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const move = (col: TOrdersGridColumn, by: -1 | 1) =>
    onLayout((l) => {
      const order = [...l.order];
      const i = order.indexOf(col);
      const j = i + by;
      if (i < 0 || j < 0 || j >= order.length) return l;
      [order[i], order[j]] = [order[j]!, order[i]!];
      return { ...l, order };
    });
  const shownCount = layout.order.filter((c) => layout.visibility[c] !== false).length;

  return (
    <div className="columns-menu" ref={root}>
      <Button aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        Columns ({shownCount})
      </Button>
      {open && (
        <div id={id} className="columns-panel" role="group" aria-label="Columns">
          <ul>
            {layout.order.map((col, i) => {
              const label = COLUMN_INFO[col].label;
              const shown = layout.visibility[col] !== false;
              return (
                <li key={col}>
                  <label className="columns-toggle">
                    <input
                      type="checkbox"
                      checked={shown}
                      disabled={col === "number"}
                      onChange={(e) => onLayout((l) => ({ ...l, visibility: { ...l.visibility, [col]: e.target.checked } }))}
                    />
                    {label}
                  </label>
                  <span className="columns-move">
                    <button type="button" className="btn btn-ghost" aria-label={`Move ${label} earlier`} disabled={i === 0} onClick={() => move(col, -1)}>
                      ↑
                    </button>
                    <button type="button" className="btn btn-ghost" aria-label={`Move ${label} later`} disabled={i === layout.order.length - 1} onClick={() => move(col, 1)}>
                      ↓
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
          <Button variant="ghost" onClick={onReset}>
            Reset columns
          </Button>
        </div>
      )}
    </div>
  );
}
