// GET /dashboard: every section read in one tenant transaction (one consistent snapshot of the
// data), each only for the roles that may open the screen behind it (contracts/dashboard.ts).
import {
  ARRIVAL_WEEKS,
  FAILED_DELIVERY_DAYS,
  SHORTFALL_TREND_DAYS,
  canSeeDashboardSection,
  type TDashboard,
  type TDashboardOverdue,
  type TDashboardPurchaseOrders,
  type TDashboardQuery,
  type TDashboardShipNow,
  type TDashboardShortfall,
  type TDashboardStoreDeliveries,
  type TDashboardSection,
} from "@bod/contracts/dashboard";
import { inTenant, type Tx } from "../../db/client.ts";
import { notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import {
  countGaveUp,
  readFailedDeliveries,
  readOldestOverdue,
  readOpenOrderCounts,
  readOpenPurchaseOrders,
  readOverdueCounts,
  readPurchaseOrderArrivals,
  readShippableUnits,
  readSnapshots,
  readWarehouses,
} from "./queries.ts";
import { readShortfallNow, utcDay } from "./snapshots.ts";

const DAY = 86_400_000;
const OLDEST_OVERDUE = 5;
const PO_ITEMS = 20;

export function getDashboard(ctx: RequestContext, query: TDashboardQuery, now = new Date()): Promise<TDashboard> {
  const { warehouseId } = query;
  const may = (s: TDashboardSection) => canSeeDashboardSection(ctx.role, s);
  return inTenant(ctx, async (tx) => {
    const warehouses = await readWarehouses(tx, ctx.tenantId, warehouseId);
    if (warehouseId && warehouses.length === 0) throw notFound("Warehouse");
    return {
      generatedAt: now.toISOString(),
      warehouseId: warehouseId ?? null,
      shipNow: may("shipNow") ? await readShipNow(tx, ctx.tenantId, warehouses, warehouseId) : null,
      overdue: may("overdue") ? await readOverdue(tx, ctx.tenantId, now, warehouseId) : null,
      purchaseOrders: may("purchaseOrders") ? await readPurchaseOrders(tx, ctx.tenantId, now, warehouseId) : null,
      shortfall: may("shortfall") ? await readShortfallTrend(tx, ctx.tenantId, now, warehouseId) : null,
      storeDeliveries: may("storeDeliveries") ? await readStoreDeliveries(tx, ctx.tenantId, now) : null,
    };
  });
}

async function readShipNow(tx: Tx, tenantId: string, warehouses: { id: string; code: string; name: string }[], warehouseId?: string): Promise<TDashboardShipNow> {
  const counts = await readOpenOrderCounts(tx, tenantId, warehouseId);
  const units = await readShippableUnits(tx, tenantId, warehouseId);
  const count = (w: string, f: string) => counts.filter((c) => c.warehouse_id === w && c.fulfillability === f).reduce((n, c) => n + c.n, 0);
  const unitsOf = (w: string, f: string) => units.find((u) => u.warehouse_id === w && u.fulfillability === f);
  const byWarehouse = warehouses.map((w) => ({
    warehouseId: w.id,
    code: w.code,
    name: w.name,
    fulfillableOrders: count(w.id, "fulfillable"),
    fulfillableUnits: unitsOf(w.id, "fulfillable")?.remaining ?? 0,
    partiallyFulfillableOrders: count(w.id, "partially_fulfillable"),
    partiallyFulfillableUnits: unitsOf(w.id, "partially_fulfillable")?.allocated ?? 0,
  }));
  const sum = (k: "fulfillableOrders" | "fulfillableUnits" | "partiallyFulfillableOrders" | "partiallyFulfillableUnits") => byWarehouse.reduce((n, w) => n + w[k], 0);
  return {
    fulfillableOrders: sum("fulfillableOrders"),
    fulfillableUnits: sum("fulfillableUnits"),
    partiallyFulfillableOrders: sum("partiallyFulfillableOrders"),
    partiallyFulfillableUnits: sum("partiallyFulfillableUnits"),
    byWarehouse,
  };
}

async function readOverdue(tx: Tx, tenantId: string, now: Date, warehouseId?: string): Promise<TDashboardOverdue> {
  const c = await readOverdueCounts(tx, tenantId, now, warehouseId);
  const oldest = await readOldestOverdue(tx, tenantId, now, warehouseId, OLDEST_OVERDUE);
  return {
    total: c.total,
    fulfillable: c.fulfillable,
    partiallyFulfillable: c.partially_fulfillable,
    backordered: c.backordered,
    onHold: c.on_hold,
    oldest: oldest.map((o) => ({
      id: o.id,
      number: o.number,
      customerName: o.customer_name,
      warehouseId: o.warehouse_id,
      shipBy: o.ship_by.toISOString(),
      status: o.status as TDashboardOverdue["oldest"][number]["status"],
      fulfillability: o.status === "open" || o.status === "partially_shipped" ? (o.fulfillability as TDashboardOverdue["oldest"][number]["fulfillability"]) : null,
      daysOverdue: Math.floor((now.getTime() - o.ship_by.getTime()) / DAY),
    })),
  };
}

/** Monday (UTC) of the week holding `d`. */
function weekStart(d: Date): Date {
  const day = new Date(Math.floor(d.getTime() / DAY) * DAY);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY);
}

