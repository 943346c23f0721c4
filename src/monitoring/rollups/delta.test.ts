// The change a call's new record makes to the rollups, and many such changes merged.
import { describe, expect, it } from 'vitest';
import { answered } from '../../../test/support/call-facts.ts';
import { contribution } from './contribution.ts';
import { zeroCounters as zero } from './counters.ts';
import type { CallFacts } from './facts.ts';
import { delta } from './delta.ts';
import { merge } from './store.ts';

const ten = Date.parse('2026-11-27T10:00:00Z');
const waiting = (): CallFacts => ({ ...answered(), answeredAt: null, endedAt: null, wrappedAt: null });

describe('delta', () => {
  it('of a new call is its contribution', () => {
    const d = delta(null, answered());
    // (a row's largest wait travels beside its counters, not among the added ones)
    expect(d.rows).toEqual(contribution(answered()).rows.map((r) => ({ ...r, counters: { ...r.counters, maxWaitSeconds: 0 }, maxWaitSeconds: 12, recomputeMax: false })));
    expect(d.topics).toEqual(contribution(answered()).topics);
  });

  it('is the new contribution less the old one', () => {
    const d = delta(waiting(), answered());
    expect(d.rows).toEqual([
      {
        key: { region: '77', queueId: 5, interval: ten },
        counters: { ...zero(), answered: 1, waitSeconds: 12, talkSeconds: 240, wrapSeconds: 60, answeredWithin: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
        maxWaitSeconds: 12,
        recomputeMax: false,
      },
    ]);
    expect(d.topics).toEqual([]);
  });

  it('is empty when nothing the rollups count changed', () => {
    expect(delta(waiting(), waiting())).toEqual({ rows: [], topics: [] });
  });

  it('asks for the row maximum again when a wait leaves a row, and moves the topic', () => {
    const d = delta(answered(), { ...answered(), queueId: 6, originQueueId: 6, topic: 'taxes' });
    expect(d.rows.map((r) => [r.key.queueId, r.counters.offered, r.counters.answered, r.counters.waitSeconds, r.maxWaitSeconds, r.recomputeMax])).toEqual([
      [5, -1, -1, -12, 0, true],
      [6, 1, 1, 12, 12, false],
    ]);
    expect(d.topics).toEqual([
      { region: '77', interval: ten, topic: 'taxes', calls: 1 },
      { region: '77', interval: ten, topic: 'pensions', calls: -1 },
    ]);
  });

  it('changes of one call, added up, give its last contribution', () => {
    const steps = [waiting(), { ...answered(), endedAt: null, wrappedAt: null }, answered(), { ...answered(), topic: 'taxes' }];
    const sum = merge(steps.map((s, i) => delta(i ? steps[i - 1]! : null, s)));
    expect(sum.rows.map((r) => ({ key: r.key, counters: { ...r.counters, maxWaitSeconds: r.maxWaitSeconds } }))).toEqual(contribution(steps[3]!).rows);
    expect(sum.topics).toEqual(contribution(steps[3]!).topics);
  });
});

describe('merge', () => {
  it('adds rows of the same key, keeps the largest wait, and asks again if any asked', () => {
    const a = delta(null, answered());
    const b = delta(null, { ...answered(), queuedAt: answered().answeredAt! - 30_000 });
    const c = delta(answered(), { ...answered(), queueId: 6, originQueueId: 6 });
    const m = merge([a, b, c]);
    const five = m.rows.find((r) => r.key.queueId === 5)!;
    expect([five.counters.offered, five.counters.answered, five.counters.waitSeconds, five.maxWaitSeconds, five.recomputeMax]).toEqual([1, 1, 30, 30, true]);
    // within 12 s, plus within 30 s, less within 12 s
    expect(five.counters.answeredWithin).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(m.topics).toEqual([{ region: '77', interval: ten, topic: 'pensions', calls: 2 }]);
    // the inputs are left as they were
    expect(a.rows[0]!.counters.offered).toBe(1);
  });
});
