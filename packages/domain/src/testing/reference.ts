import { compareRank, isAllocatingStatus } from "../ranking.ts";
import { stockKey, type EngineInput, type EngineLine } from "../types.ts";

/**
 * A deliberately naive restatement of DESIGN.md's allocation rules (objects,
 * sorts and loops, no indexes), used as an oracle for the fast engine.
 */
export function referenceAllocation(input: EngineInput): Map<string, number> {
  const orders = new Map(input.orders.map((o) => [o.id, o]));
  const sorted = [...input.lines].sort((a, b) => compareRank(orders.get(a.orderId)!, orders.get(b.orderId)!) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const left = new Map<string, number>();
  for (const s of input.stock) left.set(stockKey(s.warehouseId, s.productId), (left.get(stockKey(s.warehouseId, s.productId)) ?? 0) + s.onHand);
  for (const l of input.lines) {
    const k = stockKey(l.warehouseId, l.productId);
    left.set(k, (left.get(k) ?? 0) - l.hardAllocated);
  }
  for (const [k, v] of left) left.set(k, Math.max(0, v));
  const allocated = new Map(input.lines.map((l) => [l.id, l.hardAllocated]));
  const takes = (l: EngineLine) => isAllocatingStatus(orders.get(l.orderId)!.status);
  const key = (l: EngineLine) => stockKey(l.warehouseId, l.productId);

  if (input.policy === "complete_orders_first") {
    const rankedOrders = [...input.orders].sort(compareRank).filter((o) => isAllocatingStatus(o.status));
    for (const order of rankedOrders) {
      const own = sorted.filter((l) => l.orderId === order.id);
      const needAt = new Map<string, number>();
      for (const l of own) needAt.set(key(l), (needAt.get(key(l)) ?? 0) + l.remaining - l.hardAllocated);
      if ([...needAt].every(([k, need]) => need <= left.get(k)!)) {
        for (const [k, need] of needAt) left.set(k, left.get(k)! - need);
        for (const l of own) allocated.set(l.id, l.remaining);
      }
    }
  }
  // In rank order; a kit (lines sharing kitId) at its first line: as many whole kits as every
  // component can complete from what it holds plus what is left at its key.
  const handledKits = new Set<string>();
  for (const l of sorted) {
    if (!takes(l)) continue;
    if (l.kitId !== undefined) {
      if (handledKits.has(l.kitId)) continue;
      handledKits.add(l.kitId);
      const parts = sorted.filter((c) => c.kitId === l.kitId);
      const per = (c: EngineLine) => c.perKit ?? 1;
      const wanted = Math.min(...parts.map((c) => Math.floor(c.remaining / per(c))));
      const whole = Math.min(wanted, ...parts.map((c) => Math.floor((allocated.get(c.id)! + left.get(key(c))!) / per(c))));
      for (const c of parts) {
        const target = Math.max(allocated.get(c.id)!, whole * per(c));
        left.set(key(c), left.get(key(c))! - (target - allocated.get(c.id)!));
        allocated.set(c.id, target);
      }
      continue;
    }
    const need = l.remaining - allocated.get(l.id)!;
    const take = Math.max(0, Math.min(need, left.get(key(l))!));
    allocated.set(l.id, allocated.get(l.id)! + take);
    left.set(key(l), left.get(key(l))! - take);
  }
  return allocated;
}
