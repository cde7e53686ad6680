// The user's grid layout: column order, hidden columns and widths. Starts from the defaults, takes
// the saved layout once the server answers, and saves each change (widths once a drag settles).
import { useCallback, useEffect, useRef, useState } from "react";
import { GRID_COLUMN_MAX_WIDTH, GRID_COLUMN_MIN_WIDTH, ORDERS_GRID_COLUMNS, type TOrdersGridColumn, type TOrdersGridPreference } from "@bod/contracts/preferences";
import { useSession } from "../../../lib/session.ts";
import { saveGridPreferenceOnExit, useGridPreference, useSaveGridPreference } from "../api/grid-preferences-api.ts";
import { HIDDEN_BY_DEFAULT } from "../components/grid-columns.tsx";

export type TGridLayout = { order: TOrdersGridColumn[]; visibility: Record<string, boolean>; sizing: Record<string, number> };

const SAVE_AFTER_MS = 400;

export function defaultLayout(): TGridLayout {
  return { order: [...ORDERS_GRID_COLUMNS], visibility: Object.fromEntries(HIDDEN_BY_DEFAULT.map((id) => [id, false])), sizing: {} };
}

/** A saved layout over the defaults: columns it does not name keep their default place (after the named ones). */
export function layoutFrom(pref: TOrdersGridPreference): TGridLayout {
  const order = [...pref.order, ...ORDERS_GRID_COLUMNS.filter((id) => !pref.order.includes(id))];
  const visibility = Object.fromEntries(ORDERS_GRID_COLUMNS.map((id) => [id, !pref.hidden.includes(id)]));
  return { order, visibility, sizing: { ...pref.widths } };
}

export function toPreference(layout: TGridLayout): TOrdersGridPreference {
  const clamp = (w: number) => Math.round(Math.min(GRID_COLUMN_MAX_WIDTH, Math.max(GRID_COLUMN_MIN_WIDTH, w)));
  return {
    order: layout.order,
    hidden: ORDERS_GRID_COLUMNS.filter((id) => id !== "number" && layout.visibility[id] === false),
    widths: Object.fromEntries(Object.entries(layout.sizing).filter(([id]) => (ORDERS_GRID_COLUMNS as readonly string[]).includes(id)).map(([id, w]) => [id, clamp(w)])),
  };
}

export function useGridLayout() {
  const saved = useGridPreference();
  const save = useSaveGridPreference();
  const [layout, setLayout] = useState<TGridLayout>(defaultLayout);
  const touched = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const pending = useRef<TGridLayout | null>(null);
  const mutate = save.mutate;
  const { csrfToken } = useSession();

  // The saved layout arrives once; a change made before it arrived wins.
  useEffect(() => {
    if (saved.data && !touched.current) setLayout(layoutFrom(saved.data));
  }, [saved.data]);

  const change = useCallback(
    (next: (l: TGridLayout) => TGridLayout) => {
      touched.current = true;
      setLayout((l) => {
        const n = next(l);
        pending.current = n;
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          pending.current = null;
          mutate(toPreference(n));
        }, SAVE_AFTER_MS);
        return n;
      });
    },
    [mutate],
  );
  const reset = useCallback(() => change(() => defaultLayout()), [change]);
  // Closing or reloading the tab sends a change still waiting for its pause.
  useEffect(() => {
    const flush = () => {
      if (!pending.current) return;
      clearTimeout(timer.current);
      saveGridPreferenceOnExit(toPreference(pending.current), csrfToken);
      pending.current = null;
    };
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [csrfToken]);
  // Leaving the screen saves a change still waiting for its pause.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      if (pending.current) mutate(toPreference(pending.current));
    },
    [mutate],
  );

  return { layout, change, reset, isLoaded: !saved.isPending, isSaving: save.isPending, saveError: save.error };
}