async function readPurchaseOrders(tx: Tx, tenantId: string, now: Date, warehouseId?: string): Promise<TDashboardPurchaseOrders> {
  const today = utcDay(now);
  const groups = await readPurchaseOrderArrivals(tx, tenantId, today, warehouseId);
  const items = await readOpenPurchaseOrders(tx, tenantId, PO_ITEMS, warehouseId);
  const first = weekStart(now);
  const arrivals = Array.from({ length: ARRIVAL_WEEKS }, (_, i) => {
    const week = utcDay(new Date(first.getTime() + i * 7 * DAY));
    const g = groups.filter((x) => x.week_start === week);
    return { weekStart: week, units: g.reduce((n, x) => n + x.units, 0), purchaseOrders: g.reduce((n, x) => n + x.pos, 0) };
  });
  return {
    open: groups.reduce((n, g) => n + g.pos, 0),
    late: groups.filter((g) => g.is_late).reduce((n, g) => n + g.pos, 0),
    unitsRemaining: groups.reduce((n, g) => n + g.units, 0),
    items: items.map((p) => ({
      id: p.id,
      number: p.number,
      status: p.status as TDashboardPurchaseOrders["items"][number]["status"],
      supplierName: p.supplier_name,
      warehouseId: p.warehouse_id,
      warehouseCode: p.warehouse_code,
      expectedDate: p.expected_date,
      isLate: p.expected_date !== null && p.expected_date < today,
      unitsRemaining: p.units_remaining,
      waitingOrders: p.waiting_orders,
      waitingUnits: p.waiting_units,
    })),
    arrivals,
    lateUnits: groups.filter((g) => g.is_late).reduce((n, g) => n + g.units, 0),
    undatedUnits: groups.filter((g) => !g.is_late && g.week_start === null).reduce((n, g) => n + g.units, 0),
  };
}

async function readShortfallTrend(tx: Tx, tenantId: string, now: Date, warehouseId?: string): Promise<TDashboardShortfall> {
  const today = utcDay(now);
  const from = utcDay(new Date(Date.parse(today) - (SHORTFALL_TREND_DAYS - 1) * DAY));
  const saved = new Map((await readSnapshots(tx, tenantId, from, today, warehouseId)).map((s) => [s.day, s]));
  const live = await readShortfallNow(tx, tenantId, warehouseId);
  const days = Array.from({ length: SHORTFALL_TREND_DAYS - 1 }, (_, i) => {
    const day = utcDay(new Date(Date.parse(from) + i * DAY));
    const s = saved.get(day);
    return { day, unitsShort: s?.units_short ?? null, netToBuy: s?.net_to_buy ?? null, skusShort: s?.skus_short ?? null, backorderedOrders: s?.backordered_orders ?? null };
  });
  const total = (k: "unitsShort" | "netToBuy" | "skusShort" | "backorderedOrders") => live.reduce((n, w) => n + w[k], 0);
  days.push({ day: today, unitsShort: total("unitsShort"), netToBuy: total("netToBuy"), skusShort: total("skusShort"), backorderedOrders: total("backorderedOrders") });
  return { days };
}

async function readStoreDeliveries(tx: Tx, tenantId: string, now: Date): Promise<TDashboardStoreDeliveries> {
  const rows = await readFailedDeliveries(tx, tenantId, new Date(now.getTime() - FAILED_DELIVERY_DAYS * DAY));
  return {
    sinceDays: FAILED_DELIVERY_DAYS,
    gaveUp: rows.reduce((n, r) => n + r.gave_up, 0),
    retrying: rows.reduce((n, r) => n + r.retrying, 0),
    failedAttempts: rows.reduce((n, r) => n + r.failed_attempts, 0),
    gaveUpAllTime: await countGaveUp(tx, tenantId),
    byChannel: rows.map((r) => ({
      channelId: r.channel_id,
      name: r.name ?? "No channel",
      kind: r.kind as TDashboardStoreDeliveries["byChannel"][number]["kind"],
      gaveUp: r.gave_up,
      retrying: r.retrying,
      failedAttempts: r.failed_attempts,
      lastFailedAt: r.last_failed_at.toISOString(),
    })),
  };
}
