/**
 * Benchmark of the fulfillability engine's full recompute.
 *
 *   node --import tsx scripts/bench/engine.ts --part full
 *
 * Builds 1,000,000 open lines over 100,000 (warehouse, SKU) keys and ~400,000
 * orders with UUID ids from a seeded PRNG, then times (median of 5 runs after a
 * warm-up):
 * - computeFulfillabilityIndexed: what a full recompute from the database uses;
 *   ids are mapped to integers once while loading rows (done here before timing,
 *   like a loader would), so the engine sees typed columns only;
 * - computeFulfillabilityColumns / computeFulfillability: the string API, which
 *   maps ids itself on every call (and, for the latter, builds the result Maps).
 * Reports peak RSS, the machine and its load. The last line printed is one JSON object.
 */
import os from "node:os";
import { pathToFileURL } from "node:url";
import { computeFulfillability, computeFulfillabilityColumns, computeFulfillabilityIndexed } from "@bod/domain/fulfillability";
import { isAllocatingStatus } from "@bod/domain/ranking";
import type {
  EngineInput,
  EngineLine,
  EngineOrder,
  EngineResult,
  EngineStock,
  IncomingSupply,
  IndexedEngineInput,
  PreorderRestock,
} from "@bod/domain/types";
import { createRandom as seeded } from "../../apps/api/src/demo/random.ts";

const createRandom = (seed: number) => seeded(seed).next;

export interface FullRecomputeBench {
  full_recompute_ms: number;
  peak_rss_mb: number;
}

export interface BenchSize {
  lines: number;
  warehouses: number;
  productsPerWarehouse: number;
  supplies: number;
  preorderProducts: number;
}

const DEFAULT_SIZE: BenchSize = {
  lines: 1_000_000,
  warehouses: 4,
  productsPerWarehouse: 25_000,
  supplies: 20_000,
  preorderProducts: 500,
};

/** A fresh flat copy of a string, like a value decoded from a database row. */
function flat(s: string): string {
  return Buffer.from(s, "latin1").toString("latin1");
}

export function buildBenchInput(size: BenchSize = DEFAULT_SIZE, seed = 20240601): EngineInput {
  const random = createRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pad = (n: number) => n.toString().padStart(7, "0");
  // Ids are UUIDs like the database's, as separate flat strings per row (what
  // the pg driver hands over), not shared or concatenated strings.
  const hex = (digits: number) => {
    let out = "";
    for (let i = 0; i < digits; i += 4) out += Math.floor(random() * 65536).toString(16).padStart(4, "0");
    return out.slice(0, digits);
  };
  const uuid = () => flat(`${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`);
  const day = 86_400_000;
  const start = Date.UTC(2024, 0, 1);

  const warehouseIds = Array.from({ length: size.warehouses }, () => uuid());
  const productIds = Array.from({ length: size.productsPerWarehouse }, () => uuid());
  const keyCount = size.warehouses * size.productsPerWarehouse;

  const stock: EngineStock[] = [];
  for (const warehouseId of warehouseIds) {
    for (const productId of productIds) stock.push({ warehouseId: flat(warehouseId), productId: flat(productId), onHand: int(0, 25) });
  }

  const orders: EngineOrder[] = [];
  const lines: EngineLine[] = [];
  while (lines.length < size.lines) {
    const id = uuid();
    const roll = random();
    orders.push({
      id,
      status: roll < 0.9 ? "open" : roll < 0.95 ? "partially_shipped" : "on_hold",
      priority: random() < 0.95 ? 0 : int(1, 3),
      shipBy: random() < 0.3 ? start + int(0, 90) * day : null,
      orderDate: start + int(0, 60 * 86_400) * 1000,
    });
    const lineCount = Math.min(int(1, 4), size.lines - lines.length);
    for (let l = 0; l < lineCount; l++) {
      const key = int(0, keyCount - 1);
      const remaining = int(1, 5);
      lines.push({
        id: uuid(),
        orderId: flat(id),
        warehouseId: flat(warehouseIds[Math.floor(key / size.productsPerWarehouse)]!),
        productId: flat(productIds[key % size.productsPerWarehouse]!),
        remaining,
        hardAllocated: random() < 0.1 ? int(0, remaining) : 0,
      });
    }
  }

  const incoming: IncomingSupply[] = [];
  for (let s = 0; s < size.supplies; s++) {
    const key = int(0, keyCount - 1);
    const line = lines[int(0, lines.length - 1)]!;
    incoming.push({
      id: `po-${pad(s)}`,
      warehouseId: warehouseIds[Math.floor(key / size.productsPerWarehouse)]!,
      productId: productIds[key % size.productsPerWarehouse]!,
      quantity: int(5, 60),
      expectedDate: random() < 0.9 ? start + int(60, 120) * day : null,
      links:
        random() < 0.2
          ? [{ lineId: line.id, quantity: line.remaining }].filter(
              () => line.productId === productIds[key % size.productsPerWarehouse],
            )
          : [],
    });
  }
  const preorders: PreorderRestock[] = [];
  for (let p = 0; p < size.preorderProducts; p++) {
    preorders.push({ productId: productIds[int(0, productIds.length - 1)]!, restockDate: start + int(90, 200) * day, quantity: int(10, 200) });
  }
  return { policy: "strict_priority", orders, lines, stock, incoming, preorders };
}

