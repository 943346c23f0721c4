// The surge statistic: a topic stands out only when its share is well above its usual share for
// the same hours, by enough calls to matter.
import { describe, expect, it } from 'vitest';
import { surges } from './surge.ts';

describe('surging topics', () => {
  it('finds a topic whose share jumped, and not the ones at their usual share', () => {
    // usually 10 % pensions, 5 % passports; this hour pensions are 30 % of 200 calls
    const r = surges(
      [
        { topic: 'Пенсии', window: 60, baseline: 140 },
        { topic: 'Паспорт', window: 10, baseline: 70 },
      ],
      200,
      1400,
    );
    expect(r.map((s) => s.topic)).toEqual(['Пенсии']);
    expect(r[0]!.lift).toBeCloseTo(3, 1);
    expect(r[0]!.z).toBeGreaterThan(8);
  });

  it('needs enough calls: 3 calls of a new topic are not a trend, 12 are', () => {
    expect(surges([{ topic: 'Новая выплата', window: 3, baseline: 0 }], 100, 700)).toEqual([]);
    expect(surges([{ topic: 'Новая выплата', window: 12, baseline: 0 }], 100, 700).map((s) => s.topic)).toEqual(['Новая выплата']);
  });

  it('does not call ordinary noise a surge', () => {
    // 12 calls where 10 are usual: z about 0.7
    expect(surges([{ topic: 'Пенсии', window: 12, baseline: 70 }], 100, 700)).toEqual([]);
  });

  it('says nothing about a window without calls', () => {
    expect(surges([{ topic: 'Пенсии', window: 0, baseline: 70 }], 0, 700)).toEqual([]);
  });
});
