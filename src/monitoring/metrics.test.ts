import { describe, expect, it } from 'vitest';
import { ABANDON_BUCKETS, WAIT_BUCKETS } from './rollups/contribution.ts';
import {
  abandonRate,
  addTotals,
  aht,
  answeredWithin,
  asa,
  bucketIndex,
  emptyTotals,
  meanSeconds,
  occupancy,
  overflowShare,
  serviceLevel,
  serviceLevelVariants,
  shortAbandons,
  type Totals,
} from './metrics.ts';

const call = (wait: number, talk: number, wrap: number): Totals => ({ ...emptyTotals(), offered: 1, answered: 1, waitSeconds: wait, talkSeconds: talk, wrapSeconds: wrap, maxWaitSeconds: wait });

describe('averages of durations', () => {
  it('are the same whatever order the calls were added up in', () => {
    // Whole milliseconds, as every duration is; added up forwards and backwards the float sums differ.
    const calls = Array.from({ length: 500 }, (_, i) => call(((i * 7919) % 600_013) / 1000, ((i * 104_729) % 900_001) / 1000, ((i * 1299) % 60_007) / 1000));
    const forwards = calls.reduce(addTotals, emptyTotals());
    const backwards = [...calls].reverse().reduce(addTotals, emptyTotals());
    expect(forwards.waitSeconds === backwards.waitSeconds && forwards.talkSeconds === backwards.talkSeconds).toBe(false);
    expect(asa(backwards)).toBe(asa(forwards));
    expect(aht(backwards)).toBe(aht(forwards));
  });

  it('are the plain averages', () => {
    const t = addTotals(call(10, 100, 20), call(20, 200, 40));
    expect(asa(t)).toBe(15);
    expect(aht(t)).toBe(180);
    expect(asa(emptyTotals())).toBeNull();
  });
});

// A hand-computed day: 100 offered, 80 answered (60 of them within 20 s), 20 abandoned (4 of those
// within 5 s), 5 sent on to a reserve centre.
const day = (): Totals => {
  const t = emptyTotals();
  t.offered = 100;
  t.answered = 80;
  t.abandoned = 20;
  t.overflowOut = 5;
  // WAIT_BUCKETS [10, 15, 20, 30, …]: 60 answered within 20 s (index 2), 70 within 30 s
  t.answeredWithin = [40, 50, 60, 70, 75, 78, 80, 80, 80, 80];
  // ABANDON_BUCKETS [3, 5, 10, …]: 4 abandoned within 5 s (index 1)
  t.abandonedWithin = [2, 4, 8, 10, 12, 15];
  return t;
};

describe('bucketIndex', () => {
  it('is the largest bucket not above the threshold, or null below all', () => {
    expect(bucketIndex(WAIT_BUCKETS, 9)).toBeNull();
    expect(bucketIndex(WAIT_BUCKETS, 10)).toBe(0);
    expect(bucketIndex(WAIT_BUCKETS, 29)).toBe(2);
    expect(bucketIndex(WAIT_BUCKETS, 10_000)).toBe(WAIT_BUCKETS.length - 1);
    expect(bucketIndex(ABANDON_BUCKETS, 5)).toBe(1);
    expect(answeredWithin(day(), 25)).toBe(60);
    expect(answeredWithin(day(), 5)).toBe(0);
    expect(shortAbandons(day(), 5)).toBe(4);
    expect(shortAbandons(day(), 2)).toBe(0);
  });
});

