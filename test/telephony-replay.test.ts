// A day's call events sent shuffled and duplicated, in batches of any size, give exactly the same
// call records and states as the same events sent in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './support/app.ts';
import { edgeClient } from './support/telephony.ts';
import { day, prng, send, shuffledWithDuplicates } from './support/day-of-calls.ts';

async function records(app: TestApp) {
  const r = await app.db.query(
    `SELECT c.call_id, c.state, c.region_code, q.region_code AS queue_region, q.name AS queue, u.username AS operator, c.caller_hash, c.caller_masked,
            c.topic, c.offered_at, c.queued_at, c.ringing_at, c.answered_at, c.ended_at, c.callback, c.overflowed, c.close_reason, c.events
       FROM cc_calls c LEFT JOIN cc_queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.operator_id ORDER BY c.call_id`,
  );
  return r.rows;
}

describe('a day of events, in order and shuffled', () => {
  let ordered: TestApp;
  let shuffled: TestApp;
  const operators = ['op-a-77', 'op-b-77', 'op-c-77', 'op-a-78', 'op-b-78'];
  beforeAll(async () => {
    [ordered, shuffled] = await Promise.all([startApp({}, { acd: false }), startApp({}, { acd: false })]);
    for (const app of [ordered, shuffled]) for (const name of operators) await app.user('operator', name.slice(-2), name);
  });
  afterAll(async () => {
    await ordered.close();
    await shuffled.close();
  });

  it('gives the same call records and states', async () => {
    const events = day(operators).sort((a, b) => a.at.localeCompare(b.at));
    const inOrder = await send(await edgeClient(ordered), events, () => 100);
    expect(inOrder.filter((v) => v !== 'accepted')).toEqual([]);

    const r = prng(99);
    const mixed = shuffledWithDuplicates(events, 99);
    const verdicts = await send(await edgeClient(shuffled), mixed, () => 1 + Math.floor(r() * 150));
    expect(verdicts.filter((v) => v !== 'accepted' && v !== 'duplicate')).toEqual([]);
    expect(verdicts.filter((v) => v === 'duplicate').length).toBe(mixed.length - events.length);

    const a = await records(ordered);
    const b = await records(shuffled);
    expect(a).toHaveLength(400);
    expect(b).toEqual(a);
    const states = new Set(a.map((x) => x.state));
    expect(states).toEqual(new Set(['wrap_up', 'abandoned']));
  });
});
