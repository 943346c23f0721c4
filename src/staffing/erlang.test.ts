// Erlang B and C and the staffing search against every published example in
// test/data/erlang/examples.json, plus the properties the examples cannot show.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC } from './erlang-c.ts';
import { requiredAgents, scheduledFor } from './required.ts';

interface Examples {
  about: string;
  erlangC: { calls: number; intervalSeconds: number; ahtSeconds: number; agents: number; targetSeconds: number; pWait: number; sl: number; asa: number; occupancy: number }[];
  staffing: { calls: number; intervalSeconds: number; ahtSeconds: number; targetSl: number; targetSeconds: number; maxOccupancy: number; shrinkage: number; agents: number; scheduled: number }[];
  erlangB: { erlangs: number; lines: number; blocking: number }[];
}

const examples = JSON.parse(fs.readFileSync(new URL('../../test/data/erlang/examples.json', import.meta.url), 'utf8')) as Examples;

const significantDigits = (x: number) =>
  x
    .toString()
    .replace(/^[-0.]+/, '')
    .replace('.', '')
    .replace(/e.*$/, '').length;

/**
 * Agrees to 4 significant digits: within half a unit of the 4th significant digit. A published
 * value printed with fewer digits (a table's 0.0568) can only be checked to the digits it shows.
 */
function expectAgrees(actual: number, published: number, what: string) {
  const digits = Math.min(4, significantDigits(published));
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(published))) - (digits - 1));
  expect(Math.abs(actual - published), `${what}: ${actual} vs published ${published} (${digits} significant digits)`).toBeLessThanOrEqual(unit / 2);
}

describe('Erlang C: the published examples', () => {
  it('has every section we check, and nothing unchecked', () => {
    expect(Object.keys(examples).sort()).toEqual(['about', 'erlangB', 'erlangC', 'staffing']);
    expect(examples.erlangC.length + examples.staffing.length + examples.erlangB.length).toBe(10);
  });

  for (const e of examples.erlangC) {
    it(`${e.calls} calls per ${e.intervalSeconds} s, AHT ${e.ahtSeconds} s, ${e.agents} agents, T = ${e.targetSeconds} s`, () => {
      const r = erlangC(e);
      for (const k of ['pWait', 'sl', 'asa', 'occupancy'] as const) expectAgrees(r[k], e[k], k);
      expect(r.overloaded).toBe(false);
    });
  }

  for (const e of examples.staffing) {
    it(`staffing for SL ${e.targetSl} in ${e.targetSeconds} s, occupancy ≤ ${e.maxOccupancy}, shrinkage ${e.shrinkage}`, () => {
      const r = requiredAgents(e);
      expect({ agents: r.agents, scheduled: r.scheduled }).toEqual({ agents: e.agents, scheduled: e.scheduled });
    });
  }

  for (const e of examples.erlangB) {
    it(`Erlang B: ${e.erlangs} Erlangs on ${e.lines} lines`, () => expectAgrees(erlangB(e.erlangs, e.lines), e.blocking, 'blocking'));
  }
});

describe('Erlang B and C: exactness and large loads', () => {
  const direct = (a: number, n: number) => {
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= n; k++) sum += term *= a / k;
    return term / sum;
  };

  it('the recurrence equals the textbook formula A^N/N! / Σ A^k/k! where that can be computed', () => {
    for (const [a, n] of [
      [1, 1],
      [1, 2],
      [2, 5],
      [10, 14],
      [7.5, 9],
      [30, 40],
    ] as const)
      expect(erlangB(a, n)).toBeCloseTo(direct(a, n), 12);
  });

  it('500 Erlangs on 600 agents: finite figures, no overflow', () => {
    const r = erlangC({ calls: 10_000, intervalSeconds: 3600, ahtSeconds: 180, agents: 600, targetSeconds: 20 });
    expect(r.erlangs).toBe(500);
    for (const v of [r.pWait, r.sl, r.asa, r.occupancy]) expect(Number.isFinite(v)).toBe(true);
    expect(r.pWait).toBeGreaterThan(0);
    expect(r.pWait).toBeLessThan(1e-4);
    expect(r.sl).toBeGreaterThan(0.9999);
    expect(r.occupancy).toBeCloseTo(500 / 600, 12);
    const tight = erlangC({ calls: 10_000, intervalSeconds: 3600, ahtSeconds: 180, agents: 510, targetSeconds: 20 });
    expect(tight.pWait).toBeGreaterThan(0.1);
    expect(tight.pWait).toBeLessThan(1);
  });

  it('agents ≤ load: every call waits, none in time, the wait has no finite mean', () => {
    for (const agents of [0, 5, 10]) {
      expect(erlangC({ calls: 100, intervalSeconds: 1800, ahtSeconds: 180, agents, targetSeconds: 20 })).toEqual({ erlangs: 10, pWait: 1, sl: 0, asa: Infinity, occupancy: 1, overloaded: true });
    }
  });

  it('no calls: nobody waits', () => {
    expect(erlangC({ calls: 0, intervalSeconds: 900, ahtSeconds: 180, agents: 3, targetSeconds: 20 })).toMatchObject({ pWait: 0, sl: 1, asa: 0, occupancy: 0 });
  });

  it('service level rises and waiting falls with every agent added', () => {
    for (const calls of [20, 100, 1000, 5000]) {
      let last = erlangC({ calls, intervalSeconds: 1800, ahtSeconds: 240, agents: Math.floor((calls * 240) / 1800) + 1, targetSeconds: 20 });
      for (let agents = Math.floor((calls * 240) / 1800) + 2; agents < (calls * 240) / 1800 + 60; agents++) {
        const r = erlangC({ calls, intervalSeconds: 1800, ahtSeconds: 240, agents, targetSeconds: 20 });
        expect(r.sl).toBeGreaterThanOrEqual(last.sl);
        expect(r.pWait).toBeLessThanOrEqual(last.pWait);
        expect(r.asa).toBeLessThanOrEqual(last.asa);
        last = r;
      }
    }
  });

  it('rejects impossible input', () => {
    expect(() => erlangC({ calls: -1, intervalSeconds: 900, ahtSeconds: 180, agents: 3, targetSeconds: 20 })).toThrow(RangeError);
    expect(() => erlangC({ calls: 1, intervalSeconds: 0, ahtSeconds: 180, agents: 3, targetSeconds: 20 })).toThrow(RangeError);
    expect(() => erlangC({ calls: 1, intervalSeconds: 900, ahtSeconds: 180, agents: 2.5, targetSeconds: 20 })).toThrow(RangeError);
  });
});

