// What the fake Shopify does when an app calls a mutation, with Shopify's rules: a fulfillment
// takes at most each fulfillment order line item's remainingQuantity, only from OPEN or
// IN_PROGRESS fulfillment orders of one order at one location; a hold on some line items splits
// the fulfillment order (the held one keeps its id, the rest moves to a new one); holds are
// released by id; refunds stay within what was bought and paid; stock is set with
// compare-and-swap. Refusals are userErrors with the field path and code Shopify uses; nothing
// is changed when any part of the input is refused.
import { parseGid } from "./shopify-gid.ts";
import { parseCents } from "./money.ts";
import type { ShopFulfillment, ShopFulfillmentOrder, ShopHold, ShopRefund } from "./shopify-model.ts";
import type { ShopifyStore } from "./shopify-state.ts";

export interface UserErrorOut {
  field: string[] | null;
  message: string;
  code?: string | null;
}

const err = (field: (string | number)[] | null, message: string, code?: string): UserErrorOut => ({ field: field?.map(String) ?? null, message, ...(code === undefined ? {} : { code }) });

// ---- fulfillmentCreate ----------------------------------------------------------------------

interface FulfillmentInputArg {
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: { company?: string | null; number?: string | null; numbers?: string[] | null; url?: string | null; urls?: string[] | null } | null;
}

export function createFulfillment(store: ShopifyStore, input: FulfillmentInputArg, message: string | null): { fulfillment: ShopFulfillment | null; userErrors: UserErrorOut[] } {
  const refuse = (m: string) => ({ fulfillment: null, userErrors: [err(["fulfillment"], m)] });
  if (!input.lineItemsByFulfillmentOrder.length) return refuse("Line items by fulfillment order can't be blank.");
  const plan: { fo: ShopFulfillmentOrder; take: Map<number, number> }[] = [];
  for (const entry of input.lineItemsByFulfillmentOrder) {
    const foId = parseGid(entry.fulfillmentOrderId, "FulfillmentOrder");
    const fo = foId === null ? undefined : store.fulfillmentOrders.get(foId);
    if (!fo) return refuse("Fulfillment order does not exist.");
    if (plan.some((p) => p.fo.id === fo.id)) return refuse("Fulfillment orders must be unique.");
    if (fo.status !== "OPEN" && fo.status !== "IN_PROGRESS") return refuse(`Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`);
    const take = new Map<number, number>();
    if (!entry.fulfillmentOrderLineItems?.length) {
      for (const l of fo.lineItems) if (l.remainingQuantity > 0) take.set(l.id, l.remainingQuantity);
    } else {
      for (const item of entry.fulfillmentOrderLineItems) {
        const id = parseGid(item.id, "FulfillmentOrderLineItem");
        const foli = fo.lineItems.find((l) => l.id === id);
        if (!foli) return refuse("Fulfillment order line item does not exist.");
        const total = (take.get(foli.id) ?? 0) + item.quantity;
        if (item.quantity <= 0 || total > foli.remainingQuantity) return refuse("Invalid fulfillment order line item quantity requested.");
        take.set(foli.id, total);
      }
    }
    if (![...take.values()].some((q) => q > 0)) return refuse("Invalid fulfillment order line item quantity requested.");
    plan.push({ fo, take });
  }
  const first = plan[0]!.fo;
  if (plan.some((p) => p.fo.orderId !== first.orderId)) return refuse("All fulfillment orders must belong to the same order.");
  if (plan.some((p) => p.fo.locationId !== first.locationId)) return refuse("All fulfillment orders must be assigned to the same location.");

  const order = store.mustOrder(first.orderId);
  const byLine = new Map<number, number>();
  for (const { fo, take } of plan) {
    releaseCommitted(store, fo, take);
    for (const foli of fo.lineItems) {
      const q = take.get(foli.id) ?? 0;
      foli.remainingQuantity -= q;
      if (q) byLine.set(foli.lineItemId, (byLine.get(foli.lineItemId) ?? 0) + q);
    }
    store.settleStatus(fo);
  }
  const now = store.clock.now();
  const t = input.trackingInfo;
  const numbers = [...(t?.number ? [t.number] : []), ...(t?.numbers ?? [])];
  const urls = [...(t?.url ? [t.url] : []), ...(t?.urls ?? [])];
  const tracking = numbers.length ? numbers.map((n, i) => ({ company: t?.company ?? null, number: n, url: urls[i] ?? null })) : t?.company || urls.length ? [{ company: t?.company ?? null, number: null, url: urls[0] ?? null }] : [];
  const fulfillment: ShopFulfillment = {
    id: store.nextId("Fulfillment"),
    orderId: order.id,
    name: `${order.name}.${store.fulfillmentsOf(order.id).length + 1}`,
    status: "SUCCESS",
    locationId: first.locationId,
    notifyCustomer: input.notifyCustomer ?? false,
    message,
    tracking,
    fulfillmentOrderIds: plan.map((p) => p.fo.id),
    lineItems: [...byLine].map(([lineItemId, quantity]) => ({ id: store.nextId("FulfillmentLineItem"), lineItemId, quantity })),
    createdAt: now,
    updatedAt: now,
  };
  store.fulfillments.set(fulfillment.id, fulfillment);
  store.touch(order);
  return { fulfillment, userErrors: [] };
}

