// Simulated call history for tests and examples: 15-minute counts with a daily shape (quiet
// nights, a morning and an afternoon peak), a weekly shape (busy Mondays, quiet weekends), a trend
// and Poisson noise, all from a seed so that every run is the same.
import { DAY, WEEK } from './seasonal-naive.ts';

/** mulberry32: a small, good-enough seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw: Knuth's method on chunks of mean ≤ 30, so large means neither underflow nor crawl. */
export function poisson(mean: number, random: () => number): number {
  let n = 0;
  let left = mean;
  while (left > 0) {
    const chunk = Math.min(left, 30);
    left -= chunk;
    const limit = Math.exp(-chunk);
    let p = random();
    while (p > limit) {
      n++;
      p *= random();
    }
  }
  return n;
}

export interface SimulationOptions {
  weeks: number;
  seed: number;
  /** Mean calls in a 15-minute interval at the busiest time of an ordinary weekday. */
  peak?: number;
  /** Growth of the volume per week, e.g. 0.02 for 2 %. */
  weeklyGrowth?: number;
}

const weekday = [1.15, 1.05, 1, 1, 0.95, 0.6, 0.45]; // Monday … Sunday

/** The expected calls of interval `t` (0 = Monday 00:00 of the first week). */
export function expectedCalls(t: number, o: SimulationOptions): number {
  const hour = ((t % DAY) + 0.5) / 4;
  const bump = (centre: number, width: number) => Math.exp(-(((hour - centre) / width) ** 2) / 2);
  const shape = 0.04 + 0.9 * bump(10.5, 2) + 0.75 * bump(15, 2.5) + 0.3 * bump(19.5, 1.5);
  const day = weekday[Math.floor((t % WEEK) / DAY)]!;
  return (o.peak ?? 40) * shape * day * (1 + (o.weeklyGrowth ?? 0.02) * (t / WEEK));
}

export function simulateHistory(o: SimulationOptions): number[] {
  const random = seededRandom(o.seed);
  return Array.from({ length: o.weeks * WEEK }, (_, t) => poisson(expectedCalls(t, o), random));
}
