// A seeded pseudo-random source for demo and benchmark data: the same seed gives the same data.

export interface Random {
  /** [0, 1) */
  next(): number;
  /** integer in [lo, hi] */
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** picks by weight: weights[i] is the relative weight of items[i] */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** a version-4-shaped UUID drawn from the seeded stream */
  uuid(): string;
  shuffle<T>(items: T[]): T[];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** mulberry32: small, fast, good enough for test data. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const u32 = () => Math.floor(next() * 4294967296) >>> 0;
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items, weights) {
      const total = weights.reduce((s, w) => s + w, 0);
      let r = next() * total;
      for (let i = 0; i < items.length; i++) {
        r -= weights[i]!;
        if (r < 0) return items[i]!;
      }
      return items[items.length - 1]!;
    },
    uuid() {
      const a = u32(), b = u32(), c = u32(), d = u32();
      return (
        HEX[a >>> 24]! + HEX[(a >>> 16) & 255]! + HEX[(a >>> 8) & 255]! + HEX[a & 255]! + "-" +
        HEX[b >>> 24]! + HEX[(b >>> 16) & 255]! + "-" + HEX[((b >>> 8) & 0x0f) | 0x40]! + HEX[b & 255]! + "-" +
        HEX[((c >>> 24) & 0x3f) | 0x80]! + HEX[(c >>> 16) & 255]! + "-" + HEX[(c >>> 8) & 255]! + HEX[c & 255]! +
        HEX[d >>> 24]! + HEX[(d >>> 16) & 255]! + HEX[(d >>> 8) & 255]! + HEX[d & 255]!
      );
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}

/** A valid EAN-13 from a 12-digit body (the check digit is computed). */
export function ean13(body12: string): string {
  if (!/^\d{12}$/.test(body12)) throw new Error(`EAN-13 body must be 12 digits: ${body12}`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + ((10 - (sum % 10)) % 10);
}
