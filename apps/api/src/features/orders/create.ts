// Creating (importing) orders: resolve channel, warehouse and products, lock the keys the
// lines will take stock from, number the orders, write them, let the engine allocate, and flag
// those that cannot ship on arrival where backorders are refused — by the customer's policy, else
// the channel's setting (docs/decisions/020); a ship-complete customer's orders ship whole. One order
// (the API) or many in one transaction (a batch of store webhooks): the same statements, set-based.
import type { TOrderDetail, TOrderLineInput, ZCreateOrderRequest } from "@bod/contracts/orders";
import type { z } from "zod";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { lockStockKeys } from "../stock/ledger.ts";
import { policiesForEmails } from "../customer-policies/service.ts";
import { readOrderDetail } from "./detail.ts";
import { flattenedKits, splitKitPrice } from "./kits.ts";
import { addOrderEvents, nextNumbers, settleOrders } from "./write.ts";

export const NO_BACKORDERS_TAG = "no-backorders";

type CreateInput = z.output<typeof ZCreateOrderRequest>;

/** Resolves each line's product (by id or SKU) within the tenant; unknown ones are 404 naming the line. */
export async function resolveProducts(tx: Tx, tenantId: string, lines: TOrderLineInput[], path = "lines"): Promise<{ productId: string; sku: string }[]> {
  const ids = lines.flatMap((l) => (l.productId ? [l.productId] : []));
  const skus = lines.flatMap((l) => (l.sku ? [l.sku] : []));
  const products = await tx.product.findMany({ where: { tenantId, OR: [{ id: { in: ids } }, { sku: { in: skus } }] }, select: { id: true, sku: true } });
  const byId = new Map(products.map((p) => [p.id, p]));
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const resolved = lines.map((l, i) => {
    const p = l.productId ? byId.get(l.productId) : bySku.get(l.sku!);
    if (!p) throw new AppError("not_found", "Product not found", [{ path: `${path}.${i}.${l.productId ? "productId" : "sku"}`, message: "No such product" }]);
    return { productId: p.id, sku: p.sku };
  });
  if (new Set(resolved.map((r) => r.productId)).size !== resolved.length) {
    throw new AppError("invalid_input", "A product may appear on at most one line", [{ path, message: "A product may appear on at most one line" }]);
  }
  return resolved;
}

/** What an order imported from a store carries besides the request fields. */
export interface StoreImport {
  /** The store's id of each line, in the order of `input.lines`. */
  externalLineIds: string[];
  storeOrderName: string | null;
  storeUpdatedAt: Date;
}

export interface ChannelForOrders {
  id: string;
  name: string;
  acceptsBackorders: boolean;
  defaultFulfillmentMode: "ship_partial" | "ship_complete" | null;
}

/** An order ready to write: its products resolved, its warehouse known. */
export interface NewOrder {
  externalId: string | null;
  warehouseId: string;
  customerName: string;
  customerEmail: string | null;
  shippingAddress: string | null;
  orderDate: Date;
  shipBy: Date | null;
  priority: number;
  fulfillmentMode: "ship_partial" | "ship_complete" | null;
  tags: string[];
  shippingCents: number;
  taxCents: number;
  storeOrderName: string | null;
  storeUpdatedAt: Date | null;
  lines: { productId: string; quantity: number; unitPriceCents: number; externalLineId: string | null }[];
}

export function createOrder(ctx: RequestContext, input: CreateInput): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => readOrderDetail(tx, ctx, await createOrderInTx(tx, ctx, input)));
}

