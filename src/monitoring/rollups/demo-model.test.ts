// The demo year's model: every region's share of the calls and its clock, and the year's shape.
import { describe, expect, it } from 'vitest';
import { callsPerDay, dayWeight, regionWeights, yearBefore } from './demo-model.ts';

const total = (w: { share: number }[]) => w.reduce((s, x) => s + x.share, 0);

describe('demo model', () => {
  it('shares the calls among all 85 regions by population, each on its own clock', () => {
    const all = regionWeights();
    expect(all).toHaveLength(85);
    expect(total(all)).toBeCloseTo(1, 12);
    expect(all.every((r) => r.share > 0)).toBe(true);
    const of = (code: string) => all.find((r) => r.code === code)!;
    expect([of('39').off, of('77').off, of('41').off]).toEqual([120, 180, 720]);
    // Moscow holds more people than Kaliningrad, and so more calls
    expect(of('77').share / of('39').share).toBeGreaterThan(5);
  });

  it('gives a few named regions the country’s calls among them, in the same proportions', () => {
    const all = regionWeights();
    const few = regionWeights(['77', '39']);
    expect(few.map((r) => r.code).sort()).toEqual(['39', '77']);
    expect(total(few)).toBeCloseTo(1, 12);
    const ratio = (w: typeof all) => w.find((r) => r.code === '77')!.share / w.find((r) => r.code === '39')!.share;
    expect(ratio(few)).toBeCloseTo(ratio(all), 9);
    expect(() => regionWeights(['77', '99'])).toThrow('no demo region 99');
  });

  it('makes a year of twelve months ending the day before, its days summing to the calls asked', () => {
    const months = yearBefore('2026-12-06');
    expect(months[0]).toEqual({ chunk: 1, from: '2025-12-06', to: '2026-01-06' });
    expect(months[11]).toEqual({ chunk: 12, from: '2026-11-06', to: '2026-12-06' });
    const perDay = callsPerDay(1_000_000, '2025-12-06', '2026-12-06');
    let sum = 0;
    for (let t = Date.parse('2025-12-06'); t < Date.parse('2026-12-06'); t += 86_400_000) sum += perDay * dayWeight(new Date(t).toISOString().slice(0, 10));
    expect(sum).toBeCloseTo(1_000_000, 3);
    // a February weekday against an April one: about twice
    expect(dayWeight('2026-02-10') / dayWeight('2026-04-14')).toBeGreaterThan(1.6);
  });
});