/** Shipped units leave stock: committed (and so on_hand) goes down, available stays. */
function releaseCommitted(store: ShopifyStore, fo: ShopFulfillmentOrder, take: Map<number, number>) {
  store.commitStock(fo, -1, take);
  const order = store.mustOrder(fo.orderId);
  for (const foli of fo.lineItems) {
    const q = take.get(foli.id) ?? 0;
    const li = order.lineItems.find((l) => l.id === foli.lineItemId);
    const variant = li?.variantId ? store.variants.get(li.variantId) : undefined;
    const level = variant && store.inventoryItems.get(variant.inventoryItemId)?.levels.get(fo.locationId);
    if (level && q) level.available -= q;
  }
}

// ---- fulfillmentOrderHold / fulfillmentOrderReleaseHold --------------------------------------

interface HoldInputArg {
  reason: string;
  reasonNotes?: string | null;
  handle?: string | null;
  externalId?: string | null;
  notifyMerchant?: boolean | null;
  fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null;
}

const HOLDABLE = new Set(["OPEN", "IN_PROGRESS", "ON_HOLD", "SCHEDULED"]);
const MAX_HOLDS_PER_APP = 10;

export function holdFulfillmentOrder(store: ShopifyStore, foGid: string, input: HoldInputArg) {
  const none = { fulfillmentHold: null as ShopHold | null, fulfillmentOrder: null as ShopFulfillmentOrder | null, remainingFulfillmentOrder: null as ShopFulfillmentOrder | null };
  const refuse = (e: UserErrorOut) => ({ ...none, userErrors: [e] });
  const foId = parseGid(foGid, "FulfillmentOrder");
  const fo = foId === null ? undefined : store.fulfillmentOrders.get(foId);
  if (!fo) return refuse(err(["id"], "Fulfillment order could not be found.", "FULFILLMENT_ORDER_NOT_FOUND"));
  if (!HOLDABLE.has(fo.status)) return refuse(err(["id"], `Fulfillment order can't be placed on hold when its status is ${fo.status}.`, undefined));
  const ours = fo.holds.filter((h) => h.byThisApp);
  if (ours.length >= MAX_HOLDS_PER_APP) return refuse(err(["id"], "The maximum number of fulfillment holds for this fulfillment order has been reached for this app.", "FULFILLMENT_ORDER_HOLD_LIMIT_REACHED"));
  const handle = input.handle ?? "";
  if (ours.some((h) => h.handle === handle)) return refuse(err(["fulfillmentHold", "handle"], "The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.", "DUPLICATE_FULFILLMENT_HOLD_HANDLE"));

  const held = new Map<number, number>();
  for (const [i, item] of (input.fulfillmentOrderLineItems ?? []).entries()) {
    const id = parseGid(item.id, "FulfillmentOrderLineItem");
    const foli = fo.lineItems.find((l) => l.id === id);
    const field = ["fulfillmentHold", "fulfillmentOrderLineItems", String(i)];
    if (foli && held.has(foli.id)) return refuse(err(field, "The fulfillment order line items must be unique.", "DUPLICATED_FULFILLMENT_ORDER_LINE_ITEMS"));
    if (item.quantity <= 0) return refuse(err([...field, "quantity"], "Quantity must be greater than zero.", "GREATER_THAN_ZERO"));
    if (!foli || item.quantity > foli.remainingQuantity) return refuse(err([...field, "quantity"], "The line item quantity is invalid.", "INVALID_LINE_ITEM_QUANTITY"));
    held.set(foli.id, item.quantity);
  }
  const splits = held.size > 0 && fo.lineItems.some((l) => l.remainingQuantity > (held.get(l.id) ?? 0));
  if (splits && fo.status === "ON_HOLD") return refuse(err(["id"], "The fulfillment order is not in a splittable state.", "FULFILLMENT_ORDER_NOT_SPLITTABLE"));

  const remainingFulfillmentOrder = splits ? splitOff(store, fo, held) : null;
  const hold: ShopHold = {
    id: store.nextId("FulfillmentHold"),
    handle,
    reason: input.reason,
    reasonNotes: input.reasonNotes ?? null,
    externalId: input.externalId ?? null,
    notifyMerchant: input.notifyMerchant ?? false,
    byThisApp: true,
    createdAt: store.clock.now(),
  };
  fo.holds.push(hold);
  store.settleStatus(fo);
  store.touch(store.mustOrder(fo.orderId));
  return { fulfillmentHold: hold, fulfillmentOrder: fo, remainingFulfillmentOrder, userErrors: [] as UserErrorOut[] };
}

