// The orders desk grid: one line per order, a sticky header, only the rows in view in the DOM
// (TanStack Virtual), the next keyset page fetched as the end comes into view, columns the user
// orders, hides and resizes (TanStack Table), and header sorts that write the URL.
import { useEffect, useMemo, useRef, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent } from "react";
import { useNavigate } from "react-router";
import { functionalUpdate, useTable, type Header } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { TOrderSort } from "@bod/contracts/order-list";
import { GRID_COLUMN_MAX_WIDTH, GRID_COLUMN_MIN_WIDTH, type TOrdersGridColumn } from "@bod/contracts/preferences";
import type { TOrderListItem } from "../api/order-types.ts";
import type { TGridLayout } from "../lib/use-grid-layout.ts";
import { COLUMN_INFO, buildColumns, gridFeatures, type TGridFeatures, type TGridMeta } from "./grid-columns.tsx";

export const ROW_HEIGHT = 36;
const SELECT_WIDTH = 36;
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 40;
const RESIZE_STEP = 16;

function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest("dialog") !== null || target.getAttribute("role") === "separator";
}

export type TGridProps = {
  items: TOrderListItem[];
  /** Rows the current filters match, when known exactly (aria-rowcount); otherwise -1. */
  total: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  selected: Set<string>;
  onSelect: (index: number, range: boolean) => void;
  onSelectAll: (all: boolean) => void;
  focused: number;
  onFocus: (i: number) => void;
  sort: TOrderSort;
  dir: "asc" | "desc";
  onSort: (sort: TOrderSort) => void;
  layout: TGridLayout;
  onLayout: (next: (l: TGridLayout) => TGridLayout) => void;
  meta: TGridMeta;
};

/**
 * Keyboard: j / k move the focused row (scrolled into view, fetching more at the end), Space
 * selects it, Enter opens it (ignored while typing in a field). Shift-click on a checkbox
 * selects the range from the last one clicked.
 */
