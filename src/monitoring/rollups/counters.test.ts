import { describe, expect, it } from 'vitest';
import { COUNTER_COLUMNS, countersSql, zeroCounters, type Counters } from './counters.ts';

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