/** Moves every remaining unit not in `keep` to a new OPEN fulfillment order at the same location. */
function splitOff(store: ShopifyStore, fo: ShopFulfillmentOrder, keep: Map<number, number>): ShopFulfillmentOrder {
  const now = store.clock.now();
  const rest: ShopFulfillmentOrder = { id: store.nextId("FulfillmentOrder"), orderId: fo.orderId, locationId: fo.locationId, status: "OPEN", lineItems: [], holds: [], createdAt: now, updatedAt: now };
  for (const foli of fo.lineItems) {
    const moving = foli.remainingQuantity - (keep.get(foli.id) ?? 0);
    if (moving <= 0) continue;
    rest.lineItems.push({ id: store.nextId("FulfillmentOrderLineItem"), lineItemId: foli.lineItemId, totalQuantity: moving, remainingQuantity: moving });
    foli.remainingQuantity -= moving;
    foli.totalQuantity -= moving;
  }
  fo.lineItems = fo.lineItems.filter((l) => l.totalQuantity > 0);
  store.fulfillmentOrders.set(rest.id, rest);
  return rest;
}

export function releaseHolds(store: ShopifyStore, foGid: string, holdIds: string[] | null | undefined) {
  const foId = parseGid(foGid, "FulfillmentOrder");
  const fo = foId === null ? undefined : store.fulfillmentOrders.get(foId);
  if (!fo) return { fulfillmentOrder: null, userErrors: [err(["id"], "Fulfillment order could not be found.", "FULFILLMENT_ORDER_NOT_FOUND")] };
  let releasing: ShopHold[];
  if (holdIds === null || holdIds === undefined) releasing = [...fo.holds];
  else {
    const ids = new Set(holdIds.map((h) => parseGid(h, "FulfillmentHold")));
    releasing = fo.holds.filter((h) => ids.has(h.id));
    if (releasing.some((h) => !h.byThisApp)) return { fulfillmentOrder: null, userErrors: [err(["holdIds"], "The app doesn't have access to release this fulfillment hold.", "INVALID_ACCESS")] };
  }
  if (releasing.length) {
    fo.holds = fo.holds.filter((h) => !releasing.includes(h));
    store.settleStatus(fo);
    store.touch(store.mustOrder(fo.orderId));
  }
  return { fulfillmentOrder: fo, userErrors: [] as UserErrorOut[] };
}

// ---- refundCreate ----------------------------------------------------------------------------