/** Creates the order of a request in the caller's transaction; returns its id. */
export async function createOrderInTx(tx: Tx, ctx: RequestContext, input: CreateInput, store?: StoreImport): Promise<string> {
  const tenantId = ctx.tenantId;
  const channel = await tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId, id: input.channelId } }, select: { id: true, name: true, acceptsBackorders: true, defaultFulfillmentMode: true, defaultWarehouseId: true } });
  if (!channel) throw notFound("Channel");
  const warehouseId = input.warehouseId ?? channel.defaultWarehouseId;
  if (input.warehouseId && !(await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: warehouseId } }, select: { id: true } }))) throw notFound("Warehouse");
  if (input.externalId) {
    const existing = await tx.salesOrder.findUnique({ where: { tenantId_channelId_externalId: { tenantId, channelId: channel.id, externalId: input.externalId } }, select: { number: true } });
    if (existing) throw new AppError("conflict", `Order ${input.externalId} of this channel was already imported as ${existing.number}`, { externalId: input.externalId, number: existing.number });
  }
  const products = await resolveProducts(tx, tenantId, input.lines);
  const [id] = await insertOrders(tx, ctx, channel, [
    {
      externalId: input.externalId ?? null,
      warehouseId,
      customerName: input.customerName,
      customerEmail: input.customerEmail ?? null,
      shippingAddress: input.shippingAddress ?? null,
      orderDate: input.orderDate ? new Date(input.orderDate) : new Date(),
      shipBy: input.shipBy ? new Date(input.shipBy) : null,
      priority: input.priority,
      fulfillmentMode: input.fulfillmentMode ?? null,
      tags: [...new Set(input.tags ?? [])],
      shippingCents: input.shippingCents ?? 0,
      taxCents: input.taxCents ?? 0,
      storeOrderName: store?.storeOrderName ?? null,
      storeUpdatedAt: store?.storeUpdatedAt ?? null,
      lines: input.lines.map((l, i) => ({ productId: products[i]!.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents, externalLineId: store?.externalLineIds[i] ?? null })),
    },
  ]);
  return id!;
}

/**
 * Writes orders of one channel in the caller's transaction and lets the engine allocate them
 * (the write-path recipe, once for all of them). Returns their ids in the order given.
 */
