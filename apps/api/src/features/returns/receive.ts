// Receiving a return: in one transaction the stock keys of its restock lines are locked, then
// the return row; the counts are checked against what is still expected (422 naming the line);
// restocked units enter the ledger and the engine hands them to waiting orders by rank at once
// (the bounded recompute PO receipts use, decision 007); damaged and quarantined units are
// recorded on the receipt only and never become available (decision 018). The order's timeline
// and the channel (outbox `return.received`) are told in the same transaction.
import type { TReceiveReturnRequest, TReceiveReturnResponse } from "@bod/contracts/returns";
import { inTenant } from "../../db/client.ts";
import { AppError, notFound } from "../../http/errors.ts";
import type { RequestContext } from "../../http/types.ts";
import { improvedOrders } from "../allocation/improved.ts";
import { recomputeAfterIncrease } from "../allocation/increase.ts";
import { enqueueOutboxEvent } from "../outbox/enqueue.ts";
import { addOrderEvent } from "../orders/write.ts";
import { lockStockKeys, recordStockMovements, sortedKeys } from "../stock/ledger.ts";
import { readReturn } from "./queries.ts";
import { bumpReturn, lockReturn, refuseReturnUnless, type LockedReturn } from "./service.ts";

export const RETURN_RECEIVED = "return.received";

type Line = LockedReturn["lines"][number];

function resolveCounts(r: LockedReturn, input: TReceiveReturnRequest): { line: Line; quantity: number; path: string }[] {
  if (input.receiveAllRemaining) {
    const all = r.lines.filter((l) => l.quantity > l.received).map((line) => ({ line, quantity: line.quantity - line.received, path: "receiveAllRemaining" }));
    if (!all.length) throw new AppError("rule_violation", `Nothing remains to be received on ${r.number}`);
    return all;
  }
  return (input.lines ?? []).map((given, i) => {
    const line = r.lines.find((l) => l.id === given.returnLineId);
    if (!line) throw new AppError("rule_violation", `Not a line of ${r.number}`, [{ path: `lines.${i}.returnLineId`, message: `Not on ${r.number}`, code: "custom" }]);
    return { line, quantity: given.quantity, path: `lines.${i}.quantity` };
  });
}

export function receiveReturn(ctx: RequestContext, returnId: string, input: TReceiveReturnRequest): Promise<TReceiveReturnResponse> {
  return inTenant(ctx, async (tx) => {
    const { tenantId } = ctx;
    // The keys first (the write-path recipe): a return's lines never change, so they can be read before the lock.
    const keyRows = await tx.$queryRaw<{ warehouse_id: string; product_id: string }[]>`
      SELECT DISTINCT l.warehouse_id::text, l.product_id::text FROM return_lines rl JOIN sales_order_lines l ON l.tenant_id = rl.tenant_id AND l.id = rl.order_line_id
      WHERE rl.tenant_id = ${tenantId}::uuid AND rl.return_id = ${returnId}::uuid AND rl.condition = 'restock'`;
    const exists = await tx.return.findUnique({ where: { tenantId_id: { tenantId, id: returnId } }, select: { id: true } });
    if (!exists) throw notFound("Return");
    await lockStockKeys(tx, tenantId, keyRows.map((k) => ({ warehouseId: k.warehouse_id, productId: k.product_id })));
    const r = await lockReturn(tx, ctx, returnId);
    refuseReturnUnless("receive", r);

    const counts = resolveCounts(r, input);
    const over = counts.filter((c) => c.quantity > c.line.quantity - c.line.received);
    if (over.length) {
      throw new AppError(
        "rule_violation",
        over.map((c) => `${c.line.sku} (${c.line.condition}): ${c.quantity} received but ${c.line.quantity - c.line.received} expected`).join("; "),
        over.map((c) => ({ path: c.path, returnLineId: c.line.id, sku: c.line.sku, condition: c.line.condition, remaining: c.line.quantity - c.line.received, requested: c.quantity, message: "More than remains on the return line" })),
      );
    }

    const receipt = await tx.returnReceipt.create({ data: { tenantId, returnId: r.id, createdBy: ctx.userId }, select: { id: true } });
    await tx.returnReceiptLine.createMany({
      data: counts.map((c) => ({ tenantId, receiptId: receipt.id, returnLineId: c.line.id, warehouseId: c.line.warehouseId, productId: c.line.productId, condition: c.line.condition, quantity: c.quantity })),
    });
    for (const c of counts) {
      await tx.$executeRaw`UPDATE return_lines SET quantity_received = quantity_received + ${c.quantity} WHERE tenant_id = ${tenantId}::uuid AND id = ${c.line.id}::uuid`;
    }
    const restock = counts.filter((c) => c.line.condition === "restock");
    // One movement per key (a key increased twice in one call would take the engine's full recompute).
    const perKey = new Map<string, { warehouseId: string; productId: string; quantity: number }>();
    for (const c of restock) {
      const k = `${c.line.warehouseId}|${c.line.productId}`;
      const m = perKey.get(k) ?? { warehouseId: c.line.warehouseId, productId: c.line.productId, quantity: 0 };
      m.quantity += c.quantity;
      perKey.set(k, m);
    }
    const increases = sortedKeys([...perKey.values()]).map((k) => perKey.get(`${k.warehouseId}|${k.productId}`)!);
    await recordStockMovements(
      tx,
      ctx,
      increases.map((m) => ({ ...m, kind: "receipt" as const, reason: `Return ${r.number}`, causeType: "return_receipt", causeId: receipt.id })),
    );
    const complete = r.lines.every((l) => l.received + counts.filter((c) => c.line.id === l.id).reduce((s, c) => s + c.quantity, 0) >= l.quantity);
    await bumpReturn(tx, tenantId, r.id, { status: complete ? "received" : "partially_received" });

    const outcome = await recomputeAfterIncrease(tx, tenantId, increases);
    const summary = await improvedOrders(tx, tenantId, outcome);

    const received = counts.map((c) => ({ returnLineId: c.line.id, orderLineId: c.line.orderLineId, sku: c.line.sku, condition: c.line.condition, quantity: c.quantity }));
    const text = received.map((c) => `${c.quantity} × ${c.sku} (${c.condition})`).join(", ");
    const restocked = restock.reduce((s, c) => s + c.quantity, 0);
    await addOrderEvent(tx, ctx, r.orderId, "return_received", `Return ${r.number} received: ${text}${restocked ? `; ${restocked} unit(s) back in stock` : ""}`, {
      returnId: r.id,
      receiptId: receipt.id,
      number: r.number,
      lines: received,
      status: complete ? "received" : "partially_received",
    });
    await enqueueOutboxEvent(tx, tenantId, RETURN_RECEIVED, { orderId: r.orderId, returnId: r.id, returnNumber: r.number, receiptId: receipt.id, complete, lines: received });
    return { return: await readReturn(tx, ctx, r.id), ...summary };
  });
}