interface RefundInputArg {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  currency?: string | null;
  allowOverRefunding?: boolean | null;
  shipping?: { amount?: string | null; fullRefund?: boolean | null } | null;
  refundLineItems?: { lineItemId: string; quantity: number; restockType?: string | null; locationId?: string | null }[] | null;
  transactions?: { orderId: string; parentId?: string | null; amount: string; gateway: string; kind: string }[] | null;
}

export function createRefund(store: ShopifyStore, input: RefundInputArg): { refund: ShopRefund | null; userErrors: UserErrorOut[] } {
  const refuse = (field: (string | number)[], message: string) => ({ refund: null, userErrors: [err(field, message)] });
  const orderId = parseGid(input.orderId, "Order");
  const order = orderId === null ? undefined : store.orders.get(orderId);
  if (!order) return refuse(["orderId"], "Order does not exist.");
  if (input.currency && input.currency !== order.currency) return refuse(["currency"], `Currency must match the order's currency (${order.currency}).`);

  const lines: { lineItemId: number; quantity: number; restockType: string; locationId: number | null }[] = [];
  for (const [i, rli] of (input.refundLineItems ?? []).entries()) {
    const lineItemId = parseGid(rli.lineItemId, "LineItem");
    const li = order.lineItems.find((l) => l.id === lineItemId);
    if (!li) return refuse(["refundLineItems", i, "lineItemId"], "Line item does not exist.");
    const already = lines.filter((l) => l.lineItemId === li.id).reduce((s, l) => s + l.quantity, 0);
    if (rli.quantity < 1) return refuse(["refundLineItems", i, "quantity"], "Quantity must be greater than 0.");
    if (already + rli.quantity > li.quantity - li.refundedQuantity) return refuse(["refundLineItems", i, "quantity"], "Quantity cannot refund more items than were purchased.");
    const locationId = rli.locationId ? parseGid(rli.locationId, "Location") : null;
    if (rli.locationId && (locationId === null || !store.locations.has(locationId))) return refuse(["refundLineItems", i, "locationId"], "Location does not exist.");
    lines.push({ lineItemId: li.id, quantity: rli.quantity, restockType: rli.restockType ?? "RETURN", locationId });
  }

  const shippingLeft = order.shippingCents - order.refundedShippingCents;
  let shippingCents = 0;
  if (input.shipping?.fullRefund) shippingCents = shippingLeft;
  else if (input.shipping?.amount !== undefined && input.shipping?.amount !== null) {
    const cents = parseCents(input.shipping.amount);
    if (cents === null) return refuse(["shipping", "amount"], "Amount is invalid.");
    if (cents > shippingLeft) return refuse(["shipping", "amount"], `Shipping refund amount must be less than or equal to ${(shippingLeft / 100).toFixed(2)}.`);
    shippingCents = cents;
  }

  const money: { parentId: number; amountCents: number; gateway: string }[] = [];
  for (const [i, t] of (input.transactions ?? []).entries()) {
    const field = ["transactions", i];
    if (parseGid(t.orderId, "Order") !== order.id) return refuse([...field, "orderId"], "Transaction must belong to the refunded order.");
    if (t.kind !== "REFUND") return refuse([...field, "kind"], "Transaction kind must be refund.");
    const parentId = t.parentId ? parseGid(t.parentId, "OrderTransaction") : null;
    const parent = parentId === null ? undefined : store.transactions.get(parentId);
    if (!parent || parent.orderId !== order.id || parent.status !== "SUCCESS" || (parent.kind !== "SALE" && parent.kind !== "CAPTURE")) return refuse([...field, "parentId"], "Parent transaction must be a successful sale or capture of this order.");
    if (t.gateway !== parent.gateway) return refuse([...field, "gateway"], `Gateway must match the parent transaction's gateway (${parent.gateway}).`);
    const cents = parseCents(t.amount);
    if (cents === null || cents <= 0) return refuse([...field, "amount"], "Amount must be greater than 0.");
    const refundedFromParent = [...store.transactions.values()].filter((x) => x.parentId === parent.id && x.kind === "REFUND" && x.status === "SUCCESS").reduce((s, x) => s + x.amountCents, 0);
    const pendingFromParent = money.filter((m) => m.parentId === parent.id).reduce((s, m) => s + m.amountCents, 0);
    const left = parent.amountCents - refundedFromParent - pendingFromParent;
    if (cents > left && !input.allowOverRefunding) return refuse([...field, "amount"], `Amount cannot be greater than the refundable amount of ${(left / 100).toFixed(2)}.`);
    money.push({ parentId: parent.id, amountCents: cents, gateway: parent.gateway });
  }

  for (const line of lines) applyRefundedUnits(store, order.id, line);
  order.refundedShippingCents += shippingCents;
  const transactionIds = money.map((m) => store.addTransaction({ orderId: order.id, kind: "REFUND", status: "SUCCESS", gateway: m.gateway, amountCents: m.amountCents, parentId: m.parentId, test: order.test }).id);
  const refund: ShopRefund = {
    id: store.nextId("Refund"),
    orderId: order.id,
    note: input.note ?? null,
    lineItems: lines.map((l) => ({ id: store.nextId("RefundLineItem"), ...l, subtotalCents: (order.lineItems.find((li) => li.id === l.lineItemId)?.priceCents ?? 0) * l.quantity })),
    shippingCents,
    transactionIds,
    createdAt: store.clock.now(),
  };
  store.refunds.set(refund.id, refund);
  store.touch(order);
  return { refund, userErrors: [] };
}

