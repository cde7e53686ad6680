// Creating (importing) an order: resolve channel, warehouse and products, lock the keys
// the lines will take stock from, number the order, write it, let the engine allocate,
// and flag it when its channel does not accept backorders and it cannot ship on arrival.
import type { TOrderDetail, TOrderLineInput, ZCreateOrderRequest } from "@bod/contracts/orders";
import type { z } from "zod";
import { inTenant, type Tx } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { lockStockKeys } from "../stock/ledger.ts";
import { readOrderDetail } from "./detail.ts";
import { addOrderEvent, nextNumber, settleOrders } from "./write.ts";

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

export function createOrder(ctx: RequestContext, input: CreateInput): Promise<TOrderDetail> {
  return inTenant(ctx, async (tx) => readOrderDetail(tx, ctx.tenantId, await createOrderInTx(tx, ctx, input)));
}

/** Creates the order in the caller's transaction; returns its id. */
export async function createOrderInTx(tx: Tx, ctx: RequestContext, input: CreateInput, store?: StoreImport): Promise<string> {
  const tenantId = ctx.tenantId;
  const channel = await tx.salesChannel.findUnique({ where: { tenantId_id: { tenantId, id: input.channelId } } });
  if (!channel) throw notFound("Channel");
  const warehouseId = input.warehouseId ?? channel.defaultWarehouseId;
  if (input.warehouseId && !(await tx.warehouse.findUnique({ where: { tenantId_id: { tenantId, id: warehouseId } }, select: { id: true } }))) throw notFound("Warehouse");
  if (input.externalId) {
    const existing = await tx.salesOrder.findUnique({ where: { tenantId_channelId_externalId: { tenantId, channelId: channel.id, externalId: input.externalId } }, select: { number: true } });
    if (existing) throw new AppError("conflict", `Order ${input.externalId} of this channel was already imported as ${existing.number}`, { externalId: input.externalId, number: existing.number });
  }
  const products = await resolveProducts(tx, tenantId, input.lines);

  // Recipe: lock the keys the new lines take stock from before anything that depends on stock.
  await lockStockKeys(tx, tenantId, products.map((p) => ({ warehouseId, productId: p.productId })));

  const number = await nextNumber(tx, tenantId, "sales_order", "SO-");
  const orderDate = input.orderDate ? new Date(input.orderDate) : new Date();
  const shipBy = input.shipBy ? new Date(input.shipBy) : null;
  const order = await tx.salesOrder.create({
    data: {
      tenantId,
      number,
      channelId: channel.id,
      externalId: input.externalId ?? null,
      warehouseId,
      customerName: input.customerName,
      customerEmail: input.customerEmail ?? null,
      shippingAddress: input.shippingAddress ?? null,
      orderDate,
      shipBy,
      priority: input.priority,
      fulfillmentMode: input.fulfillmentMode ?? channel.defaultFulfillmentMode ?? (await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { defaultFulfillmentMode: true } })).defaultFulfillmentMode,
      tags: [...new Set(input.tags ?? [])],
      shippingCents: input.shippingCents ?? 0,
      taxCents: input.taxCents ?? 0,
      paidCents: input.lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0) + (input.shippingCents ?? 0) + (input.taxCents ?? 0),
      storeOrderName: store?.storeOrderName ?? null,
      storeUpdatedAt: store?.storeUpdatedAt ?? null,
    },
    select: { id: true },
  });
  await tx.salesOrderLine.createMany({
    data: input.lines.map((l, i) => ({
      tenantId,
      orderId: order.id,
      lineNo: i + 1,
      productId: products[i]!.productId,
      warehouseId,
      quantityOrdered: l.quantity,
      unitPriceCents: l.unitPriceCents,
      rankOrderDate: orderDate,
      externalLineId: store?.externalLineIds[i] ?? null,
    })),
  });
  await settleOrders(tx, tenantId, [order.id]);
  await addOrderEvent(tx, ctx, order.id, "imported", `Imported from ${channel.name}${input.externalId ? ` (${input.externalId})` : ""} with ${input.lines.length} line(s)`, {
    channelId: channel.id,
    externalId: input.externalId ?? null,
    via: ctx.via,
  });

  if (!channel.acceptsBackorders) {
    const stored = await tx.salesOrder.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: order.id } }, select: { fulfillability: true, tags: true } });
    if (stored.fulfillability !== "fulfillable") {
      await tx.salesOrder.update({ where: { tenantId_id: { tenantId, id: order.id } }, data: { tags: [...new Set([...stored.tags, NO_BACKORDERS_TAG])] } });
      await addOrderEvent(
        tx,
        ctx,
        order.id,
        "tagged",
        `${channel.name} does not accept backorders and this order is ${stored.fulfillability?.replace("_", " ") ?? "not fulfillable"} on arrival: tagged "${NO_BACKORDERS_TAG}" for a manager to decide`,
        { add: [NO_BACKORDERS_TAG], fulfillability: stored.fulfillability },
      );
    }
  }
  return order.id;
}
