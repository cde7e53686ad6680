// How an import's kind and status read, the same on the history and the import's own page.
import type { TImport, TImportKind, TImportStatus } from "@bod/contracts/imports";
import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";

export const KIND_LABELS: Record<TImportKind, string> = { products: "Products", stock_counts: "Stock counts", supplier_terms: "Supplier terms", warehouse_locations: "Warehouse locations" };

const STATUS: Record<TImportStatus, [label: string, tone: BadgeTone]> = {
  uploading: ["Uploading", "info"],
  parsing: ["Reading the file", "info"],
  parsed: ["Ready to confirm", "warning"],
  queued: ["Waiting to write", "info"],
  applying: ["Writing", "info"],
  succeeded: ["Imported", "success"],
  failed: ["Failed", "danger"],
  cancelled: ["Cancelled", "neutral"],
};

export function ImportStatusBadge({ status }: { status: TImportStatus }) {
  const [label, tone] = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** "3 create · 1 update · 0 skip · 2 rejected" */
export function countsText(c: TImport["counts"]) {
  return `${c.create} create · ${c.update} update · ${c.skip} skip · ${c.rejected} rejected`;
}