/** Refunded units leave the order; unfulfilled ones leave its fulfillment orders; restocks return to stock. */
function applyRefundedUnits(store: ShopifyStore, orderId: number, line: { lineItemId: number; quantity: number; restockType: string; locationId: number | null }) {
  const order = store.mustOrder(orderId);
  const li = order.lineItems.find((l) => l.id === line.lineItemId)!;
  li.refundedQuantity += line.quantity;
  li.removedQuantity += line.quantity;
  const fromOpen = store.takeFromFulfillmentOrders(orderId, li.id, line.quantity);
  const variant = li.variantId ? store.variants.get(li.variantId) : undefined;
  const item = variant ? store.inventoryItems.get(variant.inventoryItemId) : undefined;
  const level = item?.levels.get(line.locationId ?? store.defaultLocation().id);
  if (!level) return;
  // takeFromFulfillmentOrders returned the unshipped units to available; NO_RESTOCK takes them out of stock.
  if (line.restockType === "NO_RESTOCK") level.available -= fromOpen;
  else level.available += line.quantity - fromOpen;
}

// ---- orderUpdate ----------------------------------------------------------------------------

interface OrderInputArg {
  id: string;
  email?: string | null;
  note?: string | null;
  phone?: string | null;
  poNumber?: string | null;
  tags?: string[] | null;
  shippingAddress?: { address1?: string | null; address2?: string | null; city?: string | null; company?: string | null; countryCode?: string | null; firstName?: string | null; lastName?: string | null; phone?: string | null; provinceCode?: string | null; zip?: string | null } | null;
}

export function updateOrder(store: ShopifyStore, input: OrderInputArg) {
  const orderId = parseGid(input.id, "Order");
  const order = orderId === null ? undefined : store.orders.get(orderId);
  if (!order) return { order: null, userErrors: [err(["id"], "Order does not exist")] };
  if (input.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(input.email)) return { order: null, userErrors: [err(["email"], "Email is invalid")] };
  const a = input.shippingAddress;
  store.updateOrder(order.id, {
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.tags !== undefined && input.tags !== null ? { tags: input.tags } : {}),
    ...(a ? { shippingAddress: { ...a, countryCode: a.countryCode ?? null, provinceCode: a.provinceCode ?? null } } : {}),
  });
  return { order, userErrors: [] as UserErrorOut[] };
}

// ---- inventorySetQuantities ------------------------------------------------------------------

/** Shopify's documented reasons for inventory changes. */
export const INVENTORY_REASONS = new Set([
  "correction", "cycle_count_available", "damaged", "movement_canceled", "movement_created", "movement_received", "movement_updated", "other",
  "promotion", "quality_control", "received", "reservation_created", "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
]);

