// The receive screen's scan state: each scan of a barcode or SKU adds one unit to the first line
// of that product with room (restock lines first), counts can be typed, and what the receipt posts.
import { useState } from "react";
import type { TReturn, TReturnLine } from "@bod/contracts/returns";

export function findReturnLine(r: TReturn, code: string, counts: Record<string, number>): TReturnLine | undefined {
  const c = code.trim().toLowerCase();
  const matching = r.lines.filter((l) => l.barcode?.toLowerCase() === c || l.sku.toLowerCase() === c);
  return matching.find((l) => (counts[l.id] ?? 0) < l.remaining) ?? matching[0];
}

export function useReturnScan(r: TReturn) {
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [last, setLast] = useState<{ line: TReturnLine; quantity: number }>();
  const [error, setError] = useState<string>();

  function scan(code: string): boolean {
    const line = findReturnLine(r, code, counts);
    if (!line) {
      setLast(undefined);
      setError(`“${code}” is not on ${r.number}. Set it aside and check the parcel.`);
      return false;
    }
    const quantity = (counts[line.id] ?? 0) + 1;
    setError(undefined);
    setCounts((c) => ({ ...c, [line.id]: quantity }));
    setLast({ line, quantity });
    return true;
  }

  const setCount = (lineId: string, n: number) => setCounts((c) => ({ ...c, [lineId]: n }));
  const reset = () => (setCounts({}), setLast(undefined), setError(undefined));
  const lines = Object.entries(counts)
    .filter(([, q]) => q > 0)
    .map(([returnLineId, quantity]) => ({ returnLineId, quantity }));
  const over = r.lines.filter((l) => (counts[l.id] ?? 0) > l.remaining);
  return { counts, last, error, scan, setCount, reset, lines, over };
}