export async function insertOrders(tx: Tx, ctx: RequestContext, channel: ChannelForOrders, orders: NewOrder[]): Promise<string[]> {
  const tenantId = ctx.tenantId;
  if (!orders.length) return [];
  // A line for a kit is written as its kit and one line per (flattened) component.
  const kitsOf = await flattenedKits(tx, tenantId, [...new Set(orders.flatMap((o) => o.lines.map((l) => l.productId)))]);
  const written = orders.map((o) => writtenLines(o, kitsOf));
  // Recipe: lock the keys the new lines take stock from before anything that depends on stock.
  await lockStockKeys(tx, tenantId, orders.flatMap((o, i) => written[i]!.lines.map((l) => ({ warehouseId: o.warehouseId, productId: l.productId }))));
  const numbers = await nextNumbers(tx, tenantId, "sales_order", "SO-", orders.length);
  const fallbackMode =
    channel.defaultFulfillmentMode ?? (orders.some((o) => !o.fulfillmentMode) ? (await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { defaultFulfillmentMode: true } })).defaultFulfillmentMode : "ship_partial");
  // The customer's policy overrides the channel's: refuse, accept, or ship complete (unless the order names its mode).
  const policies = await policiesForEmails(tx, tenantId, orders.map((o) => o.customerEmail));
  const policyOf = orders.map((o) => (o.customerEmail ? policies.get(o.customerEmail.trim().toLowerCase()) : undefined));
  const modeOf = (o: NewOrder, i: number) => o.fulfillmentMode ?? (policyOf[i] === "ship_complete" ? "ship_complete" : fallbackMode);
  const col = <T>(f: (o: NewOrder, i: number) => T) => orders.map(f);
  const inserted = await tx.$queryRaw<{ id: string; number: string }[]>`
    INSERT INTO sales_orders (tenant_id, number, channel_id, external_id, warehouse_id, customer_name, customer_email, shipping_address, order_date, ship_by,
      priority, fulfillment_mode, tags, shipping_cents, tax_cents, paid_cents, store_order_name, store_updated_at)
    SELECT ${tenantId}::uuid, v.number, ${channel.id}::uuid, v.external_id, v.warehouse_id, v.customer_name, v.customer_email, v.shipping_address, v.order_date, v.ship_by,
      v.priority, v.mode::"FulfillmentMode", coalesce(string_to_array(nullif(v.tags, ''), chr(31)), '{}'), v.shipping, v.tax, v.paid, v.store_name, v.store_updated
    FROM unnest(${numbers}::text[], ${col((o) => o.externalId)}::text[], ${col((o) => o.warehouseId)}::uuid[], ${col((o) => o.customerName)}::text[], ${col((o) => o.customerEmail)}::text[],
      ${col((o) => o.shippingAddress)}::text[], ${col((o) => o.orderDate)}::timestamptz[], ${col((o) => o.shipBy)}::timestamptz[], ${col((o) => o.priority)}::int[],
      ${col(modeOf)}::text[], ${col((o) => o.tags.join("\u001f"))}::text[], ${col((o) => o.shippingCents)}::int[], ${col((o) => o.taxCents)}::int[],
      ${col((o) => o.lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0) + o.shippingCents + o.taxCents)}::int[], ${col((o) => o.storeOrderName)}::text[], ${col((o) => o.storeUpdatedAt)}::timestamptz[])
      AS v(number, external_id, warehouse_id, customer_name, customer_email, shipping_address, order_date, ship_by, priority, mode, tags, shipping, tax, paid, store_name, store_updated)
    RETURNING id::text, number`;
  const idOf = new Map(inserted.map((r) => [r.number, r.id]));
  const ids = numbers.map((n) => idOf.get(n)!);
  const kitRows = written.flatMap((w, i) => w.kits.map((k) => ({ ...k, orderId: ids[i]! })));
  const kitIds = new Map<string, string>();
  if (kitRows.length) {
    const rows = await tx.$queryRaw<{ id: string; order_id: string; position: number }[]>`
      INSERT INTO sales_order_kits (tenant_id, order_id, position, product_id, quantity, unit_price_cents, external_line_id)
      SELECT ${tenantId}::uuid, v.order_id, v.position, v.product_id, v.quantity, v.price, v.external_line_id
      FROM unnest(${kitRows.map((k) => k.orderId)}::uuid[], ${kitRows.map((k) => k.position)}::int[], ${kitRows.map((k) => k.productId)}::uuid[],
        ${kitRows.map((k) => k.quantity)}::int[], ${kitRows.map((k) => k.unitPriceCents)}::int[], ${kitRows.map((k) => k.externalLineId)}::text[])
        AS v(order_id, position, product_id, quantity, price, external_line_id)
      RETURNING id::text, order_id::text, position`;
    for (const r of rows) kitIds.set(`${r.order_id}|${r.position}`, r.id);
  }
  const lines = orders.flatMap((o, i) =>
    written[i]!.lines.map((l, n) => ({
      ...l,
      orderId: ids[i]!,
      lineNo: n + 1,
      warehouseId: o.warehouseId,
      orderDate: o.orderDate,
      kitId: l.kitPosition === null ? null : kitIds.get(`${ids[i]!}|${l.kitPosition}`)!,
    })),
  );
  await tx.$executeRaw`
    INSERT INTO sales_order_lines (tenant_id, order_id, line_no, product_id, warehouse_id, quantity_ordered, unit_price_cents, rank_order_date, external_line_id, kit_id, per_kit)
    SELECT ${tenantId}::uuid, v.order_id, v.line_no, v.product_id, v.warehouse_id, v.quantity, v.price, v.order_date, v.external_line_id, v.kit_id, v.per_kit
    FROM unnest(${lines.map((l) => l.orderId)}::uuid[], ${lines.map((l) => l.lineNo)}::int[], ${lines.map((l) => l.productId)}::uuid[], ${lines.map((l) => l.warehouseId)}::uuid[],
      ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.unitPriceCents)}::int[], ${lines.map((l) => l.orderDate)}::timestamptz[], ${lines.map((l) => l.externalLineId)}::text[],
      ${lines.map((l) => l.kitId)}::uuid[], ${lines.map((l) => l.perKit)}::int[])
      AS v(order_id, line_no, product_id, warehouse_id, quantity, price, order_date, external_line_id, kit_id, per_kit)`;
  await settleOrders(tx, tenantId, ids);
  await addOrderEvents(
    tx,
    ctx,
    orders.map((o, i) => ({
      orderId: ids[i]!,
      type: "imported",
      message: `Imported from ${channel.name}${o.externalId ? ` (${o.storeOrderName ?? o.externalId})` : ""} with ${o.lines.length} line(s)${policyOf[i] ? `; customer policy: ${POLICY_WORDS[policyOf[i]!]}` : ""}`,
      data: { channelId: channel.id, externalId: o.externalId, via: ctx.via, ...(policyOf[i] ? { customerPolicy: policyOf[i] } : {}) },
    })),
  );
  const refused = ids.flatMap((id, i) => (policyOf[i] === "refuse" || (policyOf[i] === undefined && !channel.acceptsBackorders) ? [{ id, byCustomer: policyOf[i] === "refuse" }] : []));
  if (refused.length) await flagUnpromised(tx, ctx, channel, refused);
  return ids;
}

