import { fulfillabilityLevel } from "../fulfillability.ts";
import { stockKey, type EngineInput, type EngineResult } from "../types.ts";

/** Result as plain sorted entries, so two results compare regardless of Map insertion order. */
export function plainResult(result: EngineResult) {
  const byKey = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { lines: byKey(result.lines), orders: byKey(result.orders) };
}

export function onHandAt(input: EngineInput, key: string): number {
  return input.stock.filter((s) => stockKey(s.warehouseId, s.productId) === key).reduce((sum, s) => sum + s.onHand, 0);
}

export function withOnHand(input: EngineInput, key: string, onHand: number): EngineInput {
  return {
    ...input,
    stock: input.stock.map((s) => (stockKey(s.warehouseId, s.productId) === key ? { ...s, onHand } : s)),
  };
}

export function keysOf(input: EngineInput): string[] {
  return input.stock.map((s) => stockKey(s.warehouseId, s.productId));
}

/** Lines of `orderIds` whose allocation went down, or orders whose fulfillability got worse, between two results. */
export function worsened(before: EngineResult, after: EngineResult, input: EngineInput, exceptOrder?: string): string[] {
  const problems: string[] = [];
  for (const line of input.lines) {
    if (line.orderId === exceptOrder) continue;
    const a = before.lines.get(line.id)!.allocated;
    const b = after.lines.get(line.id)!.allocated;
    if (b < a) problems.push(`line ${line.id} ${a} -> ${b}`);
  }
  for (const order of input.orders) {
    if (order.id === exceptOrder) continue;
    const a = fulfillabilityLevel(before.orders.get(order.id)!.fulfillability);
    const b = fulfillabilityLevel(after.orders.get(order.id)!.fulfillability);
    if (b < a) problems.push(`order ${order.id} ${a} -> ${b}`);
  }
  return problems;
}
