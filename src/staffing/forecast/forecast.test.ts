// Forecasting next week's calls per 15-minute interval: Holt-Winters must beat seasonal naive on
// MASE on a held-back week of simulated history (daily and weekly shape, trend, Poisson noise).
import { describe, expect, it } from 'vitest';
import { compareMethods, forecastNextSeason, mase, maseScale } from './evaluate.ts';
import { fitHoltWinters, holtWinters } from './holt-winters.ts';
import { DAY, seasonalNaive, WEEK } from './seasonal-naive.ts';
import { expectedCalls, poisson, seededRandom, simulateHistory } from './simulate.ts';

describe('simulated history', () => {
  it('is the same for the same seed, with the shape it promises', () => {
    const a = simulateHistory({ weeks: 2, seed: 5 });
    expect(a).toEqual(simulateHistory({ weeks: 2, seed: 5 }));
    expect(a).toHaveLength(2 * WEEK);
    const sum = (from: number, to: number) => a.slice(from, to).reduce((x, y) => x + y, 0);
    const monday = sum(0, DAY);
    const sunday = sum(6 * DAY, WEEK);
    expect(monday).toBeGreaterThan(2 * sunday);
    expect(sum(10 * 4, 11 * 4)).toBeGreaterThan(5 * sum(3 * 4, 4 * 4)); // 10:00 busier than 03:00
  });

  it('draws Poisson counts with the right mean and variance', () => {
    const random = seededRandom(1);
    for (const m of [0.5, 12, 140]) {
      const xs = Array.from({ length: 20_000 }, () => poisson(m, random));
      const mean = xs.reduce((a, b) => a + b) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
      expect(Math.abs(mean - m) / m).toBeLessThan(0.03);
      expect(Math.abs(variance - m) / m).toBeLessThan(0.06);
    }
  });
});

describe('forecasting methods', () => {
  it('seasonal naive repeats last week', () => {
    const h = Array.from({ length: 2 * 7 }, (_, i) => i);
    expect(seasonalNaive(h, 9, 7)).toEqual([7, 8, 9, 10, 11, 12, 13, 7, 8]);
    expect(() => seasonalNaive([1, 2], 1, 7)).toThrow(RangeError);
  });

  it('Holt-Winters follows a clean seasonal series with a trend exactly', () => {
    const m = 24;
    const series = (t: number) => 100 + 0.5 * t + 20 * Math.sin((2 * Math.PI * t) / m);
    const h = Array.from({ length: 4 * m }, (_, t) => series(t));
    const f = holtWinters(h, m, { kind: 'additive', alpha: 0.2, beta: 0.05, gamma: 0.2 }, m);
    f.forEach((v, i) => expect(v).toBeCloseTo(series(4 * m + i), 6));
    expect(fitHoltWinters(h, m).validationMae).toBeLessThan(1e-6);
  });

  it('MASE scales by the in-sample seasonal-naive error', () => {
    const training = [1, 2, 3, 3, 4, 5];
    expect(maseScale(training, 3)).toBe(2);
    expect(mase([4, 4], [5, 3], training, 3)).toBe(0.5);
  });

  it('Holt-Winters beats seasonal naive on the held-back week, for several seeds', () => {
    const rows: string[] = [];
    for (const seed of [1, 2, 3, 42]) {
      const history = simulateHistory({ weeks: 8, seed, peak: 40, weeklyGrowth: 0.02 });
      const c = compareMethods(history);
      rows.push(`seed ${seed}: seasonal naive ${c.mase['seasonal-naive'].toFixed(3)}, Holt-Winters ${c.mase['holt-winters'].toFixed(3)} (${JSON.stringify(c.holtWinters)})`);
      expect(c.mase['holt-winters'], rows.at(-1)).toBeLessThan(c.mase['seasonal-naive']);
      expect(c.mase['holt-winters'], rows.at(-1)).toBeLessThan(0.9);
      expect(c.best).toBe('holt-winters');
    }
    console.log(`MASE on the held-back 8th week:\n  ${rows.join('\n  ')}`);
  });

  it('next week by the better method is close to what the simulation expects', () => {
    const o = { weeks: 6, seed: 9 };
    const f = forecastNextSeason(simulateHistory(o));
    expect(f.best).toBe('holt-winters');
    expect(f.values).toHaveLength(WEEK);
    const truth = Array.from({ length: WEEK }, (_, i) => expectedCalls(6 * WEEK + i, o));
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(Math.abs(total(f.values) - total(truth)) / total(truth)).toBeLessThan(0.03);
  });

  it('with under four weeks of history falls back to seasonal naive', () => {
    const h = simulateHistory({ weeks: 2, seed: 3 });
    const f = forecastNextSeason(h);
    expect(f.best).toBe('seasonal-naive');
    expect(f.values).toEqual(h.slice(WEEK));
  });
});
