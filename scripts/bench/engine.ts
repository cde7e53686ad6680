/**
 * Benchmark of the fulfillability engine's full recompute.
 *
 *   node --import tsx scripts/bench/engine.ts --part full
 *
 * Builds 1,000,000 open lines over 100,000 (warehouse, SKU) keys and ~400,000
 * orders from a seeded PRNG, times computeFulfillability (median of 5 runs after
 * a warm-up) and reports peak RSS. The last line printed is one JSON object.
 */
import os from "node:os";
import { pathToFileURL } from "node:url";
import { computeFulfillability, computeFulfillabilityColumns } from "@bod/domain/fulfillability";
import type { EngineInput, EngineLine, EngineOrder, EngineStock, IncomingSupply, PreorderRestock } from "@bod/domain/types";

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

/** mulberry32: small, fast, seeded. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
 * full_recompute_ms: computeFulfillabilityColumns (ranking, allocation,
 * projected dates, order fulfillability; the columns a bulk write needs).
 * full_recompute_with_maps_ms: computeFulfillability, which also builds the
 * Map<lineId, …> / Map<orderId, …> result (1.4 M Map entries).
 */
export function runFullRecomputeBench(
  options: { runs?: number; size?: BenchSize; log?: (s: string) => void } = {},
): FullRecomputeBench & { full_recompute_with_maps_ms: number } {
  const runs = options.runs ?? 5;
  const log = options.log ?? (() => {});
  let peakRss = rssMb();
  const input = buildBenchInput(options.size);
  peakRss = Math.max(peakRss, rssMb());
  log(`input: ${input.lines.length} lines, ${input.orders.length} orders, ${input.stock.length} keys, ${input.incoming?.length ?? 0} supplies, ${input.preorders?.length ?? 0} preorder restocks`);

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

  let fulfillable = 0;
  const columnsMs = time("columns", () => {
    const columns = computeFulfillabilityColumns(input);
    fulfillable = columns.orderFulfillability.filter((c) => c === 2).length;
  });
  log(`fulfillable orders: ${fulfillable} of ${input.orders.length}`);
  const mapsMs = time("with maps", () => {
    computeFulfillability(input);
  });

  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  return {
    full_recompute_ms: columnsMs,
    full_recompute_with_maps_ms: mapsMs,
    peak_rss_mb: Math.round(Math.max(peakRss, maxRssMb)),
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const partIndex = process.argv.indexOf("--part");
  const part = partIndex >= 0 ? process.argv[partIndex + 1] : "full";
  if (part !== "full") {
    console.error(`unknown --part ${part} (this script measures: full)`);
    process.exit(2);
  }
  const cpus = os.cpus();
  console.log(`machine: ${cpus[0]?.model ?? "unknown cpu"}, ${cpus.length} cores, node ${process.version}`);
  const figures = runFullRecomputeBench({ log: (s) => console.log(s) });
  console.log(
    `full recompute median: ${figures.full_recompute_ms} ms (with result Maps: ${figures.full_recompute_with_maps_ms} ms), peak RSS: ${figures.peak_rss_mb} MB`,
  );
  console.log(JSON.stringify(figures));
}
