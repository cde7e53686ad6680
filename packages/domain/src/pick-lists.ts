// Pick lists (docs/decisions/015), pure: how a list's lines group for the picker (by bin code,
// no bin last, then SKU; within a group the orders in dealing order) and which line a scan picks
// a unit for (the first in dealing order still short), or why the scan is refused.

export interface PickLine {
  lineId: string;
  orderId: string;
  orderNumber: string;
  /** The order's place in dealing order (1 = first): priority, ship-by, order date. */
  position: number;
  lineNo: number;
  productId: string;
  sku: string;
  name: string;
  barcode: string | null;
  locationId: string | null;
  locationCode: string | null;
  quantity: number;
  picked: number;
}

export interface PickGroup {
  location: { id: string; code: string } | null;
  productId: string;
  sku: string;
  name: string;
  barcode: string | null;
  quantity: number;
  picked: number;
  drops: { lineId: string; orderId: string; orderNumber: string; quantity: number; picked: number }[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Dealing order within the list: bin code (none last), SKU, the order's position, its line number. */
export function comparePickLines(a: PickLine, b: PickLine): number {
  if (a.locationCode !== b.locationCode) {
    if (a.locationCode === null) return 1;
    if (b.locationCode === null) return -1;
    return compareText(a.locationCode, b.locationCode);
  }
  return compareText(a.sku, b.sku) || a.position - b.position || a.lineNo - b.lineNo;
}

/** The list as the picker walks it: one group per (bin, product) with its total and where each unit goes. */
export function groupPickLines(lines: readonly PickLine[]): PickGroup[] {
  const groups: PickGroup[] = [];
  for (const l of [...lines].sort(comparePickLines)) {
    let g = groups[groups.length - 1];
    if (!g || g.productId !== l.productId || (g.location?.id ?? null) !== l.locationId) {
      g = {
        location: l.locationId !== null && l.locationCode !== null ? { id: l.locationId, code: l.locationCode } : null,
        productId: l.productId,
        sku: l.sku,
        name: l.name,
        barcode: l.barcode,
        quantity: 0,
        picked: 0,
        drops: [],
      };
      groups.push(g);
    }
    g.quantity += l.quantity;
    g.picked += l.picked;
    g.drops.push({ lineId: l.lineId, orderId: l.orderId, orderNumber: l.orderNumber, quantity: l.quantity, picked: l.picked });
  }
  return groups;
}

export type PickScanOutcome =
  | { ok: true; line: PickLine }
  | { ok: false; reason: "not_on_list" | "other_bin" | "fully_picked"; message: string };

/**
 * Which of the open lines a scan of `code` (a barcode exactly, or a SKU in any case), optionally at
 * the bin `locationCode` (any case), picks one unit for: the first in dealing order still short.
 */
export function choosePickLine(lines: readonly PickLine[], scan: { code: string; locationCode?: string }, listNumber: string): PickScanOutcome {
  const code = scan.code.trim();
  const lower = code.toLowerCase();
  const matching = lines.filter((l) => l.barcode === code || l.sku.toLowerCase() === lower).sort(comparePickLines);
  if (matching.length === 0) return { ok: false, reason: "not_on_list", message: `${code} is not on pick list ${listNumber}` };
  const at = scan.locationCode?.trim().toLowerCase();
  const here = at === undefined ? matching : matching.filter((l) => l.locationCode?.toLowerCase() === at);
  if (here.length === 0) {
    return { ok: false, reason: "other_bin", message: `${matching[0]!.sku} is picked from ${matching[0]!.locationCode ?? "no bin"}, not ${scan.locationCode}` };
  }
  const next = here.find((l) => l.picked < l.quantity);
  if (!next) {
    const total = here.reduce((s, l) => s + l.quantity, 0);
    return { ok: false, reason: "fully_picked", message: `All ${total} unit(s) of ${here[0]!.sku} on ${listNumber} are picked` };
  }
  return { ok: true, line: next };
}
