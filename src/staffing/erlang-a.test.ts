// Erlang A against the birth-death chain it models, against a seeded simulation of callers who
// hang up, and against Erlang C as patience grows without end.
import { describe, expect, it } from 'vitest';
import { erlangA, gammaSeries } from './erlang-a.ts';
import { erlangC } from './erlang-c.ts';
import { seededRandom } from './forecast/simulate.ts';

const base = { calls: 100, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20 };

/** P(wait) and P(abandon) from the M/M/N+M chain's stationary distribution, truncated far out. */
function chain(input: typeof base & { agents: number; patienceSeconds: number }) {
  const lambda = input.calls / input.intervalSeconds;
  const mu = 1 / input.ahtSeconds;
  const theta = 1 / input.patienceSeconds;
  const n = input.agents;
  const p = [1];
  for (let k = 1; k < 5000; k++) p.push((p[k - 1]! * lambda) / (Math.min(k, n) * mu + Math.max(0, k - n) * theta));
  const total = p.reduce((a, b) => a + b);
  let wait = 0;
  let queue = 0;
  for (let k = n; k < p.length; k++) {
    wait += p[k]! / total;
    queue += ((k - n) * p[k]!) / total;
  }
  return { pWait: wait, pAbandon: (theta * queue) / lambda };
}

/** First come, first served, each caller with an exponential patience; counts per offered call. */
function simulate(input: typeof base & { agents: number; patienceSeconds: number }, calls: number, seed: number) {
  const random = seededRandom(seed);
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const free = new Array<number>(input.agents).fill(0);
  let t = 0;
  let waited = 0;
  let abandoned = 0;
  let inTime = 0;
  for (let i = 0; i < calls; i++) {
    t += exp(input.intervalSeconds / input.calls);
    const patience = exp(input.patienceSeconds);
    let first = 0;
    for (let k = 1; k < free.length; k++) if (free[k]! < free[first]!) first = k;
    const wait = Math.max(0, free[first]! - t);
    if (wait > 0) waited++;
    if (wait > patience) {
      abandoned++;
      continue;
    }
    if (wait <= input.targetSeconds) inTime++;
    free[first] = t + wait + exp(input.ahtSeconds);
  }
  return { pWait: waited / calls, pAbandon: abandoned / calls, sl: inTime / calls };
}

describe('Erlang A', () => {
  const cases = [
    { ...base, agents: 8, patienceSeconds: 60 },
    { ...base, agents: 10, patienceSeconds: 60 },
    { ...base, agents: 12, patienceSeconds: 120 },
    { ...base, calls: 200, agents: 15, patienceSeconds: 90, targetSeconds: 30 },
  ];

  it('matches the birth-death chain exactly in P(wait) and P(abandon)', () => {
    for (const c of cases) {
      const r = erlangA(c);
      const m = chain(c);
      expect(r.pWait).toBeCloseTo(m.pWait, 10);
      expect(r.pAbandon).toBeCloseTo(m.pAbandon, 10);
    }
  });

  it('agrees with a seeded simulation of 300 000 callers, service level included', () => {
    for (const [i, c] of cases.entries()) {
      const r = erlangA(c);
      const s = simulate(c, 300_000, 7 + i);
      expect(Math.abs(r.pWait - s.pWait), `pWait ${JSON.stringify(c)}`).toBeLessThan(0.01);
      expect(Math.abs(r.pAbandon - s.pAbandon), `pAbandon ${JSON.stringify(c)}`).toBeLessThan(0.01);
      expect(Math.abs(r.sl - s.sl), `sl ${JSON.stringify(c)}`).toBeLessThan(0.01);
    }
  });

  it('becomes Erlang C as callers grow endlessly patient', () => {
    for (const agents of [11, 12, 14]) {
      const c = erlangC({ ...base, agents });
      const a = erlangA({ ...base, agents, patienceSeconds: 1e8 });
      expect(a.pWait).toBeCloseTo(c.pWait, 5);
      expect(a.sl).toBeCloseTo(c.sl, 5);
      expect(a.pAbandon).toBeLessThan(1e-5);
    }
  });

  it('is stable even with fewer agents than the load, where Erlang C is not', () => {
    const r = erlangA({ ...base, agents: 5, patienceSeconds: 60 });
    expect(r.pWait).toBeGreaterThan(0.8);
    expect(r.pAbandon).toBeGreaterThan(0.4);
    expect(r.pAbandon).toBeLessThan(0.6); // at least half the load, 5 of 10 Erlangs, is served
    expect(r.sl).toBeGreaterThan(0);
  });

  it('handles large loads and long overloaded series without overflow', () => {
    const big = erlangA({ calls: 10_000, intervalSeconds: 3600, ahtSeconds: 180, agents: 520, targetSeconds: 20, patienceSeconds: 120 });
    for (const v of Object.values(big)) expect(Number.isFinite(v)).toBe(true);
    const over = erlangA({ calls: 10_000, intervalSeconds: 3600, ahtSeconds: 180, agents: 300, targetSeconds: 20, patienceSeconds: 3600 });
    expect(over.pWait).toBeCloseTo(1, 6);
    expect(over.pAbandon).toBeCloseTo(1 - 300 / 500, 2);
    expect(gammaSeries(5, 1000).log).toBeGreaterThan(700); // e^700 and more, summed in logarithms
  });

  it('more agents: less waiting, fewer hang-ups, better service level', () => {
    let last = erlangA({ ...base, agents: 1, patienceSeconds: 45 });
    for (let agents = 2; agents < 25; agents++) {
      const r = erlangA({ ...base, agents, patienceSeconds: 45 });
      expect(r.pWait).toBeLessThanOrEqual(last.pWait);
      expect(r.pAbandon).toBeLessThanOrEqual(last.pAbandon);
      expect(r.sl).toBeGreaterThanOrEqual(last.sl);
      last = r;
    }
  });
});