describe('service level', () => {
  const o = { serviceLevelSeconds: 20, shortAbandonSeconds: 5 };
  it('standard: answered within T over answered and abandoned less the short abandons', () => {
    expect(serviceLevel(day(), o)).toBe(60 / 96);
    expect(serviceLevel(day(), { ...o, variant: 'standard' })).toBe(0.625);
  });
  it('all_abandons counts every abandon; abandons_ignored none', () => {
    expect(serviceLevel(day(), { ...o, variant: 'all_abandons' })).toBe(0.6);
    expect(serviceLevel(day(), { ...o, variant: 'abandons_ignored' })).toBe(0.75);
  });
  it('takes T and the short-abandon limit at the bucket below them', () => {
    expect(serviceLevel(day(), { serviceLevelSeconds: 29, shortAbandonSeconds: 9 })).toBe(60 / 96);
    expect(serviceLevel(day(), { serviceLevelSeconds: 30, shortAbandonSeconds: 2 })).toBe(0.7);
    expect(serviceLevel(day(), { serviceLevelSeconds: 5, shortAbandonSeconds: 5 })).toBe(0);
  });
  it('has no verdict without calls, or with only short abandons', () => {
    for (const variant of serviceLevelVariants) expect(serviceLevel(emptyTotals(), { ...o, variant })).toBeNull();
    const short = { ...emptyTotals(), offered: 3, abandoned: 3, abandonedWithin: [3, 3, 3, 3, 3, 3] };
    expect(serviceLevel(short, o)).toBeNull();
    expect(serviceLevel(short, { ...o, variant: 'all_abandons' })).toBe(0);
    expect(serviceLevel(short, { ...o, variant: 'abandons_ignored' })).toBeNull();
  });
});

describe('abandonment rate', () => {
  it('is the abandons that were not short over the calls that count', () => {
    expect(abandonRate(day(), { shortAbandonSeconds: 5 })).toBe(16 / 96);
    expect(abandonRate(day(), { shortAbandonSeconds: 0 })).toBe(0.2);
  });
  it('is null without calls that count; 0 when every call was answered', () => {
    expect(abandonRate(emptyTotals(), { shortAbandonSeconds: 5 })).toBeNull();
    expect(abandonRate({ ...emptyTotals(), abandoned: 2, abandonedWithin: [2, 2, 2, 2, 2, 2] }, { shortAbandonSeconds: 3 })).toBeNull();
    expect(abandonRate({ ...emptyTotals(), answered: 4 }, { shortAbandonSeconds: 5 })).toBe(0);
  });
});

describe('averages, overflow share and occupancy', () => {
  it('ASA and AHT count answered calls only; null without them', () => {
    const t = { ...day(), waitSeconds: 1200, talkSeconds: 14_400, wrapSeconds: 2400 };
    expect(asa(t)).toBe(15);
    expect(aht(t)).toBe(210);
    expect(aht({ ...emptyTotals(), abandoned: 3, waitSeconds: 90 })).toBeNull();
  });
  it('means are taken of the sum rounded to whole milliseconds', () => {
    expect(meanSeconds(0.1 + 0.2, 1)).toBe(0.3);
    expect(meanSeconds(1, 0)).toBeNull();
  });
  it('overflow share: sent on over offered', () => {
    expect(overflowShare(day())).toBe(0.05);
    expect(overflowShare(emptyTotals())).toBeNull();
  });
  it('occupancy: ringing, talking and wrap-up over those and ready; breaks do not count', () => {
    expect(occupancy({ ringing: 60, talking: 1200, wrap_up: 300, ready: 440, break: 1000, offline: 5000 })).toBe(0.78);
    expect(occupancy({ ready: 600 })).toBe(0);
    expect(occupancy({ break: 600 })).toBeNull();
    expect(occupancy({})).toBeNull();
  });
});

describe('adding totals', () => {
  it('sums counters and buckets position by position and keeps the largest wait', () => {
    const a = { ...day(), maxWaitSeconds: 40 };
    const b = { ...day(), maxWaitSeconds: 90 };
    const s = addTotals(a, b);
    expect([s.offered, s.answered, s.abandoned, s.overflowOut, s.maxWaitSeconds]).toEqual([200, 160, 40, 10, 90]);
    expect(s.answeredWithin).toEqual(day().answeredWithin.map((x) => 2 * x));
    expect(s.abandonedWithin).toEqual(day().abandonedWithin.map((x) => 2 * x));
    expect(addTotals(emptyTotals(), a)).toEqual(a);
  });
});
