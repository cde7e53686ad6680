// The orders grid's columns: what each shows in one line, its default width, and which server sort
// its header sets. TanStack Table keeps their order, visibility and widths (the user's layout).
import type { ReactNode } from "react";
import { Link } from "react-router";
import {
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  tableFeatures,
  type ColumnDef,
} from "@tanstack/react-table";
import type { TOrderSort } from "@bod/contracts/order-list";
import { GRID_COLUMN_MAX_WIDTH, GRID_COLUMN_MIN_WIDTH, ORDERS_GRID_COLUMNS, type TOrdersGridColumn } from "@bod/contracts/preferences";
import type { TOrderListItem } from "../api/order-types.ts";
import { formatDate } from "../lib/dates.ts";
import { FulfillabilityBadge, ShipBy, StatusBadge, Tags } from "./order-badges.tsx";

export const gridFeatures = tableFeatures({ columnVisibilityFeature, columnOrderingFeature, columnSizingFeature, columnResizingFeature });
export type TGridFeatures = typeof gridFeatures;

export type TColumnInfo = { label: string; width: number; sort?: TOrderSort; numeric?: boolean };
export const COLUMN_INFO: Record<TOrdersGridColumn, TColumnInfo> = {
  number: { label: "Order", width: 96 },
  channel: { label: "Channel", width: 86 },
  customer: { label: "Customer", width: 116 },
  orderDate: { label: "Order date", width: 112, sort: "order_date" },
  shipBy: { label: "Ship-by", width: 170, sort: "ship_by" },
  fulfillability: { label: "Fulfillability", width: 126 },
  status: { label: "Status", width: 110 },
  lines: { label: "Lines", width: 112 },
  units: { label: "Units", width: 64, numeric: true },
  projected: { label: "Projected", width: 90 },
  tags: { label: "Tags", width: 80 },
  priority: { label: "Priority", width: 80, sort: "priority", numeric: true },
  warehouse: { label: "Warehouse", width: 130 },
  mode: { label: "Mode", width: 116 },
};
/** Shown unless the user turns them on. */
export const HIDDEN_BY_DEFAULT: TOrdersGridColumn[] = ["units", "warehouse", "mode"];

export type TGridMeta = { warehouseName: (id: string) => string };

export function buildColumns(meta: TGridMeta): { columns: ColumnDef<TGridFeatures, TOrderListItem>[]; titles: CellTitles } {
  const col = (id: TOrdersGridColumn, cell: (o: TOrderListItem) => ReactNode, title?: (o: TOrderListItem) => string): ColumnDef<TGridFeatures, TOrderListItem> => {
    if (title) titles[id] = title;
    return {
      id,
      header: COLUMN_INFO[id].label,
      size: COLUMN_INFO[id].width,
      minSize: GRID_COLUMN_MIN_WIDTH,
      maxSize: GRID_COLUMN_MAX_WIDTH,
      enableHiding: id !== "number",
      cell: ({ row }) => cell(row.original),
    };
  };
  const titles: CellTitles = {};
  const cols: Record<TOrdersGridColumn, ColumnDef<TGridFeatures, TOrderListItem>> = {
    number: col("number", (o) => (
      <Link to={`/orders/${o.id}`} className="mono">
        {o.number}
      </Link>
    )),
    channel: col("channel", (o) => o.channel.name, (o) => o.channel.name),
    customer: col("customer", (o) => o.customerName, (o) => o.customerName),
    orderDate: col("orderDate", (o) => formatDate(o.orderDate)),
    shipBy: col("shipBy", (o) => <ShipBy value={o.shipBy} isOverdue={o.isOverdue} />),
    fulfillability: col("fulfillability", (o) => <FulfillabilityBadge value={o.fulfillability} />),
    status: col("status", (o) => <StatusBadge value={o.status} />),
    lines: col(
      "lines",
      (o) => `${o.linesSummary.remainingUnits}/${o.linesSummary.unitCount} to ship · ${o.linesSummary.lineCount} ${o.linesSummary.lineCount === 1 ? "line" : "lines"}`,
      (o) => `${o.linesSummary.lineCount} lines, ${o.linesSummary.unitCount} units, ${o.linesSummary.remainingUnits} to ship`,
    ),
    units: col("units", (o) => o.linesSummary.unitCount.toLocaleString()),
    projected: col("projected", (o) => (o.fulfillability && o.fulfillability !== "fulfillable" && o.projectedDate ? formatDate(o.projectedDate) : <span className="muted">—</span>)),
    tags: col("tags", (o) => <Tags tags={o.tags} />, (o) => o.tags.join(", ")),
    priority: col("priority", (o) => (o.priority !== 0 ? `P${o.priority}` : <span className="muted">0</span>)),
    warehouse: col("warehouse", (o) => meta.warehouseName(o.warehouseId), (o) => meta.warehouseName(o.warehouseId)),
    mode: col("mode", (o) => (o.fulfillmentMode === "ship_complete" ? "Ship complete" : "Ship in parts")),
  };
  return { columns: ORDERS_GRID_COLUMNS.map((id) => cols[id]), titles };
}

/** A cell's full text as a tooltip where one line may cut it. */
export type CellTitles = Partial<Record<TOrdersGridColumn, (o: TOrderListItem) => string>>;
