// The before and after of an order edit on the timeline (in the app or in the store).
import { formatDateTime } from "../../../lib/format.ts";

type Diff = Record<string, { from: unknown; to: unknown }>;
const LABELS: Record<string, string> = {
  customerName: "Customer",
  customerEmail: "Email",
  shippingAddress: "Shipping address",
  shipBy: "Ship-by",
  lines: "Quantities",
  addedLines: "Added",
  removedLines: "Removed",
};

function show(field: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "none";
  if (field === "shipBy" && typeof v === "string") return formatDateTime(v);
  return String(v);
}

type LineQty = { sku: string; quantity: number; unitPriceCents?: number };

export function EventDiff({ data }: { data: unknown }) {
  const diff = (data as { diff?: Diff } | null)?.diff;
  if (!diff || typeof diff !== "object") return null;
  const rows: { label: string; before: string; after: string }[] = [];
  for (const [field, { from, to }] of Object.entries(diff)) {
    const label = LABELS[field] ?? field;
    if (field === "lines" || field === "removedLines") {
      const before = (from as LineQty[]) ?? [];
      const after = (to as LineQty[]) ?? [];
      before.forEach((b, i) => rows.push({ label: `${label}: ${b.sku}`, before: String(b.quantity), after: String(after[i]?.quantity ?? 0) }));
    } else if (field === "addedLines") {
      for (const a of (to as LineQty[]) ?? []) rows.push({ label: `${label}: ${a.sku}`, before: "—", after: String(a.quantity) });
    } else rows.push({ label, before: show(field, from), after: show(field, to) });
  }
  if (!rows.length) return null;
  return (
    <table className="event-diff small" aria-label="Before and after">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">{r.label}</th>
            <td>
              <del>{r.before}</del>
            </td>
            <td>
              <ins>{r.after}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