describe('required agents', () => {
  const cases = [
    { calls: 100, intervalSeconds: 1800, ahtSeconds: 180, targetSl: 0.8, targetSeconds: 20, maxOccupancy: 1, shrinkage: 0 },
    { calls: 37.4, intervalSeconds: 900, ahtSeconds: 300, targetSl: 0.9, targetSeconds: 30, maxOccupancy: 0.85, shrinkage: 0.35 },
    { calls: 2500, intervalSeconds: 900, ahtSeconds: 200, targetSl: 0.95, targetSeconds: 10, maxOccupancy: 0.95, shrinkage: 0.3 },
    { calls: 3, intervalSeconds: 900, ahtSeconds: 120, targetSl: 0.8, targetSeconds: 60, maxOccupancy: 0.5, shrinkage: 0.1 },
  ];

  it('is the smallest number of agents meeting both the service level and the occupancy cap', () => {
    for (const c of cases) {
      const r = requiredAgents(c);
      const at = erlangC({ ...c, agents: r.agents });
      expect(at.sl).toBeGreaterThanOrEqual(c.targetSl);
      expect(at.occupancy).toBeLessThanOrEqual(c.maxOccupancy);
      const fewer = erlangC({ ...c, agents: r.agents - 1 });
      expect(fewer.sl < c.targetSl || fewer.occupancy > c.maxOccupancy, JSON.stringify(c)).toBe(true);
      expect(r.scheduled).toBe(Math.ceil(r.agents / (1 - c.shrinkage) - 1e-9));
      expect(r.scheduled * (1 - c.shrinkage)).toBeGreaterThanOrEqual(r.agents - 1e-9);
    }
  });

  it('needs no agents for no calls', () => {
    expect(requiredAgents({ ...cases[0]!, calls: 0 })).toMatchObject({ agents: 0, scheduled: 0 });
  });

  it('scheduling is not fooled by floating point: 21 / (1 − 0.3) is 30', () => {
    expect(21 / (1 - 0.3)).toBeGreaterThan(30);
    expect(scheduledFor(21, 0.3)).toBe(30);
    expect(scheduledFor(14, 0.3)).toBe(20);
    expect(scheduledFor(15, 0.3)).toBe(22);
  });

  it('copes with a national peak: 100 000 calls an hour', () => {
    const r = requiredAgents({ calls: 100_000, intervalSeconds: 3600, ahtSeconds: 180, targetSl: 0.8, targetSeconds: 20, maxOccupancy: 0.95, shrinkage: 0.3 });
    expect(r.agents).toBeGreaterThan(5000);
    expect(r.agents).toBeLessThan(5300);
    expect(r.sl).toBeGreaterThanOrEqual(0.8);
  });

  it('rejects targets that cannot be met or mean nothing', () => {
    expect(() => requiredAgents({ ...cases[0]!, targetSl: 1 })).toThrow(RangeError);
    expect(() => requiredAgents({ ...cases[0]!, shrinkage: 1 })).toThrow(RangeError);
    expect(() => requiredAgents({ ...cases[0]!, maxOccupancy: 0 })).toThrow(RangeError);
  });
});
