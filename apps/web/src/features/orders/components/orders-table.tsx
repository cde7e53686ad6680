import { useEffect, useRef } from "react";
import { Link, useNavigate } from "react-router";
import type { TOrderListItem } from "../api/order-types.ts";
import { formatDate } from "../lib/dates.ts";
import { FulfillabilityBadge, ShipBy, StatusBadge, Tags } from "./order-badges.tsx";

function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest("dialog") !== null;
}

/**
 * The order grid. Keyboard: j / k move the focused row, Space selects it, Enter opens it
 * (ignored while typing in a field). Checkboxes select rows for the bulk bar.
 */
export function OrdersTable({
  items,
  selected,
  onToggle,
  onToggleAll,
  focused,
  onFocus,
}: {
  items: TOrderListItem[];
  selected: Set<string>;
  onToggle: (id: string) => void;
  onToggleAll: (all: boolean) => void;
  focused: number;
  onFocus: (i: number) => void;
}) {
  const navigate = useNavigate();
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const state = useRef({ items, focused, onToggle, onFocus });
  state.current = { items, focused, onToggle, onFocus };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const { items, focused, onToggle, onFocus } = state.current;
      if (items.length === 0) return;
      const onCheckbox = e.target instanceof HTMLInputElement;
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        const next = focused < 0 ? 0 : Math.min(items.length - 1, Math.max(0, focused + (e.key === "j" ? 1 : -1)));
        onFocus(next);
        rows.current[next]?.scrollIntoView({ block: "nearest" });
      } else if (e.key === " " && focused >= 0 && !onCheckbox && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLAnchorElement)) {
        e.preventDefault();
        onToggle(items[focused]!.id);
      } else if (e.key === "Enter" && focused >= 0 && !(e.target instanceof HTMLButtonElement) && !(e.target instanceof HTMLAnchorElement)) {
        e.preventDefault();
        navigate(`/orders/${items[focused]!.id}`);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navigate]);

  const allSelected = items.length > 0 && items.every((o) => selected.has(o.id));
  return (
    <div className="table-wrap">
      <table aria-label="Orders" className="orders-table">
        <thead>
          <tr>
            <th scope="col">
              <input type="checkbox" aria-label="Select all shown orders" checked={allSelected} onChange={(e) => onToggleAll(e.target.checked)} />
            </th>
            <th scope="col">Order</th>
            <th scope="col">Channel</th>
            <th scope="col">Customer</th>
            <th scope="col">Order date</th>
            <th scope="col">Ship-by</th>
            <th scope="col">Fulfillability</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Lines</th>
            <th scope="col">Projected</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o, i) => {
            const isSelected = selected.has(o.id);
            return (
              <tr
                key={o.id}
                ref={(el) => {
                  rows.current[i] = el;
                }}
                className={`${i === focused ? "is-focused" : ""}${isSelected ? " is-selected" : ""}`}
                aria-selected={isSelected}
                aria-current={i === focused ? "true" : undefined}
                onClick={() => onFocus(i)}
              >
                <td>
                  <input type="checkbox" aria-label={`Select order ${o.number}`} checked={isSelected} onChange={() => onToggle(o.id)} />
                </td>
                <td className="mono">
                  <Link to={`/orders/${o.id}`}>{o.number}</Link>
                  {o.priority !== 0 && <span className="muted small"> · P{o.priority}</span>}
                </td>
                <td>{o.channel.name}</td>
                <td>{o.customerName}</td>
                <td>{formatDate(o.orderDate)}</td>
                <td>
                  <ShipBy value={o.shipBy} isOverdue={o.isOverdue} />
                </td>
                <td>
                  <FulfillabilityBadge value={o.fulfillability} />
                </td>
                <td>
                  <StatusBadge value={o.status} />
                </td>
                <td className="num" title={`${o.linesSummary.lineCount} lines, ${o.linesSummary.unitCount} units, ${o.linesSummary.remainingUnits} to ship`}>
                  {o.linesSummary.lineCount} {o.linesSummary.lineCount === 1 ? "line" : "lines"} · {o.linesSummary.remainingUnits}/{o.linesSummary.unitCount} to ship
                </td>
                <td>{o.fulfillability && o.fulfillability !== "fulfillable" && o.projectedDate ? formatDate(o.projectedDate) : <span className="muted">—</span>}</td>
                <td>
                  <Tags tags={o.tags} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
