import { buildBenchInput } from "./engine.ts";
const input = buildBenchInput();
const orders = input.orders, lines = input.lines;
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now();
  const lap = (s: string) => { const n = performance.now(); console.log(s, (n - t).toFixed(1)); t = n; };
  const m = new Map<string, number>();
  for (let i = 0; i < orders.length; i++) m.set(orders[i]!.id, i);
  lap("map set 400k");
  let x = 0;
  for (let i = 0; i < lines.length; i++) x += m.get(lines[i]!.orderId)!;
  lap("map get 1M");
  const n = orders.length;
  const pr = new Float64Array(n), sb = new Float64Array(n), od = new Float64Array(n); const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) { const o = orders[i]!; pr[i] = o.priority; sb[i] = o.shipBy ?? Infinity; od[i] = o.orderDate; ids[i] = o.id; }
  lap("extract");
  const idx: number[] = new Array(n); for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => pr[b]! - pr[a]! || sb[a]! - sb[b]! || od[a]! - od[b]! || (ids[a]! < ids[b]! ? -1 : 1));
  lap("idx sort");
  const u = new Uint32Array(n); for (let i = 0; i < n; i++) u[i] = i;
  u.sort((a, b) => pr[b]! - pr[a]! || sb[a]! - sb[b]! || od[a]! - od[b]! || (ids[a]! < ids[b]! ? -1 : 1));
  lap("u32 sort");
  const f = od.slice(); f.sort(); lap("native f64 sort");
  const nested = new Map<string, Map<string, number>>(); let c = 0;
  for (let i = 0; i < lines.length; i++) { const l = lines[i]!; let bp = nested.get(l.warehouseId); if (!bp) { bp = new Map(); nested.set(l.warehouseId, bp); } let k = bp.get(l.productId); if (k === undefined) { k = c++; bp.set(l.productId, k); } x += k; }
  lap("nested key 1M");
  const flat = new Map<string, number>(); c = 0;
  for (let i = 0; i < lines.length; i++) { const l = lines[i]!; const key = l.warehouseId + "|" + l.productId; let k = flat.get(key); if (k === undefined) { k = c++; flat.set(key, k); } x += k; }
  lap("flat key 1M");
  let y = 0; for (let i = 0; i < lines.length; i++) { const l = lines[i]!; y += l.remaining + l.hardAllocated; } lap("read fields 1M");
  console.log(x, y);
}
