// The soak's seeded randomness: the demo data's generator (mulberry32), with weights given as a
// record of operation → weight. Operations run concurrently, so a seed fixes what is asked, not
// the order the server sees it in.
import { createRandom, type Random as SeededRandom } from "../../src/demo/random.ts";

export interface Random extends Omit<SeededRandom, "weighted"> {
  /** A key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K;
}

export function seededRandom(seed: number): Random {
  const random = createRandom(seed);
  return {
    ...random,
    weighted<K extends string>(weights: Partial<Record<K, number>>) {
      const entries = Object.entries(weights) as [K, number][];
      return random.weighted(
        entries.map(([k]) => k),
        entries.map(([, w]) => w),
      );
    },
  };
}
