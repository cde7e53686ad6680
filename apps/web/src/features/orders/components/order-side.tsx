// The order page's side pieces: shipments, tags, notes and the timeline (store problems stand out).
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { formatDateTime } from "../../../lib/format.ts";
import { useOrderAction } from "../api/orders-api.ts";
import type { TOrderDetail } from "../api/order-types.ts";
import { EventDiff } from "./event-diff.tsx";

export function ShipmentsList({ order }: { order: TOrderDetail }) {
  const skuOf = (lineId: string) => order.lines.find((l) => l.id === lineId)?.sku ?? "?";
  return (
    <section className="card" aria-labelledby="shipments-title">
      <h2 id="shipments-title">Shipments</h2>
      {order.shipments.length === 0 ? (
        <p className="muted">Nothing shipped yet.</p>
      ) : (
        <Table
          label="Shipments"
          head={
            <tr>
              <th scope="col">Shipment</th>
              <th scope="col">Created</th>
              <th scope="col">Items</th>
              <th scope="col">Carrier</th>
              <th scope="col">
                <span className="visually-hidden">Packing slip</span>
              </th>
            </tr>
          }
        >
          {order.shipments.map((s) => (
            <tr key={s.id}>
              <td className="mono">{s.number}</td>
              <td>{formatDateTime(s.createdAt)}</td>
              <td className="small">{s.lines.map((l) => `${l.quantity} × ${l.sku ?? skuOf(l.lineId)}`).join(", ")}</td>
              <td>
                {s.carrier ?? <span className="muted">—</span>}
                {s.trackingNumber && <span className="mono small"> {s.trackingNumber}</span>}
              </td>
              <td>
                <Link to={`/shipments/${s.id}/slip`} aria-label={`Packing slip of ${s.number}`}>
                  Packing slip
                </Link>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

export function TagsEditor({ order }: { order: TOrderDetail }) {
  const tags = useOrderAction(order.id);
  const [tag, setTag] = useState("");
  function add(e: FormEvent) {
    e.preventDefault();
    const t = tag.trim();
    if (!t) return;
    tags.mutate({ path: "tags", body: { add: [t] } }, { onSuccess: () => setTag("") });
  }
  return (
    <section className="card" aria-labelledby="tags-title">
      <h2 id="tags-title">Tags</h2>
      {order.tags.length === 0 ? (
        <p className="muted small">No tags.</p>
      ) : (
        <ul className="tag-list" style={{ listStyle: "none", padding: 0, margin: "0 0 8px" }}>
          {order.tags.map((t) => (
            <li key={t}>
              <Badge tone="neutral">
                {t}{" "}
                <button type="button" className="btn-ghost" style={{ border: 0, background: "none", cursor: "pointer", padding: 0 }} aria-label={`Remove tag ${t}`} onClick={() => tags.mutate({ path: "tags", body: { remove: [t] } })}>
                  ×
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="form-row">
        <FormField label="New tag">
          <input value={tag} onChange={(e) => setTag(e.target.value)} autoComplete="off" maxLength={50} />
        </FormField>
        <Button type="submit" busy={tags.isPending}>
          Add tag
        </Button>
      </form>
      <ErrorAlert error={tags.error} />
    </section>
  );
}

export function NotesSection({ order }: { order: TOrderDetail }) {
  const note = useOrderAction(order.id);
  const [body, setBody] = useState("");
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!body.trim()) return;
    note.mutate({ path: "notes", body: { body: body.trim() } }, { onSuccess: () => setBody("") });
  }
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      {order.notes.length > 0 && (
        <ul className="timeline">
          {order.notes.map((n) => (
            <li key={n.id}>
              <div>{n.body}</div>
              <div className="muted small">
                {n.author?.name ?? "Someone"} · {formatDateTime(n.createdAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="stack">
        <FormField label="Add a note">
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={2} maxLength={2000} />
        </FormField>
        <div className="form-actions">
          <Button type="submit" busy={note.isPending}>
            Save note
          </Button>
        </div>
      </form>
      <ErrorAlert error={note.error} />
    </section>
  );
}

/** Events that ask for attention: a store change that could not be applied, a store that could not be told. */
function isTroubleEvent(ev: TOrderDetail["events"][number]) {
  if (ev.type === "conflict") return true;
  const outcome = ev.data && typeof ev.data === "object" && "outcome" in ev.data ? ev.data.outcome : undefined;
  return ev.type === "store_delivery" && (outcome === "retrying" || outcome === "gave_up");
}

export function Timeline({ order }: { order: TOrderDetail }) {
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {order.events.length === 0 ? (
        <p className="muted small">No events yet.</p>
      ) : (
        <ol className="timeline" aria-label="Order events, newest first">
          {order.events.map((ev, i) => (
            <li key={ev.id ?? i}>
              <div className={isTroubleEvent(ev) ? "overdue" : undefined}>{ev.message}</div>
              {ev.type === "edited" && <EventDiff data={ev.data} />}
              <div className="muted small">
                {ev.actor?.name ?? "System"} · {formatDateTime(ev.createdAt)}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