function rssMb(): number {
  return process.memoryUsage().rss / 1_048_576;
}

function median(times: number[]): number {
  const sorted = times.slice().sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
}

/**
 * The integer-indexed input a database loader builds while reading rows: each
 * order, line, key, supply and product gets a number once; the id order (what
 * `ORDER BY id` gives) becomes the tiebreak. Not part of the timed recompute.
 */
export function toIndexedInput(input: EngineInput): IndexedEngineInput {
  const idOrder = (ids: string[]) => {
    const byId = Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const tiebreak = new Int32Array(ids.length);
    byId.forEach((i, position) => (tiebreak[i] = position));
    return tiebreak;
  };
  const { orders, lines, stock } = input;
  const orderNo = new Map(orders.map((o, i) => [o.id, i]));
  const keyNo = new Map<string, number>();
  const productNo = new Map<string, number>();
  const keyProduct: number[] = [];
  const key = (warehouseId: string, productId: string, create: boolean) => {
    const name = `${warehouseId}|${productId}`;
    let k = keyNo.get(name);
    if (k === undefined && create) {
      keyNo.set(name, (k = keyNo.size));
      let p = productNo.get(productId);
      if (p === undefined) productNo.set(productId, (p = productNo.size));
      keyProduct.push(p);
    }
    return k ?? -1;
  };
  stock.forEach((s) => key(s.warehouseId, s.productId, true));
  const lineKey = Int32Array.from(lines, (l) => key(l.warehouseId, l.productId, true));
  const onHand = new Int32Array(keyNo.size);
  stock.forEach((s) => (onHand[key(s.warehouseId, s.productId, false)]! += s.onHand));
  const lineNo = new Map(lines.map((l, i) => [l.id, i]));
  const incoming = input.incoming ?? [];
  const linkStart = new Int32Array(incoming.length + 1);
  incoming.forEach((s, i) => (linkStart[i + 1] = linkStart[i]! + s.links.length));
  const links = incoming.flatMap((s) => s.links);
  const preorders = input.preorders ?? [];
  return {
    policy: input.policy,
    orders: {
      priority: Int32Array.from(orders, (o) => o.priority),
      shipBy: Float64Array.from(orders, (o) => (o.shipBy === null ? NaN : o.shipBy)),
      orderDate: Float64Array.from(orders, (o) => o.orderDate),
      tiebreak: idOrder(orders.map((o) => o.id)),
      allocating: Uint8Array.from(orders, (o) => (isAllocatingStatus(o.status) ? 1 : 0)),
    },
    lines: {
      orderIndex: Int32Array.from(lines, (l) => orderNo.get(l.orderId)!),
      keyIndex: lineKey,
      remaining: Int32Array.from(lines, (l) => l.remaining),
      hard: Int32Array.from(lines, (l) => l.hardAllocated),
      tiebreak: idOrder(lines.map((l) => l.id)),
    },
    keys: { onHand, product: Int32Array.from(keyProduct) },
    supplies: {
      keyIndex: Int32Array.from(incoming, (s) => key(s.warehouseId, s.productId, false)),
      quantity: Int32Array.from(incoming, (s) => s.quantity),
      expectedDate: Float64Array.from(incoming, (s) => (s.expectedDate === null ? NaN : s.expectedDate)),
      tiebreak: idOrder(incoming.map((s) => s.id)),
      linkStart,
      linkLine: Int32Array.from(links, (l) => lineNo.get(l.lineId) ?? -1),
      linkQuantity: Int32Array.from(links, (l) => l.quantity),
    },
    preorders: {
      product: Int32Array.from(preorders, (p) => productNo.get(p.productId) ?? -1),
      restockDate: Float64Array.from(preorders, (p) => p.restockDate),
      quantity: Int32Array.from(preorders, (p) => p.quantity),
    },
  };
}

/**
 * full_recompute_ms: computeFulfillabilityIndexed (ranking, allocation,
 * projected dates, order fulfillability over typed columns; what a full
 * recompute from the database runs).
 * string_api_ms: computeFulfillability, the string API (maps ids on every call
 * and builds the Map<lineId, …> / Map<orderId, …> result, 1.4 M Map entries).
 * string_columns_ms: computeFulfillabilityColumns (string input, column output).
 */
