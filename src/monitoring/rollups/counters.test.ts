import { describe, expect, it } from 'vitest';
import { addScalars, COUNTER_COLUMNS, countersOf, countersSql, scalarsOf, zeroCounters, zeroScalars, type Counters } from './counters.ts';

describe('countersSql', () => {
  it("gives each counter its expression in the columns' order", () => {
    const byField = Object.fromEntries(Object.keys(zeroCounters()).map((f) => [f, `x.${f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`])) as Record<keyof Counters, string>;
    expect(countersSql(byField)).toBe(
      COUNTER_COLUMNS.split(', ')
        .map((c) => `x.${c}`)
        .join(', '),
    );
  });
});

describe('the readers made from the table', () => {
  const row = { offered: '100', answered: '90', abandoned: 10, overflow_out: '1', overflow_in: null, callbacks: '3', wait_seconds: 100.5, max_wait_seconds: 50, talk_seconds: 1000, wrap_seconds: 100 };

  it('read every counter of a row by its column (bigint as text, null as 0), the buckets as numbers', () => {
    const c = countersOf({ ...row, answered_within: ['1', '2', 3, 0, 0, 0, 0, 0, 0, 0], abandoned_within: null });
    expect(Object.keys(c)).toEqual(Object.keys(zeroCounters()));
    expect(c).toMatchObject({ offered: 100, answered: 90, abandoned: 10, overflowOut: 1, overflowIn: 0, callbacks: 3, waitSeconds: 100.5, maxWaitSeconds: 50, talkSeconds: 1000, wrapSeconds: 100 });
    expect(c.answeredWithin).toEqual([1, 2, 3, 0, 0, 0, 0, 0, 0, 0]);
    expect(c.abandonedWithin).toEqual(zeroCounters().abandonedWithin);
    const s = scalarsOf(row);
    expect(s).toEqual({ offered: 100, answered: 90, abandoned: 10, overflowOut: 1, overflowIn: 0, callbacks: 3, waitSeconds: 100.5, maxWaitSeconds: 50, talkSeconds: 1000, wrapSeconds: 100 });
  });

  it('add scalars (the larger wait kept) and start from zero', () => {
    const s = scalarsOf(row);
    const twice = addScalars(addScalars(zeroScalars(), s), { ...s, maxWaitSeconds: 70 });
    expect(twice).toEqual({ offered: 200, answered: 180, abandoned: 20, overflowOut: 2, overflowIn: 0, callbacks: 6, waitSeconds: 201, maxWaitSeconds: 70, talkSeconds: 2000, wrapSeconds: 200 });
    expect(Object.values(zeroScalars()).every((v) => v === 0)).toBe(true);
  });
});
