import { describe, expect, it } from 'vitest';
import { addTotals, aht, asa, emptyTotals, type Totals } from './metrics.ts';

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