export function runFullRecomputeBench(
  options: { runs?: number; size?: BenchSize; log?: (s: string) => void } = {},
): FullRecomputeBench & { string_api_ms: number; string_columns_ms: number } {
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  let peakRss = rssMb();
  let input = buildBenchInput(options.size);
  peakRss = Math.max(peakRss, rssMb());
  log(`input: ${input.lines.length} lines, ${input.orders.length} orders, ${input.stock.length} keys, ${input.incoming?.length ?? 0} supplies, ${input.preorders?.length ?? 0} preorder restocks`);
  const loadStart = performance.now();
  const indexedInput = toIndexedInput(input);
  log(`ids to integers (once, as while loading rows; not timed below): ${(performance.now() - loadStart).toFixed(0)} ms`);
  peakRss = Math.max(peakRss, rssMb());

  const time = (label: string, fn: () => void) => {
    const warm = performance.now();
    fn();
    log(`${label} warm-up: ${(performance.now() - warm).toFixed(1)} ms`);
    peakRss = Math.max(peakRss, rssMb());
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
      peakRss = Math.max(peakRss, rssMb());
    }
    log(`${label} runs: ${times.map((t) => t.toFixed(1)).join(", ")} ms`);
    return median(times);
  };

  // String API first: it needs the row objects. Its results are kept as columns
  // to check the indexed entry point against them.
  const columnsMs = time("string input, columns", () => {
    computeFulfillabilityColumns(input);
  });
  const mapsMs = time("string API (result Maps)", () => {
    computeFulfillability(input);
  });
  let viaStrings = computeFulfillability(input);
  const codeOf = { backordered: 0, partially_fulfillable: 1, fulfillable: 2 } as const;
  const lineResult = (i: number) => viaStrings.lines.get(input.lines[i]!.id)!;
  const orderResult = (o: number) => viaStrings.orders.get(input.orders[o]!.id)!;
  const expectedAllocated = Float64Array.from(input.lines, (_, i) => lineResult(i).allocated);
  const expectedLineDate = Float64Array.from(input.lines, (_, i) => lineResult(i).projectedDate ?? NaN);
  const expectedCode = Int8Array.from(input.orders, (_, o) => {
    const f = orderResult(o).fulfillability;
    return f === null ? -1 : codeOf[f];
  });
  const expectedOrderDate = Float64Array.from(input.orders, (_, o) => orderResult(o).projectedDate ?? NaN);

  // A full recompute from the database holds typed columns plus the id strings
  // (to write results back by id), not a million row objects: drop the objects
  // so the indexed timing does not pay for marking them.
  const orderIds = input.orders.map((o) => o.id);
  const lineIds = input.lines.map((l) => l.id);
  input = null as unknown as EngineInput;
  viaStrings = null as unknown as EngineResult;
  const indexedMs = time("indexed", () => {
    computeFulfillabilityIndexed(indexedInput);
  });

  // Both entry points must agree (checked outside the timings).
  const indexed = computeFulfillabilityIndexed(indexedInput);
  let mismatches = 0;
  const same = (a: number, b: number) => a === b || (a !== a && b !== b);
  for (let i = 0; i < lineIds.length; i++) {
    if (!same(expectedAllocated[i]!, indexed.lineAllocated[i]!) || !same(expectedLineDate[i]!, indexed.lineProjectedDate[i]!)) mismatches++;
  }
  let fulfillable = 0;
  for (let o = 0; o < orderIds.length; o++) {
    if (indexed.orderFulfillability[o] === 2) fulfillable++;
    if (expectedCode[o] !== indexed.orderFulfillability[o] || !same(expectedOrderDate[o]!, indexed.orderProjectedDate[o]!)) mismatches++;
  }
  log(`fulfillable orders: ${fulfillable} of ${orderIds.length} (${lineIds.length} lines); indexed vs string API mismatches: ${mismatches}`);
  if (mismatches > 0) throw new Error(`indexed and string results differ in ${mismatches} lines/orders`);

  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  return {
    full_recompute_ms: indexedMs,
    string_api_ms: mapsMs,
    string_columns_ms: columnsMs,
    peak_rss_mb: Math.round(Math.max(peakRss, maxRssMb)),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const partIndex = process.argv.indexOf("--part");
  const part = partIndex >= 0 ? process.argv[partIndex + 1] : "all";
  if (part !== "full" && part !== "all") {
    console.error(`unknown --part ${part} (this script measures: full, all = full + database)`);
    process.exit(2);
  }
  const cpus = os.cpus();
  const loadAtStart = os.loadavg();
  const load = loadAtStart.map((l) => l.toFixed(2));
  console.log(
    `machine: ${cpus[0]?.model ?? "unknown cpu"}, ${cpus.length} cores, node ${process.version}; load average at start ${load.join(" ")} (shared machine: other work may run)`,
  );
  const figures = runFullRecomputeBench({ log: (s) => console.log(s) });
  console.log(
    `full recompute median (indexed): ${figures.full_recompute_ms} ms; string API: ${figures.string_api_ms} ms (string input, column output: ${figures.string_columns_ms} ms); peak RSS: ${figures.peak_rss_mb} MB`,
  );
  console.log(
    JSON.stringify({ ...figures, cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, node: process.version, load_avg_start: loadAtStart.map((l) => Math.round(l * 100) / 100) }),
  );
  // The database part (scripts/bench/engine-db.ts): receipts through the ledger and the engine on PostgreSQL.
  if (part === "all") {
    const { runEngineDbBench } = await import("./engine-db.ts");
    const db = await runEngineDbBench({ log: (s) => console.log(s) });
    console.log(JSON.stringify({ full_recompute_ms: figures.full_recompute_ms, peak_rss_mb: figures.peak_rss_mb, ...db }));
    process.exit(0);
  }
}
