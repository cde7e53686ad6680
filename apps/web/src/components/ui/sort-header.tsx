import "./extras.css";
import type { ReactNode } from "react";

/** A column header that sorts the table by one key (one direction, chosen by the server); announces aria-sort. */
export function SortHeader<K extends string>({ sortKey, current, onSort, children, className }: { sortKey: K; current: K; onSort: (k: K) => void; children: ReactNode; className?: string }) {
  const active = sortKey === current;
  return (
    <th scope="col" className={className} aria-sort={active ? "descending" : undefined}>
      <button type="button" className="sort-header" onClick={() => onSort(sortKey)} aria-pressed={active}>
        {children}
        <span aria-hidden="true">{active ? " ▼" : " ↕"}</span>
      </button>
    </th>
  );
}
