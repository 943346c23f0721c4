// What one call adds to the interval rollups, hand-computed.
import { describe, expect, it } from 'vitest';
import { answered, t } from '../../../test/support/call-facts.ts';
import { contribution } from './contribution.ts';
import { zeroCounters as zero } from './counters.ts';

const ten = Date.parse('2026-11-27T10:00:00Z');

describe('contribution of a call', () => {
  it('an answered call: offered, answered, its wait, talk and wrap-up, in the interval it was offered in', () => {
    const c = contribution(answered());
    expect(c.rows).toEqual([
      {
        key: { region: '77', queueId: 5, interval: ten },
        counters: { ...zero(), offered: 1, answered: 1, waitSeconds: 12, maxWaitSeconds: 12, talkSeconds: 240, wrapSeconds: 60, answeredWithin: [0, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
      },
    ]);
    expect(c.topics).toEqual([{ region: '77', interval: ten, topic: 'pensions', calls: 1 }]);
  });

  it('waits from the offer when the call was never queued; counts talk only once ended, wrap-up once wrapped', () => {
    const c = contribution({ ...answered(), queuedAt: null, endedAt: null, wrappedAt: null }).rows[0]!.counters;
    expect([c.waitSeconds, c.talkSeconds, c.wrapSeconds]).toEqual([42, 0, 0]);
    expect(c.answeredWithin).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  });

  it('an abandoned call: its wait is the row maximum and its bucket, not the wait of answered calls', () => {
    const c = contribution({ ...answered(), abandoned: true, answeredAt: null, endedAt: t('10:08:04'), wrappedAt: null }).rows[0]!.counters;
    expect(c).toEqual({ ...zero(), offered: 1, abandoned: 1, maxWaitSeconds: 4, abandonedWithin: [0, 1, 1, 1, 1, 1] });
  });

  it('an overflowed call: offered and sent on at its origin, taken in and served where it went', () => {
    const c = contribution({ ...answered(), queueId: 9, queueRegion: 'federal', overflowed: true, callback: true });
    expect(c.rows.map((r) => [r.key.region, r.key.queueId, r.counters.offered, r.counters.overflowOut, r.counters.overflowIn, r.counters.answered, r.counters.callbacks])).toEqual([
      ['77', 5, 1, 1, 0, 0, 0],
      ['federal', 9, 0, 0, 1, 1, 1],
    ]);
    expect(c.topics.map((x) => x.region)).toEqual(['77']);
  });

  it('a call not yet queued counts as offered to its region’s unknown queue (0)', () => {
    const c = contribution({ ...answered(), queueId: null, queueRegion: null, originQueueId: null, topic: null, queuedAt: null, answeredAt: null, endedAt: null, wrappedAt: null });
    expect(c).toEqual({ rows: [{ key: { region: '77', queueId: 0, interval: ten }, counters: { ...zero(), offered: 1 } }], topics: [] });
  });

  it('an ended call nobody answered that is not abandoned is only offered', () => {
    expect(contribution({ ...answered(), answeredAt: null, wrappedAt: null }).rows[0]!.counters).toEqual({ ...zero(), offered: 1 });
  });

  it('nothing before the call is offered or has a region', () => {
    expect(contribution({ ...answered(), offeredAt: null })).toEqual({ rows: [], topics: [] });
    expect(contribution({ ...answered(), regionCode: null })).toEqual({ rows: [], topics: [] });
  });

  it('an offer at the last instant of an interval belongs to it', () => {
    expect(contribution({ ...answered(), offeredAt: t('10:14:59.999') }).rows[0]!.key.interval).toBe(ten);
    expect(contribution({ ...answered(), offeredAt: t('10:15:00') }).rows[0]!.key.interval).toBe(ten + 15 * 60_000);
  });
});
