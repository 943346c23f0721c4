import { describe, expect, it } from 'vitest';
import { Admission } from './admission.ts';

describe('admission of new calls', () => {
  it('takes calls up to the rate, then refuses with the seconds until one more fits', () => {
    let now = 0;
    const a = new Admission({ newCallsPerSecond: 10, activeCalls: 1000 }, () => now);
    const taken = Array.from({ length: 12 }, () => a.admit());
    expect(taken.filter((t) => t.ok)).toHaveLength(10);
    expect(taken[10]).toEqual({ ok: false, why: 'rate', retryAfterSeconds: 1 });
    now += 100; // 0.1 s refills one call
    expect(a.admit().ok).toBe(true);
    expect(a.admit().ok).toBe(false);
  });

  it('never lets a burst above the rate in after a quiet spell', () => {
    let now = 0;
    const a = new Admission({ newCallsPerSecond: 5, activeCalls: 1000 }, () => now);
    now += 60_000;
    expect(Array.from({ length: 20 }, () => a.admit()).filter((t) => t.ok)).toHaveLength(5);
  });

  it('refuses above the number of calls held at once until one ends', () => {
    const a = new Admission({ newCallsPerSecond: 1000, activeCalls: 2 }, () => 0);
    const first = a.admit();
    const second = a.admit();
    expect(first.ok && second.ok).toBe(true);
    expect(a.admit()).toEqual({ ok: false, why: 'busy', retryAfterSeconds: 5 });
    if (first.ok) first.release();
    if (first.ok) first.release(); // twice is once
    expect(a.active).toBe(1);
    expect(a.admit().ok).toBe(true);
    expect(a.admit().ok).toBe(false);
  });

  it('counts what it refused, by why', () => {
    const a = new Admission({ newCallsPerSecond: 1, activeCalls: 10 }, () => 0);
    a.admit();
    a.admit();
    expect(a.refused).toEqual({ rate: 1, busy: 0 });
  });
});