interface WrittenLine {
  productId: string;
  quantity: number;
  unitPriceCents: number;
  externalLineId: string | null;
  /** the position of its kit among the order's lines, null for a line that is not a kit component */
  kitPosition: number | null;
  perKit: number | null;
}

/** An order's lines as written: each kit line becomes its kit row and its components' lines. */
function writtenLines(order: NewOrder, kitsOf: Map<string, { productId: string; quantity: number }[]>) {
  const kits: { position: number; productId: string; quantity: number; unitPriceCents: number; externalLineId: string | null }[] = [];
  const lines: WrittenLine[] = [];
  order.lines.forEach((l, n) => {
    const components = kitsOf.get(l.productId);
    if (!components?.length) {
      lines.push({ ...l, kitPosition: null, perKit: null });
      return;
    }
    kits.push({ position: n + 1, productId: l.productId, quantity: l.quantity, unitPriceCents: l.unitPriceCents, externalLineId: l.externalLineId });
    const { prices } = splitKitPrice(l.unitPriceCents, components);
    components.forEach((c, i) =>
      lines.push({ productId: c.productId, quantity: l.quantity * c.quantity, unitPriceCents: prices[i]!, externalLineId: null, kitPosition: n + 1, perKit: c.quantity }),
    );
  });
  return { kits, lines };
}

const POLICY_WORDS = { accept: "accept backorders", refuse: "refuse backorders", ship_complete: "ship complete" } as const;

/**
 * Orders that cannot ship on arrival where backorders are refused (the customer's policy, or the
 * channel's setting when the customer has none) are tagged for a manager.
 */
async function flagUnpromised(tx: Tx, ctx: RequestContext, channel: ChannelForOrders, refused: { id: string; byCustomer: boolean }[]) {
  const ids = refused.map((r) => r.id);
  const byCustomer = new Set(refused.filter((r) => r.byCustomer).map((r) => r.id));
  const flagged = await tx.$queryRaw<{ id: string; fulfillability: string | null }[]>`
    UPDATE sales_orders SET tags = array_append(tags, ${NO_BACKORDERS_TAG})
    WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ANY(${ids}::uuid[]) AND fulfillability IS DISTINCT FROM 'fulfillable' AND NOT (${NO_BACKORDERS_TAG} = ANY(tags))
    RETURNING id::text, fulfillability::text`;
  await addOrderEvents(
    tx,
    ctx,
    flagged.map((f) => ({
      orderId: f.id,
      type: "tagged",
      message: `${byCustomer.has(f.id) ? "The customer's backorder policy refuses backorders" : `${channel.name} does not accept backorders`} and this order is ${f.fulfillability?.replace("_", " ") ?? "not fulfillable"} on arrival: tagged "${NO_BACKORDERS_TAG}" for a manager to decide`,
      data: { add: [NO_BACKORDERS_TAG], fulfillability: f.fulfillability, refusedBy: byCustomer.has(f.id) ? "customer_policy" : "channel" },
    })),
  );
}
