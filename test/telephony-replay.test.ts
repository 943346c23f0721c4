// A day's call events sent shuffled and duplicated, in batches of any size, give exactly the same
// call records, states and reports as the same events sent in order — with the ACD running, as in
// production. The edge's PBX routes these calls (its token says so), so the ACD leaves them alone:
// it neither overflows a call the PBX already handled nor refuses the PBX's reports after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './support/app.ts';
import { edgeClient, event, offered, uid } from './support/telephony.ts';
import { day, prng, send, shuffledWithDuplicates } from './support/day-of-calls.ts';

async function records(app: TestApp) {
  const r = await app.db.query(
    `SELECT c.call_id, c.state, c.region_code, q.region_code AS queue_region, q.name AS queue, u.username AS operator, c.caller_hash, c.caller_masked,
            c.topic, c.offered_at, c.queued_at, c.ringing_at, c.answered_at, c.ended_at, c.callback, c.overflowed, c.close_reason, c.events, c.routed_by_pbx
       FROM cc_calls c LEFT JOIN cc_queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.operator_id ORDER BY c.call_id`,
  );
  return r.rows;
}

const reportPaths = [
  '/api/v1/reports/calls?from=2026-11-26&to=2026-11-28',
  '/api/v1/reports/regions?from=2026-11-26&to=2026-11-28',
  '/api/v1/reports/topics?from=2026-11-26&to=2026-11-28',
  '/api/v1/reports/compliance?from=2026-11-26&to=2026-11-28',
  '/api/v1/reports/year?year=2026',
];

async function reports(app: TestApp) {
  const coord = await app.as('coordinator', 'federal');
  const out: Record<string, unknown> = {};
  for (const path of reportPaths) {
    const r = await coord.get(path);
    expect(r.status, `${path}: ${r.text}`).toBe(200);
    out[path] = r.body;
  }
  return out;
}

describe('a day of events, in order and shuffled, with the ACD on', () => {
  let ordered: TestApp;
  let shuffled: TestApp;
  const operators = ['op-a-77', 'op-b-77', 'op-c-77', 'op-a-78', 'op-b-78'];
  beforeAll(async () => {
    [ordered, shuffled] = await Promise.all([startApp(), startApp()]);
    for (const app of [ordered, shuffled]) for (const name of operators) await app.user('operator', name.slice(-2), name);
  });
  afterAll(async () => {
    await ordered.close();
    await shuffled.close();
  });

  it('gives the same call records, states and reports', async () => {
    const events = day(operators).sort((a, b) => a.at.localeCompare(b.at));
    const inOrder = await send(await edgeClient(ordered, 'federal', ['telephony'], 'pbx'), events, () => 100);
    expect(inOrder.filter((v) => v !== 'accepted')).toEqual([]);

    const r = prng(99);
    const mixed = shuffledWithDuplicates(events, 99);
    const verdicts = await send(await edgeClient(shuffled, 'federal', ['telephony'], 'pbx'), mixed, () => 1 + Math.floor(r() * 150));
    expect(verdicts.filter((v) => v !== 'accepted' && v !== 'duplicate')).toEqual([]);
    expect(verdicts.filter((v) => v === 'duplicate').length).toBe(mixed.length - events.length);
    // (the ACD has had its say: it routes as batches arrive)
    await ordered.services.cc.acd.settle();
    await shuffled.services.cc.acd.settle();

    const a = await records(ordered);
    const b = await records(shuffled);
    expect(a).toHaveLength(400);
    expect(b).toEqual(a);
    expect(new Set(a.map((x) => x.state))).toEqual(new Set(['wrap_up', 'abandoned']));
    expect(a.every((x) => x.routed_by_pbx && !x.overflowed)).toBe(true);
    expect(await reports(shuffled)).toEqual(await reports(ordered));
  });

  it('the ACD routes the calls of an edge that leaves routing to otvet, and never those its PBX routes', async () => {
    // Region 79 has nobody at work: the ACD sends its waiting calls on to the reserve at once.
    const otvetEdge = await edgeClient(ordered, 'federal', ['telephony']);
    const pbxEdge = await edgeClient(ordered, 'federal', ['telephony'], 'pbx');
    const mine = uid('otvet');
    const theirs = uid('pbx');
    await otvetEdge.post('/api/v1/telephony/events', { events: [offered(mine, '79'), event(mine, 'queued')] });
    await pbxEdge.post('/api/v1/telephony/events', { events: [offered(theirs, '79'), event(theirs, 'queued')] });
    await ordered.services.cc.acd.settle();
    const calls = await ordered.db.query<{ call_id: string; overflowed: boolean; routed_by_pbx: boolean }>('SELECT call_id, overflowed, routed_by_pbx FROM cc_calls WHERE call_id = ANY($1)', [
      [mine, theirs],
    ]);
    const by = new Map(calls.rows.map((c) => [c.call_id, c]));
    expect(by.get(mine)).toMatchObject({ overflowed: true, routed_by_pbx: false });
    expect(by.get(theirs)).toMatchObject({ overflowed: false, routed_by_pbx: true });
    // The PBX's own report of the end is taken as it is.
    const end = await pbxEdge.post('/api/v1/telephony/events', { events: [event(theirs, 'abandoned', new Date(Date.now() + 1000))] });
    expect(end.body.results[0].status).toBe('accepted');
  });
});
