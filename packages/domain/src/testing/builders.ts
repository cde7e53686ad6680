import type { AllocationPolicy, EngineInput, EngineLine, EngineOrder, EngineStock, IncomingSupply, OrderStatus } from "../types.ts";

/** Test builders: scenarios read as warehouse stories, not as object literals. */

export const DAY = 86_400_000;
export const day = (n: number) => Date.UTC(2025, 0, 1) + n * DAY;

export interface LineSpec {
  id?: string;
  sku: string;
  qty: number;
  hard?: number;
  warehouse?: string;
}

export interface OrderSpec {
  id: string;
  status?: OrderStatus;
  priority?: number;
  shipBy?: number | null;
  orderDate?: number;
  lines: LineSpec[];
}

export function buildOrder(spec: OrderSpec): { order: EngineOrder; lines: EngineLine[] } {
  const order: EngineOrder = {
    id: spec.id,
    status: spec.status ?? "open",
    priority: spec.priority ?? 0,
    shipBy: spec.shipBy ?? null,
    orderDate: spec.orderDate ?? day(0),
  };
  const lines = spec.lines.map((l, i) => ({
    id: l.id ?? `${spec.id}-${i + 1}`,
    orderId: spec.id,
    warehouseId: l.warehouse ?? "main",
    productId: l.sku,
    remaining: l.qty,
    hardAllocated: l.hard ?? 0,
  }));
  return { order, lines };
}

export function buildInput(options: {
  policy?: AllocationPolicy;
  stock: Record<string, number> | EngineStock[];
  orders: OrderSpec[];
  incoming?: IncomingSupply[];
  preorders?: EngineInput["preorders"];
}): EngineInput {
  const built = options.orders.map(buildOrder);
  const stock = Array.isArray(options.stock)
    ? options.stock
    : Object.entries(options.stock).map(([sku, onHand]) => ({ warehouseId: "main", productId: sku, onHand }));
  return {
    policy: options.policy ?? "strict_priority",
    orders: built.map((b) => b.order),
    lines: built.flatMap((b) => b.lines),
    stock,
    incoming: options.incoming ?? [],
    preorders: options.preorders ?? [],
  };
}

export function buildSupply(spec: Partial<IncomingSupply> & { id: string; sku: string; quantity: number }): IncomingSupply {
  return {
    id: spec.id,
    warehouseId: spec.warehouseId ?? "main",
    productId: spec.sku,
    quantity: spec.quantity,
    expectedDate: spec.expectedDate ?? null,
    links: spec.links ?? [],
  };
}
