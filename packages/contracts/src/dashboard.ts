// The dashboard at `/`: what can ship now, what is overdue, what waits on which purchase orders,
// the shortfall trend and the messages to stores that failed. Each section is null for a role that
// may not open the screen it summarises (DASHBOARD_SECTION_ROLES), so the API and the SPA agree.
import { z } from "zod";
import { ZDateOnly, ZDateTime, ZId } from "./common.ts";
import { ZFulfillability, ZOrderStatus } from "./order-list.ts";
import { ZPurchaseOrderStatus } from "./purchasing.ts";
import { ZChannelKind } from "./channels.ts";
import { ROLE_GROUPS } from "./roles.ts";
import type { TRole } from "./common.ts";

export const DASHBOARD_SECTIONS = ["shipNow", "overdue", "purchaseOrders", "shortfall", "storeDeliveries"] as const;
export type TDashboardSection = (typeof DASHBOARD_SECTIONS)[number];

/** Who sees each section: the roles that may open the screen behind it (the backorder report, Integrations). */
export const DASHBOARD_SECTION_ROLES: Record<TDashboardSection, readonly TRole[]> = {
  shipNow: ROLE_GROUPS.everyone,
  overdue: ROLE_GROUPS.everyone,
  purchaseOrders: ROLE_GROUPS.everyone,
  shortfall: ROLE_GROUPS.purchasing,
  storeDeliveries: ROLE_GROUPS.managers,
};

/** Days of the shortfall trend (today included) and of the failed-deliveries window. */
export const SHORTFALL_TREND_DAYS = 30;
export const FAILED_DELIVERY_DAYS = 7;
/** Weeks of purchase-order arrivals shown ahead (this week included). */
export const ARRIVAL_WEEKS = 8;

export const ZDashboardQuery = z.object({ warehouseId: ZId.optional() }).strict();
export type TDashboardQuery = z.infer<typeof ZDashboardQuery>;

const ZShipNowRow = z.object({
  /** Open orders (open, partially shipped) whose every remaining unit is allocated, and those units. */
  fulfillableOrders: z.number(),
  fulfillableUnits: z.number(),
  /** Open orders with some units allocated; `partiallyFulfillableUnits` of theirs are allocated now. */
  partiallyFulfillableOrders: z.number(),
  partiallyFulfillableUnits: z.number(),
});

export const ZDashboardShipNow = ZShipNowRow.extend({
  byWarehouse: z.array(ZShipNowRow.extend({ warehouseId: ZId, code: z.string(), name: z.string() })),
});

export const ZOverdueOrder = z.object({
  id: ZId,
  number: z.string(),
  customerName: z.string(),
  warehouseId: ZId,
  shipBy: ZDateTime,
  status: ZOrderStatus,
  fulfillability: ZFulfillability.nullable(),
  /** Whole days since the ship-by date. */
  daysOverdue: z.number(),
});

export const ZDashboardOverdue = z.object({
  /** Ship-by passed, not shipped or cancelled (the orders desk's `shipBy=overdue`). */
  total: z.number(),
  /** Open orders (open, partially shipped) by fulfillability; held orders apart. */
  fulfillable: z.number(),
  partiallyFulfillable: z.number(),
  backordered: z.number(),
  onHold: z.number(),
  /** The longest overdue, oldest ship-by first. */
  oldest: z.array(ZOverdueOrder),
});

export const ZDashboardPurchaseOrder = z.object({
  id: ZId,
  number: z.string(),
  status: ZPurchaseOrderStatus,
  supplierName: z.string(),
  warehouseId: ZId,
  warehouseCode: z.string(),
  expectedDate: ZDateOnly.nullable(),
  /** Expected before today and not fully received. */
  isLate: z.boolean(),
  unitsRemaining: z.number(),
  /** Orders linked to the PO that still wait (an active line short), and their units still short, up to the linked quantity. */
  waitingOrders: z.number(),
  waitingUnits: z.number(),
});

export const ZDashboardPurchaseOrders = z.object({
  /** Ordered or partially received. */
  open: z.number(),
  late: z.number(),
  unitsRemaining: z.number(),
  /** The open POs, late ones and earliest expected first (undated last), at most 20. */
  items: z.array(ZDashboardPurchaseOrder),
  /** Units still to arrive, by the week (Monday, UTC) of their expected date, this week and the next ones. */
  arrivals: z.array(z.object({ weekStart: ZDateOnly, units: z.number(), purchaseOrders: z.number() })),
  /** Units on late POs and on POs with no expected date (not in `arrivals`). */
  lateUnits: z.number(),
  undatedUnits: z.number(),
});

export const ZShortfallPoint = z.object({
  day: ZDateOnly,
  /** null: no snapshot was taken that day. */
  unitsShort: z.number().nullable(),
  netToBuy: z.number().nullable(),
  skusShort: z.number().nullable(),
  backorderedOrders: z.number().nullable(),
});

export const ZDashboardShortfall = z.object({
  /** Oldest first; the last point is today, computed now. */
  days: z.array(ZShortfallPoint),
});

export const ZDashboardStoreDeliveries = z.object({
  sinceDays: z.number(),
  /** Messages that gave up (no more attempts) and messages still retrying after a failed attempt, in the window. */
  gaveUp: z.number(),
  retrying: z.number(),
  failedAttempts: z.number(),
  /** Every message that gave up and waits for an admin (retry or discard), whenever it failed. */
  gaveUpAllTime: z.number(),
  byChannel: z.array(
    z.object({ channelId: ZId.nullable(), name: z.string(), kind: ZChannelKind.nullable(), gaveUp: z.number(), retrying: z.number(), failedAttempts: z.number(), lastFailedAt: ZDateTime }),
  ),
});

export const ZDashboard = z.object({
  generatedAt: ZDateTime,
  warehouseId: ZId.nullable(),
  shipNow: ZDashboardShipNow.nullable(),
  overdue: ZDashboardOverdue.nullable(),
  purchaseOrders: ZDashboardPurchaseOrders.nullable(),
  shortfall: ZDashboardShortfall.nullable(),
  storeDeliveries: ZDashboardStoreDeliveries.nullable(),
});
export type TDashboard = z.infer<typeof ZDashboard>;
export type TDashboardShipNow = z.infer<typeof ZDashboardShipNow>;
export type TDashboardOverdue = z.infer<typeof ZDashboardOverdue>;
export type TDashboardPurchaseOrders = z.infer<typeof ZDashboardPurchaseOrders>;
export type TDashboardShortfall = z.infer<typeof ZDashboardShortfall>;
export type TShortfallPoint = z.infer<typeof ZShortfallPoint>;
export type TDashboardStoreDeliveries = z.infer<typeof ZDashboardStoreDeliveries>;

export const canSeeDashboardSection = (role: TRole, section: TDashboardSection) => DASHBOARD_SECTION_ROLES[section].includes(role);