export function OrdersGrid(props: TGridProps) {
  const { items, total, hasNextPage, isFetchingNextPage, fetchNextPage, selected, onSelect, onSelectAll, focused, onFocus, sort, dir, onSort, layout, onLayout, meta } = props;
  const navigate = useNavigate();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { columns, titles } = useMemo(() => buildColumns(meta), [meta]);

  const table = useTable({
    features: gridFeatures,
    columns,
    data: items,
    getRowId: (o: TOrderListItem) => o.id,
    state: { columnOrder: layout.order, columnVisibility: layout.visibility, columnSizing: layout.sizing },
    onColumnOrderChange: (u) => onLayout((l) => ({ ...l, order: functionalUpdate(u, l.order) as TOrdersGridColumn[] })),
    onColumnVisibilityChange: (u) => onLayout((l) => ({ ...l, visibility: functionalUpdate(u, l.visibility) })),
    onColumnSizingChange: (u) => onLayout((l) => ({ ...l, sizing: functionalUpdate(u, l.sizing) })),
    columnResizeMode: "onChange",
  });

  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRendered = virtualRows.length ? virtualRows[virtualRows.length - 1]!.index : -1;

  // No "Load more": the next keyset page comes when the end of what is loaded comes into view.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastRendered >= items.length - PREFETCH_ROWS) void fetchNextPage();
  }, [lastRendered, items.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const state = useRef({ items, focused, onSelect, onFocus });
  state.current = { items, focused, onSelect, onFocus };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const { items, focused, onSelect, onFocus } = state.current;
      if (items.length === 0) return;
      const onControl = e.target instanceof HTMLInputElement || e.target instanceof HTMLButtonElement || e.target instanceof HTMLAnchorElement;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        const next = focused < 0 ? 0 : Math.min(items.length - 1, Math.max(0, focused + (e.key === "j" ? 1 : -1)));
        onFocus(next);
        virtualizer.scrollToIndex(next, { align: "auto" });
      } else if (e.key === " " && focused >= 0 && !onControl) {
        e.preventDefault();
        onSelect(focused, false);
      } else if (e.key === "Enter" && focused >= 0 && !onControl) {
        e.preventDefault();
        navigate(`/orders/${items[focused]!.id}`);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navigate, virtualizer]);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  /** The checkbox and, while it leads, the order number stay in view when the grid scrolls sideways. */
  const numberFirst = headers[0]?.column.id === "number";
  const rows = table.getRowModel().rows;
  const width = SELECT_WIDTH + table.getTotalSize();
  const allSelected = items.length > 0 && items.every((o) => selected.has(o.id));
  const someSelected = !allSelected && items.some((o) => selected.has(o.id));

  const setWidth = (id: string, w: number) => onLayout((l) => ({ ...l, sizing: { ...l.sizing, [id]: Math.min(GRID_COLUMN_MAX_WIDTH, Math.max(GRID_COLUMN_MIN_WIDTH, Math.round(w))) } }));

  return (
    <div className="orders-grid-scroll" ref={scrollRef} tabIndex={-1}>
      <table role="table" aria-label="Orders" aria-rowcount={total >= 0 ? total + 1 : -1} className="orders-grid" style={{ width }}>
        <thead role="rowgroup">
          <tr role="row" aria-rowindex={1}>
            <th role="columnheader" scope="col" className="select-cell" style={{ width: SELECT_WIDTH }}>
              <input
                type="checkbox"
                aria-label="Select all shown orders"
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected;
                }}
                onChange={(e) => onSelectAll(e.target.checked)}
              />
            </th>
            {headers.map((h) => (
              <HeaderCell key={h.id} header={h} sort={sort} dir={dir} onSort={onSort} onWidth={setWidth} sticky={numberFirst && h.column.id === "number"} />
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {virtualRows.map((vr) => {
            const row = rows[vr.index];
            if (!row) return null;
            const o = row.original;
            const isSelected = selected.has(o.id);
            return (
              <tr
                key={o.id}
                role="row"
                aria-rowindex={vr.index + 2}
                aria-selected={isSelected}
                aria-current={vr.index === focused ? "true" : undefined}
                className={`${vr.index === focused ? "is-focused" : ""}${isSelected ? " is-selected" : ""}`}
                style={{ transform: `translateY(${vr.start}px)`, width }}
                onClick={() => onFocus(vr.index)}
              >
                <td role="cell" className="select-cell" style={{ width: SELECT_WIDTH }}>
                  <input
                    type="checkbox"
                    aria-label={`Select order ${o.number}`}
                    checked={isSelected}
                    onChange={() => undefined}
                    onClick={(e: MouseEvent<HTMLInputElement>) => onSelect(vr.index, e.shiftKey)}
                  />
                </td>
                {row.getVisibleCells().map((cell) => {
                  const id = cell.column.id as TOrdersGridColumn;
                  const Cell = id === "number" ? "th" : "td";
                  const sticky = id === "number" && numberFirst;
                  return (
                    <Cell
                      key={cell.id}
                      role={id === "number" ? "rowheader" : "cell"}
                      scope={id === "number" ? "row" : undefined}
                      className={`${COLUMN_INFO[id].numeric ? "num" : ""}${sticky ? " is-sticky" : ""}` || undefined}
                      style={{ width: cell.column.getSize(), left: sticky ? SELECT_WIDTH : undefined }}
                      title={titles[id]?.(o)}
                    >
                      <table.FlexRender cell={cell} />
                    </Cell>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function HeaderCell({
  header,
  sort,
  dir,
  onSort,
  onWidth,
  sticky,
}: {
  sticky: boolean;
  header: Header<TGridFeatures, TOrderListItem, unknown>;
  sort: TOrderSort;
  dir: "asc" | "desc";
  onSort: (s: TOrderSort) => void;
  onWidth: (id: string, w: number) => void;
}) {
  const id = header.column.id as TOrdersGridColumn;
  const info = COLUMN_INFO[id];
  const active = info.sort !== undefined && info.sort === sort;
  const size = header.getSize();
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === "ArrowLeft" || e.key === "ArrowRight") {
      e.preventDefault();
      onWidth(id, size + (e.key === "ArrowRight" ? RESIZE_STEP : -RESIZE_STEP));
    } else if (e.key === "Home" || e.key === "End") {
      e.preventDefault();
      onWidth(id, e.key === "End" ? GRID_COLUMN_MAX_WIDTH : GRID_COLUMN_MIN_WIDTH);
    }
  };
  const resize = header.getResizeHandler();
  return (
    <th
      role="columnheader"
      scope="col"
      className={`${info.numeric ? "num" : ""}${header.column.getIsResizing() ? " is-resizing" : ""}${sticky ? " is-sticky" : ""}`}
      style={{ width: size, left: sticky ? SELECT_WIDTH : undefined }}
      aria-sort={info.sort ? (active ? (dir === "asc" ? "ascending" : "descending") : "none") : undefined}
    >
      {info.sort ? (
        <button type="button" className="sort-header" onClick={() => onSort(info.sort!)}>
          {info.label}
          <span aria-hidden="true">{active ? (dir === "asc" ? " ▲" : " ▼") : " ↕"}</span>
        </button>
      ) : (
        <span className="header-label">{info.label}</span>
      )}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${info.label} column`}
        aria-valuenow={size}
        aria-valuemin={GRID_COLUMN_MIN_WIDTH}
        aria-valuemax={GRID_COLUMN_MAX_WIDTH}
        tabIndex={0}
        className="col-resizer"
        onMouseDown={resize}
        onTouchStart={resize}
        onKeyDown={onKeyDown}
        onDoubleClick={() => header.column.resetSize()}
      />
    </th>
  );
}