interface SetQuantitiesArg {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: { inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity?: number | null }[];
}

const validReferenceUri = (uri: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(uri) && (!uri.startsWith("gid://") || /^gid:\/\/[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(uri));

export function setInventoryQuantities(store: ShopifyStore, input: SetQuantitiesArg) {
  const refuse = (field: (string | number)[], message: string, code: string) => ({ inventoryAdjustmentGroup: null, userErrors: [err(["input", ...field], message, code)] });
  if (input.name !== "available" && input.name !== "on_hand") return refuse(["name"], "The quantity name must be either 'available' or 'on_hand'.", "INVALID_NAME");
  if (!INVENTORY_REASONS.has(input.reason)) return refuse(["reason"], "The specified reason is invalid.", "INVALID_REASON");
  if (input.referenceDocumentUri && !validReferenceUri(input.referenceDocumentUri)) return refuse(["referenceDocumentUri"], "The specified reference document is invalid.", "INVALID_REFERENCE_DOCUMENT");
  const seen = new Set<string>();
  const plan: { level: { available: number; committed: number; updatedAt: Date }; itemId: number; locationId: number; quantity: number }[] = [];
  for (const [i, q] of input.quantities.entries()) {
    const field = ["quantities", i];
    if (!("changeFromQuantity" in q)) return refuse([...field, "changeFromQuantity"], "The changeFromQuantity field must be given for each quantity (null skips the compare-and-swap check).", "COMPARE_QUANTITY_REQUIRED");
    const itemId = parseGid(q.inventoryItemId, "InventoryItem");
    const item = itemId === null ? undefined : store.inventoryItems.get(itemId);
    if (!item) return refuse([...field, "inventoryItemId"], "The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM");
    const locationId = parseGid(q.locationId, "Location");
    if (locationId === null || !store.locations.has(locationId)) return refuse([...field, "locationId"], "The specified location could not be found.", "INVALID_LOCATION");
    const level = item.levels.get(locationId);
    if (!level) return refuse([...field, "locationId"], "The specified inventory item is not stocked at the location.", "ITEM_NOT_STOCKED_AT_LOCATION");
    if (seen.has(`${itemId}:${locationId}`)) return refuse(field, "The combination of inventoryItemId and locationId must be unique.", "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR");
    seen.add(`${itemId}:${locationId}`);
    if (q.quantity > 1_000_000_000) return refuse([...field, "quantity"], "The total quantity can't be higher than 1,000,000,000.", "INVALID_QUANTITY_TOO_HIGH");
    if (q.quantity < -1_000_000_000) return refuse([...field, "quantity"], "The total quantity can't be lower than -1,000,000,000.", "INVALID_QUANTITY_TOO_LOW");
    if (input.name === "on_hand" && q.quantity < 0) return refuse([...field, "quantity"], "The quantity can't be negative.", "INVALID_QUANTITY_NEGATIVE");
    const current = input.name === "available" ? level.available : level.available + level.committed;
    if (q.changeFromQuantity !== null && q.changeFromQuantity !== undefined && q.changeFromQuantity !== current) return refuse([...field, "changeFromQuantity"], "The changeFromQuantity value does not match persisted value.", "CHANGE_FROM_QUANTITY_STALE");
    plan.push({ level, itemId: item.id, locationId, quantity: q.quantity });
  }
  const now = store.clock.now();
  const changes = plan.flatMap(({ level, itemId, locationId, quantity }) => {
    const before = input.name === "available" ? level.available : level.available + level.committed;
    const delta = quantity - before;
    level.available += delta;
    level.updatedAt = now;
    return [
      { inventoryItemId: itemId, locationId, name: "available", delta, quantityAfterChange: level.available },
      { inventoryItemId: itemId, locationId, name: "on_hand", delta, quantityAfterChange: level.available + level.committed },
    ];
  });
  const group = { id: store.nextId("InventoryAdjustmentGroup"), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, changes, createdAt: now };
  store.adjustmentGroups.set(group.id, group);
  return { inventoryAdjustmentGroup: group, userErrors: [] as UserErrorOut[] };
}
