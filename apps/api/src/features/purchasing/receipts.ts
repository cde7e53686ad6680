// Receiving against a purchase order: in one transaction the PO's stock keys are locked, the
// receipt recorded, stock moved through the ledger, the PO's quantities and status updated,
// and the keys recomputed, so the waiting orders take the new units by rank at once.
import type { z } from "zod";
import type { TPostReceiptResponse, ZPostReceiptRequest } from "@bod/contracts/purchasing";
import { inTenant } from "../../db/client.ts";
import { AppError } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { recomputeAfterIncrease } from "../allocation/increase.ts";
import { improvedOrders } from "../allocation/improved.ts";
import { recordStockMovements } from "../stock/ledger.ts";
import { bumpPurchaseOrder, lockPurchaseOrder, refuseUnless, type LockedPurchaseOrder } from "./po-write.ts";
import { readPurchaseOrder, readReceipts } from "./po-read.ts";

type ReceiptInput = z.output<typeof ZPostReceiptRequest>;
type PoLine = LockedPurchaseOrder["lines"][number];

/** What each PO line receives now, from the request's lines (by product id, SKU or barcode) or everything remaining. */
function resolveLines(po: LockedPurchaseOrder, input: ReceiptInput): { line: PoLine; quantity: number; path: string }[] {
  if (input.receiveAllRemaining) {
    const all = po.lines.filter((l) => l.ordered > l.received).map((line) => ({ line, quantity: line.ordered - line.received, path: "receiveAllRemaining" }));
    if (all.length === 0) throw new AppError("rule_violation", `Nothing remains to be received on ${po.number}`);
    return all;
  }
  const merged = new Map<string, { line: PoLine; quantity: number; path: string }>();
  for (const [i, given] of (input.lines ?? []).entries()) {
    const line = po.lines.find((l) =>
      given.productId !== undefined ? l.productId === given.productId : given.sku !== undefined ? l.sku.toLowerCase() === given.sku.toLowerCase() : l.barcode !== null && l.barcode === given.barcode,
    );
    if (!line) {
      const named = given.sku !== undefined ? `SKU ${given.sku}` : given.barcode !== undefined ? `barcode ${given.barcode}` : `product ${given.productId}`;
      const field = given.sku !== undefined ? "sku" : given.barcode !== undefined ? "barcode" : "productId";
      throw new AppError("rule_violation", `${named} is not on ${po.number}`, [{ path: `lines.${i}.${field}`, message: `Not on ${po.number}`, code: "custom" }]);
    }
    const seen = merged.get(line.id);
    if (seen) seen.quantity += given.quantity;
    else merged.set(line.id, { line, quantity: given.quantity, path: `lines.${i}.quantity` });
  }
  return [...merged.values()];
}

export function receivePurchaseOrder(ctx: RequestContext, poId: string, input: ReceiptInput): Promise<TPostReceiptResponse> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    const po = await lockPurchaseOrder(tx, ctx, poId);
    if (po.status === "draft") throw new AppError("rule_violation", `${po.number} is a draft: submit it before receiving`);
    refuseUnless("receive", po);

    const receiving = resolveLines(po, input);
    if (!input.allowOverReceipt) {
      const over = receiving.filter((r) => r.quantity > r.line.ordered - r.line.received);
      if (over.length) {
        throw new AppError(
          "rule_violation",
          over.map((r) => `${r.line.sku}: ${r.quantity} received but ${Math.max(0, r.line.ordered - r.line.received)} remaining`).join("; ") + " (send allowOverReceipt: true to accept more)",
          over.map((r) => ({ path: r.path, sku: r.line.sku, remaining: Math.max(0, r.line.ordered - r.line.received), requested: r.quantity, message: "More than remains on the line" })),
        );
      }
    }

    const receipt = await tx.receipt.create({ data: { tenantId, purchaseOrderId: po.id, createdBy: ctx.userId }, select: { id: true } });
    await tx.receiptLine.createMany({ data: receiving.map((r) => ({ tenantId, receiptId: receipt.id, purchaseOrderLineId: r.line.id, quantity: r.quantity })) });
    for (const r of receiving) {
      await tx.$executeRaw`UPDATE purchase_order_lines SET quantity_received = quantity_received + ${r.quantity} WHERE tenant_id = ${tenantId}::uuid AND id = ${r.line.id}::uuid`;
    }
    await recordStockMovements(
      tx,
      ctx,
      receiving.map((r) => ({
        warehouseId: po.warehouseId,
        productId: r.line.productId,
        kind: "receipt" as const,
        quantity: r.quantity,
        reason: `Receipt for ${po.number}`,
        causeType: "receipt",
        causeId: receipt.id,
      })),
    );
    const now = new Map(receiving.map((r) => [r.line.id, r.quantity]));
    const complete = po.lines.every((l) => l.received + (now.get(l.id) ?? 0) >= l.ordered);
    await bumpPurchaseOrder(tx, tenantId, po.id, { status: complete ? "received" : "partially_received" });

    // Only the lines the new units can reach are read (allocation/increase.ts).
    const outcome = await recomputeAfterIncrease(
      tx,
      tenantId,
      receiving.map((r) => ({ warehouseId: po.warehouseId, productId: r.line.productId, quantity: r.quantity, supply: { id: r.line.id, openBefore: Math.max(0, r.line.ordered - r.line.received) } })),
    );
    const [created] = await readReceipts(tx, tenantId, { id: receipt.id });
    return {
      receipt: created!,
      purchaseOrder: await readPurchaseOrder(tx, ctx, po.id),
      ...(await improvedOrders(tx, tenantId, outcome)),
    };
  });
}
